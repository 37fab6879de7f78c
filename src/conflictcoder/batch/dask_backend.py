"""Run batch chunks on a Dask distributed cluster (`--dask local` or `--dask tcp://host:8786`).

Records are read lazily by the client and sent as chunks with a bounded number of tasks in
flight (so memory stays flat and nothing is materialised up front). Each worker process loads
the pipeline once: `conflictcoder.batch.worker` keeps it in a module-level singleton, warmed
on every worker with `client.run` before the first task. Results come back in input order,
so the output is byte-identical to the multiprocess run.
"""
from __future__ import annotations

import collections
import logging
from typing import Iterator

from ..inputs import InputError
from .worker import DocOutput, Item, WorkerOptions, code_chunk, code_one, get_coder


class DaskBackend:
    name = "dask"

    def __init__(self, address: str, workers: int, opts: WorkerOptions):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            from .runner import BatchError

            raise BatchError("--dask needs dask[distributed]; pip install 'dask[distributed]'") from None
        self.opts = opts
        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(address, timeout="20s")
            except (OSError, TimeoutError) as exc:
                from .runner import BatchError

                raise BatchError(f"cannot connect to the Dask scheduler at {address} ({exc})") from None
        info = self.client.scheduler_info()
        self.workers = max(1, len(info.get("workers", {})) or workers)
        # load the pipeline once per worker, up front and in parallel
        self.client.run(get_coder, opts.coder)

    def _isolate(self, chunk: list[Item]) -> list[DocOutput]:
        out = []
        for item in chunk:
            try:
                out.extend(self.client.submit(code_chunk, [item], self.opts, pure=False).result())
            except Exception as exc:  # KilledWorker, lost worker...
                idx, rec, warnings = item
                doc_id = rec.doc_id if isinstance(rec, InputError) else rec.id
                out.append(code_one((idx, InputError(doc_id, f"Dask task failed on this document "
                                                             f"({type(exc).__name__}); it was skipped"),
                                     warnings), self.opts))
        return out

    def map_ordered(self, chunks: Iterator[list[Item]], max_in_flight: int) -> Iterator[list[DocOutput]]:
        pending: collections.deque = collections.deque()

        def head() -> list[DocOutput]:
            chunk, fut = pending.popleft()
            try:
                return fut.result()
            except Exception:
                return self._isolate(chunk)

        for chunk in chunks:
            pending.append((chunk, self.client.submit(code_chunk, chunk, self.opts, pure=False)))
            while len(pending) >= max_in_flight:
                yield head()
        while pending:
            yield head()

    def close(self, cancel: bool = False) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
