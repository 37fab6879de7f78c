"""Worker-side code: one coder per process (a module-level singleton), chunks in, lines out.

The same functions run in multiprocessing workers and in Dask workers. The pipeline (lexicons,
gazetteer, NLP models) is loaded once per process on the first chunk (or in the pool
initializer) and cached in this module's globals, never per task.
"""
from __future__ import annotations

import importlib
import json
import os
import signal
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Union

from ..inputs import InputError
from ..models import Article, CodeResult

DEFAULT_CODER = "conflictcoder.api:code_article"
WARM_TEXT = "Two people were killed in an attack on Monday, police said."

# per-process singletons
_CODERS: dict[str, Callable[[Article], CodeResult]] = {}
_WARM_SECONDS: dict[str, float] = {}


@dataclass(frozen=True)
class WorkerOptions:
    coder: str = DEFAULT_CODER  # "module:function" taking an Article, returning a CodeResult
    rows: bool = False  # also return event rows (csv/acled-csv/parquet/db)
    results: bool = False  # also return the CodeResult as a dict (store)


@dataclass
class DocOutput:
    """What the writer needs for one input record (plain data: cheap to pickle)."""

    index: int
    doc_id: Optional[str]
    line: str  # the CodeResult as one JSON line (no newline)
    n_events: int
    errors: list[str]
    warnings: list[str] = field(default_factory=list)
    rows: Optional[list[dict]] = None
    result: Optional[dict] = None


# A chunk item: (input index, Article or InputError, input warnings)
Item = tuple[int, Union[Article, InputError], list[str]]


def get_coder(spec: str = DEFAULT_CODER) -> Callable[[Article], CodeResult]:
    """The coder for this process, loaded and warmed once."""
    fn = _CODERS.get(spec)
    if fn is None:
        mod_name, _, attr = spec.partition(":")
        fn = getattr(importlib.import_module(mod_name), attr or "code_article")
        t0 = time.perf_counter()
        try:
            fn(Article(id="warm-up", text=WARM_TEXT, lang="en"))
        except Exception:  # a broken pipeline reports per document, not here
            pass
        _WARM_SECONDS[spec] = time.perf_counter() - t0
        _CODERS[spec] = fn
    return fn


def init_worker(opts: WorkerOptions) -> None:
    """Pool initializer: leave Ctrl-C to the parent, load and warm the pipeline once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker must not inherit the parent's handler
    get_coder(opts.coder)


def worker_info(spec: str = DEFAULT_CODER) -> dict[str, Any]:
    """Process id, peak RSS and warm-up time of this worker (for benchmarks)."""
    import resource

    get_coder(spec)
    return {"pid": os.getpid(), "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "warm_seconds": _WARM_SECONDS.get(spec)}


def code_one(item: Item, opts: WorkerOptions, coder=None) -> DocOutput:
    index, rec, warnings = item
    if isinstance(rec, InputError):
        res = CodeResult(id=rec.doc_id, lang=None, errors=[rec.message])
    else:
        coder = coder or get_coder(opts.coder)
        try:
            res = coder(rec)
        except Exception as exc:  # never let one document stop a batch
            msg = " ".join(str(exc).split())[:300]
            res = CodeResult(id=rec.id, lang=None, errors=[f"internal error while coding: {type(exc).__name__}: {msg}"])
        if res.id is None and rec.id is not None:
            res.id = rec.id
    data = res.model_dump(mode="json")
    out = DocOutput(index=index, doc_id=res.id, line=json.dumps(data, ensure_ascii=False),
                    n_events=len(res.events), errors=[" ".join(e.split()) for e in res.errors],
                    warnings=list(warnings))
    if opts.rows:
        rows = []
        for ev in data["events"]:
            ev = dict(ev)
            ev["article_id"] = res.id
            rows.append(ev)
        out.rows = rows
    if opts.results:
        out.result = data
    return out


def code_chunk(items: list[Item], opts: WorkerOptions) -> list[DocOutput]:
    coder = get_coder(opts.coder)
    return [code_one(it, opts, coder) for it in items]
