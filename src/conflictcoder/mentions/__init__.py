"""Stage 2: Document -> Mentions (triggers, quantities, casualty figures, dates, sources, cues).

Actors come from conflictcoder.actors and places from conflictcoder.geo; this module finds the
rest with the per-language lexicon (conflictcoder.lexicon) and a few library parsers
(text2num for number words, dateparser for unusual absolute dates).
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Optional

from .. import countries
from ..lexicon import Match, get_matcher, load_lexicon, word_list
from ..models import Document
from ..taxonomy import FAMILY

# ----------------------------------------------------------------------------- records


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Trigger:
    tok_start: int
    tok_end: int
    cls: str  # action class (clash, attack, shell, air, protest, ...)
    sent: int
    span: Span
    modality: Optional[str] = None  # threat | plan | denial | negation | attempted | accusation | None
    head_end: int = -1  # end of the first part of a gapped pattern ("griffen * an"), else tok_end


@dataclass
class Quantity:
    tok_start: int
    tok_end: int
    span: Span
    low: int
    best: int
    high: Optional[int]  # None = open upwards ("at least 4")
    acled: int
    rule: str  # exact | at_least | more_than | nearly | about | up_to | range | vague:<name> | singular


@dataclass
class Casualty:
    outcome: str  # killed | wounded | captured | arrested | abducted | missing | casualties
    quantity: Quantity
    group_tok: tuple[int, int]  # token span of the group noun phrase (may be empty)
    group_text: str
    group_span: Optional[Span]
    outcome_span: Span
    sent: int
    subset: bool = False  # "including four officers": part of a figure already counted
    conjunct: bool = False  # "a man and a woman", "4 soldiers and 2 gendarmes": added to the figure before it
    claimed: bool = False  # told as a party's own claim ("the group claimed it killed 100 soldiers"): one account
    side_hint: Optional[str] = None  # civilians | state | nonstate | None (filled from nouns)
    toll: bool = False  # a death toll ("the toll rose to 32"): a later one updates earlier totals


@dataclass
class DateMention:
    span: Span
    sent: int
    date: Optional[dt.date]
    precision: int  # 1 day, 2 week, 3 month
    relative: bool
    tok_start: int = -1


@dataclass
class SourceMention:
    span: Span
    sent: int
    tok_start: int
    tok_end: int


@dataclass
class Mentions:
    triggers: list[Trigger] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    sources: list[SourceMention] = field(default_factory=list)
    weapons: list[Match] = field(default_factory=list)
    cues: list[Match] = field(default_factory=list)
    no_casualty_sents: set[int] = field(default_factory=set)
    headings: set[int] = field(default_factory=set)
    actors: list = field(default_factory=list)  # conflictcoder.models.Mention (kind="actor")
    places: list = field(default_factory=list)  # conflictcoder.geo.PlaceMention


def span_of(doc: Document, t0: int, t1: int) -> Span:
    s = doc.tokens[t0].start
    e = doc.tokens[t1 - 1].end
    return Span(s, e, doc.text[s:e])


# ----------------------------------------------------------------------------- numbers

_DIGITS = re.compile(r"^\d{1,3}(?:[.,\u202f\u00a0']\d{3})+$|^\d+$")


@functools.lru_cache(maxsize=20000)
def parse_number_word(word: str, lang: str) -> Optional[int]:
    """Digits ("1.500", "1,500", "37") or number words ("vier", "twenty-one") -> int."""
    w = word.strip()
    if not w:
        return None
    if _DIGITS.match(w):
        return int(re.sub(r"\D", "", w))
    if not w.isalpha() and "-" not in w:
        return None
    low = w.lower()
    if low in _NOT_NUMBERS:
        return None
    try:
        from text_to_num import text2num

        n = text2num(low, lang)
    except Exception:
        return None
    return n if isinstance(n, int) and n > 0 else None


# articles and pronouns that text2num would read as 1 ("ein", "a", "one" is kept)
_NOT_NUMBERS = {"a", "an", "ein", "eine", "einer", "einem", "einen", "eines", "un", "uno"}


def _vague_rules(lang: str) -> dict[str, dict]:
    return load_lexicon(lang).get("vague_quantities") or {}


# ----------------------------------------------------------------------------- extraction


def extract(doc: Document, names: Optional[list[tuple[int, int]]] = None,
            groups: Optional[list[tuple[int, int]]] = None) -> Mentions:
    """All mentions of a document. `names` are token spans of named actors: numbers inside them
    ("Barrio 18") are not quantities. `groups` are token spans of all actor mentions: one right
    after a figure is the figure's group ("4 FACA", "three VDP")."""
    lang = doc.lang
    matcher = get_matcher(lang)
    matches = _dedupe(matcher.find(doc))
    by_label: dict[str, list[Match]] = {}
    for m in matches:
        by_label.setdefault(m.label, []).append(m)
    men = Mentions()
    men.headings = _headings(doc)
    men.weapons = by_label.get("weapon", [])
    men.dates = find_dates(doc)
    men.cues = [c for c in by_label.get("cue", [])
                if not any(d.span.start <= doc.tokens[c.tok_start].start < d.span.end for d in men.dates)
                and not _in_proper_name(doc, c)]
    date_chars = [(d.span.start, d.span.end) for d in men.dates]
    # the date of a dateline is when the report was filed, never an event date (its digits are
    # no figures either)
    men.dates = [d for d in men.dates if not _in_dateline(doc.text, d.span.start, d.span.end)]
    men.dates = _drop_report_dates(doc, men.dates, by_label.get("report_verb", []))
    men.quantities = [q for q in _quantities(doc, by_label, date_chars) if not _is_age(doc, q)]
    if names:
        men.quantities = [q for q in men.quantities if not any(a <= q.tok_start < b for a, b in names)]
    labels = _label_prefixes(doc)
    men.triggers = [t for t in _triggers(doc, by_label, men.cues)
                    if not any(a <= t.span.start < b for a, b in date_chars)  # "March" the month
                    and t.tok_start not in labels]  # "Property destruction: On 6 May ..." is a label
    men.casualties = _casualties(doc, by_label, men.quantities, groups or names or [])
    # "received multiple death threats": a threat phrase holds no casualty
    threats = [(doc.tokens[c.tok_start].start, doc.tokens[c.tok_end - 1].end) for c in men.cues if c.value == "threat"]
    men.casualties = [c for c in men.casualties if not any(a <= c.outcome_span.start < b for a, b in threats)]
    men.casualties = [c for c in men.casualties if not _dated_in_past(doc, c, men)]
    # "in a statement it claimed its fighters had killed more than a hundred soldiers": a party's
    # own claim is another account of the toll, never a part to add
    claims = [c for c in men.cues if c.value == "claim"]
    for c in men.casualties:
        if any(doc.tokens[cl.tok_start].sent == c.sent and cl.tok_end <= c.quantity.tok_start for cl in claims):
            c.claimed = True
    men.casualties = _merge_claimed_conjuncts(doc, men.casualties)
    # "arrested a man suspected of killing two farmers": the deaths are the charge, told before
    accusations = [cue for cue in men.cues if cue.value == "accusation"]
    if accusations:
        men.casualties = [c for c in men.casualties if not _charged_with(doc, c, accusations)]
    # "captured eight fighters" takes prisoners, not territory
    held = [(c.outcome_span.start, c.outcome_span.end) for c in men.casualties if c.outcome in ("captured", "arrested", "abducted")]
    men.triggers = [t for t in men.triggers
                    if not (t.cls in ("capture", "regain", "seize") and any(a <= t.span.start < b for a, b in held))]
    others = {t.sent for t in men.triggers if t.cls not in ("seize", "loot")}
    seized_goods = set()
    for t in men.triggers:
        if t.cls == "seize":
            t.cls = "capture" if _takes_territory(doc, t) else "loot"
            if t.cls == "loot":
                seized_goods.add(t.tok_start)
    # taking goods alongside another act ("killed two militants and seized their weapons",
    # "protesters took over the mayor's office") is part of that act, not looting of its own
    # (in a protest report, "took over the premises" is an occupation - part of the protest)
    protest_doc = any(t.cls in ("protest", "block") for t in men.triggers)
    men.triggers = [t for t in men.triggers if not (t.tok_start in seized_goods and (t.sent in others or protest_doc))]
    # "burned effigies", "set the picture of the premier on fire", "verbrannten Fahnen": a symbolic
    # burning is part of a demonstration, not property destruction
    symbolic = _symbolic_objects(lang)
    if symbolic and protest_doc:
        men.triggers = [t for t in men.triggers if not (t.cls in ("loot", "riot") and _burns_symbol(doc, t, symbolic))]
    men.triggers += _purpose_protests(doc, by_label, men.triggers, groups or [])
    men.sources = _sources(doc, by_label)
    men.no_casualty_sents = {doc.tokens[c.tok_start].sent for c in men.cues if c.value == "no_casualties"}
    return men


_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden"})


