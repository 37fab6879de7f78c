"""Run batch chunks on a Dask distributed cluster (`--dask local` or `--dask tcp://host:8786`).

Records are read lazily by the client and sent as chunks with a bounded number of tasks in
flight (so memory stays flat and nothing is materialised up front). Each worker process loads
the pipeline once: `conflictcoder.batch.worker` keeps it in a module-level singleton, warmed
on every worker with `client.run` before the first task. Results come back in input order,
so the output is byte-identical to the multiprocess run.

Where the time goes, and what keeps the overhead against the plain process pool small:

- Task payloads travel as one opaque `bytes` blob each way. A chunk is pickled once by the
  client and unpickled once by the worker; the result list is pickled once by the worker and
  unpickled once by the client (as with the process pool). Passed as Python objects instead,
  the chunk's Articles would be walked by `submit`, pickled into the graph, unpickled by the
  scheduler and pickled again for the worker, and the results decoded on the client's event
  loop: with a LocalCluster the scheduler and the client share the parent process, and on a
  2-core machine every CPU second spent there is taken from a worker.
- With a LocalCluster the client fetches results straight from the workers
  (`direct_to_workers`) instead of relaying them through the scheduler.
- Workers run with Dask's statistical profiler off (it samples the task thread every 10 ms
  and competes with it for the GIL); one single-threaded worker process per core.
"""
from __future__ import annotations

import collections
import logging
import pickle
from typing import Iterator

from ..inputs import InputError
from .worker import DocOutput, Item, WorkerOptions, code_chunk, code_one, get_coder

_PROTOCOL = pickle.HIGHEST_PROTOCOL

# Dask settings for the LocalCluster we start ourselves (the nannies pass them on to the worker
# processes). Dask's housekeeping timers are tuned for interactive, dashboard-watched clusters:
# on an idle 2-worker LocalCluster they cost ~4% of a core in the client process (which also
# hosts the scheduler and the nannies) and ~3% in each worker, and far more in a busy worker,
# where the profiler walks the deep coder stack 100 times a second. A batch job needs none of it.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,  # statistical profiler (every 10 ms)
    "distributed.admin.tick.interval": "1s",  # event-loop health check (every 20 ms)
    "distributed.admin.system-monitor.interval": "2s",  # CPU/memory/disk samples (every 500 ms)
    "distributed.worker.memory.monitor-interval": "1s",  # spill/pause/terminate checks (every 100 ms)
    # debugging logs (1,000 entries by default) keep recent messages, and with them the last
    # 1,000 chunks per worker (~100 KB each) in the scheduler and in every worker: memory that
    # grows for the first ~500k documents of a run
    "distributed.admin.low-level-log-length": 20,
}


def code_packed(blob: bytes, opts: WorkerOptions) -> bytes:
    """Worker side: a pickled chunk in, the pickled list of DocOutput out."""
    return pickle.dumps(code_chunk(pickle.loads(blob), opts), protocol=_PROTOCOL)


class DaskBackend:
    name = "dask"

    def __init__(self, address: str, workers: int, opts: WorkerOptions):
        try:
            import dask
            from dask.distributed import Client, LocalCluster
        except ImportError:
            from .runner import BatchError

            raise BatchError("--dask needs dask[distributed]; pip install 'dask[distributed]'") from None
        self.opts = opts
        self.cluster = None
        if address == "local":
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.ERROR)
                # same machine: fetch results from the workers, not through the scheduler
                self.client = Client(self.cluster, direct_to_workers=True)
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

    def _submit(self, chunk: list[Item]):
        blob = pickle.dumps(chunk, protocol=_PROTOCOL)
        return self.client.submit(code_packed, blob, self.opts, pure=False)

    def _isolate(self, chunk: list[Item]) -> list[DocOutput]:
        out = []
        for item in chunk:
            try:
                out.extend(pickle.loads(self._submit([item]).result()))
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
                blob = fut.result()
            except Exception:
                return self._isolate(chunk)
            fut.release()
            return pickle.loads(blob)

        for chunk in chunks:
            pending.append((chunk, self._submit(chunk)))
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
