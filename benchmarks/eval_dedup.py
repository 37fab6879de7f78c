#!/usr/bin/env python
"""De-duplication evaluation. Prints precision and recall.

    python benchmarks/eval_dedup.py ../shared/data/dev/acled-notes-2022.jsonl [--limit 9000]

(a) False merges: every ACLED dev note is a separate event in ACLED's data. The gold codings
    (not our coder's output) are built into event records and compared pairwise within the same
    country and date window with the store's matching rules; any match is a false merge.
(b) Recall and precision on our own paraphrased pairs (tests/fixtures/dedup_pairs.jsonl: the same
    invented incident told by two reports, in German and English, plus near-misses), coded with
    the real coder and stored; a pair counts as merged when the two articles share an incident.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from conflictcoder.store.dedup import DedupConfig, match  # noqa: E402


def acled_false_merges(path: str, limit: int, cfg: DedupConfig) -> None:
    by_country = defaultdict(list)
    n = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            g = r["gold"]
            ev = {"event_date": g.get("event_date") or r.get("published"), "country": g.get("country"), "admin1": g.get("admin1"),
                  "location": g.get("location"), "latitude": g.get("latitude"), "longitude": g.get("longitude"),
                  "event_type": g.get("event_type"), "sub_event_type": g.get("sub_event_type"), "actor1": g.get("actor1") or "", "actor2": g.get("actor2") or "",
                  "assoc_actor_1": g.get("assoc_actor_1") or "", "assoc_actor_2": g.get("assoc_actor_2") or ""}
            by_country[ev["country"]].append(ev)
            n += 1
            if n >= limit:
                break
    pairs = merges = 0
    examples = []
    for evs in by_country.values():
        evs.sort(key=lambda e: str(e["event_date"]))
        for i, a in enumerate(evs):
            for b in evs[i + 1:]:
                if str(b["event_date"]) > str(a["event_date"]) and (len(evs) > 1):
                    import datetime as dt

                    if (dt.date.fromisoformat(str(b["event_date"])[:10]) - dt.date.fromisoformat(str(a["event_date"])[:10])).days > cfg.max_days:
                        break
                pairs += 1
                reason = match(a, b, cfg)
                if reason:
                    merges += 1
                    if len(examples) < 5:
                        examples.append((a["location"], a["sub_event_type"], a["actor1"], b["actor1"], reason))
    print(f"(a) ACLED dev notes: {n} separate events, {pairs} candidate pairs (same country, within {cfg.max_days} day)")
    print(f"    wrongly merged pairs: {merges} ({merges / max(pairs, 1):.2%} of candidate pairs)")
    for ex in examples:
        print("     e.g.", ex)


def own_pairs(path: str) -> None:
    from conflictcoder.api import code_article
    from conflictcoder.models import Article
    from conflictcoder.store import open_store

    tp = fp = fn = tn = 0
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    for r in rows:
        st = open_store(os.path.join(tempfile.mkdtemp(), "p.db"))
        outs = []
        for k in ("a", "b"):
            art = Article(id=f"{r['id']}-{k}", text=r[k], published=r["published"])
            outs.append(st.add_results([(art, code_article(art))])[0])
        merged = bool(set(outs[0].event_ids) & set(outs[1].event_ids))
        st.close()
        if r["same"]:
            tp += merged
            fn += not merged
        else:
            fp += merged
            tn += not merged
        print(f"    {r['id']}: {'merged' if merged else 'separate'} ({'duplicate' if r['same'] else 'different incidents'})")
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    print(f"(b) own pairs: {tp + fn} duplicates, {fp + tn} near-misses: precision {prec:.2f}, recall {rec:.2f} "
          f"(merged {tp}/{tp + fn} duplicates, {fp}/{fp + tn} near-misses)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("notes")
    ap.add_argument("--limit", type=int, default=9000)
    ap.add_argument("--pairs", default=os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "dedup_pairs.jsonl"))
    args = ap.parse_args()
    cfg = DedupConfig()
    acled_false_merges(args.notes, args.limit, cfg)
    own_pairs(args.pairs)


if __name__ == "__main__":
    main()
