#!/usr/bin/env python
"""Build a large benchmark corpus by repeating dev records under new ids.

    python benchmarks/make_corpus.py ../shared/data/dev OUT.jsonl.gz --n 100000 [--pattern 'acled-notes*.jsonl']

Records keep text, published, lang and title (gold annotations are dropped); the k-th repeat of
record ID gets the id "ID~k". Output is streamed (gzip if OUT ends in .gz).
"""
from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import sys
import time

KEEP = ("text", "published", "lang", "title", "url", "outlet")


def load(dev_dir: str, pattern: str) -> list[dict]:
    paths = sorted(glob.glob(os.path.join(dev_dir, pattern)))
    if not paths:
        sys.exit(f"make_corpus: no files matching {pattern!r} in {dev_dir}")
    recs = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                r = json.loads(line)
                if isinstance(r.get("text"), str) and r["text"].strip():
                    recs.append({"id": str(r.get("id", len(recs))), **{k: r[k] for k in KEEP if r.get(k)}})
    return recs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dev_dir")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=100_000, help="number of records to write")
    ap.add_argument("--pattern", default="*.jsonl", help="which dev files to use (glob)")
    a = ap.parse_args()
    t0 = time.time()
    recs = load(a.dev_dir, a.pattern)
    opener = gzip.open if a.out.endswith(".gz") else open
    chars = 0
    with opener(a.out, "wt", encoding="utf-8") as out:
        for i in range(a.n):
            base = recs[i % len(recs)]
            rep = i // len(recs)
            rec = dict(base, id=base["id"] if rep == 0 else f"{base['id']}~{rep}")
            chars += len(rec["text"])
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{a.out}: {a.n:,} records from {len(recs):,} distinct ({a.pattern}), "
          f"mean {chars / max(a.n, 1):.0f} chars/text, {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
