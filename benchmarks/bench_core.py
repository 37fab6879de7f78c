"""Speed and memory of the core coder on one core (issue 2): documents/s and peak RSS.

Usage: .venv/bin/python benchmarks/bench_core.py ../shared/data/dev/acled-notes-2022.jsonl [--n 9000]
"""
import argparse
import json
import resource
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--n", type=int, default=None)
    args = ap.parse_args()
    t0 = time.perf_counter()
    from conflictcoder.api import code_article
    from conflictcoder.models import Article
    from conflictcoder.pipeline import get_pipeline

    get_pipeline().warm()
    startup = time.perf_counter() - t0
    recs = []
    with open(args.path, encoding="utf-8") as fh:
        for line in fh:
            recs.append(json.loads(line))
            if args.n and len(recs) >= args.n:
                break
    code_article(Article(text=recs[0]["text"], published=recs[0].get("published")))
    t1 = time.perf_counter()
    n_ev = 0
    chars = 0
    for r in recs:
        res = code_article(Article(id=r.get("id"), text=r["text"], published=r.get("published"), lang=r.get("lang")))
        n_ev += len(res.events)
        chars += len(r["text"])
    secs = time.perf_counter() - t1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents          {len(recs)}")
    print(f"events             {n_ev}")
    print(f"start-up (s)       {startup:.2f}")
    print(f"seconds            {secs:.2f}")
    print(f"documents/s (1 core) {len(recs) / secs:.1f}")
    print(f"characters/s       {chars / secs:.0f}")
    print(f"peak RSS (MiB)     {peak:.0f}")


if __name__ == "__main__":
    main()