def _purpose_protests(doc: Document, by_label: dict[str, list[Match]], triggers: list[Trigger],
                      groups: list[tuple[int, int]]) -> list[Trigger]:
    """A group's act told with the purpose of a demonstration, in a sentence that reports no other
    act: "parents closed the school to demand repairs", "supporters demanded his release in
    Tbilisi", "drivers slowed the traffic towards Orleans, denouncing fuel prices". The act is a
    protest (ACLED: Peaceful protest unless more is said)."""
    toks = doc.tokens
    busy = {t.sent for t in triggers}
    purposes = [c for c in by_label.get("cue", []) if c.value == "purpose"]
    if not purposes or any(t.cls not in ("protest", "block", "occupy", "convoy", "loot", "seize", "capture") for t in triggers):
        return []  # in a report of violence, demands are the perpetrators' ("the gunmen demanded a ransom")
    heads = [(p.tok_start, p.tok_end) for p in by_label.get("person", [])] + list(groups)
    out = []
    for v in _longest(by_label.get("purpose_verb", [])):
        s = toks[v.tok_start].sent
        if s in busy or not any(toks[c.tok_start].sent == s and c.tok_start >= v.tok_start for c in purposes):
            continue
        # the doers right before the act ("parents closed", "supporters of X demanded")
        # (or right after it, in a German inversion: "besetzten Eltern die Schule")
        if not any((0 <= v.tok_start - e <= 6 and not _clause_break(doc, e, v.tok_start)) or 0 <= a - v.tok_end <= 1
                   for a, e in heads if toks[a].sent == s):
            continue
        out.append(Trigger(v.tok_start, v.tok_end, "protest", s, span_of(doc, v.tok_start, v.tok_end)))
        busy.add(s)
    return out


def _charged_with(doc: Document, c: Casualty, accusations: list[Match]) -> bool:
    """The casualty's act is what someone is charged with (see _accusation_of)."""
    k = min(c.quantity.tok_start, token_at(doc, c.outcome_span.start))
    return any(_accusation_of(doc, cue, k) for cue in accusations)


def _accusation_of(doc: Document, cue: Match, k: int) -> bool:
    """The act at token k is what someone is charged with, tried or held for, told as a modifier
    of a person ("a man suspected of killing two farmers", "der wegen Mordes verurteilte Mann"):
    background. As the sentence's own predicate ("the militants are accused of abducting a
    driver") it is the report of the act, attributed, and stays."""
    if cue.value != "accusation" or not 0 <= k - cue.tok_end <= 2:
        return False
    toks = doc.tokens
    if any(toks[j].lower in _AUX or toks[j].is_punct for j in range(cue.tok_end, k)):
        return False
    return not (cue.tok_start > 0 and toks[cue.tok_start - 1].lower in _AUX)


def _merge_claimed_conjuncts(doc: Document, cas: list[Casualty]) -> list[Casualty]:
    """A party's claim with coordinated parts ("claimed one soldier and one militant were
    killed") is one account: its parts are summed into one claimed total."""
    out: list[Casualty] = []
    for c in cas:
        prev = out[-1] if out else None
        if (c.claimed and c.conjunct and prev is not None and prev.claimed and prev.conjunct and prev.sent == c.sent
                and prev.outcome == c.outcome and not c.subset and not prev.subset):
            q0, q1 = prev.quantity, c.quantity
            hi = None if q0.high is None or q1.high is None else q0.high + q1.high
            q = Quantity(q0.tok_start, q1.tok_end, span_of(doc, q0.tok_start, q1.tok_end), q0.low + q1.low,
                         q0.best + q1.best, hi, q0.acled + q1.acled, q0.rule if q0.rule == q1.rule else "exact")
            g0 = prev.group_tok[0] if prev.group_tok[1] > prev.group_tok[0] else q0.tok_end
            g1 = max(c.group_tok[1], q1.tok_end)
            gs = span_of(doc, g0, g1)
            out[-1] = Casualty(c.outcome, q, (g0, g1), gs.text, gs, c.outcome_span, c.sent, claimed=True)
            continue
        out.append(c)
    return out


def _dated_in_past(doc: Document, c: Casualty, men: Mentions) -> bool:
    """A death told with its own past time right after it, in the same clause: "justice for a
    supporter killed by the police in 2018", "convicted of killing a settler last year". It is
    background, not a casualty of the event reported."""
    toks = doc.tokens
    o_end = token_at(doc, c.outcome_span.end - 1) + 1
    stop = o_end
    while stop < min(len(toks), o_end + 8) and toks[stop].sent == c.sent and toks[stop].text not in (",", ";", ":", "."):
        stop += 1
    lo_char, hi_char = toks[o_end].start if o_end < len(toks) else len(doc.text), toks[stop - 1].end if stop > o_end else 0
    if any(cue.value == "past_background" and lo_char <= toks[cue.tok_start].start < hi_char for cue in men.cues):
        return True
    ref = doc.published or max((d.date for d in men.dates if d.date is not None), default=None)
    if ref is None:
        return False
    for d in men.dates:
        if d.date is not None and lo_char <= d.span.start < hi_char and d.date < ref - dt.timedelta(days=60):
            return True
    # a bare earlier year: "in 2018", "im Jahr 2019"
    return any(is_past_year(toks[k].text, ref.year) and k > 0 and toks[k - 1].lower in ("in", "im", "jahr", "since", "seit")
               for k in range(o_end, stop))


def is_past_year(text: str, ref_year: int) -> bool:
    """A four-digit year before `ref_year` ("2016" in a 2024 report)."""
    return text.isdigit() and len(text) == 4 and 1900 <= int(text) < ref_year


@functools.lru_cache(maxsize=8)
def _symbolic_objects(lang: str) -> frozenset:
    from ..nlp import lemmatize_phrase

    out = set()
    for w in load_lexicon(lang).get("symbolic_objects", []):
        out.update(lemmatize_phrase(str(w), lang))
    return frozenset(out)


def _burns_symbol(doc: Document, t: "Trigger", symbolic: frozenset) -> bool:
    """The object of a burning trigger (inside a gapped pattern or right after it) is a symbol."""
    toks = doc.tokens
    hi = min(len(toks), t.tok_end + 5)
    for k in range(t.tok_start + 1, hi):
        if toks[k].sent != t.sent or toks[k].text in (",", ";", "."):
            break
        if toks[k].lemma in symbolic or toks[k].lower in symbolic:
            return True
    # German verb-final: "Demonstranten haben Fahnen verbrannt" - the object before the verb
    if doc.lang == "de":
        for k in range(max(0, t.tok_start - 4), t.tok_start):
            if toks[k].sent == t.sent and (toks[k].lemma in symbolic or toks[k].lower in symbolic):
                return True
    return False


@functools.lru_cache(maxsize=8)
def _age_patterns(lang: str) -> tuple:
    a = load_lexicon(lang).get("age_patterns") or {}
    return ([re.compile(p) for p in a.get("after", [])], [re.compile(p) for p in a.get("before", [])],
            [(re.compile(b), re.compile(f)) for b, f in a.get("around", [])])


def _is_age(doc: Document, q: "Quantity") -> bool:
    """ "a 54-year-old man", "ein 54 Jahre alter Mann", "aged 54", "Ahmed Ali, 54, ...": an age."""
    after_p, before_p, around_p = _age_patterns(doc.lang)
    after = doc.text[q.span.end:q.span.end + 30]
    before = doc.text[max(0, q.span.start - 30):q.span.start]
    return (any(p.search(after) for p in after_p) or any(p.search(before) for p in before_p)
            or any(b.search(before) and f.search(after) for b, f in around_p))


_TOLL_LINK = {"to", "at", "reached", "hit", "auf", "bei", "erreichte"}


def _inside_title_name(doc: Document, m: Match) -> bool:
    """An English one-word trigger written with a capital inside a sentence, next to another
    capitalised word, is part of a multi-word name ("Burnt Store Isles", "Labor Fight
    Movement"), not an act. Case-sensitive patterns (acronyms) are exempt; German capitalises
    all nouns."""
    if doc.lang != "en" or m.tok_end - m.tok_start != 1 or m.pattern.startswith("="):
        return False
    if FAMILY.get(m.value) == "protest" and m.value not in ("riot", "mob"):
        return False  # the name of a demonstration is a demonstration ("the Freedom Convoy", "Women's March")
    toks = doc.tokens
    t = toks[m.tok_start]
    sent = doc.sentences[t.sent]
    if not t.text[:1].isupper() or t.is_upper or t.i == sent.tok_start:
        return False
    prev_name = t.i - 1 > sent.tok_start and toks[t.i - 1].text[:1].isupper()
    next_name = t.i + 1 < sent.tok_end and toks[t.i + 1].text[:1].isupper()
    return prev_name or next_name


def _in_proper_name(doc: Document, m: Match) -> bool:
    """An English cue word written with a capital inside a sentence is part of a name
    ("Plan Tres Mill", "Fear Factory"), not a modal cue (German capitalises all nouns)."""
    if doc.lang != "en":
        return False
    t = doc.tokens[m.tok_start]
    return (t.text[:1].isupper() and not t.is_upper and t.i != doc.sentences[t.sent].tok_start
            and t.i > 0 and doc.tokens[t.i - 1].text not in ('"', "'", "“", ":", "(", "-"))


