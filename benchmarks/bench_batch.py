#!/usr/bin/env python
"""Batch throughput, scaling, memory, start-up and Dask overhead. Prints its figures.

    python benchmarks/make_corpus.py ../shared/data/dev /tmp/acled100k.jsonl.gz --n 100000 --pattern 'acled-notes*.jsonl'
    python benchmarks/bench_batch.py /tmp/acled100k.jsonl.gz --n 4000 --flat-n 10000,100000 [--profile 1000]

Each configuration runs in a fresh subprocess; a sampler records the peak RSS of every worker
process (psutil, every 0.2 s). "steady" rates exclude start-up (pool spawn, pipeline load):
they count documents written after the first chunk, over the time since the first chunk.
`--coder conflictcoder.batch.fake:code_article` measures the batch machinery alone.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.abspath(__file__)


def subset(corpus: str, n: int, dest: str) -> str:
    """The first n records of the corpus as a plain JSONL file (repeated if the corpus is shorter)."""
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rb") as fh:
        lines = []
        for line in fh:
            if line.strip():
                lines.append(line if line.endswith(b"\n") else line + b"\n")
            if len(lines) >= n:
                break
    path = os.path.join(dest, f"subset-{n}.jsonl")
    with open(path, "wb") as out:
        for i in range(n):
            out.write(lines[i % len(lines)])
    return path


# ------------------------------------------------------------------ child: one measured run


def child(args: dict) -> None:
    import psutil

    from conflictcoder.batch import BatchOptions, run_batch

    me = psutil.Process()
    peaks: dict[int, float] = collections.defaultdict(float)
    names: dict[int, str] = {}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            try:
                for p in me.children(recursive=True):
                    try:
                        peaks[p.pid] = max(peaks[p.pid], p.memory_info().rss / 2**20)
                        names.setdefault(p.pid, " ".join(p.cmdline()[:3]))
                    except (psutil.NoSuchProcess, psutil.AccessDenied):
                        pass
                peaks[-1] = max(peaks[-1], me.memory_info().rss / 2**20)
            except psutil.Error:
                pass
            stop.wait(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out = os.path.join(args["tmp"], f"out-{os.getpid()}.jsonl")
    s = run_batch(BatchOptions(inputs=[args["input"]], output=out, workers=args["workers"], dask=args.get("dask"),
                               chunk_size=args["chunk_size"], coder=args["coder"], progress=False,
                               errors=out + ".errors", checkpoint_every=1.0))
    stop.set()
    t.join()
    parent = peaks.pop(-1, 0.0)
    # worker processes: the largest children (Dask nannies and the resource tracker are small)
    workers = sorted(peaks.values(), reverse=True)[: max(1, args["workers"])]
    print(json.dumps({
        "docs": s.new_documents, "events": s.events, "errors": s.errors, "seconds": s.seconds,
        "startup": s.startup_seconds, "first_output": s.first_output_seconds,
        "steady_rate": s.steady_documents / s.steady_seconds if s.steady_seconds else None,
        "rate": s.docs_per_second, "worker_peaks_mb": workers, "parent_peak_mb": parent,
        "bytes_out": os.path.getsize(out),
    }))


def measure(input_path: str, workers: int, tmp: str, coder: str, chunk_size: int, dask: str | None = None) -> dict:
    args = {"input": input_path, "workers": workers, "tmp": tmp, "coder": coder, "chunk_size": chunk_size,
            "dask": dask}
    r = subprocess.run([sys.executable, HERE, "--_child", json.dumps(args)], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"bench: run failed: {r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def cold_start(tmp: str, coder: str) -> float:
    one = os.path.join(tmp, "one.jsonl")
    with open(one, "w") as fh:
        fh.write(json.dumps({"id": "x", "text": "Two soldiers were killed in an ambush near the border on Monday."}) + "\n")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", "from conflictcoder.cli import main; main()", "batch", one, "-j", "1",
                        "-o", os.path.join(tmp, "one.out"), "--coder", coder], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"bench: cold start failed: {r.stderr[-2000:]}")
    return time.perf_counter() - t0


def profile(input_path: str, coder: str, top: int = 25) -> None:
    from pyinstrument import Profiler

    from conflictcoder.batch import BatchOptions, run_batch
    from conflictcoder.batch.worker import get_coder

    get_coder(coder)  # profile steady state, not loading
    with tempfile.TemporaryDirectory() as tmp:
        prof = Profiler(interval=0.0005)
        prof.start()
        s = run_batch(BatchOptions(inputs=[input_path], output=os.path.join(tmp, "p.jsonl"), workers=0,
                                   coder=coder, progress=False, errors=os.path.join(tmp, "e.jsonl")))
        prof.stop()
    root = prof.last_session.root_frame()
    by_func: collections.Counter = collections.Counter()
    by_module: collections.Counter = collections.Counter()
    total = root.time or 1e-9

    def walk(f, parent=None):
        self_t = max(0.0, f.time - sum(c.time for c in f.children))
        if f.function.startswith("[") and parent is not None:  # pyinstrument's synthetic [self] frames
            f_name, path, line = parent.function, (parent.file_path_short or parent.file_path or "?"), parent.line_no
        else:
            f_name, path, line = f.function, (f.file_path_short or f.file_path or "?"), f.line_no
        by_func[f"{f_name} ({path}:{line})"] += self_t
        mod = path
        if "conflictcoder/" in path:
            mod = "conflictcoder/" + path.split("conflictcoder/", 1)[1].rsplit("/", 1)[0]
        elif "site-packages/" in path:
            mod = path.split("site-packages/", 1)[1].split("/", 1)[0]
        elif path.startswith("<"):
            mod = path
        else:
            mod = "stdlib:" + os.path.basename(path)
        by_module[mod] += self_t
        for c in f.children:
            walk(c, f)

    walk(root)
    print(f"\nProfile (pyinstrument, in-process, {s.new_documents} docs, {total:.1f} s, {s.new_documents / total:.0f} docs/s)")
    print("  self time by package/module:")
    for name, t in by_module.most_common(12):
        print(f"    {100 * t / total:5.1f}%  {name}")
    print(f"  top {top} functions by self time:")
    for name, t in by_func.most_common(top):
        print(f"    {100 * t / total:5.1f}%  {name}")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--_child":
        child(json.loads(sys.argv[2]))
        return
    ap = argparse.ArgumentParser(description="Batch benchmark")
    ap.add_argument("corpus", help="JSONL(.gz) corpus, e.g. from make_corpus.py")
    ap.add_argument("--n", type=int, default=4000, help="documents for the throughput runs")
    ap.add_argument("--flat-n", default="10000,100000", help="two sizes for the flat-memory check ('' = skip)")
    ap.add_argument("--chunk-size", type=int, default=None, help="default: the runner's (64; 256 for Dask)")
    ap.add_argument("--coder", default="conflictcoder.api:code_article")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--profile", type=int, default=0, help="also profile N documents in-process")
    a = ap.parse_args()
    cores = os.cpu_count()
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(f"corpus {a.corpus}; {cores} cores; load average {load:.2f}; coder {a.coder}")
    with tempfile.TemporaryDirectory() as tmp:
        sub = subset(a.corpus, a.n, tmp)
        cold = cold_start(tmp, a.coder)
        rows = []
        r1 = measure(sub, 1, tmp, a.coder, a.chunk_size)
        rows.append(("multiprocess, 1 worker", r1))
        r2 = measure(sub, 2, tmp, a.coder, a.chunk_size)
        rows.append(("multiprocess, 2 workers", r2))
        rd = None
        if not a.no_dask:
            rd = measure(sub, 2, tmp, a.coder, a.chunk_size, dask="local")
            rows.append(("Dask LocalCluster, 2 workers", rd))
        print(f"\n{'configuration':30} {'docs':>7} {'wall s':>7} {'docs/s':>8} {'steady/s':>9} "
              f"{'1st out s':>9} {'peak RSS/worker MB':>19} {'parent MB':>9}")
        for name, r in rows:
            peaks = "/".join(f"{p:.0f}" for p in r["worker_peaks_mb"])
            steady = f"{r['steady_rate']:.1f}" if r["steady_rate"] else "-"
            print(f"{name:30} {r['docs']:>7} {r['seconds']:>7.1f} {r['rate']:>8.1f} {steady:>9} "
                  f"{r['first_output']:>9.2f} {peaks:>19} {r['parent_peak_mb']:>9.0f}")
        print(f"\nstart-up: cold CLI run on 1 document with 1 worker {cold:.2f} s; "
              f"first output of the 1-worker run after {r1['first_output']:.2f} s")
        print(f"scaling ratio 2 vs 1 worker: end-to-end {r2['rate'] / r1['rate']:.2f}"
              + (f", steady {r2['steady_rate'] / r1['steady_rate']:.2f}" if r1["steady_rate"] and r2["steady_rate"] else ""))
        print(f"per core (2 workers, steady): {(r2['steady_rate'] or r2['rate']) / 2:.1f} docs/s")
        if rd:
            print(f"Dask/multiprocess throughput ratio (2 workers): end-to-end {rd['rate'] / r2['rate']:.2f}"
                  + (f", steady {rd['steady_rate'] / r2['steady_rate']:.2f}" if rd["steady_rate"] and r2["steady_rate"] else "")
                  + f"; outputs identical: {rd['bytes_out'] == r2['bytes_out']} (bytes)")
        if a.flat_n:
            small, large = (int(x) for x in a.flat_n.split(","))
            print(f"\nflat memory: 2 workers on {small:,} and {large:,} documents ...", flush=True)
            fs = measure(subset(a.corpus, small, tmp), 2, tmp, a.coder, a.chunk_size)
            fl = measure(a.corpus if large >= 100_000 and a.corpus.endswith(".gz") else subset(a.corpus, large, tmp),
                         2, tmp, a.coder, a.chunk_size)
            ws, wl = max(fs["worker_peaks_mb"]), max(fl["worker_peaks_mb"])
            print(f"  {fs['docs']:,} docs: worker peak {ws:.0f} MB, parent peak {fs['parent_peak_mb']:.0f} MB, {fs['rate']:.1f} docs/s")
            print(f"  {fl['docs']:,} docs: worker peak {wl:.0f} MB, parent peak {fl['parent_peak_mb']:.0f} MB, {fl['rate']:.1f} docs/s")
            print(f"  growth of the worker peak: {100 * (wl - ws) / ws:+.1f}% (target within 10%); "
                  f"parent: {100 * (fl['parent_peak_mb'] - fs['parent_peak_mb']) / fs['parent_peak_mb']:+.1f}%")
        if a.profile:
            profile(subset(a.corpus, a.profile, tmp), a.coder)


if __name__ == "__main__":
    main()
