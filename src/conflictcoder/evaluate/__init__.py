"""Evaluation against gold data: ACLED notes (per-field scores), LGL toponyms, Wikinews precision."""
from __future__ import annotations

import json
import math
import time
from collections import Counter, defaultdict
from typing import Any, Iterator, Optional

from ..taxonomy import RANK


def _read(path: str, limit: Optional[int]) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            line = line.strip()
            if line:
                yield json.loads(line)


def _detect(path: str) -> str:
    for rec in _read(path, 1):
        g = rec.get("gold") or {}
        if "toponyms" in g:
            return "lgl"
        if "event_type" in g:
            return "acled"
        return "wikinews"
    return "acled"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def primary_event(events: list) -> Any:
    """The event a one-event note is about: highest confidence, then ACLED hierarchy."""
    if not events:
        return None
    return sorted(events, key=lambda e: (-e.confidence, RANK.get(e.sub_event_type, 99)))[0]


def run_evaluation(path: str, task: str = "auto", limit: Optional[int] = None, errors_out: Optional[str] = None) -> dict:
    if task == "auto":
        task = _detect(path)
    if task == "acled":
        return evaluate_acled(path, limit, errors_out)
    if task == "lgl":
        from ..geo.evaluate import evaluate_lgl

        rep = evaluate_lgl(path, limit=limit, errors_out=errors_out)
        rep["_text"] = "LGL toponym resolution\n" + "\n".join(f"  {k:<28} {v}" for k, v in rep.items() if not str(k).startswith("_"))
        return rep
    return evaluate_wikinews(path, limit, errors_out)