def _label_prefixes(doc: Document) -> set[int]:
    """Tokens of a short label before a colon at the start of a sentence ("UPDATE:", "Kabul:")."""
    out: set[int] = set()
    for s in doc.sentences:
        for k in range(s.tok_start, min(s.tok_end, s.tok_start + 4)):
            if doc.tokens[k].text == ":":
                out.update(range(s.tok_start, k))
                break
    return out


@functools.lru_cache(maxsize=8)
def _territory_objects(lang: str) -> tuple[frozenset, frozenset]:
    words = [str(w).lower() for w in load_lexicon(lang).get("territory_objects") or []]
    return frozenset(w for w in words if " " not in w), frozenset(w for w in words if " " in w)


_PASSIVE = frozenset({"was", "were", "been", "being", "is", "are", "wurde", "wurden", "worden"})


def _takes_territory(doc: Document, t: Trigger) -> bool:
    """Is "seized"/"captured"/"took over" taking territory? Yes when its object (the next noun
    phrase, or in the passive the subject before it) is a place noun from `territory_objects`
    ("the town", "control", "a military base") or a capitalised name ("seized Kherson");
    "seized livestock", "captured a truck" are looting."""
    single, multi = _territory_objects(doc.lang)
    toks = doc.tokens
    sent = doc.sentences[t.sent]
    def looks_territorial(rng) -> bool:
        for k in rng:
            tk = toks[k]
            if tk.lower in single or tk.lemma in single:
                return True
            if k + 1 < sent.tok_end and f"{tk.lower} {toks[k + 1].lower}" in multi:
                return True
            if tk.text[:1].isupper() and k > sent.tok_start and not tk.is_upper:
                return True  # a name: "seized Kherson", "took over Al-Khair"
        return False
    after = range(t.tok_end, min(sent.tok_end, t.tok_end + 5))
    # stop at the first clause break or preposition that starts another phrase
    cut = next((k for k in after if toks[k].is_punct or toks[k].lower in ("from", "in", "at", "near", "on", "during", "aus", "von")), None)
    if cut is not None:
        after = range(t.tok_end, cut)
    if looks_territorial(after):
        return True
    if t.tok_start > 0 and toks[t.tok_start - 1].lower in _PASSIVE:
        before = range(max(sent.tok_start, t.tok_start - 6), t.tok_start - 1)
        return looks_territorial(before)
    return False


_PLURAL_EN = frozenset({"men", "women", "children", "people", "police", "personnel", "staff", "militia", "youth",
                        "gunmen", "policemen", "militiamen", "servicemen", "tribesmen", "herdsmen", "fishermen", "dead"})


def _dedupe(matches: list[Match]) -> list[Match]:
    """One match per span, label and value; a contiguous pattern wins over a gapped one that
    matched the same tokens (so the outcome does not depend on the matcher's order)."""
    best: dict[tuple, Match] = {}
    order: list[tuple] = []
    for m in matches:
        k = (m.tok_start, m.tok_end, m.label, m.value)
        if k not in best:
            best[k] = m
            order.append(k)
        elif " * " in best[k].pattern and " * " not in m.pattern:
            best[k] = m
    return [best[k] for k in order]


def _headings(doc: Document) -> set[int]:
    """Short lines without final punctuation (titles, sub-headings)."""
    out = set()
    for s in doc.sentences:
        toks = doc.sent_tokens(s)
        if not toks:
            continue
        line_end = s.end >= len(doc.text) or doc.text[s.end:s.end + 1] == "\n"
        if len(toks) <= 8 and toks[-1].text not in ".!?:;\"“”»«'" and line_end:
            out.add(s.i)
        elif doc.text[s.start:s.end].startswith("+++") or doc.text[s.start:s.end].endswith("+++"):
            out.add(s.i)  # liveblog entry headline
    return out


def _longest(ms: list[Match]) -> list[Match]:
    """Drop matches contained in a longer match of the same label."""
    ms = sorted(ms, key=lambda m: (m.tok_start, -(m.tok_end - m.tok_start)))
    out: list[Match] = []
    for m in ms:
        if any(o.tok_start <= m.tok_start and m.tok_end <= o.tok_end and (o.tok_end - o.tok_start) > (m.tok_end - m.tok_start) for o in out):
            continue
        out.append(m)
    return out


# ----------------------------------------------------------------------------- triggers

_MODAL_WINDOW = 6


def _triggers(doc: Document, by_label: dict[str, list[Match]], cues: list[Match]) -> list[Trigger]:
    acts = by_label.get("action", [])
    out = []
    # longest match wins: a word inside a longer trigger of another class belongs to that
    # trigger ("fire" in "set fire to", "death" in "beaten to death"), not to a class of its own
    # (a gapped pattern counts by its whole length and covers its first part: "schoss ... ab")
    spans = [(a.tok_start, a.tok_end if " * " not in a.pattern else a.tok_start + len(a.pattern.split(" * ")[0].split()),
              a.tok_end - a.tok_start, a.value) for a in acts]
    # ... and its last part ("set the house on fire": "fire" belongs to the arson)
    spans += [(a.tok_end - len(a.pattern.split(" * ")[-1].split()), a.tok_end, a.tok_end - a.tok_start, a.value)
              for a in acts if " * " in a.pattern]
    for m in acts:
        if any(a0 <= m.tok_start and m.tok_end <= a1 and n > m.tok_end - m.tok_start and v != m.value
               for a0, a1, n, v in spans):
            continue
        s = doc.tokens[m.tok_start].sent
        modality = None
        for c in cues:
            if c.value == "call" and doc.tokens[c.tok_start].sent == s and (
                    0 <= c.tok_start - m.tok_end <= 2 or c.tok_start < m.tok_start < c.tok_end):
                # "zu einem Warnstreik aufgerufen", "rief zu Protesten auf": a call, the act is yet to come
                modality = "plan"
                continue
            if c.value not in ("threat", "plan", "denial", "negation", "attempted", "call"):
                continue
            if doc.tokens[c.tok_start].sent != s:
                continue
            # cue shortly before the trigger in the same clause, or right after for denials
            if 0 <= m.tok_start - c.tok_end <= _MODAL_WINDOW and not _clause_break(doc, c.tok_end, m.tok_start):
                modality = "plan" if c.value == "call" else c.value
            elif c.value == "denial" and 0 <= c.tok_start - m.tok_end <= 3 and FAMILY.get(m.value) != "protest":
                modality = c.value  # ("protested, rejecting the visit": what a protest rejects is its topic)
        if any(_accusation_of(doc, c, m.tok_start) for c in cues):
            modality = "accusation"
        if modality == "negation" and m.value in ("kill",):
            modality = None  # "nobody was killed" is handled as a casualty statement
        if modality == "attempted" and (FAMILY.get(m.value) == "battle" or m.value == "offensive"
                                        or (m.tok_start > 0 and doc.tokens[m.tok_start - 1].lower in ("and", "und"))):
            # "tried to advance, clashing with", "an attempted offensive", "thwarted the
            # infiltration and clashed with": the fighting took place
            modality = None
        head_end = m.tok_start + len(m.pattern.split(" * ")[0].split()) if " * " in m.pattern else m.tok_end
        if m.value == "protest" and m.tok_end - m.tok_start == 1 and _violent_strike(doc, m, acts, by_label):
            continue
        if any(c.value in ("threat", "figurative") and c.tok_start <= m.tok_start and m.tok_end <= c.tok_end for c in cues):
            continue  # "a bomb threat", "a ransomware attack", "a legal battle": no act of violence
        if any(c.value in ("topic", "accusation") and " * " in c.pattern and c.tok_start < m.tok_start and m.tok_end < c.tok_end
               for c in cues):
            continue  # "warf ihr Blockade vor": what a party is accused of, inside the gapped phrase
        if _inside_title_name(doc, m):
            continue  # "Burnt Store Isles", "the Labor Fight Movement", "Stand Up Against Gun Violence"
        if (m.value == "block" and m.tok_end - m.tok_start == 1 and doc.tokens[m.tok_start].lower in ("block", "blocks")
                and m.tok_start > 0 and doc.tokens[m.tok_start - 1].lower in word_list("block_noun_before")):
            continue  # "missiles hit an apartment block": a building, not a road blocked by protesters
        if m.value == "occupy" and m.tok_start > 0 and (doc.tokens[m.tok_start - 1].lower in _ARTICLES
                                                        or doc.tokens[m.tok_start - 1].text == "-"):
            continue  # "the occupied territories", "Russian-occupied": an adjective
        out.append(Trigger(m.tok_start, m.tok_end, m.value, s, span_of(doc, m.tok_start, m.tok_end), modality,
                           min(head_end, m.tok_end)))
    # a word that is both a protest and an attack ("strike") and was kept as a protest (no
    # violence around it) is not also an attack
    protest_spans = {(t.tok_start, t.tok_end) for t in out if t.cls == "protest"}
    return [t for t in out if not (t.cls in _VIOLENT and (t.tok_start, t.tok_end) in protest_spans)]


