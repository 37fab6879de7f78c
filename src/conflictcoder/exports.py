"""Event exports: table, JSONL, CSV (ACLED columns + extensions), ACLED CSV, GeoJSON, Parquet.

Every writer takes an iterable of event rows (``Event`` objects or their ``model_dump(mode="json")``
dicts, optionally with extra keys such as ``article_id``, ``id`` or ``n_sources``) and streams them.

- ``acled-csv`` has exactly ACLED's export columns, in ACLED's order, so that tools written for
  ACLED downloads read it unchanged. ``event_id_cnty`` is the event id; ``timestamp`` the UNIX time
  of the export.
- ``csv`` has the ACLED columns followed by the UCDP-style extensions (low/best/high, deaths by side,
  wounded, captured, ...) and any extra keys (``id``, ``article_id``, ``n_sources``).
- ``geojson`` is a FeatureCollection of Point features (events without coordinates are left out and
  counted in ``skipped_without_coordinates``), readable by QGIS and geopandas.
- ``jsonl`` is one full event (with evidence and claims) per line.
- ``parquet`` (``write_parquet``) has the ``csv`` columns with proper types.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import time
from typing import IO, Any, Iterable, Iterator, Union

from .models import ACLED_COLUMNS, EXTENSION_COLUMNS, Event

FORMATS = ("table", "jsonl", "csv", "acled-csv", "geojson", "parquet")
TEXT_FORMATS = FORMATS[:-1]

Row = Union[Event, dict]

# Columns whose values are lists/dicts; flattened for CSV.
_LIST_COLUMNS = {"warnings", "evidence", "claims"}
_EXTRA_FIRST = ("id", "article_id", "n_sources", "corrected", "rejected")
_TABLE_COLUMNS = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                  "location", "fatalities", "fatalities_low", "fatalities_high"]
_INT_COLUMNS = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                "fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "deaths_a", "deaths_b",
                "deaths_civilians", "deaths_unknown", "wounded", "captured", "geonameid", "n_sources"}
_FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}


def _as_dict(row: Row) -> dict:
    if isinstance(row, Event):
        return row.model_dump(mode="json")
    if hasattr(row, "model_dump"):
        return row.model_dump(mode="json")  # type: ignore[union-attr]
    return dict(row)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return "; ".join(value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _acled_row(d: dict, timestamp: int) -> list:
    out = []
    for col in ACLED_COLUMNS:
        if col == "event_id_cnty":
            out.append(d.get("event_id_cnty") or d.get("id") or d.get("event_id") or "")
        elif col == "timestamp":
            out.append(d.get("timestamp") or timestamp)
        else:
            out.append(_cell(d.get(col)))
    return out


def csv_columns(extra: Iterable[str] = ()) -> list[str]:
    """Column order of the ``csv`` format (ACLED columns, extensions, then extra keys)."""
    cols = list(ACLED_COLUMNS) + [c for c in EXTENSION_COLUMNS if c not in ACLED_COLUMNS]
    for k in extra:
        if k not in cols:
            cols.append(k)
    return cols


def _extra_keys(d: dict) -> list[str]:
    known = set(ACLED_COLUMNS) | set(EXTENSION_COLUMNS) | set(Event.model_fields)
    return [k for k in _EXTRA_FIRST if k in d] + sorted(
        k for k in d if k not in known and k not in _EXTRA_FIRST and not isinstance(d[k], (list, dict)))


def _peek(rows: Iterable[Row]) -> tuple[Union[dict, None], Iterator[dict]]:
    it = (_as_dict(r) for r in rows)
    first = next(it, None)

    def chain() -> Iterator[dict]:
        if first is not None:
            yield first
        yield from it

    return first, chain()


def write_events(rows: Iterable[Row], fmt: str, stream: IO[str], *, header: bool = True) -> int:
    """Write event rows to a text stream in `fmt`; returns the number of events written."""
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        n = 0
        for r in rows:
            stream.write(json.dumps(_as_dict(r), ensure_ascii=False, default=str) + "\n")
            n += 1
        return n
    if fmt == "geojson":
        return _write_geojson(rows, stream)
    if fmt == "table":
        return _write_table(rows, stream)
    writer = csv.writer(stream, lineterminator="\n")
    if fmt == "acled-csv":
        ts = int(time.time())
        if header:
            writer.writerow(ACLED_COLUMNS)
        n = 0
        for r in rows:
            writer.writerow(_acled_row(_as_dict(r), ts))
            n += 1
        return n
    # csv: ACLED + extensions + extras found in the first row
    first, it = _peek(rows)
    cols = csv_columns(_extra_keys(first) if first else [])
    ts = int(time.time())
    if header:
        writer.writerow(cols)
    n = 0
    for d in it:
        base = _acled_row(d, ts)
        rest = [_cell(d.get(c)) for c in cols[len(ACLED_COLUMNS):]]
        writer.writerow(base + rest)
        n += 1
    return n


def _write_table(rows: Iterable[Row], stream: IO[str]) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    first, it = _peek(rows)
    cols = (["id"] if first and "id" in first else []) + _TABLE_COLUMNS
    for c in cols:
        table.add_column(c, overflow="fold")
    n = 0
    for d in it:
        table.add_row(*[str(_cell(d.get(c))) for c in cols])
        n += 1
    console = Console(file=stream, width=200 if not getattr(stream, "isatty", lambda: False)() else None)
    console.print(table)
    return n


def to_feature(d: dict) -> Union[dict, None]:
    """One event row as a GeoJSON Point feature (None without coordinates)."""
    lat, lon = d.get("latitude"), d.get("longitude")
    if lat is None or lon is None or lat == "" or lon == "":
        return None
    props = {k: v for k, v in d.items() if k not in ("evidence", "claims")}
    if isinstance(props.get("warnings"), list):
        props["warnings"] = "; ".join(props["warnings"])
    return {"type": "Feature", "id": d.get("id") or d.get("event_id"),
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": props}


def _write_geojson(rows: Iterable[Row], stream: IO[str]) -> int:
    n = skipped = 0
    stream.write('{"type": "FeatureCollection", "features": [\n')
    for r in rows:
        feat = to_feature(_as_dict(r))
        if feat is None:
            skipped += 1
            continue
        stream.write((",\n" if n else "") + json.dumps(feat, ensure_ascii=False, default=str))
        n += 1
    stream.write(f'\n], "skipped_without_coordinates": {skipped}}}\n')
    return n


def _typed(col: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if col in _INT_COLUMNS:
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    if col in _FLOAT_COLUMNS:
        try:
            return float(value)
        except (TypeError, ValueError):
            return None
    if col in ("event_date",):
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return str(_cell(value))


def write_parquet(rows: Iterable[Row], path: str, *, batch_size: int = 50_000) -> int:
    """Write event rows to a Parquet file (``csv`` columns, typed). Streams in row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    first, it = _peek(rows)
    cols = csv_columns(_extra_keys(first) if first else [])
    fields = []
    for c in cols:
        if c in _INT_COLUMNS or c == "timestamp":
            fields.append(pa.field(c, pa.int64()))
        elif c in _FLOAT_COLUMNS:
            fields.append(pa.field(c, pa.float64()))
        elif c == "event_date":
            fields.append(pa.field(c, pa.date32()))
        else:
            fields.append(pa.field(c, pa.string()))
    schema = pa.schema(fields)
    ts = int(time.time())
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict] = []

        def flush() -> None:
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch.clear()

        for d in it:
            row = {}
            for c in cols:
                if c == "event_id_cnty":
                    row[c] = str(d.get("event_id_cnty") or d.get("id") or d.get("event_id") or "") or None
                elif c == "timestamp":
                    row[c] = ts
                else:
                    row[c] = _typed(c, d.get(c))
            batch.append(row)
            n += 1
            if len(batch) >= batch_size:
                flush()
        flush()
    return n
