"""The batch runner: stream records -> chunks -> workers (processes or Dask) -> ordered sinks.

Memory is bounded by `max_in_flight` chunks, whatever the corpus size. Results are written in
input order; after each written chunk (at most once per `checkpoint_every` seconds) the
outputs are fsync'd and a checkpoint is saved, so `--resume` continues exactly once.
"""
from __future__ import annotations

import collections
import dataclasses
import importlib
import itertools
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Iterator, Optional

from ..inputs import MAX_CHARS, InputError, iter_records
from ..models import Article, CodeResult
from . import checkpoint as ckpt
from .sinks import CsvSink, ErrorSink, JsonlSink, MultiSink, ParquetSink, Sink, SinkError, StoreSink
from .worker import DEFAULT_CODER, DocOutput, Item, WorkerOptions, code_chunk, code_one, get_coder, init_worker

FORMATS = ("jsonl", "acled-csv", "csv", "parquet")


class BatchError(Exception):
    """A setup problem (bad options, unreadable checkpoint...): one line, exit 1."""


class BatchInterrupted(Exception):
    """Ctrl-C / SIGTERM: the checkpoint is saved; run again with --resume."""


@dataclass
class BatchOptions:
    inputs: list[str]
    input_format: str = "auto"
    output: Optional[str] = None  # None or "-" = stdout
    fmt: str = "jsonl"
    workers: Optional[int] = None  # None = number of cores; 0 = in this process
    resume: bool = False
    errors: Optional[str] = None
    dask: Optional[str] = None  # "local" or "tcp://host:port"
    db: Optional[str] = None
    chunk_size: Optional[int] = None  # documents per task; None = 64 (processes) or 256 (Dask)
    published: Optional[object] = None  # date override
    lang: Optional[str] = None  # "de"/"en" override; None/"auto" = detect
    max_chars: Optional[int] = MAX_CHARS
    on_oversize: str = "truncate"
    progress: Optional[bool] = None  # None = only when stderr is a TTY
    checkpoint_every: float = 1.0  # seconds between checkpoints
    coder: str = DEFAULT_CODER
    max_in_flight: Optional[int] = None


@dataclass
class Summary:
    documents: int = 0  # records written in total (including earlier runs when resuming)
    new_documents: int = 0  # records written by this run
    skipped: int = 0  # records skipped because an earlier run wrote them
    events: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    startup_seconds: float = 0.0  # options, checkpoint, backend creation
    first_output_seconds: float = 0.0  # until the first chunk was written (includes worker warm-up)
    steady_seconds: float = 0.0  # from the first written chunk to the last
    steady_documents: int = 0  # documents written after the first chunk

    @property
    def docs_per_second(self) -> float:
        return self.new_documents / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        extra = f" ({self.skipped:,} done by an earlier run)" if self.skipped else ""
        return (f"conflictcoder batch: {self.documents:,} documents{extra}, {self.events:,} events, "
                f"{self.errors:,} errors, {self.seconds:.1f} s, {self.docs_per_second:.1f} docs/s")


# --------------------------------------------------------------------------------------
# Backends: ordered, bounded parallel map over chunks
# --------------------------------------------------------------------------------------


class InProcessBackend:
    name = "in-process"

    def __init__(self, opts: WorkerOptions):
        self.opts = opts
        get_coder(opts.coder)

    def map_ordered(self, chunks: Iterator[list[Item]], max_in_flight: int) -> Iterator[list[DocOutput]]:
        for chunk in chunks:
            yield code_chunk(chunk, self.opts)

    def close(self, cancel: bool = False) -> None:
        pass