_VIOLENT = frozenset({"clash", "firefight", "blast", "offensive", "attack", "kill", "shell", "air", "ied", "grenade", "suicide", "chemical"})


def _violent_strike(doc: Document, m: Match, acts: list[Match], by_label: dict[str, list[Match]]) -> bool:
    """A one-word protest trigger that is also a word for an attack ("strike", "Streik" is safe, but
    "a Russian strike killed three"): not a protest when it is part of a longer violent trigger
    ("drone strike") or its sentence tells of violence or weapons and nothing of labour."""
    s = doc.tokens[m.tok_start].sent
    if not any(a is not m and a.value in _VIOLENT and a.tok_start <= m.tok_start < a.tok_end
               and a.tok_end - a.tok_start > m.tok_end - m.tok_start for a in acts):
        if doc.tokens[m.tok_start].lower not in ("strike", "strikes"):
            return False
        violent_here = any(a.value in _VIOLENT and doc.tokens[a.tok_start].sent == s and a.tok_start != m.tok_start for a in acts)
        weapons = any(w.value != "vehicle" and doc.tokens[w.tok_start].sent == s for w in by_label.get("weapon", []))
        if not (violent_here or weapons):
            return False
    return True


_ARTICLES = {"der", "des", "dem", "den", "die", "the", "a", "an", "einer", "eines", "seiner", "ihrer"}


def _clause_break(doc: Document, a: int, b: int) -> bool:
    toks = doc.tokens
    for k in range(a, b):
        t = toks[k]
        if t.text in (";", ":") or t.lower in ("but", "aber", "jedoch", "whereas"):
            return True
        if t.lower in ("while", "während"):
            nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
            if nxt not in _ARTICLES:  # "während der Kämpfe" is a preposition, not a new clause
                return True
    return False


# ----------------------------------------------------------------------------- quantities


_ORDINAL_BEFORE = frozenset({"am", "zum", "im", "vom", "beim", "der", "die", "das", "den", "dem", "des", "ab", "bis", "seit",
                             "the", "on", "of"})


def _final_number(doc: Document, i: int) -> bool:
    """A number with a full stop that ends a sentence ("stieg auf 32. Mehr als ...") rather than an
    ordinal ("am 3. Dezember", "der 5. Division"): last token, or not after an article or a date
    preposition and not before a month name."""
    toks = doc.tokens
    if i + 1 >= len(toks) or toks[i + 1].sent != toks[i].sent:
        return True
    months = _date_tables(doc.lang)["months"]
    return (toks[i + 1].text[:1].isupper() and toks[i + 1].lower not in months
            and not (i > 0 and toks[i - 1].lower in _ORDINAL_BEFORE))


def _quantities(doc: Document, by_label: dict[str, list[Match]], date_chars: list[tuple[int, int]]) -> list[Quantity]:
    lang = doc.lang
    toks = doc.tokens
    rules = _vague_rules(lang)
    mods = {}
    for m in _longest(by_label.get("modifier", [])):
        mods[m.tok_end] = m  # modifier ending right before a number token
    out: list[Quantity] = []
    used: set[int] = set()

    def in_date(t) -> bool:
        return any(a <= t.start < b for a, b in date_chars)

    # vague quantities first (longest)
    for m in _longest(by_label.get("vague", [])):
        r = rules.get(m.value)
        if not r:
            continue
        # "a dozen" inside "dozens of" etc.: keep longest only (handled by _longest)
        if any(i in used for i in range(m.tok_start, m.tok_end)):
            continue
        acled = r.get("acled")
        acled_v = 3 if acled == "limited" else 10 if acled == "significant" else int(acled)
        q = Quantity(m.tok_start, m.tok_end, span_of(doc, m.tok_start, m.tok_end), int(r["low"]), int(r["best"]),
                     int(r["high"]) if r.get("high") is not None else None, acled_v, f"vague:{m.value}")
        out.append(q)
        used.update(range(m.tok_start, m.tok_end))
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if i in used or in_date(t):
            i += 1
            continue
        val = parse_number_word(t.text, lang)
        if val is None and t.text[:-1].isdigit() and t.text.endswith(".") and _final_number(doc, i):
            val = int(t.text[:-1])  # "... stieg auf 32.": a German tokenizer keeps the full stop on a final number
        if val is None:
            i += 1
            continue
        j = i + 1
        # multi-word number words ("twenty one", "one hundred")
        if t.text.isalpha():
            while j < n and toks[j].text.isalpha() and j - i < 4:
                joined = " ".join(x.text for x in toks[i:j + 1])
                v2 = parse_number_word(joined, lang)
                if v2 is None:
                    break
                val, j = v2, j + 1
        # skip years / times / percentages / measures
        nxt = toks[j] if j < n else None
        if nxt is not None and nxt.text in ("%", "Prozent", "percent", "per", "h", "Uhr", "am", "pm", "a.m.", "p.m."):
            i = j
            continue
        if 1900 <= val <= 2100 and t.text.isdigit():
            i = j
            continue
        low = best = acled = val
        high: Optional[int] = val
        rule = "exact"
        q_start = i
        # ranges: "10 to 15", "10-15", "zwischen 10 und 15"
        if j + 1 < n and toks[j].text in ("-", "–", "to", "bis", "and", "und", "or", "oder"):
            v3 = parse_number_word(toks[j + 1].text, lang)
            if v3 is not None and v3 > val:
                low, high, best, acled = val, v3, int(round((val + v3) / 2)), val
                rule = "range"
                j += 2
        elif "-" in t.text or "–" in t.text:
            pass
        mod = mods.get(q_start)
        if mod is not None and rule == "exact":
            q_start = mod.tok_start
            rule = mod.value
            if rule == "at_least":
                high = None
            elif rule == "more_than":
                high = None
            elif rule == "nearly":
                low = max(1, math.floor(val * 0.9))
                best = high = max(low, val - 1)
                acled = low
            elif rule == "about":
                low = math.floor(val * 0.9)
                high = math.ceil(val * 1.1)
            elif rule == "up_to":
                low = 1 if val > 1 else val
                best = val
                acled = val
            elif rule in ("range_sep", "range_start"):
                rule = "exact"
                q_start = i
        out.append(Quantity(q_start, j, span_of(doc, q_start, j), low, best, high, acled, rule))
        used.update(range(i, j))
        i = j
    out.sort(key=lambda q: q.tok_start)
    return out


# ----------------------------------------------------------------------------- casualties

_BRIDGE = {"of", "von", "the", "der", "die", "den", "des", "dem", "at", "and", "und", "auch", "also", "including", "a", "an",
           "total", "insgesamt", "another", "further", "weitere", "weiteren", "mehr", "more", "than", "als", "some", "etwa",
           "rund", "about", "around", "nearly", "fast", "least", "mindestens", "up", "to", "bis", "zu", "as", "many", ",",
           "people", "persons", "menschen", "personen", "between", "zwischen"}
_DE_MIDFIELD = {"in", "im", "bei", "beim", "nahe", "am", "an", "der", "die", "den", "dem", "des", "von", "vom", "nach",
                "mutmaßlich", "mutmaßliche", "mutmaßlichen", "bewaffnete", "bewaffneten", "unbekannte", "unbekannten",
                "erneut", "dort", "dabei", "offenbar", "mindestens", "laut", "ein", "eine", "einem", "einer", "eines",
                "anderen", "weiteren", "benachbarten", "gestern", "heute", "nachts"}
_COPULA = {"waren", "war", "sind", "ist", "were", "was", "are", "is", "included", "include"}
_GROUP_SKIP = {"of", "von", "der", "den", "des", "die", "the", "more", "weitere", "weiteren", "other", "andere", "anderen"}


_PASSIVE_OR_COPULA = {"was", "were", "been", "being", "are", "is", "got", "wurde", "wurden", "worden", "werden",
                      "sind", "waren", "ist", "war"}
_OBJECT_START = {"a", "an", "the", "his", "her", "their", "its", "two", "three", "four", "five", "several", "dozens",
                 "ein", "eine", "einen", "einem", "der", "die", "den", "dem", "zwei", "drei", "vier", "fünf", "mehrere"}


def _active_with_object(doc: Document, group_end: int, o: Match, person_at) -> bool:
    """ "Two armed men shot and killed a taxi driver": the figure's group is the subject of an
    active killing verb with an object after it - the perpetrators, not the victims."""
    toks = doc.tokens
    if any(toks[k].lower in _PASSIVE_OR_COPULA for k in range(group_end, o.tok_end)):
        return False
    k = o.tok_end
    if k >= len(toks) or toks[k].sent != toks[o.tok_start].sent:
        return False
    t = toks[k]
    return t.lower in _OBJECT_START or t.is_digit or person_at(k) is not None


