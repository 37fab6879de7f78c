"""Actor recognition and ACLED actor naming.

Data (users can add their own YAML files through CONFLICTCODER_ACTORS, a path list separated
by os.pathsep, in the format of data/actors/named.yaml):
- data/actors/named.yaml: named groups with ACLED names, inter codes and en/de aliases;
- data/actors/state_forces.yaml: government periods used in state force names;
- data/lang/<xx>/actors_generic.yaml: generic nouns (soldiers, Polizei, gunmen, Zivilisten, ...).

`get_matcher(lang).match(doc)` returns Mention(kind="actor") with attrs:
  actor_type  military | police | government | named | unidentified | communal | rioters |
              protesters | civilians
  name        canonical name for named actors (may hold "{country}")
  inter       ACLED inter code
  country     home country (ISO2) from the dictionary or a country adjective ("russische")
  named       bool
  assoc       ACLED associated-actor template for protest groups ("Students ({country})")
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass
from typing import Optional


from .. import countries
from ..lexicon import PhraseMatcher, data_path, load_yaml
from ..models import Document, Mention

GENERIC_TEMPLATES = {
    "unidentified": ("Unidentified Armed Group ({country})", 3),
    "communal": ("Unidentified Communal Militia ({country})", 4),
    "rioters": ("Rioters ({country})", 5),
    "protesters": ("Protesters ({country})", 6),
    "civilians": ("Civilians ({country})", 7),
}
STATE_KIND = {"military": "Military Forces of", "police": "Police Forces of", "government": "Government of"}


@dataclass(frozen=True)
class Entry:
    type: str
    inter: int
    name: Optional[str] = None
    country: Optional[str] = None
    assoc: Optional[str] = None
    state_from: Optional[str] = None
    unit: Optional[str] = None  # a state force's branch, appended to its ACLED name
    kind: str = "military"  # a state force's kind: military | police (ACLED "Military/Police Forces of ...")


def _load_yaml(path: str):
    with open(path, encoding="utf-8") as fh:
        return load_yaml(fh)


@functools.lru_cache(maxsize=1)
def named_entries() -> list[tuple[Entry, list[str]]]:
    # named.yaml plus any named_*.yaml (regional lists), then the user's own files
    base = os.path.dirname(data_path("actors", "named.yaml"))
    paths = [data_path("actors", "named.yaml")] + sorted(
        os.path.join(base, f) for f in os.listdir(base) if f.startswith("named_") and f.endswith(".yaml"))
    extra = os.environ.get("CONFLICTCODER_ACTORS")
    if extra:
        paths.extend(p for p in extra.split(os.pathsep) if p)
    out = []
    for p in paths:
        for row in _load_yaml(p) or []:
            e = Entry("party" if row.get("party") else "named", int(row.get("inter", 3)), row["name"], row.get("country"), None,
                      row.get("state_from"), row.get("unit"), str(row.get("kind") or "military"))
            out.append((e, [str(a) for a in row.get("aliases", [])] + [row["name"].split(":")[0]]))
    return out


@functools.lru_cache(maxsize=1)
def state_periods() -> dict[str, list]:
    return _load_yaml(data_path("actors", "state_forces.yaml")) or {}


def state_actor(iso2: Optional[str], kind: str = "military", date: Optional[dt.date] = None) -> str:
    """'Military Forces of Syria (2000-2024)' for iso2='SY', date=2024-11-27."""
    c = countries.by_iso2(iso2) if iso2 else None
    prefix = STATE_KIND.get(kind, "Military Forces of")
    if c is None:
        return prefix.replace(" of", "")
    periods = state_periods().get(c.iso2) or []
    label = None
    if periods:
        label = periods[-1][2]
        if date is not None:
            d = date.isoformat() if isinstance(date, dt.date) else str(date)
            for start, end, lab in periods:
                if str(start) <= d and (end is None or d < str(end)):
                    label = lab
                    break
            else:
                if d < str(periods[0][0]):
                    label = None
    cname = ("the " + c.name) if c.iso2 in DEFINITE_ARTICLE else c.name
    return f"{prefix} {cname} ({label})" if label else f"{prefix} {cname}"


# ACLED's actor names put "the" before these country names ("Military Forces of the
# Democratic Republic of Congo (2019-)"); the country column does not.
DEFINITE_ARTICLE = {"CD", "CG", "US", "GB", "PH", "NL", "CF", "AE", "DO", "GM", "BS", "CZ"}


def _country_name(iso2: Optional[str]) -> Optional[str]:
    c = countries.by_iso2(iso2) if iso2 else None
    return c.name if c else None


def resolve_actor_name(attrs: dict, event_country: Optional[str], date=None) -> tuple[str, int]:
    """ACLED actor name and inter code for an actor mention in an event in `event_country`."""
    t = attrs.get("actor_type")
    if t in ("named", "party"):
        sf = attrs.get("state_from")
        if sf and date is not None and str(date) >= str(sf) and attrs.get("country"):
            home = attrs["country"]
            name = state_actor(home, attrs.get("kind") or "military", date) + (f" {attrs['unit']}" if attrs.get("unit") else "")
            return name, (8 if event_country and event_country != home else 1)  # abroad: an external force
        name = attrs.get("name") or ""
        if "{country}" in name:
            cn = _country_name(event_country or attrs.get("country"))
            name = name.replace(" ({country})", f" ({cn})" if cn else "").replace("{country}", cn or "")
        return name, int(attrs.get("inter") or 3)
    if t in STATE_KIND:
        home = attrs.get("country") or event_country
        inter = 8 if (event_country and home and home != event_country) else 1
        return state_actor(home, t, date), inter
    if t in GENERIC_TEMPLATES:
        tmpl, inter = GENERIC_TEMPLATES[t]
        if t == "civilians" and attrs.get("assoc_only"):
            tmpl = attrs["assoc"]
        cn = _country_name(event_country or attrs.get("country"))
        return (tmpl.replace("{country}", cn) if cn else tmpl.replace(" ({country})", "")), inter
    return "", 0


def assoc_name(attrs: dict, event_country: Optional[str]) -> Optional[str]:
    tmpl = attrs.get("assoc")
    if not tmpl:
        return None
    cn = _country_name(event_country)
    return tmpl.replace("{country}", cn) if cn else tmpl.replace(" ({country})", "")


class ActorMatcher:
    def __init__(self, lang: str):
        self.lang = lang
        self.entries: list[Entry] = []
        self.m = PhraseMatcher(lang)
        self.prefix_alias: dict[str, int] = {}  # for hyphen compounds: "HTS-Kämpfer"
        gen = _load_yaml(data_path("lang", lang, "actors_generic.yaml")) or {}
        assoc_by_word: dict[str, str] = {}
        for grp in (gen.get("assoc") or {}).values():
            for w in grp.get("words", []):
                assoc_by_word[str(w).lower()] = grp["template"]
        for grp in gen.get("groups", []):
            for w in grp.get("words", []):
                w = str(w)
                idx = self._add_entry(Entry(grp["type"], int(grp["inter"]), None, None, assoc_by_word.get(w.lower())))
                self.m.add(w, "actor", str(idx))
        for w, tmpl in assoc_by_word.items():
            idx = self._add_entry(Entry("civilians", 7, None, None, tmpl))
            self.m.add(w, "actor", str(idx))
        for e, aliases in named_entries():
            idx = self._add_entry(e)
            for a in aliases:
                if a.isupper() and len(a) <= 6 or any(ch.isdigit() for ch in a):
                    self.m.add("=" + a, "actor", str(idx))  # acronyms: case-sensitive
                else:
                    self.m.add(a, "actor", str(idx))
                self.prefix_alias.setdefault(a if a.isupper() else countries.fold(a), idx)
        # phrases holding an actor word that name no actor ("local government area"): matched so
        # that, as the longer match, they take the words from the actor
        none_idx = self._add_entry(Entry("none", 0, None, None, None))
        for w in gen.get("not_actors", []):
            self.m.add(str(w), "actor", str(none_idx))
        # force nouns as the second piece of a hyphenated compound after a country ("US-Truppen",
        # "US-Drohnenangriff"): whole words, and "~suffix" endings
        self.force_words = {countries.fold(str(w)) for w in gen.get("force_nouns", []) if not str(w).startswith("~")}
        self.force_suffixes = tuple(countries.fold(str(w)[1:]) for w in gen.get("force_nouns", []) if str(w).startswith("~"))
        for w in gen.get("force_nouns", []):
            self.m.add(w, "force", "force")
        for w in gen.get("people_nouns", []):
            self.m.add(w, "people", "people")
        self.m.build()

    def _add_entry(self, e: Entry) -> int:
        self.entries.append(e)
        return len(self.entries) - 1

    def _attrs(self, idx: int, country: Optional[str] = None) -> dict:
        e = self.entries[idx]
        return {"actor_type": e.type, "name": e.name, "inter": e.inter, "country": country or e.country,
                "named": e.type in ("named", "party"), "assoc": e.assoc, "state_from": e.state_from, "unit": e.unit,
                "kind": e.kind}

    def match(self, doc: Document) -> list[Mention]:
        toks = doc.tokens
        found = self.m.find(doc)
        acts = [x for x in found if x.label == "actor"]
        forces = [x for x in found if x.label == "force"]
        # longest match wins; on equal spans a named actor beats a generic noun
        acts.sort(key=lambda x: (-(x.tok_end - x.tok_start), self.entries[int(x.value)].type not in ("named", "party"), x.tok_start))
        taken: set[int] = set()
        chosen = []
        for x in acts:
            rng = set(range(x.tok_start, x.tok_end))
            if rng & taken:
                continue
            taken |= rng
            chosen.append((x.tok_start, x.tok_end, int(x.value)))
        # hyphen compounds naming a group: "HTS-Kämpfer", "M23-Rebellen", "IS-Miliz"
        country_forces: list[tuple[int, str]] = []
        for t in toks:
            if t.i in taken or "-" not in t.text:
                continue
            prefix, suffix = t.text.rsplit("-", 1)
            idx = self.prefix_alias.get(prefix) if prefix.isupper() else self.prefix_alias.get(countries.fold(prefix))
            if idx is not None:
                chosen.append((t.i, t.i + 1, idx))
                taken.add(t.i)
                continue
            suf = countries.fold(suffix)
            if suf and (suf in self.force_words or (self.force_suffixes and suf.endswith(self.force_suffixes))):
                # "US-Truppen", "US-Drohnenangriff", "Nato-Luftangriffe" is no country: the forces of
                # the country named before the hyphen
                c = countries.by_name(prefix) or (countries.by_iso2(prefix) if prefix.isupper() and len(prefix) == 2 else None)
                if c is not None:
                    country_forces.append((t.i, c.iso2))
                    taken.add(t.i)
        out: list[Mention] = []
        for t0, t1, idx in sorted(chosen):
            e = self.entries[idx]
            if e.type == "none":
                continue
            country = None
            start_tok = t0
            extra: list[tuple[int, str]] = []
            if e.type in STATE_KIND or e.type == "unidentified":
                country, start_tok, extra = self._adjectives(doc, t0)
            attrs = self._attrs(idx, country)
            if e.type == "unidentified" and country:
                # "syrische Rebellen" stay an armed group of that country
                attrs["country"] = country
            s, en = toks[start_tok].start, toks[t1 - 1].end
            out.append(Mention("actor", s, en, doc.text[s:en], toks[t0].sent, start_tok, t1, e.type, attrs))
            for k, iso in extra:  # coordinated adjectives: "der russischen und syrischen Luftwaffe"
                a2 = self._attrs(idx, iso)
                out.append(Mention("actor", toks[k].start, toks[k].end, toks[k].text, toks[k].sent, k, k + 1, e.type, a2))
        for k, iso in country_forces:
            attrs = {"actor_type": "military", "name": None, "inter": 1, "country": iso, "named": False, "assoc": None}
            out.append(Mention("actor", toks[k].start, toks[k].end, toks[k].text, toks[k].sent, k, k + 1, "military", attrs))
        # country adjective + a force noun that is not itself an actor ("Russian airstrikes", "türkische Drohnen")
        for f in forces:
            if any(k in taken for k in range(f.tok_start, f.tok_end)):
                continue
            country, start_tok, extra = self._adjectives(doc, f.tok_start)
            if not country:
                continue
            for k, iso in [(start_tok, country)] + extra:
                attrs = {"actor_type": "military", "name": None, "inter": 1, "country": iso, "named": False, "assoc": None}
                out.append(Mention("actor", toks[k].start, toks[k].end, toks[k].text, toks[k].sent, k, k + 1, "military", attrs))
        # generic nouns attached to a named group ("Kämpfer der HTS", "Taliban fighters") are that group
        named = [m for m in out if m.attrs.get("named")]
        keep = []
        for m in out:
            if not m.attrs.get("named") and m.attrs["actor_type"] in ("unidentified", "military", "communal"):
                if any(n.sent == m.sent and (0 <= n.tok_start - m.tok_end <= 2 and (n.tok_start == m.tok_end or (
                            toks[m.tok_end].lower in ("der", "des", "of", "from") and all(  # ("fighters from the M23")
                                toks[k].lower in ("the", "der", "des") for k in range(m.tok_end + 1, n.tok_start))))
                                             or 0 <= m.tok_start - n.tok_end <= 0
                                             # the rest of a hyphenated or acronym name: "CODECO-URDPC militants"
                                             or (0 < m.tok_start - n.tok_end <= 3 and all(
                                                 toks[k].text in ("-", "/") or toks[k].is_upper for k in range(n.tok_end, m.tok_start))))
                       for n in named):
                    continue
            keep.append(m)
        # a civilian noun right before another actor is its modifier, not a party of its own:
        # "a local militia", "a local PDF", "student protesters"
        starts = {m.tok_start: m for m in keep}
        keep = [m for m in keep
                if not (m.attrs["actor_type"] == "civilians" and not m.attrs.get("named")
                        and (n := starts.get(m.tok_end)) is not None and n.attrs["actor_type"] != "civilians")]
        # people nouns: weak civilian hint used for victims ("killed five people")
        for p in found:
            if p.label == "people" and not any(k in taken for k in range(p.tok_start, p.tok_end)):
                s, en = toks[p.tok_start].start, toks[p.tok_end - 1].end
                keep.append(Mention("actor", s, en, doc.text[s:en], toks[p.tok_start].sent, p.tok_start, p.tok_end, "people",
                                    {"actor_type": "people", "name": None, "inter": 0, "country": None, "named": False, "assoc": None}))
        keep.sort(key=lambda m: m.tok_start)
        return keep

    def _adjectives(self, doc: Document, t0: int) -> tuple[Optional[str], int, list[tuple[int, str]]]:
        """Country adjective(s) right before token t0, with coordination ("russischen und syrischen")."""
        toks = doc.tokens
        k = t0 - 1
        found: list[tuple[int, str]] = []
        while k >= 0 and toks[k].sent == toks[t0].sent and t0 - k <= 5:
            c = countries.by_adjective(toks[k].text, self.lang)
            if c is not None:
                found.append((k, c.iso2))
                k -= 1
                continue
            if toks[k].lower in ("und", "and", ",", "sowie") and found:
                k -= 1
                continue
            break
        if not found:
            return None, t0, []
        found.sort()
        nearest = found[-1]
        if len(found) == 1:
            return nearest[1], nearest[0], []
        # the first adjective heads the mention, the others become their own mentions
        first = found[0]
        return first[1], first[0], [x for x in found[1:]]


@functools.lru_cache(maxsize=4)
def get_matcher(lang: str) -> ActorMatcher:
    return ActorMatcher(lang)
