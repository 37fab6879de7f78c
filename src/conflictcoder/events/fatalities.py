"""UCDP-style fatality estimates from casualty claims.

Rules (documented in docs/fatalities.md):
- A claim is one figure linked to an outcome ("44 HTS members ... killed").
- A claim whose group names one side (an actor, civilians, state forces, non-state fighters)
  is a *part*; a group naming several sides ("fighters and soldiers") or nobody in particular
  ("people") is a *total*. Parts introduced by "including"/"darunter" are *subsets* and are
  never added; with only totals reported, they split the total by side ("23 people were
  killed; among the dead were 11 civilians" -> civilians 11, unknown 12).
- The same part reported twice (same side, same figure) counts once.
- best = sum of parts when there are parts, else the most precise total.
- low/high = lowest/highest bound over precise claims (exact, at least, about, nearly,
  range); vague words ("dozens") only bound the estimate when nothing precise is reported.
- Every total is checked against the sum of parts; a total whose [low, high] excludes the sum
  gives a warning, and both figures are kept (the claims list).
- ACLED `fatalities` = best when all claims agree; when they conflict, the lowest point
  figure (ACLED's conservative rule).
- A later, higher death toll ("the toll rose to 32") updates the earlier totals.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..mentions import Casualty

PRECISION = {"exact": 0, "singular": 0, "range": 1, "about": 1, "at_least": 2, "more_than": 2, "nearly": 2, "up_to": 3}


@dataclass
class Figures:
    low: Optional[int] = None
    best: Optional[int] = None
    high: Optional[int] = None
    acled: Optional[int] = None
    deaths_a: Optional[int] = None
    deaths_b: Optional[int] = None
    deaths_civilians: Optional[int] = None
    deaths_unknown: Optional[int] = None
    warnings: list[str] = None  # type: ignore[assignment]
    used: list[Casualty] = None  # type: ignore[assignment]


def _precise(c: Casualty) -> bool:
    return not c.quantity.rule.startswith("vague")


def _consistent(total: Casualty, value: int) -> bool:
    q = total.quantity
    hi = q.high if q.high is not None else 10**9
    lo = q.low
    if q.rule.startswith("vague"):
        lo = min(lo, q.acled)
    return lo <= value <= hi


def reconcile(claims: list[Casualty], side_of) -> Figures:
    """`side_of(casualty)` -> "a" | "b" | "civilians" | None (None = mixed/unknown: a total)."""
    warnings: list[str] = []
    parts: dict[tuple, Casualty] = {}
    totals: list[Casualty] = []
    subsets: dict[str, int] = {}
    for c in claims:
        if c.subset:
            side = side_of(c)
            if side is not None:
                # coordinated subsets add up ("including two officers and three soldiers")
                subsets[side] = subsets.get(side, 0) + c.quantity.best if c.conjunct else max(subsets.get(side, 0), c.quantity.best)
            continue
        side = None if c.claimed else side_of(c)  # a party's own claim is a total to check, not a part
        if side is None and c.conjunct and not c.claimed:
            side = "unknown"  # one of several coordinated victims: a part whose side is not known
        if side is None:
            totals.append(c)
            continue
        key = (side, c.quantity.best, c.group_text.lower()[:12])
        if c.conjunct:
            key = key + (c.quantity.tok_start,)  # "a man and a woman": two people, not one told twice
        elif key in parts or any(k[0] == side and k[1] == c.quantity.best for k in parts):
            continue  # same deaths reported twice
        parts[key] = c
    # a vague figure for a side that also has precise figures is another account of the same
    # deaths ("dozens of fighters" next to "44 members and 16 allies"): check it, don't add it
    precise_sides = {k[0] for k, c in parts.items() if _precise(c)}
    side_claims: list[tuple[str, Casualty]] = []
    for k in list(parts):
        c = parts[k]
        if not _precise(c) and k[0] in precise_sides:
            side_claims.append((k[0], parts.pop(k)))
    used = list(parts.values()) + totals + [c for _, c in side_claims]
    if not parts and not totals:
        return Figures(warnings=warnings, used=[])
    sides = {"a": 0, "b": 0, "civilians": 0, "unknown": 0}
    has_side = {"a": False, "b": False, "civilians": False, "unknown": False}
    for (side, *_), c in parts.items():
        sides[side] += c.quantity.best
        has_side[side] = True
    psum = sum(sides.values())
    for side, c in side_claims:
        if not _consistent(c, sides[side]):
            warnings.append(f"reported figure '{c.quantity.span.text}' ({_fmt(c)}) disagrees with the {sides[side]} counted for the same side; both kept")
    if parts:
        best = psum
        plow = sum(c.quantity.low for c in parts.values())
        phigh_list = [c.quantity.high for c in parts.values()]
        phigh = None if any(h is None for h in phigh_list) else sum(phigh_list)  # type: ignore[arg-type]
        precise = [c for c in parts.values() if _precise(c)]
        low, high = plow, (phigh if phigh is not None else psum)
        acled_parts = sum(c.quantity.acled for c in parts.values())
        conflict = False
        for t in totals:
            if not _consistent(t, psum):
                conflict = True
                warnings.append(
                    f"reported total '{t.quantity.span.text}' ({_fmt(t)}) disagrees with the sum of the parts ({psum}); both kept"
                )
            if _precise(t) or not precise:
                low = min(low, t.quantity.low)
                if t.quantity.high is not None:
                    high = max(high, t.quantity.high)
        acled = acled_parts
        if conflict:
            acled = min([acled_parts] + [t.quantity.acled for t in totals])
            if any(t.quantity.best > psum and _precise(t) for t in totals):
                best = max(psum, max(t.quantity.best for t in totals if _precise(t)))
        unknown = (best - psum if best > psum else 0) + sides["unknown"]
    else:
        precise = [t for t in totals if _precise(t)]
        pool = precise or totals
        tolls = [t for t in pool if t.toll]
        if tolls:
            last = max(tolls, key=lambda c: (c.sent, c.quantity.span.start))
            if all(c.sent <= last.sent and c.quantity.best <= last.quantity.best for c in pool):
                # "... rose to 32": a later, higher death toll updates the earlier figures (UCDP
                # and ACLED take the latest toll); earlier ones stay in the claims
                pool = [last]
        ranked = sorted(pool, key=lambda c: (PRECISION.get(c.quantity.rule, 5), -c.quantity.best))
        best = ranked[0].quantity.best
        low = min(c.quantity.low for c in pool)
        highs = [c.quantity.high for c in pool if c.quantity.high is not None]
        high = max(highs + [best]) if highs else best
        vals = {c.quantity.best for c in pool}
        if len(pool) > 1 and any(not _consistent(c, best) for c in pool):
            warnings.append("sources disagree on the death toll: " + "; ".join(f"'{c.quantity.span.text}'" for c in pool))
            acled = min(c.quantity.acled for c in pool)
        else:
            acled = ranked[0].quantity.acled
        del vals
        unknown = best
        # "23 people were killed ... among the dead were 11 civilians": the subset splits the total
        if subsets and sum(subsets.values()) <= best:
            for side, n in subsets.items():
                sides[side] = n
                has_side[side] = True
            unknown = best - sum(subsets.values())
            return Figures(
                low=min(low, best), best=best, high=max(high, best), acled=acled,
                deaths_a=sides["a"] if has_side["a"] else None, deaths_b=sides["b"] if has_side["b"] else None,
                deaths_civilians=sides["civilians"] if has_side["civilians"] else None,
                deaths_unknown=unknown, warnings=warnings, used=used,
            )
    return Figures(
        low=min(low, best), best=best, high=max(high, best), acled=acled,
        deaths_a=sides["a"] if has_side["a"] else (0 if parts else None),
        deaths_b=sides["b"] if has_side["b"] else (0 if parts else None),
        deaths_civilians=sides["civilians"] if has_side["civilians"] else (0 if parts else None),
        deaths_unknown=unknown, warnings=warnings, used=used,
    )


def _fmt(c: Casualty) -> str:
    q = c.quantity
    hi = "open" if q.high is None else str(q.high)
    return f"{q.low}-{hi}"


def simple_count(claims: list[Casualty]) -> Optional[int]:
    """wounded / captured: sum of distinct non-subset parts, else the largest total."""
    seen = set()
    total = 0
    for c in claims:
        if c.subset:
            continue
        key = (c.quantity.best, c.group_text.lower()[:12]) + ((c.quantity.tok_start,) if c.conjunct else ())
        if key in seen:
            continue
        seen.add(key)
        total += c.quantity.best
    return total if seen else None