def _casualties(doc: Document, by_label: dict[str, list[Match]], quantities: list[Quantity],
                groups: list[tuple[int, int]] = ()) -> list[Casualty]:
    toks = doc.tokens
    outcomes = [o for o in _longest(by_label.get("outcome", []))
                if not (o.tok_end + 1 < len(toks) and toks[o.tok_end].text == "-" and toks[o.tok_end].start == toks[o.tok_end - 1].end)]
    # (a word joined by a hyphen to the next is part of a compound: a "die-in" protest, a "shot-down" drone)
    outcome_starts = {o.tok_start for o in outcomes}
    persons = by_label.get("person", [])
    person_starts: dict[int, Match] = {}
    for p in _longest(persons):
        person_starts.setdefault(p.tok_start, p)
    subset_ends = {m.tok_end for m in by_label.get("subset", [])}
    subset_pos = [m.tok_end for m in by_label.get("subset", [])]
    out: list[Casualty] = []
    taken: set[int] = set()

    plemmas = person_lemmas(doc.lang)
    name_end_at = {a: b for a, b in groups}

    def person_at(k: int) -> Optional[int]:
        """End token of a person noun starting at k (also compounds: "HTS-Mitgliedern")."""
        if k in person_starts:
            return person_starts[k].tok_end
        t = toks[k]
        if doc.lang == "en" and t.text[:1].isupper() and t.text.endswith(("s", "ese")) and t.text.isalpha() \
                and countries.by_adjective(t.text, "en") is not None:
            return k + 1  # a nationality in the plural: "shot dead two Palestinians", "three Sudanese"
        if "-" in t.text and t.text[-1].isalpha():
            from ..nlp import lemmatize

            last = t.text.rsplit("-", 1)[1]
            if last and lemmatize(last[:1].upper() + last[1:] if doc.lang == "de" else last, doc.lang) in plemmas:
                return k + 1
        return None

    def person_span(j: int):
        """The person noun starting at token j, also a compound ("einen Hamas-Kommandeur")."""
        if j in person_starts:
            return person_starts[j]
        e = person_at(j)
        return SimpleNamespace(tok_start=j, tok_end=e) if e is not None else None

    def group_after(q_end: int) -> tuple[int, int]:
        """Noun group right after a quantity: adjectives/compounds up to the person noun,
        with coordinated person nouns ("fighters and soldiers")."""
        k = q_end
        sent = toks[q_end - 1].sent
        if q_end in name_end_at and toks[name_end_at[q_end] - 1].sent == sent and person_at(q_end) is None:
            # a named group right after the figure: "three VDP", "37 HTS fighters", "4 FACA"
            e = name_end_at[q_end]
            while e < len(toks) and toks[e].sent == sent and person_at(e) is not None:
                e = person_at(e)
            return (q_end, e)
        lim = min(len(toks), q_end + 6)
        while k < lim and toks[k].sent == sent:
            pe = person_at(k)
            if pe is not None:
                e = pe
                # noun-noun compounds: "volunteer fighters", "police officers", "army soldiers"
                while e < lim + 2 and e < len(toks) and toks[e].sent == sent and person_at(e) is not None:
                    e = person_at(e)
                # "Kämpfer und Soldaten" / "fighters and soldiers": one mixed group
                while e + 1 < len(toks) and toks[e].lower in ("und", "and", "or", "oder", ",") and toks[e].sent == sent:
                    pe2 = person_at(e + 1)
                    if pe2 is None or e + 1 in outcome_starts:
                        break  # "killing 15 soldiers and wounding 18": not a person noun
                    e = pe2
                # "members of the regime forces" / "Mitglieder der Regimekräfte" (not "Studenten von
                # Soldaten": a person noun after "von" is the passive's agent)
                if e < len(toks) and toks[e].lower in ("of", "der", "des", "von") and e + 1 < len(toks) \
                        and not (toks[e].lower == "von" and person_at(e + 1) is not None):
                    e2 = e + 1
                    while e2 < min(len(toks), e + 5) and toks[e2].sent == sent and (toks[e2].is_title or toks[e2].lower in ("the", "der", "die", "den")) and not toks[e2].is_punct:
                        e2 += 1
                    if e2 > e + 1:
                        e = e2
                return (q_end, e)
            t = toks[k]
            if t.is_punct or t.lemma in ("werden", "be", "sein", "haben", "have") or t.is_digit or t.lower in _GROUP_STOP:
                break  # "some from the union and others": the figure's noun does not come later
            k += 1
        return (q_end, q_end)

    q_toks = {k for q in quantities for k in range(q.tok_start, q.tok_end)}
    for q in quantities:
        sent = toks[q.tok_start].sent
        if (q.tok_start > 0 and toks[q.tok_start - 1].lower in word_list("party_count_before") and q.low == q.high <= 3
                and not (q.tok_end < len(toks) and (toks[q.tok_end].lower in ("and", "to", "und", "bis", "-", "–")
                                                    or toks[q.tok_end].is_digit))):
            continue  # "clashes between two armed groups", "zwischen zwei Milizen": the parties counted, not the dead
        if q.tok_start > 0 and toks[q.tok_start - 1].lower in ("of", "aus") and any(
                c.group_tok[1] == q.tok_start - 1 and c.sent == sent for c in out):
            continue  # "13 members of one family", "zwei Kinder aus drei Familien": whose they are, not more dead
        g0, g1 = group_after(q.tok_end)
        has_group = g1 > g0
        # find an outcome: after the group (same sentence, within 12 tokens) or before it (within 8)
        best_o = None
        best_d = 99
        for o in outcomes:
            if toks[o.tok_start].sent != sent:
                continue
            if has_group and q.tok_end <= o.tok_start < g1:
                best_o, best_d = o, 0  # the group noun is the outcome ("10 fatalities", "12 Tote")
                break
            if o.tok_start >= (g1 if has_group else q.tok_end):
                if toks[q.tok_end - 1].text.endswith(".") and toks[q.tok_end - 1].text[:-1].isdigit():
                    continue  # "auf 32. Mehr als 60 ...": the full stop on the number ends its sentence
                d = o.tok_start - (g1 if has_group else q.tok_end)
                # a tie with an outcome before the figure goes to this one: "X was killed and two
                # others were injured"
                g_end = g1 if has_group else q.tok_end
                tie = (best_o is not None and best_o.tok_end <= q.tok_start and d == best_d
                       and any(toks[j].lower in _PASSIVE_OR_COPULA for j in range(g_end, o.tok_start))
                       and not any(j in q_toks for j in range(g_end, o.tok_start)))
                if d <= 12 and (d < best_d or tie) and not _clause_break(doc, q.tok_end, o.tok_start) \
                        and not (has_group and _active_with_object(doc, g1, o, person_at)):
                    best_o, best_d = o, d
            elif o.tok_end <= q.tok_start:
                d = q.tok_start - o.tok_end
                if o.value == "toll":
                    # "the death toll ... has risen to 19"; a long subject ("the toll from Saturday's
                    # bombing at the station in the city of X rose to 32") when the figure is the
                    # complement of the toll's verb
                    ok = d <= 16 or (d <= 32 and q.tok_start > 0 and toks[q.tok_start - 1].lower in _TOLL_LINK)
                else:
                    # "killing 5 people", "the death of dozens", "das Leben von 44": only function
                    # words between; "killed by two gunmen" names the perpetrators, not victims
                    gap = range(o.tok_end, q.tok_start)
                    others = has_group and toks[g1 - 1].lower == "others"
                    if others and any(toks[k].text == "," for k in gap) and not any(toks[k].lower in _CONJ for k in gap):
                        continue  # "were killed, three others survived": others than the dead
                    ok = d <= 8 and (
                        all(toks[k].lower in _BRIDGE or toks[k].is_digit or person_at(k) is not None or k in q_toks for k in gap)
                        # "Unter den Toten waren 37 Soldaten" / "among the dead were 37 soldiers"
                        or (d <= 6 and toks[q.tok_start - 1].lower in _COPULA)
                        # German verb-second: "töteten Kämpfer in Uvira zwei Zivilisten" - the subject and
                        # an adverbial stand between the verb and its object
                        or (doc.lang == "de" and d <= 6 and has_group
                            and all(toks[k].text[:1].isupper() or toks[k].lower in _DE_MIDFIELD for k in gap)))
                if ok and d + 1 < best_d:
                    best_o, best_d = o, d + 1
        if best_o is None:
            continue
        # a quantity with no person noun counts only when glued to the outcome ("5 killed", "10 fatalities")
        if not has_group and best_o.value != "toll":
            gap = best_o.tok_start - q.tok_end if best_o.tok_start >= q.tok_end else q.tok_start - best_o.tok_end
            if gap > 2:
                continue
            nxt = toks[q.tok_end] if q.tok_end < len(toks) else None
            if nxt is not None and nxt.is_title and nxt.i != best_o.tok_start and not nxt.is_punct:
                continue
        # a subset needs a figure told before it ("as a result of which 1 civilian died" is not one)
        subset = any(0 <= q.tok_start - e <= 2 for e in subset_pos) and any(
            c.quantity.tok_start < q.tok_start and sent - c.sent <= 1 for c in out)
        gspan = span_of(doc, g0, g1) if has_group else None
        out.append(Casualty("killed" if best_o.value == "toll" else best_o.value, q, (g0, g1), gspan.text if gspan else "", gspan,
                            span_of(doc, best_o.tok_start, best_o.tok_end), sent, subset, toll=best_o.value == "toll"))
        taken.add(q.tok_start)
    # singular victims: "a man was killed", "ein Soldat wurde getötet"
    for o in outcomes:
        sent = toks[o.tok_start].sent
        if any(c.sent == sent and c.outcome == o.value for c in out):
            continue
        back = 12 if doc.lang == "de" else 8  # German puts the participle at the clause end
        for k in range(max(0, o.tok_start - back), o.tok_start):
            t = toks[k]
            definite = doc.lang == "en" and t.lower == "the" and o.value == "killed" and k == doc.sentences[sent].tok_start
            if (doc.lang == "en" and t.lower in ("he", "she") and k == doc.sentences[sent].tok_start and o.value == "killed"
                    and all(toks[j].lower in _PRONOUN_GAP for j in range(k + 1, o.tok_start))):
                # "He was killed in the attack", "She later died": one person, told again or for the first time
                q = Quantity(k, k + 1, span_of(doc, k, k + 1), 1, 1, 1, 1, "singular")
                out.append(Casualty(o.value, q, (k, k + 1), t.text, span_of(doc, k, k + 1), span_of(doc, o.tok_start, o.tok_end), sent))
                break
            if t.sent != sent or not (t.lower in ("a", "an", "one", "ein", "eine", "einen", "einer") or definite) or k in taken:
                continue
            if o.tok_start - k > 8 and any(toks[j].is_punct for j in range(k, o.tok_start)):
                continue  # far back only within one clause ("ein 54 Jahre alter Mann bei einem Angriff getötet")
            # "a 54-year-old man", "ein 54 Jahre alter Mann": an age between article and noun
            reach = 9 if k + 1 < len(toks) and toks[k + 1].is_digit else 5
            p = next((x for j in range(k + 1, min(k + reach, o.tok_start)) if (x := person_span(j)) is not None), None)
            if p is None or p.tok_end > o.tok_start or _clause_break(doc, p.tok_end, o.tok_start):
                continue
            if any(p.tok_end <= o2.tok_start < o.tok_start for o2 in outcomes):
                continue  # "a civilian were killed and four others injured": the nearer outcome is its own
            if definite and (toks[p.tok_end - 1].lower in _PLURAL_EN or o.tok_start - p.tok_end > 2):
                continue  # "The victim died", "The soldier was killed" (a sentence about one person), not "The men ..."
            if _active_with_object(doc, p.tok_end, o, person_at):
                continue  # "a soldier shot and killed a driver": the killer, not a victim
            ptxt = toks[p.tok_end - 1].lower
            if ptxt.endswith("s") and doc.lang == "en" and not ptxt.endswith("ss"):
                continue  # plural noun
            q = Quantity(k, k + 1, span_of(doc, k, k + 1), 1, 1, 1, 1, "singular")
            gs = span_of(doc, p.tok_start, p.tok_end)
            out.append(Casualty(o.value, q, (p.tok_start, p.tok_end), gs.text, gs, span_of(doc, o.tok_start, o.tok_end), sent))
            break
        else:
            # the object of an active verb: "shot and killed a truck driver", "tötete einen Polizisten"
            if o.value == "toll" or any(c.sent == sent and c.outcome == o.value for c in out):
                continue
            k = o.tok_end
            if k < len(toks) and toks[k].sent == sent and toks[k].lower == "another" and doc.lang == "en" and (
                    k + 1 >= len(toks) or toks[k + 1].is_punct or toks[k + 1].lower in _LOCATIVE_EN):
                # "injuring one engineer and killing another": one more person
                q = Quantity(k, k + 1, span_of(doc, k, k + 1), 1, 1, 1, 1, "singular")
                out.append(Casualty(o.value, q, (k, k), "", None, span_of(doc, o.tok_start, o.tok_end), sent))
                continue
            definite = doc.lang == "en" and k < len(toks) and toks[k].lower == "the"
            if k < len(toks) and toks[k].sent == sent and (toks[k].lower in ("a", "an", "one", "another", "einen", "eine", "einem", "ein")
                                                            or definite):
                # "shot and killed a 29-year-old man", "killed the village administrator": an age or a
                # modifier may stand between the article and the noun
                reach = 9 if k + 1 < len(toks) and toks[k + 1].is_digit else 7
                p = next((x for j in range(k + 1, min(k + reach, len(toks))) if toks[j].sent == sent
                          and (x := person_span(j)) is not None), None)
                if p is None or any(toks[j].is_punct and toks[j].text not in "-–" for j in range(k + 1, p.tok_start)):
                    continue
                if definite and toks[p.tok_end - 1].lower in _PLURAL_EN:
                    continue
                ptxt = toks[p.tok_end - 1].lower
                if doc.lang == "en" and ptxt.endswith("s") and not ptxt.endswith("ss"):
                    continue
                q = Quantity(k, k + 1, span_of(doc, k, k + 1), 1, 1, 1, 1, "singular")
                gs = span_of(doc, p.tok_start, p.tok_end)
                out.append(Casualty(o.value, q, (p.tok_start, p.tok_end), gs.text, gs, span_of(doc, o.tok_start, o.tok_end), sent))
    return _conjuncts(doc, out, quantities, person_at, outcomes)