class ProcessBackend:
    """A process pool; a worker that dies (segfault, OOM kill) costs only the document that killed it."""

    name = "processes"

    def __init__(self, workers: int, opts: WorkerOptions):
        self.workers = workers
        self.opts = opts
        methods = mp.get_all_start_methods()
        # fork: workers start fast and share the parent's imported modules
        self.ctx = mp.get_context("fork" if "fork" in methods else None)
        self.restarts = 0
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=self.ctx,
                                   initializer=init_worker, initargs=(self.opts,))
        # with fork, the first submit forks every worker: do it now, before the progress
        # threads exist, so that no child inherits a lock held by another thread
        pool.submit(os.getpid)
        return pool

    def _restart(self) -> None:
        try:
            self.pool.shutdown(wait=False, cancel_futures=True)
        except Exception:
            pass
        self.pool = self._new_pool()

    def _submit(self, chunk: list[Item]):
        try:
            return self.pool.submit(code_chunk, chunk, self.opts)
        except BrokenProcessPool:
            return None

    def _isolate(self, chunk: list[Item]) -> list[DocOutput]:
        """Code a chunk one document at a time so that a crashing document is pinned down."""
        out = []
        for item in chunk:
            fut = self._submit([item])
            try:
                if fut is None:
                    raise BrokenProcessPool
                out.extend(fut.result())
            except BrokenProcessPool:
                self._restart()
                idx, rec, warnings = item
                doc_id = rec.doc_id if isinstance(rec, InputError) else rec.id
                out.append(code_one((idx, InputError(doc_id, "worker process crashed while coding this "
                                                             "document (it was skipped)"), warnings), self.opts))
        return out

    def map_ordered(self, chunks: Iterator[list[Item]], max_in_flight: int) -> Iterator[list[DocOutput]]:
        pending: collections.deque = collections.deque()

        def head() -> list[DocOutput]:
            chunk, fut = pending[0]
            try:
                if fut is None:
                    raise BrokenProcessPool
                res = fut.result()
            except BrokenProcessPool:
                self.restarts += 1
                self._restart()
                res = self._isolate(chunk)
                for i in range(1, len(pending)):
                    pending[i] = (pending[i][0], self._submit(pending[i][0]))
            pending.popleft()
            return res

        for chunk in chunks:
            pending.append((chunk, self._submit(chunk)))
            while len(pending) >= max_in_flight:
                yield head()
        while pending:
            yield head()

    def close(self, cancel: bool = False) -> None:
        if cancel:
            procs = list((getattr(self.pool, "_processes", None) or {}).values())
            self.pool.shutdown(wait=False, cancel_futures=True)
            for p in procs:  # our own workers only
                try:
                    p.terminate()
                except Exception:
                    pass
        else:
            self.pool.shutdown(wait=True)


def make_backend(o: BatchOptions, wopts: WorkerOptions):
    workers = o.workers if o.workers is not None else (os.cpu_count() or 1)
    if o.dask:
        from .dask_backend import DaskBackend

        return DaskBackend(o.dask, max(1, workers), wopts)
    if workers == 0:
        return InProcessBackend(wopts)
    return ProcessBackend(workers, wopts)


# --------------------------------------------------------------------------------------
# Progress
# --------------------------------------------------------------------------------------


def _estimate_total(sources: list[str], input_format: str) -> Optional[int]:
    """Rough number of records (JSONL lines, files), for the ETA. None if unknown (stdin)."""
    import gzip

    from ..inputs import _kind_of, _walk

    total = 0
    for src in sources:
        if src == "-":
            return None
        paths = list(_walk(src)) if os.path.isdir(src) else [src]
        for p in paths:
            if _kind_of(p, input_format) != "jsonl":
                total += 1
                continue
            try:
                opener = gzip.open if p.lower().endswith(".gz") else open
                with opener(p, "rb") as fh:
                    last = b"\n"
                    while True:
                        block = fh.read(1 << 20)
                        if not block:
                            break
                        total += block.count(b"\n")
                        last = block[-1:]
                    if last != b"\n":
                        total += 1
            except (OSError, EOFError):
                pass
    return total


class Progress:
    def __init__(self, enabled: bool, o: BatchOptions, initial: int):
        self.bar = None
        if not enabled:
            return
        from tqdm import tqdm

        try:
            cols = os.get_terminal_size(sys.stderr.fileno()).columns
        except (OSError, ValueError):
            cols = 0
        # a terminal that reports no width (e.g. a fresh pty) still gets a bar
        sized = {"dynamic_ncols": True} if cols > 0 else {"ncols": 100, "nrows": 24}
        self.bar = tqdm(total=None, initial=initial, unit="doc", file=sys.stderr, smoothing=0.1,
                        desc="coding", mininterval=0.25, **sized)
        # count records in the background so that the ETA appears without delaying the start
        t = threading.Thread(target=self._count, args=(o,), daemon=True)
        t.start()

    def _count(self, o: BatchOptions) -> None:
        try:
            total = _estimate_total(o.inputs, o.input_format)
        except Exception:
            total = None
        if total is not None and self.bar is not None:
            self.bar.total = max(total, self.bar.n)
            self.bar.refresh()

    def update(self, n: int, events: int, errors: int) -> None:
        if self.bar is not None:
            self.bar.set_postfix(events=events, errors=errors, refresh=False)
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# --------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------


