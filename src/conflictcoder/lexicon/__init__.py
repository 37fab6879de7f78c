"""Per-language lexicons (data/lang/<lang>/lexicon.yaml) and a phrase matcher over token streams.

Adding a language means adding data/lang/<xx>/lexicon.yaml (and actors_generic.yaml); no code.

The matcher runs pyahocorasick over three streams built from a Document's tokens:
lemmas (" töten ..."), lower-cased surface forms and case-sensitive surface forms. Patterns are
lemmatised with the same lemmatiser as documents, so inflected forms match one entry.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from importlib import resources
from typing import Any, Iterable, Optional

import ahocorasick
import yaml

from ..models import Document

# the C loader where PyYAML has libyaml (the same results as yaml.safe_load, several times faster)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream):
    """yaml.safe_load, with the C loader when it is available."""
    return yaml.load(stream, Loader=_YAML_LOADER)

GAP_MAX = 8  # tokens allowed for "a * b" patterns
# German separable verbs close their bracket at the clause end ("feuerte am Montag Raketen auf
# einen Stützpunkt im Norden Israels ab"): a longer gap, still within one clause
GAP_MAX_LANG = {"de": 12}


def data_path(*parts: str) -> str:
    return str(resources.files("conflictcoder").joinpath("data", *parts))


@functools.lru_cache(maxsize=8)
def load_lexicon(lang: str) -> dict[str, Any]:
    path = data_path("lang", lang, "lexicon.yaml")
    if not os.path.exists(path):
        raise ValueError(f"no lexicon for language {lang!r} (expected {path})")
    with open(path, encoding="utf-8") as fh:
        return load_yaml(fh)


@dataclass(frozen=True)
class Match:
    tok_start: int
    tok_end: int  # exclusive
    label: str  # e.g. "action", "weapon", "outcome", "cue"
    value: str  # e.g. "clash", "killed"
    pattern: str


@dataclass
class _Pat:
    label: str
    value: str
    pattern: str
    parts: list[list[str]]  # gap-separated token sequences
    stream: str  # "lemma" | "lower" | "surface"
    suffix: bool = False


class PhraseMatcher:
    """Finds lexicon phrases in documents. Build once per language (see get_matcher)."""

    def __init__(self, lang: str):
        self.lang = lang
        self._pats: list[_Pat] = []
        self._automata: dict[str, ahocorasick.Automaton] = {}

    # ------------------------------------------------------------------ building
    def add(self, pattern: str, label: str, value: str) -> None:
        from ..nlp import lemmatize_phrase

        pattern = str(pattern).strip()
        if not pattern:
            return
        if pattern.startswith("="):
            words = pattern[1:].split()
            self._pats.append(_Pat(label, value, pattern, [words], "surface"))
            return
        suffix = pattern.startswith("~")
        body = pattern[1:] if suffix else pattern
        parts_raw = [p.strip() for p in body.split("*")]
        lemma_parts = [lemmatize_phrase(p, self.lang) for p in parts_raw if p]
        lower_parts = [p.lower().split() for p in parts_raw if p]
        if suffix:
            # suffixes are matched on the lower-cased and lemma streams without a left boundary
            self._pats.append(_Pat(label, value, pattern, [[body.lower()]], "lower", True))
            lem = lemmatize_phrase(body, self.lang)
            if lem and lem[0] != body.lower():
                self._pats.append(_Pat(label, value, pattern, [[lem[0]]], "lemma", True))
            return
        self._pats.append(_Pat(label, value, pattern, lemma_parts, "lemma"))
        if lower_parts != lemma_parts:
            self._pats.append(_Pat(label, value, pattern, lower_parts, "lower"))

    def build(self) -> "PhraseMatcher":
        autos: dict[str, ahocorasick.Automaton] = {}
        for idx, p in enumerate(self._pats):
            first = p.parts[0]
            key = (" " if not p.suffix else "") + " ".join(first) + " "
            a = autos.setdefault(p.stream, ahocorasick.Automaton())
            existing = a.get(key, None) if key in a else None
            if existing is None:
                a.add_word(key, [idx])
            else:
                existing.append(idx)
        for a in autos.values():
            a.make_automaton()
        self._automata = autos
        return self

    # ------------------------------------------------------------------ matching
    def find(self, doc: Document, labels: Optional[Iterable[str]] = None) -> list[Match]:
        """All matches in the document (computed once per document), optionally by label."""
        cache = getattr(doc, "_cc_matches", None)
        if cache is None or cache[0] is not self:
            cache = (self, self._find_all(doc))
            doc._cc_matches = cache  # type: ignore[attr-defined]
        if not labels:
            return list(cache[1])
        want = set(labels)
        return [m for m in cache[1] if m.label in want]

    def _find_all(self, doc: Document) -> list[Match]:
        streams = _streams(doc)
        want = None
        out: set[Match] = set()
        for sname, automaton in self._automata.items():
            text, starts, ends = streams[sname]
            for end_idx, idxs in automaton.iter(text):
                key_end = end_idx  # index of trailing space
                for pi in idxs:
                    p = self._pats[pi]
                    if want is not None and p.label not in want:
                        continue
                    first = p.parts[0]
                    kstart = key_end - len(" ".join(first))
                    if p.suffix:
                        # must end exactly at a token end
                        t0 = ends.get(key_end)  # token whose lemma/lower form ends here
                        if t0 is None:
                            continue
                        out.add(Match(t0, t0 + 1, p.label, p.value, p.pattern))
                        continue
                    t0 = starts.get(kstart)
                    if t0 is None:
                        continue
                    t1 = t0 + len(first)
                    if len(p.parts) > 1:
                        t1 = _match_gaps(doc, sname, t1, p.parts[1:], t0)
                        if t1 is None:
                            continue
                    out.add(Match(t0, t1, p.label, p.value, p.pattern))
        return sorted(out, key=lambda m: (m.tok_start, -m.tok_end, m.label, m.value))


def _tok_stream_value(tok, sname: str) -> str:
    if sname == "lemma":
        return tok.lemma
    if sname == "lower":
        return tok.lower
    return tok.text


def _match_gaps(doc: Document, sname: str, pos: int, parts: list[list[str]], t0: int) -> Optional[int]:
    toks = doc.tokens
    sent = toks[t0].sent
    for part in parts:
        found = None
        gap = GAP_MAX_LANG.get(doc.lang, GAP_MAX)
        limit = min(len(toks), pos + gap + 1)
        for j in range(pos, limit):
            if toks[j].sent != sent:
                break
            if j - pos >= GAP_MAX and toks[j].text in (",", ";", ":"):
                break  # beyond the usual gap only inside one clause
            if j + len(part) > len(toks):
                break
            if all(_tok_stream_value(toks[j + k], sname) == part[k] for k in range(len(part))):
                found = j + len(part)
                break
        if found is None:
            return None
        pos = found
    return pos


def _streams(doc: Document) -> dict[str, tuple[str, dict[int, int], dict[int, int]]]:
    cached = getattr(doc, "_cc_streams", None)
    if cached is not None:
        return cached
    out = {}
    for sname in ("lemma", "lower", "surface"):
        parts = [" "]
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        pos = 1
        for tok in doc.tokens:
            v = _tok_stream_value(tok, sname).replace(" ", "_")
            starts[pos] = tok.i
            parts.append(v)
            parts.append(" ")
            pos += len(v)
            ends[pos] = tok.i  # position of the trailing space
            pos += 1
        out[sname] = ("".join(parts), starts, ends)
    doc._cc_streams = out  # type: ignore[attr-defined]
    return out


@functools.lru_cache(maxsize=64)
def word_list(name: str, lang: Optional[str] = None) -> frozenset:
    """A lower-cased word list from the lexicons' `word_lists` section: one language's, or the
    union over all languages when `lang` is None (for rules that see no document language)."""
    langs = [lang] if lang else sorted(d for d in os.listdir(data_path("lang")) if os.path.isdir(data_path("lang", d)))
    out: set[str] = set()
    for lg in langs:
        out.update(str(w).lower() for w in ((load_lexicon(lg).get("word_lists") or {}).get(name) or []))
    return frozenset(out)


@functools.lru_cache(maxsize=8)
def get_matcher(lang: str) -> PhraseMatcher:
    """The lexicon matcher for a language: actions, weapons, outcomes, cues, reporting, dates."""
    lex = load_lexicon(lang)
    m = PhraseMatcher(lang)
    for cls, pats in (lex.get("actions") or {}).items():
        for p in pats:
            m.add(p, "action", cls)
    for cls, pats in (lex.get("weapons") or {}).items():
        for p in pats:
            m.add(p, "weapon", cls)
    for cls, pats in (lex.get("outcomes") or {}).items():
        for p in pats:
            m.add(p, "outcome", cls)
    for cls, pats in (lex.get("cues") or {}).items():
        for p in pats:
            m.add(p, "cue", cls)
    rep = lex.get("reporting") or {}
    for p in rep.get("verbs", []):
        m.add(p, "report_verb", "verb")
    for p in rep.get("preps", []):
        m.add(p, "report_prep", "prep")
    for p in rep.get("sources", []):
        m.add(p, "source_noun", "source")
    for p in lex.get("military_targets", []):
        m.add(p, "military_target", "military_target")
    for p in lex.get("person_nouns", []):
        m.add(p, "person", "person")
    for p in lex.get("purpose_verbs", []):
        m.add(p, "purpose_verb", "purpose_verb")
    for dom, pats in (lex.get("domains") or {}).items():
        for p in pats:
            m.add(p, "domain", dom)
    for p in lex.get("subset_cues", []):
        m.add(p, "subset", "subset")
    for name, rule in (lex.get("vague_quantities") or {}).items():
        for w in rule.get("words", []):
            m.add(w, "vague", name)
    for name, words in (lex.get("modifiers") or {}).items():
        for w in words:
            m.add(w, "modifier", name)
    return m.build()