def _admin_similar(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return False
    from rapidfuzz import fuzz

    from ..geo.gazetteer import fold

    fa, fb = fold(a).replace("-", " "), fold(b).replace("-", " ")
    return fa.split()[0] == fb.split()[0] or fuzz.token_set_ratio(fa, fb) >= 80


def _norm_iso(v) -> Optional[int]:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return None


def evaluate_acled(path: str, limit: Optional[int] = None, errors_out: Optional[str] = None) -> dict:
    from ..api import code_article
    from ..models import Article
    from ..pipeline import get_pipeline

    fields = Counter()
    totals = Counter()
    by_group: dict[str, Counter] = defaultdict(Counter)
    confusion: Counter = Counter()
    errs = open(errors_out, "w", encoding="utf-8") if errors_out else None
    t0 = time.perf_counter()
    n = 0
    for rec in _read(path, limit):
        g = rec["gold"]
        n += 1
        art = Article(id=rec.get("id"), text=rec["text"], published=rec.get("published"), lang=rec.get("lang"))
        res = code_article(art)
        ev = primary_event(res.events)
        grp = "protests" if g["event_type"] == "Protests" else "political_violence"
        checks: dict[str, bool] = {}
        if ev is None:
            checks = {k: False for k in ("event_type", "sub_event_type", "inter1", "actor1", "fatalities_exact", "fatalities_10pct", "country", "admin1", "admin1_fuzzy", "within_25km", "within_100km", "event_date", "inter2", "geo_precision")}
            checks["fatalities_exact"] = g["fatalities"] == 0
            checks["fatalities_10pct"] = g["fatalities"] == 0
            totals["no_event"] += 1
            pred_sub = "(none)"
        else:
            pred_sub = ev.sub_event_type
            gf = int(g["fatalities"] or 0)
            pf = ev.fatalities if ev.fatalities is not None else 0
            checks["event_type"] = ev.event_type == g["event_type"]
            checks["sub_event_type"] = ev.sub_event_type == g["sub_event_type"]
            checks["inter1"] = ev.inter1 == int(g["inter1"] or 0)
            checks["inter2"] = ev.inter2 == int(g["inter2"] or 0)
            checks["actor1"] = ev.actor1 == g["actor1"]
            checks["fatalities_exact"] = pf == gf
            checks["fatalities_10pct"] = abs(pf - gf) <= 0.1 * gf if gf else pf == 0
            checks["country"] = (ev.country or "") == g["country"]
            checks["admin1"] = (ev.admin1 or "").lower() == (g["admin1"] or "").lower()
            # GeoNames and ACLED spell admin1 names differently ("Sofia-Capital" / "Sofia City",
            # "Baden-Wuerttemberg" / "Baden-Wurttemberg"): a fuzzy match within the right country
            checks["admin1_fuzzy"] = checks["admin1"] or (checks["country"] and _admin_similar(ev.admin1, g["admin1"]))
            if ev.latitude is not None and g.get("latitude") is not None:
                km = haversine_km(ev.latitude, ev.longitude, float(g["latitude"]), float(g["longitude"]))
                checks["within_25km"] = km <= 25
                checks["within_100km"] = km <= 100
            else:
                checks["within_25km"] = checks["within_100km"] = False
            checks["event_date"] = str(ev.event_date) == g["event_date"]
            checks["geo_precision"] = ev.geo_precision == g["geo_precision"]
        confusion[(g["sub_event_type"], pred_sub)] += 1
        # the geocoder on its own: the event's location, or the article's where no event was coded
        if ev is not None:
            gl = (ev.country, ev.admin1, ev.latitude, ev.longitude)
        else:
            loc = get_pipeline().locate(art)
            c = loc.candidate if loc is not None else None
            gl = (c.country, c.admin1, c.latitude, c.longitude) if c is not None else (None, None, None, None)
        geo_checks = {"country": (gl[0] or "") == g["country"], "admin1": (gl[1] or "").lower() == (g["admin1"] or "").lower()}
        km = (haversine_km(gl[2], gl[3], float(g["latitude"]), float(g["longitude"]))
              if gl[2] is not None and g.get("latitude") is not None else None)
        geo_checks["within_25km"] = km is not None and km <= 25
        geo_checks["within_100km"] = km is not None and km <= 100
        for k, ok in geo_checks.items():
            by_group["geocoder"][k] += int(ok)
        by_group["geocoder"]["_n"] += 1
        for k, ok in checks.items():
            fields[k] += int(ok)
            by_group[grp][k] += int(ok)
        by_group[grp]["_n"] += 1
        if errs is not None and not (all(checks.values()) and all(geo_checks.values())):
            errs.write(json.dumps({"id": rec.get("id"), "text": rec["text"], "wrong": [k for k, v in checks.items() if not v],
                                   "gold": {k: g.get(k) for k in ("event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2", "fatalities", "country", "admin1", "location", "geo_precision")},
                                   "pred": None if ev is None else {k: getattr(ev, k) for k in ("event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2", "fatalities", "country", "admin1", "location", "geo_precision")},
                                   "geo": {"country": gl[0], "admin1": gl[1], "km": None if km is None else round(km, 1),
                                           "wrong": [k for k, v in geo_checks.items() if not v]}},
                                  ensure_ascii=False, default=str) + "\n")
    secs = time.perf_counter() - t0
    if errs is not None:
        errs.close()
    report: dict[str, Any] = {"task": "acled", "n": n, "seconds": round(secs, 2), "docs_per_second": round(n / secs, 1) if secs else None,
                              "no_event": totals["no_event"]}
    for k in sorted(fields):
        report[k] = round(fields[k] / n, 4) if n else 0.0
    for grp, c in by_group.items():
        gn = c.pop("_n")
        report[grp] = {"n": gn, **{k: round(v / gn, 4) for k, v in sorted(c.items())}}
    report["top_confusions"] = [f"{a} -> {b}: {v}" for (a, b), v in confusion.most_common(40) if a != b][:20]
    lines = [f"ACLED notes: {n} records, {report['docs_per_second']} docs/s, {totals['no_event']} without an event"]
    for k in ("event_type", "sub_event_type", "inter1", "inter2", "actor1", "fatalities_exact", "fatalities_10pct", "event_date", "country", "admin1", "admin1_fuzzy", "within_25km", "within_100km", "geo_precision"):
        if k in report:
            lines.append(f"  {k:<20} {report[k]:.4f}")
    for grp in ("political_violence", "protests"):
        if grp in report:
            r = report[grp]
            lines.append(f"  [{grp}] n={r['n']} " + " ".join(f"{k}={r.get(k, 0):.3f}" for k in ("event_type", "sub_event_type", "inter1", "fatalities_exact")))
    if "geocoder" in report:
        r = report["geocoder"]
        lines.append(f"  [geocoder, every note: the event's location, or the article's where no event was coded] n={r['n']} "
                     + " ".join(f"{k}={r.get(k, 0):.4f}" for k in ("country", "admin1", "within_25km", "within_100km")))
    lines.append("  top confusions (gold -> predicted):")
    lines.extend("    " + s for s in report["top_confusions"][:12])
    report["_text"] = "\n".join(lines)
    return report


# Title patterns of clearly non-conflict news, for a precision check without gold labels.
_OFF_TOPIC = {
    "sport": r"fu(ß|ss)ball|bundesliga|olympi|weltmeister|europameister|\bwm\b|\bem\b|tennis|formel 1|handball|"
             r"basketball|eishockey|ski|radsport|tour de france|champions league|pokal|leichtathletik|schach|boxen|turnier|spieltag",
    "economy": r"aktie|b(ö|oe)rse|dax|konzern|umsatz|gewinn|insolvenz|wirtschaft|inflation|arbeitslos|zinsen|"
               r"unternehmen|fusion|übernahme|bilanz|haushalt|steuer|rente",
    "science/tech": r"forscher|wissenschaft|studie|raumfahrt|nasa|esa\b|satellit|software|computer|internet|"
                    r"linux|microsoft|apple|google|wikipedia|astronom|komet|planet|genom",
    "culture": r"film|musik|konzert|festival|buch|oscar|grammy|theater|museum|ausstellung|preisverleihung|nobelpreis",
}


def evaluate_wikinews(path: str, limit: Optional[int] = None, errors_out: Optional[str] = None) -> dict:
    """Events per article; articles with events are listed for a human to judge."""
    from ..api import code_article
    from ..models import Article

    import datetime as dt
    import re

    n = 0
    with_events = []
    n_events = 0
    topic_n: Counter = Counter()
    topic_hit: Counter = Counter()
    dated = in_window = 0
    t0 = time.perf_counter()
    for rec in _read(path, limit):
        n += 1
        res = code_article(Article(id=rec.get("id"), text=rec["text"], published=rec.get("published"), lang=rec.get("lang"), title=rec.get("title")))
        title = rec.get("title") or ""
        topic = next((t for t, rx in _OFF_TOPIC.items() if re.search(rx, title, re.IGNORECASE)), None)
        if topic:
            topic_n[topic] += 1
            if res.events:
                topic_hit[topic] += 1
        pub = rec.get("published")
        for e in res.events:
            if e.event_date is not None and pub:
                dated += 1
                p = pub if isinstance(pub, dt.date) else dt.date.fromisoformat(str(pub)[:10])
                in_window += 0 <= (p - e.event_date).days <= 31 or e.event_date == p + dt.timedelta(days=1)
        if res.events:
            n_events += len(res.events)
            with_events.append({"id": rec.get("id"), "title": rec.get("title"), "events": [f"{e.sub_event_type} | {e.actor1} | {e.location}" for e in res.events]})
    secs = time.perf_counter() - t0
    if errors_out:
        with open(errors_out, "w", encoding="utf-8") as fh:
            for w in with_events:
                fh.write(json.dumps(w, ensure_ascii=False) + "\n")
    rep = {"task": "wikinews", "n": n, "articles_with_events": len(with_events), "events": n_events, "seconds": round(secs, 2),
           "off_topic_articles": dict(topic_n), "off_topic_with_events": dict(topic_hit),
           "events_dated": dated, "event_dates_within_31d_before_publication": in_window}
    off = "; ".join(f"{t}: {topic_hit[t]}/{topic_n[t]}" for t in sorted(topic_n))
    rep["_text"] = (f"Wikinews: {n} articles, {len(with_events)} with events ({n_events} events), {secs:.1f}s\n"
                    f"  off-topic articles (by title) with events: {off}\n"
                    f"  event dates within 31 days before publication: {in_window}/{dated}\n"
                    + "\n".join(f"  {w['id']}: {w['title']} -> {w['events'][:3]}" for w in with_events[:60]))
    return rep