_CONJ = {"and", "und", "sowie", "&"}
_GROUP_STOP = frozenset({"from", "in", "at", "on", "with", "by", "for", "to", "into", "near", "and", "or",
                         "aus", "mit", "für", "bei", "und", "oder"})
_PRONOUN_GAP = frozenset({"was", "had", "has", "been", "later", "reportedly", "also", "subsequently", "eventually", "then"})
_LOCATIVE_EN = frozenset({"in", "at", "near", "on", "during", "while", "when", "after", "and", "inside", "outside"})
_POSSESSIVE = frozenset({"his", "her", "their", "its", "sein", "seine", "seinen", "seiner", "ihr", "ihre", "ihren", "ihrer"})
_SINGULAR_DET = {"a", "an", "one", "his", "her", "their", "its", "another", "ein", "eine", "einen", "einem", "einer",
                 "sein", "seine", "seinen", "seinem", "ihr", "ihre", "ihren", "ihrem", "weitere", "weiteren"}


def _conjuncts(doc: Document, out: list[Casualty], quantities: list[Quantity], person_at, outcomes: list[Match]) -> list[Casualty]:
    """Coordinated victims share the outcome of the first conjunct: "a man and a woman were
    killed" (2), "killed a driver and his assistant" (2), "the death of 4 soldiers and 2
    gendarmes" (6), "drei Soldaten und ein Polizist wurden getötet" (4). Each conjunct is its own
    claim, flagged so that the same-figure check does not take it for a repeat."""
    toks = doc.tokens
    q_at = {q.tok_start: q for q in quantities}
    by_q = {c.quantity.tok_start: c for c in out}
    result = list(out)
    i = 0
    while i < len(result):
        c = result[i]
        i += 1
        if c.toll:
            continue
        sent = c.sent
        k = max(c.group_tok[1], c.quantity.tok_end)
        if c.group_tok[1] <= c.group_tok[0]:
            continue  # a bare figure ("5 killed") has no noun to coordinate with
        # skip a short parenthesis: "three volunteer fighters (VDP) and a councilman"
        if k < len(toks) and toks[k].text == "(":
            close = next((j for j in range(k + 1, min(k + 6, len(toks))) if toks[j].text == ")"), None)
            if close is None:
                continue
            k = close + 1
        # "6 farmers in one village and 4 farmers in the next": a place phrase between the conjuncts
        if k < len(toks) and toks[k].lower in ("in", "at", "im", "bei"):
            j = k + 1
            while j < min(len(toks), k + 6) and toks[j].sent == sent and toks[j].lower not in _CONJ and not toks[j].is_punct:
                j += 1
            if j < len(toks) and toks[j].lower in _CONJ and j + 1 in q_at:
                k = j
        if k + 1 >= len(toks) or toks[k].lower not in _CONJ or toks[k + 1].sent != sent:
            continue
        k += 1
        if toks[k].lower in _POSSESSIVE and k + 1 in q_at:
            k += 1  # "an employee and her 2 sons"
        if k in by_q and by_q[k].outcome == c.outcome:
            by_q[k].conjunct = c.conjunct = True  # found on its own ("one soldier and one policeman killed"): not a repeat
            by_q[k].subset = by_q[k].subset or c.subset  # "including two officers and seven civilians"
            continue
        if k in q_at:
            q = q_at[k]
            existing = by_q.get(k)
            if existing is not None:
                # the conjunct was bound to a later outcome across a clause break ("the death of 4
                # soldiers and 2 gendarmes, and 5 injured"): the coordination wins
                if existing.outcome_span.start < c.quantity.span.start or not _clause_break(
                        doc, existing.group_tok[1] or q.tok_end, token_at(doc, existing.outcome_span.start)):
                    continue
            j = q.tok_end
            pe = None
            while j < min(len(toks), q.tok_end + 4) and toks[j].sent == sent:
                pe = person_at(j)
                if pe is not None or toks[j].is_punct:
                    break
                j += 1
            if pe is None:
                continue
            while pe < len(toks) and toks[pe].sent == sent and person_at(pe) is not None:
                pe = person_at(pe)
            if existing is not None:
                result.remove(existing)
            gs = span_of(doc, q.tok_end, pe)
            new = Casualty(c.outcome, q, (q.tok_end, pe), gs.text, gs, c.outcome_span, sent, subset=c.subset, conjunct=True)
        elif toks[k].lower in _SINGULAR_DET and k not in by_q:
            p = next((j for j in range(k + 1, min(k + 4, len(toks))) if toks[j].sent == sent and person_at(j) is not None), None)
            if p is None or any(toks[j].is_punct and toks[j].text not in "-–" for j in range(k + 1, p)):
                continue  # "his co-driver" is split around its hyphen
            pe = person_at(p)
            while pe < len(toks) and toks[pe].sent == sent and person_at(pe) is not None:
                pe = person_at(pe)
            last = toks[pe - 1].lower
            if doc.lang == "en" and last.endswith("s") and not last.endswith("ss"):
                continue  # "his relatives": an unknown number
            q = Quantity(k, k + 1, span_of(doc, k, k + 1), 1, 1, 1, 1, "singular")
            gs = span_of(doc, p, pe)
            new = Casualty(c.outcome, q, (p, pe), gs.text, gs, c.outcome_span, sent, subset=c.subset, conjunct=True)
        else:
            continue
        # the conjunct must not be the subject of its own, different outcome ("killing 15 soldiers
        # and 18 civilians were wounded" keeps the wounded)
        nxt = new.group_tok[1]
        if nxt < len(toks) and any(o.tok_start in (nxt, nxt + 1) and o.value != c.outcome for o in outcomes):
            continue
        c.conjunct = True
        result.append(new)
        by_q[new.quantity.tok_start] = new
    # "three youths were arrested and killed": coordinated outcomes share the figure
    outcome_at = {o.tok_start: o for o in outcomes}
    for c in list(result):
        if c.outcome not in ("arrested", "abducted", "captured"):
            continue
        k = token_at(doc, c.outcome_span.end - 1) + 1
        while k < len(toks) and toks[k].lower in ("and", "und", "then", "later", "dann", "später"):
            k += 1
        o2 = outcome_at.get(k)
        if o2 is None or o2.value != "killed" or k == token_at(doc, c.outcome_span.end - 1) + 1:
            continue
        if any(r.quantity is c.quantity and r.outcome == "killed" for r in result):
            continue
        result.append(Casualty("killed", c.quantity, c.group_tok, c.group_text, c.group_span,
                               span_of(doc, o2.tok_start, o2.tok_end), c.sent))
    result.sort(key=lambda c: c.quantity.tok_start)
    return result


