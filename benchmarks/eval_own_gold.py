"""Score the coder on our own hand-written gold cases (German and English), field by field.

The texts in tests/fixtures/gold/*.jsonl were written by the team for this purpose; each has the
coding an ACLED coder would give. A case with {"no_event": true} must yield no event.

Usage: python benchmarks/eval_own_gold.py [FILES...]   (default: tests/fixtures/gold/*.jsonl)
"""
from __future__ import annotations

import glob
import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from conflictcoder.api import code  # noqa: E402


def check_case(case: dict) -> dict[str, bool]:
    res = code(case["text"], published=case.get("published"))
    gold = case["gold"]
    if gold.get("no_event"):
        return {"no_event": not res.events}
    if not res.events:
        return {k: False for k in gold}
    want_sub = gold.get("sub_event_type")
    want_type = gold.get("event_type")
    ev = next((e for e in res.events if e.sub_event_type == want_sub), None) or \
        next((e for e in res.events if e.event_type == want_type), None) or res.events[0]
    out: dict[str, bool] = {}
    for k, v in gold.items():
        if k == "actor1_contains":
            out[k] = any(s.lower() in (ev.actor1 + " " + ev.assoc_actor_1 + " " + ev.actor2).lower() for s in v)
        elif k == "actor2_contains":
            out[k] = any(s.lower() in (ev.actor2 + " " + ev.assoc_actor_2).lower() for s in v)
        elif k == "fatalities_low":
            out[k] = (ev.fatalities_low or 0) >= v
        elif k == "civilian_targeting":
            out[k] = bool(ev.civilian_targeting) == v
        elif k == "event_date":
            out[k] = str(ev.event_date) == v
        elif k == "location":
            out[k] = (ev.location or "").lower() == v.lower()
        else:
            out[k] = getattr(ev, k, None) == v
    return out


def main(paths: list[str]) -> dict:
    fields: Counter = Counter()
    right: Counter = Counter()
    per_lang: Counter = Counter()
    per_lang_ok: Counter = Counter()
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                case = json.loads(line)
                res = check_case(case)
                lang = case["id"].split("-")[0]
                bad = [k for k, ok in res.items() if not ok]
                for k, ok in res.items():
                    fields[k] += 1
                    right[k] += ok
                    per_lang[lang] += 1
                    per_lang_ok[lang] += ok
                print(f"{case['id']}: {'ok' if not bad else 'wrong: ' + ', '.join(bad)}")
    print()
    for k in sorted(fields):
        print(f"  {k:<22} {right[k]}/{fields[k]}")
    for lang in sorted(per_lang):
        print(f"  [{lang}] field checks {per_lang_ok[lang]}/{per_lang[lang]} = {per_lang_ok[lang] / per_lang[lang]:.3f}")
    total = sum(fields.values())
    score = sum(right.values()) / total if total else 0.0
    print(f"  overall {sum(right.values())}/{total} = {score:.3f}")
    return {"score": score, "fields": dict(fields), "right": dict(right)}


if __name__ == "__main__":
    here = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "gold", "*.jsonl")
    main(sys.argv[1:] or sorted(glob.glob(here)))