def _check_coder(spec: str) -> None:
    mod_name, _, attr = spec.partition(":")
    try:
        mod = importlib.import_module(mod_name)
    except ImportError as exc:
        raise BatchError(f"cannot import coder module {mod_name!r} ({exc})") from None
    if not callable(getattr(mod, attr or "code_article", None)):
        raise BatchError(f"coder {spec!r} is not a function")


def _make_sink(o: BatchOptions, resume: Optional[dict[str, int]]) -> Sink:
    if o.db:
        store = StoreSink(o.db)
        if o.output in (None, "-"):
            return store
        return MultiSink([store, _file_sink(o, resume)])
    return _file_sink(o, resume)


def _file_sink(o: BatchOptions, resume: Optional[dict[str, int]]) -> Sink:
    if o.fmt == "jsonl":
        return JsonlSink(o.output, resume)
    if o.fmt in ("csv", "acled-csv"):
        return CsvSink(o.output, resume, o.fmt)
    if o.fmt == "parquet":
        return ParquetSink(o.output or "-", resume)
    raise BatchError(f"unknown format {o.fmt!r}; use one of {', '.join(FORMATS)}")


def _records(o: BatchOptions, skip: int) -> Iterator[Item]:
    """(index, Article|InputError, warnings) for each input record after the first `skip`."""
    pending_warnings: list[str] = []

    def warn(doc_id: str, message: str) -> None:
        pending_warnings.append(message)

    overrides: dict = {}
    if o.published is not None:
        overrides["published"] = o.published
    if o.lang and o.lang != "auto":
        overrides["lang"] = o.lang
    recs = iter_records(o.inputs, o.input_format, max_chars=o.max_chars, on_oversize=o.on_oversize, warn=warn,
                        skip=skip)
    for idx, rec in enumerate(recs, start=skip):
        warnings = pending_warnings[:]
        pending_warnings.clear()
        if overrides and isinstance(rec, Article):
            rec = rec.model_copy(update=overrides)
        yield idx, rec, warnings


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while True:
        chunk = list(itertools.islice(items, size))
        if not chunk:
            return
        yield chunk