@functools.lru_cache(maxsize=8)
def person_lemmas(lang: str) -> frozenset:
    from ..nlp import lemmatize_phrase

    out = set()
    for p in load_lexicon(lang).get("person_nouns", []):
        lem = lemmatize_phrase(str(p), lang)
        if len(lem) == 1:
            out.add(lem[0])
    return frozenset(out)


# ----------------------------------------------------------------------------- sources


_POSTPOSITIONS = {"zufolge", "nach"}  # "Angaben zufolge", "Berichten nach"


def _sources(doc: Document, by_label: dict[str, list[Match]]) -> list[SourceMention]:
    toks = doc.tokens
    verbs_by_sent: dict[int, list[Match]] = {}
    preps = by_label.get("report_prep", [])
    # "according" inside "according to" is the preposition, not a verb
    verbs = [v for v in by_label.get("report_verb", [])
             if not any(p.tok_start <= v.tok_start < p.tok_end for p in preps)]
    for m in verbs + preps:
        verbs_by_sent.setdefault(toks[m.tok_start].sent, []).append(m)

    def near(v: Match, m: Match) -> bool:
        if v.label != "report_prep":
            return abs(v.tok_start - m.tok_start) <= 10  # "X said", "said X", "X told reporters"
        # "according to X", "laut X", "X zufolge": the source is the preposition's object, not
        # any noun of the sentence ("the military burned houses, according to locals")
        if v.tok_start <= m.tok_start < v.tok_end:
            return True  # "wie die Armee berichtete"
        gap = range(v.tok_end, m.tok_start)
        if 0 < len(gap) <= 8 and all(toks[k].text[:1].isupper() or toks[k].lower in ("the", "of", "and", "for", "der", "die", "des", "für", "und")
                                     for k in gap):
            return True  # "according to the National Transport and Safety Authority"
        return 0 <= m.tok_start - v.tok_end <= 4 or (
            0 <= v.tok_start - m.tok_end <= 3 and (toks[v.tok_start].lower in _POSTPOSITIONS or toks[v.tok_end - 1].lower in _POSTPOSITIONS))

    out: list[SourceMention] = []
    for m in _longest(by_label.get("source_noun", [])):
        sent = toks[m.tok_start].sent
        vs = verbs_by_sent.get(sent)
        if not vs:
            continue
        if not any(near(v, m) for v in vs):
            continue
        t0, t1 = m.tok_start, m.tok_end
        # extend left over adjectives / attributive words ("britische", "pro-government")
        while t0 > 0 and toks[t0 - 1].sent == sent and not toks[t0 - 1].is_punct and (
            toks[t0 - 1].lower.endswith(("e", "er", "es", "en", "n", "al", "ic", "ian", "ish", "an", "government", "state", "local", "official")) and toks[t0 - 1].lower not in ("the", "die", "der", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "and", "und", "von", "laut", "to", "by", "when", "then", "gegen", "einen", "zufolge", "wie", "dass", "that", "in", "an", "as", "on", "seien", "haben", "waren", "wurden", "werden")
        ):
            t0 -= 1
            if m.tok_start - t0 >= 3:
                break
        # extend right over "für Menschenrechte" / "for Human Rights" / "of Defence"
        if t1 + 1 < len(toks) and toks[t1].lower in ("für", "for", "of") and toks[t1 + 1].is_title and toks[t1 + 1].sent == sent:
            t1 += 2
            while t1 < len(toks) and toks[t1].is_title and toks[t1].sent == sent and t1 - m.tok_end < 5:
                t1 += 1
        out.append(SourceMention(span_of(doc, t0, t1), sent, t0, t1))
    # "nach Angaben der ukrainischen Luftwaffe", "according to the Ukrainian air force": the
    # object of a report preposition is the source even when it is no listed source noun
    for v in preps:
        if toks[v.tok_end - 1].lower in _POSTPOSITIONS or v.tok_end >= len(toks):
            continue
        sent = toks[v.tok_start].sent
        if any(sm.tok_start <= v.tok_end < sm.tok_end or 0 <= sm.tok_start - v.tok_end <= 4 for sm in out if sm.sent == sent):
            continue
        t0 = t1 = v.tok_end
        while t1 < len(toks) and toks[t1].sent == sent and t1 - t0 < 5 and not toks[t1].is_punct:
            t1 += 1
        if t1 > t0:
            out.append(SourceMention(span_of(doc, t0, t1), sent, t0, t1))
    # dedupe overlapping
    out.sort(key=lambda s: (s.span.start, -(s.span.end - s.span.start)))
    res: list[SourceMention] = []
    for s in out:
        if res and s.span.start < res[-1].span.end:
            continue
        res.append(s)
    return res


# ----------------------------------------------------------------------------- dates


@functools.lru_cache(maxsize=8)
def _date_tables(lang: str) -> dict:
    d = load_lexicon(lang).get("dates") or {}
    months = {k.lower(): v for k, v in (d.get("months") or {}).items()}
    weekdays = {k.lower(): v for k, v in (d.get("weekdays") or {}).items()}
    mon_alt = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    wd_alt = "|".join(sorted((re.escape(w) for w in weekdays), key=len, reverse=True))
    last_alt = "|".join(sorted((re.escape(w) for w in d.get("weekday_prefix_last", [])), key=len, reverse=True)) or "last"
    pats = {
        # 23 February 2022 / 3. Dezember 2024 / 23rd of February
        "dmy": re.compile(rf"\b(\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?({mon_alt})\.?(?:,?\s+(\d{{4}}))?\b", re.I),
        # February 23, 2022
        "mdy": re.compile(rf"\b({mon_alt})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I),
        # 2022-02-23
        "iso": re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        # 23.02.2022
        "dotted": re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
        # (in) May 2022 / im Mai
        "month": re.compile(rf"\b(?:(early|mid|late|beginning of|end of|middle of|Anfang|Mitte|Ende)[\s-]+)?({mon_alt})\.?(?:\s+(\d{{4}}))?\b", re.I),
        "weekday": re.compile(rf"\b(?:({last_alt})\s+)?({wd_alt})(?:s|morgen|abend|nachmittag|vormittag|nacht|mittag|früh)?\b", re.I),
        "today": re.compile(r"\b(" + "|".join(re.escape(x) for x in sorted(d.get("today", []), key=len, reverse=True)) + r")\b", re.I) if d.get("today") else None,
        "yesterday": re.compile(r"\b(" + "|".join(re.escape(x) for x in sorted(d.get("yesterday", []), key=len, reverse=True)) + r")\b", re.I) if d.get("yesterday") else None,
        "dby": re.compile(r"\b(" + "|".join(re.escape(x) for x in d.get("day_before_yesterday", [])) + r")\b", re.I) if d.get("day_before_yesterday") else None,
        "week": re.compile(r"\b(" + "|".join(re.escape(x) for x in sorted(d.get("week", []), key=len, reverse=True)) + r")\b", re.I) if d.get("week") else None,
    }
    return {"months": months, "weekdays": weekdays, "pats": pats}


def _safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int, pub: Optional[dt.date]) -> Optional[int]:
    if pub is None:
        return None
    y = pub.year
    cand = _safe_date(y, month, day)
    if cand and cand > pub + dt.timedelta(days=7):
        return y - 1
    return y


