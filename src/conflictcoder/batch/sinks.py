"""Output sinks with byte offsets, so that a checkpoint can say exactly what has been written.

- jsonl: one CodeResult JSON line per input record (like `code --format jsonl`).
- csv / acled-csv: event rows via `conflictcoder.exports.write_events` (header written once).
- parquet: event rows spooled to a checkpointed JSONL file, converted to Parquet with pyarrow
  in row groups at the end (Parquet files cannot be appended to or truncated).
- errors: one `{"id", "error"}` (or `{"id", "warning"}`) JSON line per problem.
- db: results stored through `conflictcoder.store` (if installed), one transaction per chunk.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
import typing
from typing import IO, Optional

from .worker import DocOutput


class SinkError(Exception):
    pass


class OffsetFile:
    """A binary output file whose committed length can be checkpointed and restored."""

    def __init__(self, path: Optional[str], resume_offset: Optional[int] = None):
        self.path = path
        if path is None or path == "-":
            self.path = None
            self.fh: IO[bytes] = sys.stdout.buffer
            self.offset = 0
            return
        d = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(d):
            raise SinkError(f"{path}: directory {d} does not exist")
        if resume_offset is None or (resume_offset == 0 and not os.path.exists(path)):
            self.fh = open(path, "wb")
            self.offset = 0
        else:
            try:
                size = os.path.getsize(path)
            except OSError:
                size = -1
            if size < resume_offset:
                raise SinkError(f"{path} is shorter ({max(size, 0):,} bytes) than the checkpoint says "
                                f"({resume_offset:,}); it was changed, so resume is impossible: "
                                "run again without --resume")
            self.fh = open(path, "r+b")
            self.fh.truncate(resume_offset)
            self.fh.seek(resume_offset)
            self.offset = resume_offset

    def write(self, data: bytes) -> None:
        self.fh.write(data)
        self.offset += len(data)

    def sync(self) -> int:
        self.fh.flush()
        if self.path is not None:
            os.fsync(self.fh.fileno())
        return self.offset

    def close(self) -> None:
        if self.path is not None:
            self.fh.close()
        else:
            try:
                self.fh.flush()
            except (BrokenPipeError, ValueError):
                pass


def _exports_writer():
    try:
        from ..exports import write_events  # written by another developer
    except ImportError:
        return None
    return write_events


class Sink:
    """Base: role -> OffsetFile; write_chunk(); offsets(); finalize(); close()."""

    needs_rows = False
    needs_results = False

    def __init__(self):
        self.files: dict[str, OffsetFile] = {}

    def write_chunk(self, docs: list[DocOutput], items: Optional[list] = None) -> None:  # pragma: no cover
        raise NotImplementedError

    def offsets(self) -> dict[str, int]:
        return {role: f.sync() for role, f in self.files.items() if f.path is not None}

    def finalize(self) -> None:
        pass

    def cleanup(self) -> None:
        pass

    def close(self) -> None:
        for f in self.files.values():
            f.close()


class MultiSink(Sink):
    """Several sinks fed the same chunks (e.g. --db and --output)."""

    def __init__(self, sinks: list[Sink]):
        super().__init__()
        self.sinks = sinks
        self.needs_rows = any(s.needs_rows for s in sinks)
        self.needs_results = any(s.needs_results for s in sinks)
        for s in sinks:
            self.files.update(s.files)

    def write_chunk(self, docs, items=None):
        for s in self.sinks:
            s.write_chunk(docs, items)

    def finalize(self):
        for s in self.sinks:
            s.finalize()

    def cleanup(self):
        for s in self.sinks:
            s.cleanup()

    def close(self):
        for s in self.sinks:
            s.close()


class JsonlSink(Sink):
    def __init__(self, path: Optional[str], resume: Optional[dict[str, int]]):
        super().__init__()
        self.files["output"] = OffsetFile(path, None if resume is None else resume.get("output", 0))

    def write_chunk(self, docs, items=None):
        self.files["output"].write("".join(d.line + "\n" for d in docs).encode("utf-8"))


class CsvSink(Sink):
    needs_rows = True

    def __init__(self, path: Optional[str], resume: Optional[dict[str, int]], fmt: str):
        super().__init__()
        self.write_events = _exports_writer()
        if self.write_events is None:
            raise SinkError(f"--format {fmt} needs conflictcoder.exports, which is not installed yet; "
                            "use --format jsonl")
        self.fmt = fmt
        self.files["output"] = OffsetFile(path, None if resume is None else resume.get("output", 0))
        buf = io.StringIO()
        self.write_events([], fmt, buf)
        self.header = buf.getvalue()
        self.header_written = self.files["output"].offset > 0

    def write_chunk(self, docs, items=None):
        rows = [r for d in docs for r in (d.rows or [])]
        if not rows:
            return
        buf = io.StringIO()
        self.write_events(rows, self.fmt, buf)
        text = buf.getvalue()
        if self.header_written and self.header and text.startswith(self.header):
            text = text[len(self.header):]
        self.header_written = True
        self.files["output"].write(text.encode("utf-8"))

    def finalize(self):
        if not self.header_written and self.header:
            self.files["output"].write(self.header.encode("utf-8"))
            self.header_written = True


def _parquet_schema():
    import pyarrow as pa

    from ..models import Event

    fields = [pa.field("article_id", pa.string())]
    for name, f in Event.model_fields.items():
        ann = f.annotation
        args = [a for a in typing.get_args(ann) if a is not type(None)] or [ann]
        base = args[0]
        if base is int:
            t = pa.int64()
        elif base is float:
            t = pa.float64()
        elif base is dt.date:
            t = pa.date32()
        elif base is str:
            t = pa.string()
        else:  # lists of evidence/claims/warnings: JSON text
            t = pa.string()
        fields.append(pa.field(name, t))
    return pa.schema(fields)


class ParquetSink(Sink):
    needs_rows = True
    ROW_GROUP = 20_000

    def __init__(self, path: str, resume: Optional[dict[str, int]]):
        super().__init__()
        if not path or path == "-":
            raise SinkError("--format parquet needs --output FILE (Parquet cannot be streamed to stdout)")
        try:
            import pyarrow  # noqa: F401
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise SinkError("--format parquet needs pyarrow; pip install pyarrow") from None
        self.path = path
        self.spool_path = path + ".spool.jsonl"
        self.files["spool"] = OffsetFile(self.spool_path, None if resume is None else resume.get("spool", 0))

    def write_chunk(self, docs, items=None):
        rows = [r for d in docs for r in (d.rows or [])]
        if rows:
            self.files["spool"].write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8"))

    def finalize(self):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.files["spool"].sync()
        schema = _parquet_schema()
        names = schema.names
        conv = {f.name: f.type for f in schema}
        tmp = self.path + ".tmp"

        def flush(batch, writer):
            cols = {n: [] for n in names}
            for r in batch:
                for n in names:
                    v = r.get(n)
                    if isinstance(v, (list, dict)):
                        v = json.dumps(v, ensure_ascii=False)
                    elif v is not None and conv[n] == pa.date32() and isinstance(v, str):
                        v = dt.date.fromisoformat(v)
                    cols[n].append(v)
            writer.write_table(pa.table(cols, schema=schema))

        with pq.ParquetWriter(tmp, schema) as writer, open(self.spool_path, "rb") as fh:
            batch = []
            for line in fh:
                batch.append(json.loads(line))
                if len(batch) >= self.ROW_GROUP:
                    flush(batch, writer)
                    batch = []
            if batch:
                flush(batch, writer)
        os.replace(tmp, self.path)

    def cleanup(self):
        try:
            os.remove(self.spool_path)
        except OSError:
            pass


class StoreSink(Sink):
    """Stores articles with their CodeResults through conflictcoder.store, one transaction per chunk.

    Contract used (duck-typed): `conflictcoder.store.open_store(url)` returns an object with
    `add_results(pairs)` taking a list of (Article or None, CodeResult) and storing them in one
    transaction, idempotently (same content hash = no duplicate rows), and `close()`.
    """

    needs_results = True

    def __init__(self, url: str):
        super().__init__()
        try:
            from .. import store
        except ImportError:
            raise SinkError("--db needs conflictcoder.store, which is not installed yet") from None
        opener = getattr(store, "open_store", None)
        if opener is None:
            raise SinkError("conflictcoder.store has no open_store(url); cannot use --db")
        try:
            self.db = opener(url)
        except Exception as exc:
            raise SinkError(f"cannot open the database {url}: {type(exc).__name__}: {exc}") from None
        self._add = getattr(self.db, "add_results", None)
        if self._add is None:
            raise SinkError("the store has no add_results(pairs); cannot use --db")

    def write_chunk(self, docs, items=None):
        from ..inputs import InputError
        from ..models import CodeResult

        arts = {}
        for idx, rec, _w in items or []:
            if not isinstance(rec, InputError):
                arts[idx] = rec
        pairs = [(arts.get(d.index), CodeResult.model_validate(d.result)) for d in docs
                 if d.result is not None and d.index in arts]
        if pairs:
            self._add(pairs)

    def close(self):
        super().close()
        close = getattr(self.db, "close", None)
        if close:
            close()


class ErrorSink:
    """Per-document errors and input warnings: a JSONL file, or one-line messages on stderr."""

    STDERR_CAP = 50

    def __init__(self, path: Optional[str], resume_offset: Optional[int]):
        self.file = OffsetFile(path, resume_offset) if path else None
        self.shown = 0
        self.hidden = 0
        self.echo = lambda line: sys.stderr.write(line + "\n")  # replaced by the progress bar's writer

    def write(self, doc_id: Optional[str], kind: str, message: str) -> None:
        if self.file is not None:
            self.file.write((json.dumps({"id": doc_id, kind: message}, ensure_ascii=False) + "\n").encode("utf-8"))
        elif self.shown < self.STDERR_CAP:
            self.shown += 1
            self.echo(f"conflictcoder: {doc_id}: {message}" if kind == "error"
                      else f"conflictcoder: {doc_id}: warning: {message}")
        else:
            self.hidden += 1

    def sync(self) -> Optional[int]:
        return self.file.sync() if self.file is not None else None

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