def run_batch(o: BatchOptions) -> Summary:
    """Run a batch job. Raises BatchError for setup problems, BatchInterrupted on Ctrl-C/SIGTERM."""
    t0 = time.perf_counter()
    if o.fmt not in FORMATS:
        raise BatchError(f"unknown format {o.fmt!r}; use one of {', '.join(FORMATS)}")
    if o.chunk_size is None:
        # bigger tasks for Dask: its per-task overhead (~10 ms) must stay small against the work
        o = dataclasses.replace(o, chunk_size=256 if o.dask else 64)
    if o.chunk_size < 1:
        raise BatchError("--chunk-size must be at least 1")
    if o.workers is not None and o.workers < 0:
        raise BatchError("--workers must be 0 (in this process) or more")
    ck_base = None if o.output in (None, "-") else o.output
    if o.resume and ck_base is None:
        raise BatchError("--resume needs --output FILE (the checkpoint lives next to it)")
    _check_coder(o.coder)

    fp = ckpt.fingerprint(o.inputs, input_format=o.input_format, fmt=o.fmt, db=o.db,
                          published=o.published, lang=o.lang, max_chars=o.max_chars, on_oversize=o.on_oversize)
    ck_path = ckpt.path_for(ck_base) if ck_base else None
    ck: Optional[ckpt.Checkpoint] = None
    if o.resume and ck_path:
        try:
            ck = ckpt.load(ck_path)
        except ckpt.CheckpointError as exc:
            raise BatchError(str(exc)) from None
        if ck is not None and ck.fingerprint != fp:
            raise BatchError(f"checkpoint {ck_path} was written for other inputs or options; use the same "
                             "ones, or run without --resume to start over")
        if ck is None and o.output and os.path.exists(o.output):
            sys.stderr.write(f"conflictcoder: no checkpoint for {o.output}; starting from the beginning\n")
    if not o.resume and ck_path and os.path.exists(ck_path):
        try:
            old = ckpt.load(ck_path)
        except ckpt.CheckpointError:
            old = None
        if old is not None and not old.complete and old.records > 0:
            raise BatchError(f"{o.output} has an unfinished run ({old.records:,} documents done); use --resume "
                             f"to continue it, or delete {ck_path} to start over")
    if ck is None:
        ck = ckpt.Checkpoint(fingerprint=fp)
        resume_offsets = None
    else:
        resume_offsets = dict(ck.offsets)

    summary = Summary(documents=ck.records, skipped=ck.records, events=ck.events, errors=ck.errors,
                      warnings=ck.warnings)
    try:
        sink = _make_sink(o, resume_offsets)
        errsink = ErrorSink(o.errors, None if resume_offsets is None else resume_offsets.get("errors", 0))
    except (SinkError, OSError) as exc:
        raise BatchError(str(exc)) from None

    def save(complete: bool = False, finalized: bool = False) -> None:
        offs = sink.offsets()
        e = errsink.sync()
        if e is not None:
            offs["errors"] = e
        if ck_path is None:
            return
        ck.records, ck.offsets = summary.documents, offs
        ck.events, ck.errors, ck.warnings = summary.events, summary.errors, summary.warnings
        ck.complete, ck.finalized = complete, finalized
        ckpt.save(ck_path, ck)

    if ck.complete:
        # an earlier run finished: only redo the final step if it was interrupted
        try:
            if not ck.finalized:
                sink.finalize()
                save(complete=True, finalized=True)
        finally:
            sink.close()
            errsink.close()
        summary.seconds = time.perf_counter() - t0
        return summary

    if ck_path and not o.resume:
        save()  # a fresh checkpoint: a kill before the first chunk resumes from zero

    wopts = WorkerOptions(coder=o.coder, rows=sink.needs_rows, results=sink.needs_results)
    show = o.progress if o.progress is not None else sys.stderr.isatty()
    progress = None
    backend = None
    old_term = None
    consistent = True
    try:
        if threading.current_thread() is threading.main_thread():
            def _term(signum, frame):
                raise KeyboardInterrupt

            old_term = signal.signal(signal.SIGTERM, _term)
        backend = make_backend(o, wopts)
        n_workers = getattr(backend, "workers", 1)
        # enough chunks in flight to keep every worker busy (more for Dask: scheduler latency)
        max_in_flight = o.max_in_flight or max(2, (4 if o.dask else 2) * n_workers + 1)
        summary.startup_seconds = time.perf_counter() - t0
        progress = Progress(show, o, summary.documents)
        if progress.bar is not None:
            errsink.echo = lambda line: progress.bar.write(line, file=sys.stderr)
        last_save = time.monotonic()
        t_first = t0
        in_flight: collections.deque = collections.deque()

        def remember(chunks):
            for chunk in chunks:
                in_flight.append(chunk)
                yield chunk

        chunks = remember(_chunks(_records(o, ck.records), o.chunk_size))
        for docs in backend.map_ordered(chunks, max_in_flight):
            items = in_flight.popleft()  # backends return chunks in submission order
            consistent = False
            sink.write_chunk(docs, items)
            n_ev = n_err = 0
            for d in docs:
                for w in d.warnings:
                    errsink.write(d.doc_id, "warning", w)
                if d.errors:
                    errsink.write(d.doc_id, "error", "; ".join(d.errors))
                    n_err += 1
                n_ev += d.n_events
                summary.warnings += len(d.warnings)
            if not summary.new_documents:
                t_first = time.perf_counter()
                summary.first_output_seconds = t_first - t0
            else:
                summary.steady_documents += len(docs)
                summary.steady_seconds = time.perf_counter() - t_first
            summary.documents += len(docs)
            summary.new_documents += len(docs)
            summary.events += n_ev
            summary.errors += n_err
            consistent = True
            progress.update(len(docs), summary.events, summary.errors)
            now = time.monotonic()
            if now - last_save >= o.checkpoint_every:
                save()
                last_save = now
        backend.close()
        backend = None
        save(complete=True)
        sink.finalize()
        save(complete=True, finalized=True)
        sink.cleanup()
    except KeyboardInterrupt:
        if backend is not None:
            backend.close(cancel=True)
            backend = None
        if consistent:
            try:
                save()
            except Exception:
                pass
        raise BatchInterrupted(f"interrupted after {summary.documents:,} documents"
                               + ("; run again with --resume to continue" if ck_path else "")) from None
    except SinkError as exc:
        raise BatchError(str(exc)) from None
    finally:
        if backend is not None:
            backend.close(cancel=True)
        if progress is not None:
            progress.close()
        sink.close()
        errsink.close()
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    if errsink.hidden:
        sys.stderr.write(f"conflictcoder: {errsink.hidden:,} more errors not shown; use --errors FILE\n")
    summary.seconds = time.perf_counter() - t0
    return summary
