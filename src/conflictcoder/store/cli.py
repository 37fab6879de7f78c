"""`conflictcoder ingest`, `conflictcoder events`, `conflictcoder stats`."""
from __future__ import annotations

import datetime as dt
import sys
import time

import click

DB_HELP = "Database: a file path, sqlite:///PATH or postgresql://USER:PASS@HOST/DB (default: $CONFLICTCODER_DB or the user data directory)."


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD")


def _open(db):
    from . import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc))


def filter_options(f):
    for opt in reversed([
        click.option("--country", help="Country name as in ACLED, e.g. Syria."),
        click.option("--admin1", help="First-level admin area, e.g. Aleppo."),
        click.option("--type", "event_type", help="ACLED event type, e.g. Battles."),
        click.option("--sub-type", "sub_event_type", help="ACLED sub-event type, e.g. 'Air/drone strike'."),
        click.option("--actor", help="Text in actor1/actor2/associated actors (case-insensitive)."),
        click.option("--since", callback=_date, help="First event date (YYYY-MM-DD)."),
        click.option("--until", callback=_date, help="Last event date (YYYY-MM-DD)."),
        click.option("--min-fatalities", type=click.IntRange(min=0), help="At least this many fatalities."),
    ]):
        f = opt(f)
    return f


def _filter(kw):
    from . import EventFilter

    return EventFilter(country=kw.get("country"), admin1=kw.get("admin1"), event_type=kw.get("event_type"),
                       sub_event_type=kw.get("sub_event_type"), actor=kw.get("actor"), since=kw.get("since"),
                       until=kw.get("until"), min_fatalities=kw.get("min_fatalities"))


def register(group: click.Group) -> None:
    @group.command("ingest")
    @click.argument("sources", nargs=-1, required=True)
    @click.option("--db", help=DB_HELP)
    @click.option("--published", callback=_date, help="Publication date for inputs that carry none (YYYY-MM-DD).")
    @click.option("--input-format", type=click.Choice(["auto", "text", "jsonl", "html", "json"]), default="auto", show_default=True)
    @click.option("--chunk", default=50, show_default=True, help="Articles per database transaction.")
    def ingest_cmd(sources, db, published, input_format, chunk):
        """Code FILES, directories, JSONL(.gz) or `-` (stdin) and store the events.

        Re-ingesting the same text is a no-op (content hash); events reported by several
        articles are merged into one incident with all its sources.
        """
        from ..api import code_article
        from ..inputs import InputError, iter_records
        from . import StoreError

        store = _open(db)
        stats = {"read": 0, "new": 0, "duplicates": 0, "events": 0, "merged": 0, "errors": 0}
        t0 = time.time()
        buf = []
        progress = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            progress = tqdm(unit="doc", desc="ingest", file=sys.stderr)

        def flush():
            if not buf:
                return
            try:
                outs = store.add_results(buf)
            except StoreError as exc:
                stats["errors"] += len(buf)
                click.echo(f"conflictcoder: {exc}", err=True)
                buf.clear()
                return
            for o in outs:
                if o.created:
                    stats["new"] += 1
                    stats["events"] += len(o.event_ids)
                    stats["merged"] += o.merged
                else:
                    stats["duplicates"] += 1
            buf.clear()

        try:
            for rec in iter_records(list(sources), input_format=input_format):
                stats["read"] += 1
                if progress is not None:
                    progress.update(1)
                if isinstance(rec, InputError):
                    stats["errors"] += 1
                    click.echo(f"conflictcoder: {rec}", err=True)
                    continue
                if published is not None and rec.published is None:
                    rec.published = published
                res = code_article(rec)
                if res.errors and not res.events:
                    click.echo(f"conflictcoder: {rec.id or 'input'}: {res.errors[0]}", err=True)
                buf.append((rec, res))
                if len(buf) >= chunk:
                    flush()
            flush()
        finally:
            if progress is not None:
                progress.close()
            store.close()
        secs = time.time() - t0
        click.echo(f"ingested {stats['read']} documents in {secs:.1f} s: {stats['new']} new, {stats['duplicates']} already stored, "
                   f"{stats['events']} events ({stats['merged']} merged into earlier reports), {stats['errors']} errors", err=True)
        if stats["errors"]:
            sys.exit(1)

    @group.command("events")
    @click.option("--db", help=DB_HELP)
    @filter_options
    @click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "acled-csv", "geojson", "parquet"]),
                  default="table", show_default=True)
    @click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file (required for parquet).")
    @click.option("--limit", type=click.IntRange(min=1), help="At most this many events (newest first).")
    @click.option("--include-rejected", is_flag=True, help="Also list events analysts marked as not an event.")
    def events_cmd(db, fmt, output, limit, include_rejected, **kw):
        """Query stored events and export them (ACLED CSV, GeoJSON for QGIS, Parquet, ...)."""
        from ..exports import write_events, write_parquet

        f = _filter(kw)
        f.include_rejected = include_rejected
        store = _open(db)
        try:
            rows = store.query_events(f, limit=limit) if limit else store.iter_events(f)
            if fmt == "parquet":
                if not output:
                    raise click.UsageError("--format parquet needs --output FILE")
                n = write_parquet(rows, output)
            elif output:
                with open(output, "w", encoding="utf-8", newline="") as fh:
                    n = write_events(rows, fmt, fh)
            else:
                n = write_events(rows, fmt, sys.stdout)
        finally:
            store.close()
        if output:
            click.echo(f"wrote {n} events to {output}", err=True)

    @group.command("stats")
    @click.option("--db", help=DB_HELP)
    @filter_options
    @click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
    def stats_cmd(db, as_json, **kw):
        """Counts of stored events by week, event type and actor."""
        import json

        store = _open(db)
        try:
            st = store.stats(_filter(kw))
            counts = store.counts()
        finally:
            store.close()
        if as_json:
            click.echo(json.dumps(dict(st, **counts), ensure_ascii=False, indent=2))
            return
        from rich.console import Console
        from rich.table import Table

        con = Console()
        con.print(f"{counts['articles']} articles, {st['events']} events, {st['fatalities']} fatalities")
        for title, rows, cols in (("By week", st["by_week"], ("week", "events", "fatalities")),
                                  ("By event type", st["by_type"], ("event_type", "events", "fatalities")),
                                  ("By actor (actor1)", st["by_actor"], ("actor", "events", "fatalities"))):
            t = Table(title=title)
            for c in cols:
                t.add_column(c)
            for r in rows:
                t.add_row(*[str(r.get(c, "")) for c in cols])
            con.print(t)
