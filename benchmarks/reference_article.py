"""Acceptance check on the reference article (issue 2 and 3): prints each check and its result.

Usage: .venv/bin/python benchmarks/reference_article.py ../shared/examples/aleppo-offensive-2024-de.txt
"""
import sys

from conflictcoder import code


def main(path: str, published: str = "2024-11-28") -> int:
    text = open(path, encoding="utf-8").read()
    res = code(text, published=published)
    evs = res.events
    for e in evs:
        print(f"- {e.sub_event_type} | {e.event_date} | {e.actor1} [{e.assoc_actor_1}] vs {e.actor2} | "
              f"{e.location} ({e.admin1}, {e.country}) p{e.geo_precision} {e.latitude},{e.longitude} | "
              f"fat {e.fatalities} ({e.fatalities_low}/{e.fatalities_best}/{e.fatalities_high}) a={e.deaths_a} b={e.deaths_b} "
              f"civ={e.deaths_civilians} unk={e.deaths_unknown} cap={e.captured} | src={e.source!r} | warn={e.warnings}")
        for ev in e.evidence:
            assert text[ev.start:ev.end] == ev.text
    checks = []

    def check(name, ok):
        checks.append(ok)
        print(f"[{'ok' if ok else 'FAIL'}] {name}")

    clash = [e for e in evs if e.sub_event_type == "Armed clash" and "Hayat Tahrir" in (e.actor1 + e.actor2)]
    c = clash[0] if clash else None
    check("Armed clash HTS vs Syrian government", c is not None and "Syria" in (c.actor1 + c.actor2))
    check("clash on 2024-11-27", c is not None and str(c.event_date) == "2024-11-27")
    check("clash deaths 60 (44 HTS + 16 allies) vs 37 government, best 97", c is not None and c.fatalities_best == 97 and {c.deaths_a, c.deaths_b} == {60, 37})
    check("no false warning on the total", c is not None and not any("disagree" in w for w in c.warnings))
    check("captured 5", c is not None and c.captured == 5)
    check("clash in Aleppo governorate", c is not None and (c.admin1 or "").startswith("Aleppo") and c.country == "Syria")
    check("territory taken by HTS", any(e.sub_event_type == "Non-state actor overtakes territory" and "Hayat Tahrir" in e.actor1 for e in evs))
    sh = [e for e in evs if e.sub_event_type == "Shelling/artillery/missile attack" and "Syria" in e.actor1]
    check("shelling by government forces with civilian victims, no invented count",
          bool(sh) and sh[0].civilian_targeting == "Civilians targeted" and sh[0].fatalities_best is None)
    ap = [e for e in evs if "Militärsprecher" in (e.source or "") and e.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")]
    check("airport attack attributed to the military spokesman", bool(ap))
    check("airport event at al-Nayrab / Aleppo International (~36.18N 37.22E)",
          bool(ap) and ap[0].latitude is not None and abs(ap[0].latitude - 36.18) < 0.1 and abs(ap[0].longitude - 37.22) < 0.1)
    air = [e for e in evs if e.sub_event_type == "Air/drone strike"]
    check("air strikes by Russian and Syrian forces", bool(air) and "Russia" in (air[0].actor1 + air[0].assoc_actor_1) and "Syria" in (air[0].actor1 + air[0].assoc_actor_1))
    check("air strikes in Idlib, precision 2 or 3", bool(air) and (air[0].admin1 or "").startswith(("Idlib", "Idleb")) and air[0].geo_precision in (2, 3))
    check("evidence for every event", all(e.evidence for e in evs))
    print(f"{sum(checks)} passed, {len(checks) - sum(checks)} failed")
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
