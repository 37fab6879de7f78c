#!/usr/bin/env python
"""Geocoder speed and footprint. Prints its figures.

    python benchmarks/bench_geo.py [--lgl ../shared/data/dev/lgl-toponyms.jsonl] [--n 20000]

- gazetteer load time (from the built index) and index size on disk;
- phrase resolutions per second (`Geocoder.resolve`, no context) over a mix of place names
  (the LGL gold phrases when given, else names drawn from the gazetteer itself);
- document-level resolution (recognition + ranking) per second on the LGL articles;
- peak memory (RSS) of the process.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lgl")
    ap.add_argument("--n", type=int, default=20000)
    args = ap.parse_args()
    from conflictcoder.geo import Geocoder, find_places
    from conflictcoder.geo import gazetteer as gz

    path = gz.cache_path()
    if not os.path.exists(path):
        t0 = time.perf_counter()
        gz.save(gz.build(), path)
        print(f"index build (s)            {time.perf_counter() - t0:.1f}")
    t0 = time.perf_counter()
    g = gz.load_or_build(path)
    load = time.perf_counter() - t0
    print(f"gazetteer load (s)         {load:.2f}   (target < 2)")
    print(f"index size (MB)            {os.path.getsize(path) / 1e6:.1f}   (target < 300); {len(g.name):,} places, {len(g.index):,} names")
    geo = Geocoder(g)
    phrases: list[str] = []
    docs = []
    if args.lgl and os.path.exists(args.lgl):
        with open(args.lgl, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                docs.append(r)
                phrases += [t["phrase"] for t in r["gold"]["toponyms"]]
    if not phrases:
        rnd = random.Random(0)
        phrases = [g.name[rnd.randrange(len(g.name))] for _ in range(5000)]
    work = (phrases * (args.n // len(phrases) + 1))[: args.n]
    t0 = time.perf_counter()
    for p in work:
        geo.resolve(p, limit=5)
    secs = time.perf_counter() - t0
    print(f"phrase resolutions / s     {len(work) / secs:,.0f}   (target >= 20,000; {len(work)} phrases)")
    if docs:
        from conflictcoder.models import Article
        from conflictcoder.nlp import analyze

        analysed = [analyze(Article(text=r["text"], lang="en")) for r in docs[:300]]
        t0 = time.perf_counter()
        n_m = 0
        for d in analysed:
            ms = find_places(d)
            geo.resolve_mentions(d, ms)
            n_m += len(ms)
        secs = time.perf_counter() - t0
        print(f"documents geoparsed / s    {len(analysed) / secs:,.0f}   ({n_m / secs:,.0f} place mentions / s, after tokenisation)")
    print(f"peak RSS (MiB)             {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}   (target < 1024)")


if __name__ == "__main__":
    main()
