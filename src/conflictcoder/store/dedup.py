"""Cross-report de-duplication and UCDP-style reconciliation (rules in docs/dedup.md).

Two event records describe the same incident when ALL of these hold (each rule is a field of
`DedupConfig`, so they can be tuned):

1. date: both dated and at most `max_days` apart (undated events never merge automatically);
2. place: both have coordinates within `max_km`, or, without coordinates, the same country
   and the same admin1 and location name;
3. type: the same event type, or sub-event types in one `compatible` group (an air strike
   and the shelling of the same village on the same day by the same forces are often the
   same incident told by two outlets);
4. actors: the named actor sets overlap, or one record names no actor beyond generic ones
   ("Unidentified Armed Group (...)", "Protesters (...)", "Civilians (...)");
5. protests and riots: only on the same day and within `crowd_max_km` (default 2 km):
   demonstrations recur daily and in several districts of one city.

`match()` returns a human-readable reason, which the store keeps with the link from the source
event to the incident, so a user can see why two reports were merged.
"""
from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass, field
from typing import Any, Optional

COMPATIBLE_GROUPS = [
    {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    {"Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED", "Grenade"},
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    {"Violent demonstration", "Mob violence"},
]


@dataclass
class DedupConfig:
    max_days: int = 1
    max_km: float = 25.0
    crowd_max_km: float = 2.0  # protests/riots: the same place (city districts protest separately)
    require_actor_overlap: bool = True
    compatible: list[set[str]] = field(default_factory=lambda: [set(g) for g in COMPATIBLE_GROUPS])


def _date(v: Any) -> Optional[dt.date]:
    if v is None or v == "":
        return None
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


GENERIC_PREFIXES = ("Unidentified", "Civilians", "Protesters", "Rioters")
CROWD_TYPES = {"Protests", "Riots"}
CROWD_SUBS = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
              "Violent demonstration", "Mob violence"}


def _unnamed(actor: str) -> bool:
    """Generic actors ("Protesters (France)", "Unidentified Armed Group (Mali)") say nothing
    about which incident it is, so they never count as a shared actor."""
    return not actor or actor.startswith(GENERIC_PREFIXES)


def _actor_set(e: dict) -> set[str]:
    out = set()
    for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        for a in str(e.get(k) or "").split(";"):
            a = a.strip()
            if a and not _unnamed(a):
                out.add(a.lower())
    return out


def match(a: dict, b: dict, cfg: DedupConfig = DedupConfig()) -> Optional[str]:
    """The reason why event dicts `a` and `b` are one incident, or None if they are not."""
    da, db = _date(a.get("event_date")), _date(b.get("event_date"))
    if da is None or db is None:
        return None
    days = abs((da - db).days)
    if days > cfg.max_days:
        return None
    crowd = any(e.get("event_type") in CROWD_TYPES or e.get("sub_event_type") in CROWD_SUBS for e in (a, b))
    if crowd and days:
        return None  # demonstrations recur daily: only the same day
    # place
    if None not in (a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude")):
        km = haversine_km(float(a["latitude"]), float(a["longitude"]), float(b["latitude"]), float(b["longitude"]))
        if km > (cfg.crowd_max_km if crowd else cfg.max_km):
            return None
        place = f"{km:.0f} km apart"
    else:
        if not a.get("country") or a.get("country") != b.get("country"):
            return None
        if (a.get("admin1") or "") != (b.get("admin1") or "") or (a.get("location") or "") != (b.get("location") or ""):
            return None
        place = f"same place ({a.get('location') or a.get('admin1') or a.get('country')})"
    # type
    sa, sb = a.get("sub_event_type"), b.get("sub_event_type")
    if sa == sb:
        kind = f"same type ({sa})"
    elif any(sa in g and sb in g for g in cfg.compatible):
        kind = f"compatible types ({sa} / {sb})"
    else:
        return None
    # actors
    xa, xb = _actor_set(a), _actor_set(b)
    if xa and xb:
        common = xa & xb
        if not common and cfg.require_actor_overlap:
            return None
        actors = "shared actors: " + ", ".join(sorted(common)) if common else "actors differ"
    else:
        actors = "one report names no armed actor"
    when = "same day" if days == 0 else f"{days} day{'s' if days > 1 else ''} apart"
    return f"{when}; {place}; {kind}; {actors}"


def reconcile(sources: list[dict]) -> dict:
    """The incident record from its source events (oldest first): ACLED fields from the most
    specific report, fatalities reconciled across reports:

    - fatalities_low  = the lowest low estimate of any source;
    - fatalities_best = the median of the sources' best estimates (the lower middle one);
    - fatalities_high = the highest high estimate of any source;
    - fatalities (ACLED) = the lowest of the sources' ACLED figures (ACLED's conservative rule);
    - deaths by side: the median per side.
    Sources whose [low, high] ranges do not overlap are flagged in `warnings` with their
    figures; nothing is averaged silently.
    """
    if not sources:
        raise ValueError("an incident needs at least one source event")
    # the most specific report: best geo precision, then most fields filled, then oldest
    def specificity(e: dict) -> tuple:
        filled = sum(1 for k in ("actor1", "actor2", "admin1", "location", "latitude") if e.get(k))
        return (e.get("geo_precision") or 9, -filled)

    base = dict(min(sources, key=specificity))
    n = len(sources)
    warnings = list(base.get("warnings") or [])
    if n > 1:
        def vals(k: str) -> list[int]:
            return [int(s[k]) for s in sources if s.get(k) is not None]

        lows, bests, highs, acled = vals("fatalities_low"), vals("fatalities_best"), vals("fatalities_high"), vals("fatalities")
        if bests:
            base["fatalities_best"] = int(statistics.median_low(bests))
        if lows:
            base["fatalities_low"] = min(lows)
        if highs:
            base["fatalities_high"] = max(highs)
        if acled:
            base["fatalities"] = min(acled)
        for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "wounded", "captured"):
            v = vals(k)
            if v:
                base[k] = int(statistics.median_low(v))
        if base.get("fatalities_low") is not None and base.get("fatalities_best") is not None:
            base["fatalities_low"] = min(base["fatalities_low"], base["fatalities_best"])
        ranges = [(s.get("fatalities_low"), s.get("fatalities_high"), s.get("_article_id")) for s in sources
                  if s.get("fatalities_low") is not None and s.get("fatalities_high") is not None]
        for i in range(len(ranges)):
            for j in range(i + 1, len(ranges)):
                (l1, h1, a1), (l2, h2, a2) = ranges[i], ranges[j]
                if h1 < l2 or h2 < l1:
                    warnings.append(f"sources disagree on fatalities: {l1}-{h1} (article {a1}) vs {l2}-{h2} (article {a2})")
        base["evidence"] = [ev for s in sources for ev in (s.get("evidence") or [])]
        base["claims"] = [c for s in sources for c in (s.get("claims") or [])]
        base["source"] = "; ".join(dict.fromkeys(s.get("source") for s in sources if s.get("source")))
    base["warnings"] = list(dict.fromkeys(warnings))
    base.pop("_article_id", None)
    return base