def resolve_weekday(weekday: int, pub: dt.date, last: bool) -> dt.date:
    """Weekday named in a report: the most recent such day on or before publication.

    offset = (publication weekday - mentioned weekday) mod 7. An offset of 0 means the
    publication day itself ("on Wednesday" in Wednesday's paper), except with "last"/
    "vergangenen", which means a week earlier.
    """
    off = (pub.weekday() - weekday) % 7
    if off == 0 and last:
        off = 7
    return pub - dt.timedelta(days=off)


_NIGHT_TO = re.compile(r"\s+(?:zum|zu|auf den|auf|to|into)\s+\w", re.IGNORECASE)


def find_dates(doc: Document) -> list[DateMention]:
    tabs = _date_tables(doc.lang)
    pats = tabs["pats"]
    months = tabs["months"]
    pub = doc.published
    text = doc.text
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(a, b, date, prec, rel):
        if not free(a, b):
            return
        taken.append((a, b))
        found.append(DateMention(Span(a, b, text[a:b]), _sent_at(doc, a), date, prec, rel, token_at(doc, a)))

    for m in pats["iso"].finditer(text):
        add(m.start(), m.end(), _safe_date(int(m[1]), int(m[2]), int(m[3])), 1, False)
    for m in pats["dotted"].finditer(text):
        add(m.start(), m.end(), _safe_date(int(m[3]), int(m[2]), int(m[1])), 1, False)
    for m in pats["dmy"].finditer(text):
        mon = months.get(m[2].lower())
        day = int(m[1])
        if not mon or not 1 <= day <= 31:
            continue
        y = int(m[3]) if m[3] else _infer_year(mon, day, pub)
        add(m.start(), m.end(), _safe_date(y, mon, day) if y else None, 1, not m[3])
    for m in pats["mdy"].finditer(text):
        mon = months.get(m[1].lower())
        day = int(m[2])
        if not mon or not 1 <= day <= 31:
            continue
        if m[1].lower() == "may" and not m[3] and doc.lang == "en" and m[1][0].islower():
            continue
        y = int(m[3]) if m[3] else _infer_year(mon, day, pub)
        add(m.start(), m.end(), _safe_date(y, mon, day) if y else None, 1, not m[3])
    for m in pats["weekday"].finditer(text):
        wd = tabs["weekdays"].get(m[2].lower())
        if wd is None:
            continue
        date = resolve_weekday(wd, pub, bool(m[1])) if pub else None
        add(m.start(), m.end(), date, 1, True)
    for key, delta in (("dby", 2), ("yesterday", 1), ("today", 0)):
        p = pats.get(key)
        if p is None:
            continue
        for m in p.finditer(text):
            if _NIGHT_TO.match(text, m.end()):
                continue  # "in der Nacht zum Dienstag", "overnight into Tuesday": the named day decides
            if any(not d.relative and d.sent == _sent_at(doc, m.start()) for d in found):
                continue  # "On 18 April 2022, overnight ...": the stated date decides
            if key == "yesterday" and ("night" in m[0].lower() or "nacht" in m[0].lower()) and any(
                    d.span.start < m.start() for d in found):
                continue  # "... in der Nacht zu Sonntag. ... setzte Russland in der Nacht 38 Drohnen ein": that night again
            add(m.start(), m.end(), (pub - dt.timedelta(days=delta)) if pub else None, 1, True)
    if pats.get("week") is not None:
        for m in pats["week"].finditer(text):
            date = None
            if pub:
                phrase = m[1].lower()
                if any(w in phrase for w in ("last", "past", "vergangen", "letzt")):
                    monday = pub - dt.timedelta(days=pub.weekday() + 7)
                else:
                    monday = pub - dt.timedelta(days=pub.weekday())
                date = monday + dt.timedelta(days=3)
                if "weekend" in phrase or "wochenende" in phrase:
                    # the latest weekend on or before the publication day (a Monday's "am
                    # Wochenende" is the two days before), its Saturday; "last weekend" read on a
                    # weekend is the one before
                    date = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
                    if pub.weekday() >= 5 and any(w in phrase for w in ("last", "past", "vergangen", "letzt")):
                        date -= dt.timedelta(days=7)
            add(m.start(), m.end(), date, 2, True)
    for m in pats["month"].finditer(text):
        mon = months.get(m[2].lower())
        if not mon:
            continue
        word = m[2]
        if doc.lang == "en" and word.lower() == "may" and word[0].islower():
            continue  # the modal verb
        if doc.lang == "de" and word.lower() in ("mai",) and not word[0].isupper():
            continue
        if not word[0].isupper():
            continue
        if re.match(r"\s+Day\b", text[m.end():m.end() + 5]) and not m[3]:
            continue  # "May Day"
        y = int(m[3]) if m[3] else _infer_year(mon, 15, pub)
        if not y:
            add(m.start(), m.end(), None, 3, True)
            continue
        part = (m[1] or "").lower()
        if part in ("early", "beginning of", "anfang"):
            day = 1
        elif part in ("late", "end of", "ende"):
            last = (_safe_date(y + (mon == 12), (mon % 12) + 1, 1) or dt.date(y, 12, 31)) - dt.timedelta(days=1)
            day = last.day
        else:
            day = 15
        add(m.start(), m.end(), _safe_date(y, mon, day), 3, not m[3])
    found.sort(key=lambda d: d.span.start)
    return found


# "KYIV, May 6 (Reuters) -", "BAMAKO, 12. September (dpa) -": a line opening with a place in
# capitals (or a place and a comma) and a date, then an agency or a dash
_DATELINE_HEAD = re.compile(r"^[\s\"'*]*[A-ZÄÖÜ][\w.'’ ,\-/]{1,60},\s*$")
_DATELINE_TAIL = re.compile(r"^\s*(?:,?\s*\d{4})?\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—:]|\(\w)")


def _drop_report_dates(doc: Document, dates: list, verbs: list) -> list:
    """ "..., berichteten Einwohner am Donnerstag. Sie hätten die Männer am vergangenen Freitag
    erschossen", "teilte das Ministerium am Montag mit. Der Sprengsatz war am Samstag explodiert":
    the date of the reporting clause is when it was said. It gives way when the same or one of the
    next two sentences dates the act itself."""
    toks = doc.tokens
    report = set()
    for d in dates:
        k = d.tok_start
        end = token_at(doc, d.span.end - 1) + 1
        for v in verbs:
            if toks[v.tok_start].sent != d.sent:
                continue
            after_verb = (0 <= k - v.tok_end <= 7 and not any(toks[j].is_punct for j in range(v.tok_end, k))) \
                or v.tok_start < k < v.tok_end  # "teilte das Ministerium am Montag mit"
            before_verb = 0 <= v.tok_start - end <= 1 and not any(toks[j].is_punct for j in range(end, v.tok_start))
            if after_verb or before_verb:  # "said on Monday", "berichteten Einwohner am Donnerstag"
                report.add(id(d))
    if not report:
        return dates
    out = []
    for d in dates:
        if id(d) in report and any(id(o) not in report and 0 <= o.sent - d.sent <= 2 and o.date is not None for o in dates):
            continue
        out.append(d)
    return out


def _in_dateline(text: str, start: int, end: int) -> bool:
    """The date of a dateline is when the report was filed, not when its events happened."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start]
    if len(head) > 65 or not _DATELINE_HEAD.match(head):
        return False
    place = head.strip(" \t\"'*,").split(",")[0]
    if not (place.isupper() or place.istitle()):
        return False
    return bool(_DATELINE_TAIL.match(text[end:end + 50]))


def _sent_at(doc: Document, char: int) -> int:
    for s in doc.sentences:
        if s.start <= char < s.end + 1:
            return s.i
    return doc.sentences[-1].i if doc.sentences else 0


def token_at(doc: Document, char: int) -> int:
    """Index of the token that holds (or follows) character `char`."""
    for t in doc.tokens:
        if t.end > char:
            return t.i
    return len(doc.tokens) - 1
