"""Stage 3: Mentions -> Frames. One frame = one claim: an action family in one sentence, with
its agent, target, casualty figures, date, place and reporting source.
"""
from __future__ import annotations

import functools
import re

from dataclasses import dataclass, field
from typing import Any, Optional

from ..lexicon import word_list
from ..taxonomy import ABSORB_ORDER, ABSORBS, ARMED_TYPES, FAMILY, GENERIC_CLASSES, classify
from ..mentions import Casualty, DateMention, Mentions, SourceMention, Trigger, parse_number_word
from ..models import Document, Mention

# prepositions that introduce the target / the agent (language data would be nicer; these are
# closed-class function words, kept here with their language)
TARGET_PREPS = {"en": {"against", "on", "at", "targeting", "into"}, "de": {"gegen", "auf", "an"}}
AGENT_PREPS = {"en": {"by"}, "de": {"von", "durch", "seitens"}}
DE_DETERMINERS = {"der", "die", "das", "des", "den", "dem", "ein", "eine", "einer", "eines", "einem", "einen",
                  "mehrere", "zahlreiche", "viele", "bewaffnete", "unbekannte"}
DETERMINERS_ANY = {"a", "an", "the", "ein", "eine", "einer", "einem", "einen", "der", "die", "das", "den", "dem", "des"}
DE_PREPS = {"unter", "bei", "mit", "von", "zu", "zur", "zum", "nach", "vor", "in", "im", "am", "an", "auf", "aus", "für"}
STRONG_AGENT_PREPS = {"en": {"by"}, "de": {"durch", "seitens"}}  # agent even without a passive verb
# words that may stand between an agent preposition and the actor ("by an unknown number of
# armed individuals", "von einer Gruppe Bewaffneter")
AGENT_GAP = {"en": {"a", "an", "the", "unknown", "unidentified", "unspecified", "number", "of", "group", "groups",
                    "several", "some", "many", "dozens", "dozen", "hundreds", "suspected", "presumed", "alleged",
                    "heavily", "large", "small", "few", "at", "least", "about", "around", "approximately", "roughly",
                    "nearly", "almost", "over", "more", "than", "up", "to", "armed", "masked", "members", "member",
                    "elements", "cadres", "organized", "organised", "rival", "local", "heavily-armed", "criminal", "pair",
                    "couple", "trio", "team", "squad", "band"},
             "de": {"einer", "einem", "einen", "eine", "ein", "der", "den", "dem", "gruppe", "mehreren", "mehrere",
                    "zahlreichen", "vermutlich", "mutmaßlichen", "mutmaßliche", "unbekannten", "mindestens", "etwa"}}
BETWEEN = {"en": {"between"}, "de": {"zwischen"}}
DEFINITE_REF = {"en": {"the", "this", "that"}, "de": {"der", "die", "das", "dieser", "diese", "dieses", "diesem", "den", "dem"}}
CONJ = {"en": {"and"}, "de": {"und"}}
GENITIVE = {"en": {"of"}, "de": {"der", "des"}}
CASUALTY_PRIORITY = ["battle", "remote", "vac", "generic", "protest", "loot", "arrest", "territory", "disrupt", "agree", "change", "displace"]
PASSIVE_AUX = {"en": {"was", "were", "been", "being", "got"}, "de": {"wurde", "wurden", "worden", "werden", "wird"}}


@dataclass
class Frame:
    sent: int
    family: str
    classes: set[str]
    triggers: list[Trigger]
    agents: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    date: Optional[DateMention] = None
    source: Optional[SourceMention] = None
    sub_event_type: Optional[str] = None
    weapons: list[Any] = field(default_factory=list)
    extra_sents: list[int] = field(default_factory=list)
    victims: list[Mention] = field(default_factory=list)
    continuation_only: bool = False  # may join an event told before it, never starts one
    attrs: dict = field(default_factory=dict)  # sentence facts used in typing (passive_kill, accident)

    @property
    def start(self) -> int:
        return min(t.span.start for t in self.triggers)

    @property
    def head(self) -> Trigger:
        """The trigger that defines the frame: the first non-generic one, if any."""
        return next((t for t in self.triggers if t.cls not in GENERIC_CLASSES), self.triggers[0])


def actor_type(m: Optional[Mention]) -> Optional[str]:
    if m is None:
        return None
    return m.attrs.get("actor_type")


def is_state(m: Optional[Mention]) -> bool:
    return actor_type(m) in ("military", "police", "government", "state") or bool(m and m.attrs.get("inter") == 1)


def is_armed(m: Optional[Mention]) -> bool:
    if m is None:
        return False
    t = actor_type(m)
    if t == "named":
        return m.attrs.get("inter") in (1, 2, 3, 4, 8)
    return t in ARMED_TYPES


def build_frames(doc: Document, men: Mentions) -> list[Frame]:
    lang = doc.lang
    by_sent: dict[int, list[Trigger]] = {}
    for t in men.triggers:
        if t.modality is not None or t.sent in men.headings:
            continue
        by_sent.setdefault(t.sent, []).append(t)
    topic_at: dict[int, list[int]] = {}
    prior_at: dict[int, int] = {}
    for c in men.cues:
        if c.value == "topic":
            topic_at.setdefault(doc.tokens[c.tok_start].sent, []).append(c.tok_start)
        elif c.value == "prior_clause":
            s = doc.tokens[c.tok_start].sent
            prior_at[s] = min(prior_at.get(s, c.tok_start), c.tok_start)
    frames: list[Frame] = []
    for sent, trigs in sorted(by_sent.items()):
        protest = [t for t in trigs if t.cls in ("protest", "block")]
        if protest:
            # violence told in a relative clause of a protest report is its grievance
            # ("relatives of a man who was shot dead protested")
            trigs = [t for t in trigs if FAMILY.get(t.cls) == "protest" or not _in_relative_clause(doc, sent, t.tok_start)]
        if protest and sent in topic_at:
            # "protested against the killing of ...": what comes after the grievance word is the topic
            first = min(t.tok_start for t in protest)
            cut = min((k for k in topic_at[sent] if k > first), default=None)
            if cut is not None:
                # (not a killing stated with its auxiliary, the sentence's own report: "bei Protesten
                # gegen Steuern sind 22 Menschen getötet worden"; but "after three students were
                # killed" is what came before)
                trigs = [t for t in trigs if t.tok_start < cut or t.cls in ("protest", "block")
                         or (t.cls in ("kill", "injure") and _stated_outcome(doc, t.tok_start)
                             and not _told_as_before(doc, cut, doc.tokens[t.tok_start].start))]
        if sent in prior_at and any(t.tok_start < prior_at[sent] for t in trigs):
            # "... on Tuesday, weeks after a wave of attacks left nearly 200 dead": what follows
            # the cue is earlier violence
            trigs = [t for t in trigs if t.tok_start < prior_at[sent]]
        if any(FAMILY.get(t.cls, "generic") in ("battle", "remote", "generic") for t in trigs):
            # "mine attacks against a military convoy": the convoy is the target, not a protest
            trigs = [t for t in trigs if t.cls != "convoy"]
        fams: dict[str, list[Trigger]] = {}
        for t in trigs:
            fams.setdefault(FAMILY.get(t.cls, "generic"), []).append(t)
        if "disrupt" in fams and "remote" in fams and all(
                t.cls in ("ied", "grenade")
                or (t.cls in ("air", "shell") and _nominal(t, lang) and t.tok_start > min(d.tok_start for d in fams["disrupt"]))
                for t in fams["remote"]):
            # "soldiers found and defused an IED", "air defence shot down 25 drones": the device
            # named is what was disrupted
            fams["disrupt"].extend(fams.pop("remote"))
        if "arrest" in fams and "generic" in fams and any(
                c.sent == sent and c.outcome == "killed" and not c.claimed
                and not _told_as_before(doc, min(t.tok_start for t in fams["arrest"]), c.outcome_span.start)
                and not _told_as_before(doc, _tok_at(doc, sent, c.outcome_span.start), doc.tokens[max(t.tok_start for t in fams["arrest"])].start)
                and not _in_relative_clause(doc, sent, _tok_at(doc, sent, c.outcome_span.start))
                for c in men.casualties):
            # "soldiers shot dead two men during a raid", "bei einer Razzia ... erschossen": people
            # killed in an arrest operation make it an act of violence, not an arrest (but not a killing
            # told as what came before or after the other: "arrested ten members after a soldier was
            # killed", "died in prison after being arrested"; nor one told of the arrested in a relative
            # clause: "arrested two men who killed a farmer")
            fams["generic"].extend(fams.pop("arrest"))
        # absorption: strongest family swallows compatible ones in the same sentence
        for fam in ABSORB_ORDER:
            if fam not in fams:
                continue
            for other in list(fams):
                if other != fam and other in ABSORBS.get(fam, set()):
                    fams[fam].extend(fams.pop(other))
        if "displace" in fams:
            # "4,000 people fled the fighting": violence named as what people flee is its cause,
            # told elsewhere (or not at all), not a new event
            for fam in [k for k in fams if k in ("battle", "generic", "remote")]:
                if all(any(0 < t.tok_start - d.tok_end + 1 <= 3 for d in fams["displace"]) for t in fams[fam]):
                    del fams[fam]
        if len(set(fams) - {"agree"}) > 1 and "remote" in fams and all(t.cls == "blast" for t in fams["remote"]):
            # "arrested him following an explosion": a bare explosion beside another act is its
            # background or its means, not an event of its own
            del fams["remote"]
        for fam, ts in fams.items():
            ts.sort(key=lambda t: t.tok_start)
            frames.append(Frame(sent, fam, {t.cls for t in ts}, ts))
    actors_by_sent: dict[int, list[Mention]] = {}
    for a in men.actors:
        actors_by_sent.setdefault(a.sent, []).append(a)
    owner: dict[int, Frame] = {}
    for f in frames:
        cur = owner.get(f.sent)
        if cur is None or CASUALTY_PRIORITY.index(f.family) < CASUALTY_PRIORITY.index(cur.family):
            owner[f.sent] = f
    for f in frames:
        f.weapons = [w for w in men.weapons if doc.tokens[w.tok_start].sent == f.sent]
        _roles(doc, f, actors_by_sent.get(f.sent, []), lang)
        if any(h.tok_start > 0 and doc.tokens[h.tok_start - 1].lower in DEFINITE_REF.get(lang, ()) and _nominal(h, lang)
               for h in f.triggers):
            f.attrs["definite_ref"] = True  # "the attack was carried out by ...": an event told before
        if any(c.value == "figurative" for c in men.cues):
            f.attrs["figurative_doc"] = True  # "a ransomware attack ... was behind the attack"
        if any(c.value == "verbal" and doc.tokens[c.tok_start].sent == f.sent for c in men.cues):
            f.attrs["verbal"] = True  # "attacked the plan in a speech": words said, not blows
        for a in f.agents + f.targets:
            # "a man", "ein Mann", "ein 58-jähriger Vater": one person (adjectives may stand between)
            k = a.tok_start - 1
            while k >= 0 and a.tok_start - k <= 3 and (doc.tokens[k].text[:1].islower() or doc.tokens[k].is_digit) \
                    and doc.tokens[k].lower not in _SINGLE_DET and not doc.tokens[k].is_punct \
                    and doc.tokens[k].lower not in word_list("collective") and doc.tokens[k].lower not in ("of", "von", "der", "des") \
                    and doc.tokens[k].lower not in word_list("quantity_words"):
                k -= 1
            if k >= 0 and doc.tokens[k].lower in _SINGLE_DET and doc.tokens[k].sent == a.sent:
                a.attrs["sole"] = True
        if f.family == "arrest" and _custody_violence(doc, f):
            f.attrs["custody_violence"] = True
        if f.family == "arrest" and _violence_before_arrest(doc, f):
            f.attrs["violence_first"] = True
        if _aircraft_attacked(doc, f, men):
            f.attrs["aircraft_target"] = True
        # one frame per sentence owns its casualty figures (no double counting)
        f.casualties = [c for c in men.casualties if c.sent == f.sent
                        and not (f.sent in prior_at and c.outcome_span.start >= doc.tokens[prior_at[f.sent]].start)] \
            if owner.get(f.sent) is f else []
        if f.family == "arrest" and f.casualties:
            # "arrested two men who killed a farmer": the deaths are the suspects' earlier act
            f.casualties = [c for c in f.casualties if c.outcome in ("arrested", "captured")
                            or not _in_relative_clause(doc, c.sent, _tok_at(doc, c.sent, c.outcome_span.start))]
        if f.family == "protest" and f.casualties:
            # "protested over the killing of two students", "relatives of a man who was shot
            # dead rallied": deaths told as the grievance (after a topic word, or in a relative
            # clause) are not casualties of the demonstration
            cut = min((k for k in topic_at.get(f.sent, []) if k > f.triggers[0].tok_start), default=None)
            f.casualties = [c for c in f.casualties
                            if not (cut is not None and c.outcome_span.start >= doc.tokens[cut].start
                                    and not (_stated_outcome(doc, _tok_at(doc, c.sent, c.outcome_span.start))
                                             and not _told_as_before(doc, cut, c.outcome_span.start)))
                            and not _in_relative_clause(doc, c.sent, _tok_at(doc, c.sent, c.outcome_span.start))]
        if f.family == "displace":
            # how many people: a standalone displacement needs a figure ("3,500 people fled")
            f.attrs["people_figure"] = any(doc.tokens[q.tok_start].sent == f.sent and q.best >= 10 and q.rule != "singular"
                                           for q in men.quantities)
        ds = _event_dates(doc, [d for d in men.dates if d.sent == f.sent],
                          keep_older=not f.classes & {"protest", "block", "occupy", "convoy"})
        if ds:
            first = f.triggers[0].span.start
            f.date = min(ds, key=lambda d: abs(d.span.start - first))
        ss = [s for s in men.sources if s.sent == f.sent]
        if ss:
            f.source = ss[0]
    # frames sharing a sentence split its casualties: give them to the family that owns outcomes
    return frames


_NOT_EVENT_DATE = {"of", "since", "until", "till", "seit", "bis", "vom", "anniversary", "jahrestag"}


def _event_dates(doc: Document, ds: list, keep_older: bool = False) -> list:
    """The dates of a sentence that can be its event's date: with several, not the ones that are
    only a month where a day is given, not "since/until/of X" dates, not undated ones where others
    resolve, and not historical ones ("the anniversary of the end of the war on 8 May 1945")."""
    if len(ds) < 2:
        return ds
    toks = doc.tokens
    keep = [d for d in ds if not (d.tok_start > 0 and toks[d.tok_start - 1].lower in _NOT_EVENT_DATE)] or ds
    older = []
    if keep_older and any(d.precision == 1 and d.date for d in keep):
        # "the judges found on Tuesday that the accused had stabbed ... in December 2021": a much
        # older date in the sentence may be the act's own (the nearest date to the act decides)
        first_day = min(d.date for d in keep if d.precision == 1 and d.date)
        older = [d for d in keep if d.date and (first_day - d.date).days > 45]
    if any(d.precision == 1 for d in keep):
        keep = [d for d in keep if d.precision == 1]
    if any(d.date for d in keep):
        keep = [d for d in keep if d.date]
        latest = max(d.date for d in keep)
        keep = [d for d in keep if (latest - d.date).days <= 366]
    return (keep + [d for d in older if d not in keep]) or ds


SUBORD = {
    "en": {"while", "whereas", "but", "when", "after", "because", "although", "though", "before", "as", "since", "then"},
    "de": {"während", "aber", "als", "nachdem", "weil", "obwohl", "bevor", "wobei", "sodass", "doch", "jedoch", "dass", "ehe"},
}
RELPRON = {
    "en": {"which", "who", "whom", "whose", "where", "that"},
    "de": {"die", "der", "das", "welche", "welcher", "welches", "wo", "denen", "dem", "deren", "dessen", "den"},
}
COORD = {"en": {"and", ",", "as", "well", "its", "their", "the", "with", "along", "together", "allied"},
         "de": {"und", ",", "sowie", "mit", "ihren", "ihre", "seinen", "seine", "der", "die", "den", "dem", "des", "verbündete", "verbündeten"}}


def clause_window(doc: Document, sent: int, t0: int, lang: str) -> tuple[set[int], int, int]:
    """Token indices of the clause around token t0: split the sentence at commas, semicolons
    and subordinating conjunctions; skip relative clauses; extend left until a clause start."""
    s = doc.sentences[sent]
    toks = doc.tokens
    segs: list[list[int]] = [[]]
    kinds: list[str] = ["start"]
    sub = SUBORD.get(lang, set())
    rel = RELPRON.get(lang, set())
    for k in range(s.tok_start, s.tok_end):
        t = toks[k]
        if t.text in (",", ";", ":", "(", ")", "–", "—") or t.lower in sub:
            kind = "sub" if t.lower in sub else ("semi" if t.text in (";", ":") else "comma")
            if t.text == ",":
                nxt = toks[k + 1] if k + 1 < s.tok_end else None
                if nxt is not None and nxt.lower in rel and not (lang == "de" and k + 2 < s.tok_end and toks[k + 2].is_title and not toks[k + 2].is_upper and toks[k + 2].lower not in ("von",)):
                    kind = "rel"
                elif nxt is not None and nxt.lower in sub:
                    kind = "sub"
            segs.append([])
            kinds.append(kind)
            if t.lower in sub:
                segs[-1].append(k)
            continue
        segs[-1].append(k)
    # which segment holds t0
    idx = next((i for i, seg in enumerate(segs) if t0 in seg), 0)
    window: set[int] = set(segs[idx])
    # left
    i = idx
    while kinds[i] not in ("sub", "start", "semi"):
        if kinds[i] == "rel" and i != idx:
            pass
        i -= 1
        if i < 0:
            break
        if kinds[i] == "rel":
            continue
        window.update(segs[i])
    # right
    j = idx + 1
    while j < len(segs) and kinds[j] in ("comma",):
        window.update(segs[j])
        j += 1
    lo = min(window) if window else t0
    hi = max(window) + 1 if window else t0 + 1
    return window, lo, hi


@functools.lru_cache(maxsize=4)
def _time_words(lang: str) -> frozenset:
    """Weekday and month names: a preposition before them is the date's, not an actor's."""
    from ..lexicon import load_lexicon

    d = load_lexicon(lang).get("dates") or {}
    return frozenset(str(k).lower() for k in list((d.get("months") or {})) + list((d.get("weekdays") or {})))


def _stated_outcome(doc: Document, k: int) -> bool:
    """The outcome word at token k is stated with its auxiliary ("were killed", "getötet worden",
    "getötet wurden"): the sentence's own report of deaths, not a noun phrase naming a grievance
    ("against the killing of", "over three students killed by police")."""
    toks = doc.tokens
    aux = PASSIVE_AUX.get(doc.lang, set()) | {"sind", "ist"}
    s = toks[k].sent
    after = [toks[j].lower for j in range(k + 1, min(len(toks), k + 3)) if toks[j].sent == s]
    before = [toks[j].lower for j in range(max(0, k - 2), k) if toks[j].sent == s]
    return any(w in aux for w in after) or (doc.lang != "de" and any(w in aux for w in before))


def _reports_own_act(doc: Document, a: Mention, date_toks: frozenset = frozenset()) -> bool:
    """Actor `a` is the subject of a verb of saying whose reported clause opens with a pronoun that
    stands for it: "the army said it killed", "the group claimed they shot down", "die Armee
    teilte mit, sie habe ... getötet"."""
    toks = doc.tokens
    speech = word_list("self_report_verbs")
    pron = word_list("self_report_pronouns")
    fillers = word_list("self_report_fillers")
    k = a.tok_end
    b = a.tok_start - 1
    while b >= 0 and toks[b].lower in DETERMINERS_ANY:
        b -= 1
    if b >= 0 and toks[b].sent == a.sent and toks[b].lower in speech:
        pass  # "erklärte die Armee, sie habe ...": the verb before its subject
    elif k >= len(toks) or toks[k].sent != a.sent or toks[k].lower not in speech:
        return False
    else:
        k += 1
    while (k < len(toks) and toks[k].sent == a.sent and k - a.tok_end <= 5
           and (toks[k].lower in fillers or k in date_toks
                or toks[k].lower in _time_words(doc.lang))):
        k += 1  # (a date between: "the army said on Monday it had ...")
    return k < len(toks) and toks[k].sent == a.sent and toks[k].lower in pron


def _told_as_before(doc: Document, k0: int, char: int) -> bool:
    """Between token k0 and the token at character `char` stands a word that makes what follows
    earlier ("after", "nachdem", "following"): the later words tell another, prior act."""
    before = word_list("prior_subordinators")
    for t in doc.tokens[k0:]:
        if t.start >= char:
            return False
        if t.lower in before:
            return True
    return False


def _subordinate_subject(doc: Document, a: Mention, f: Frame, t_end: int) -> bool:
    """Actor `a` opens a clause of manner or time after the head trigger ("killed when Russian
    forces shelled", "getötet, als russische Raketen ... trafen"): a subordinator shortly before it
    with at most an article and an adjective between, and another trigger of the frame or a weapon
    right after it."""
    toks = doc.tokens
    subs = word_list("event_subordinators")
    k = a.tok_start - 1
    while k >= t_end and a.tok_start - k <= 3 and (toks[k].lower in DETERMINERS_ANY or (toks[k].text[:1].islower() and toks[k].lower not in subs)):
        k -= 1
    if k < t_end or toks[k].lower not in subs or toks[k].sent != a.sent:
        return False
    return any(t.tok_start >= a.tok_end and t.tok_start - a.tok_end <= 3 and doc.tokens[t.tok_start].sent == a.sent
               for t in (*f.triggers, *f.weapons))  # (a weapon: "als russische Raketen ... trafen")


def _roles(doc: Document, f: Frame, actors: list[Mention], lang: str) -> None:
    """Agent = first actor before the trigger in its clause (plus actors coordinated with it),
    or after by/von/durch, or a genitive after a nominal trigger; other actors in the clause are
    targets. Actors inside casualty figures ("37 soldiers") are victims, not agents."""
    if not actors:
        return
    toks = doc.tokens
    head = f.head
    t0 = head.tok_start
    t_end = head.head_end if head.head_end > 0 else head.tok_end  # "griffen [Kämpfer ...] an"
    window, lo, hi = clause_window(doc, f.sent, t0, lang)
    usable = [a for a in actors if not a.attrs.get("victim") and not a.attrs.get("reporter")]
    claimants = [a for a in usable if a.attrs.get("claimant")]
    cands = [a for a in usable if a.tok_start in window and not a.attrs.get("claimant")]
    if not cands and not claimants:
        cands = [a for a in usable if not a.attrs.get("claimant")]
    passive = any(toks[k].lower in PASSIVE_AUX.get(lang, set()) for k in range(max(lo, t0 - 6), min(hi, t_end + 2)))
    # "three civilians died", "ein Kind starb": the subject of a verb of dying is a victim
    passive = passive or (head.cls == "kill" and head.span.text.lower() in word_list("dying_verbs"))
    agents: list[Mention] = []
    targets: list[Mention] = []
    coord = COORD.get(lang, set())
    prev_agent_end = None
    trig_toks = {k for t in f.triggers for k in range(t.tok_start, t.head_end if t.head_end > 0 else t.tok_end)}
    genitive_agents: list[Mention] = []
    nominal_starts = {t.tok_start for t in f.triggers if _nominal(t, lang)}
    for a in sorted(cands, key=lambda m: m.tok_start):
        if trig_toks & set(range(a.tok_start, a.tok_end)) and not a.attrs.get("object"):
            # the actor is the trigger itself ("the air force", "die Luftwaffe"): the agent
            agents.append(a)
            if a.tok_end - a.tok_start == 1 and "-" in toks[a.tok_start].text:
                genitive_agents.append(a)  # "bei einem US-Drohnenangriff": whose act it is, also in a passive clause
            prev_agent_end = a.tok_end
            continue
        if (a.tok_end in nominal_starts and (is_armed(a) or is_state(a)) and not a.attrs.get("object")
                and not a.attrs.get("victim") and a.tok_start > 0 and toks[a.tok_start - 1].lower in DETERMINERS_ANY):
            # "a Russian drone attack", "einem russischen Drohnenangriff", "an RSF assault": the
            # actor right before a noun trigger is whose act it is (also in a passive clause)
            agents.append(a)
            genitive_agents.append(a)
            prev_agent_end = a.tok_end
            continue
        prev = toks[a.tok_start - 1].lower if a.tok_start > 0 else ""
        prev2 = toks[a.tok_start - 2].lower if a.tok_start > 1 else ""
        if prev in _time_words(lang):
            prev = prev2 = ""  # "On Monday gunmen attacked": the preposition belongs to the date
        if a.tok_start > 2 and toks[a.tok_start - 1].text[:1].islower() and toks[a.tok_start - 2].lower in DETERMINERS_ANY:
            prev2 = toks[a.tok_start - 3].lower  # "by an unidentified armed group": skip article + adjective
        if (prev in ("'s", "’s") and a.tok_start > 2) or (
                a.tok_start > 1 and toks[a.tok_start - 1].text[:1].isupper() and _country_at(doc, a.tok_start - 1) is not None):
            # "by Myanmar's military", "by the United States military": the preposition before the country
            k = a.tok_start - 2 if prev in ("'s", "’s") else a.tok_start - 1
            while k > 0 and toks[k].text[:1].isupper() and toks[k].sent == a.sent and a.tok_start - k <= 4:
                k -= 1
            if k > 0 and toks[k].lower in DETERMINERS_ANY:
                k -= 1
            prev = toks[k].lower
            prev2 = toks[k - 1].lower if k > 0 else ""
        agent_preps = AGENT_PREPS.get(lang, set()) if passive else STRONG_AGENT_PREPS.get(lang, set())
        if prev in agent_preps or prev2 in agent_preps or (passive and _agent_prep_before(doc, a, lang)):
            agents.append(a)
            prev_agent_end = a.tok_end
        elif prev in TARGET_PREPS.get(lang, set()) or prev2 in TARGET_PREPS.get(lang, set()):
            targets.append(a)
        elif a.tok_start < t0:
            if passive:
                targets.append(a)  # "a soldier was shot by gunmen": the subject is the target
            elif not agents:
                agents.append(a)
                prev_agent_end = a.tok_end
            elif prev_agent_end is not None and all(toks[k].lower in coord for k in range(prev_agent_end, a.tok_start)):
                agents.append(a)
                prev_agent_end = a.tok_end
            else:
                targets.append(a)
        elif a.tok_start >= t_end and a.tok_start - t_end <= 3 and _nominal(head, lang) and not agents and (
                prev in GENITIVE.get(lang, set()) or (lang == "de" and prev == "von" and a.tok_start - t_end == 1) or (
                lang == "de" and 0 < a.tok_start - t_end <= 2 and all(
                    toks[k].lower in GENITIVE["de"] or (toks[k].text[:1].islower() and toks[k].lower.endswith("er"))
                    for k in range(t_end, a.tok_start)))):
            # "Angriffe der Luftwaffe", "Angriff mutmaßlicher Dschihadisten", "Angriffe von Rebellen"
            agents.append(a)  # "Luftangriffe der russischen Luftwaffe": genitive after a nominal trigger
            genitive_agents.append(a)
            prev_agent_end = a.tok_end
        elif (lang == "de" and not passive and not agents and not _nominal(head, lang) and a.tok_start >= t_end
              and a.tok_start - t_end <= 2 and not targets
              and not (t0 > 0 and (toks[t0 - 1].lower in DE_DETERMINERS or toks[t0 - 1].lower in DE_PREPS))
              and all(toks[k].lower in DE_DETERMINERS or (toks[k].text[:1].islower() and toks[k].text.isalpha())
                      for k in range(t_end, a.tok_start))
              and prev not in TARGET_PREPS.get(lang, set())):
            # German verb-second inversion: "Am Mittwoch beschoss die Armee das Dorf" - the noun
            # phrase right after the finite verb is its subject
            agents.append(a)
            prev_agent_end = a.tok_end
        elif prev_agent_end is not None and a.tok_start >= t_end and all(toks[k].lower in coord for k in range(prev_agent_end, a.tok_start)) and prev_agent_end >= t_end:
            agents.append(a)
            prev_agent_end = a.tok_end
        elif (prev_agent_end is not None and prev_agent_end < a.tok_start and toks[prev_agent_end].text == "("
              and a.tok_start - prev_agent_end <= 5 and not any(toks[k].text == ")" for k in range(prev_agent_end, a.tok_start))):
            agents.append(a)  # apposition: "security forces (military and police)"
            prev_agent_end = a.tok_end
        else:
            targets.append(a)
    if not agents and not claimants and not any(toks[k].lower in BETWEEN.get(lang, set()) for k in window):
        # "schlugen in der Nacht mehrere russische Raketen ein", "Russian missiles rained on X": a
        # country's weapons are its forces acting, never their target ("fighting between Russian
        # and Ukrainian aircraft" is left to the split of the parties below)
        wielder = next((t for t in targets if not t.attrs.get("named") and t.attrs.get("country")
                        and any(w.tok_start == t.tok_end for w in f.weapons)), None)
        if wielder is not None:
            agents.append(wielder)
            genitive_agents.append(wielder)
            targets = [t for t in targets if t is not wielder]
    if passive and head.cls in ("kill", "injure") and not agents:
        # "twelve people were killed when Russian missiles struck a block", "wurden getötet, als
        # russische Raketen ... trafen": the subject of the clause that tells how the deaths came
        # about is whose act it is (in German that clause lies beyond the comma)
        sub_a = next((a for a in usable if a.tok_start >= t_end and a.tok_start - t_end <= 8
                      and _subordinate_subject(doc, a, f, t_end)), None)
        if sub_a is not None:
            agents.append(sub_a)
            genitive_agents.append(sub_a)  # (kept as the agent of the passive clause)
            targets = [t for t in targets if t is not sub_a]
    def after_by(a: Mention) -> bool:
        preps = AGENT_PREPS.get(lang, set())
        back = [toks[k] for k in range(max(0, a.tok_start - 3), a.tok_start)]
        if back and back[-1].lower in preps or len(back) >= 2 and back[-2].lower in preps:
            return True
        if _agent_prep_before(doc, a, lang):
            return True
        return (len(back) == 3 and back[0].lower in preps and back[1].lower in DETERMINERS_ANY
                and back[2].text[:1].islower())

    if passive and agents and not genitive_agents and not any(after_by(a) for a in agents if a.tok_start > 1):
        # "Soldiers were attacked": the subject of a passive clause is the target
        targets = agents + targets
        agents = []
    if not agents and len(targets) >= 2 and not claimants:
        agents, targets = targets[:1], targets[1:]
        first = agents[0]
        k = first.tok_start - 1
        while k >= 0 and toks[k].lower in ("der", "die", "den", "dem", "the", "des"):
            k -= 1
        if k < 0 or toks[k].lower not in BETWEEN.get(lang, set()):
            agents, targets = [], agents + targets  # not "between X and Y": leave as it was
        else:
            agents, targets = agents + targets, []  # split below
    if len(agents) >= 2 and not claimants:
        # "Gefechte zwischen der Armee und der RSF", "clashes between the army and rebels":
        # the first party is actor1, the parties after "und"/"and" its opponents
        first = agents[0]
        k = first.tok_start - 1
        while k >= 0 and toks[k].lower in ("der", "die", "den", "dem", "the", "des"):
            k -= 1
        if k >= 0 and toks[k].lower in BETWEEN.get(lang, set()):
            conj = CONJ.get(lang, set())
            split_at = next((j for j, a in enumerate(agents[1:], 1)
                             if any(toks[x].lower in conj for x in range(agents[j - 1].tok_end, a.tok_start))), None)
            if split_at is not None:
                targets = agents[split_at:] + [t for t in targets if t not in agents[split_at:]]
                agents = agents[:split_at]
    agents = claimants + [a for a in agents if a not in claimants]
    f.agents, f.targets = agents, targets
    f.victims = [a for a in actors if a.attrs.get("victim")]


RELATIVE = {"en": {"who", "whom", "whose", "which", "that"}, "de": {"der", "die", "dessen", "deren", "welche", "welcher"}}


def _tok_at(doc: Document, sent: int, char: int) -> int:
    s = doc.sentences[sent]
    return next((t.i for t in doc.tokens[s.tok_start:s.tok_end] if t.start >= char), s.tok_end - 1)


def _in_relative_clause(doc: Document, sent: int, k0: int) -> bool:
    """Token k0 follows a relative pronoun within a few words ("a man who was shot dead",
    "Studenten, die getötet wurden")."""
    toks = doc.tokens
    lo = doc.sentences[sent].tok_start
    rel = RELATIVE.get(doc.lang, set())
    for k in range(k0 - 1, max(lo, k0 - 5) - 1, -1):
        if toks[k].lower in rel and k > lo and (doc.lang == "en" or toks[k - 1].text == ","):
            return True
        if toks[k].is_punct:
            return False
    return False


def _agent_prep_before(doc: Document, a: Mention, lang: str) -> bool:
    """ "by an unknown number of armed individuals": the agent preposition a few quantifier
    words before the actor."""
    toks = doc.tokens
    gap = AGENT_GAP.get(lang, set())
    preps = AGENT_PREPS.get(lang, set())
    k = a.tok_start - 1
    lo = max(doc.sentences[a.sent].tok_start, a.tok_start - 7)
    while k >= lo:
        t = toks[k]
        if t.lower in preps:
            return True
        if t.lower in ("'s", "’s") or (k + 1 < len(toks) and toks[k + 1].lower in ("'s", "’s")):
            k -= 1  # "by Myanmar's military"
            continue
        if not (t.lower in gap or t.is_digit or parse_number_word(t.lower, lang) is not None
                or (t.text[:1].isupper() and _country_at(doc, k) is not None)):
            return False
        k -= 1
    return False


def _nominal(t: Trigger, lang: str = "en") -> bool:
    """A noun trigger ("Luftangriffe", "the attack"). German nouns are capitalised (a sentence-
    initial verb is rare in news); English nominal triggers are those without a verb form
    (approximation: not ending in -ed/-ing)."""
    w = t.span.text
    if lang == "de":
        return w[:1].isupper()
    return w[:1].isupper() or not w.lower().endswith(("ed", "ing"))


def mark_killing_context(doc: Document, frames: list[Frame]) -> None:
    """Facts about how a killing is told: in the passive ("was killed", "wurde getötet"), which
    implies a killer, and whether the sentence speaks of an accident, disaster or disease."""
    from ..lexicon import get_matcher

    domains = get_matcher(doc.lang).find(doc, ["domain"])
    acc_sents = {doc.tokens[m.tok_start].sent for m in domains if m.value == "accident"}
    domestic = any(m.value == "domestic" for m in domains)
    demo_doc = any(t.cls in ("protest", "block", "occupy", "convoy", "riot") for f in frames for t in f.triggers) or any(
        actor_type(a) in ("protesters", "rioters") for f in frames for a in f.agents + f.targets + f.victims)
    aux = PASSIVE_AUX.get(doc.lang, set())
    toks = doc.tokens
    for f in frames:
        if f.sent in acc_sents:
            f.attrs["accident"] = True
        if demo_doc:
            f.attrs["demo_doc"] = True
        if acc_sents and f.family == "change":
            f.attrs["disaster_deployment"] = True  # "the army has been deployed to help with rescue efforts"
        if domestic and f.family != "protest" and not any(is_armed(a) or is_state(a) or a.attrs.get("named")
                                                          for a in f.agents + f.targets):
            f.attrs["domestic_doc"] = True  # "Familiendrama", "domestic dispute": interpersonal crime
        if acc_sents and not any(is_armed(a) or is_state(a) for a in f.agents) and not any(
                w.value in ("firearm", "explosive", "projectile", "aircraft", "grenade", "blade") for w in f.weapons):
            # a crash report: "the bus hit the truck" elsewhere in it is the accident again
            f.attrs["accident_doc"] = True
        for t in f.triggers:
            if t.cls != "kill":
                continue
            lo = max(doc.sentences[f.sent].tok_start, t.tok_start - 3)
            hi = min(doc.sentences[f.sent].tok_end, t.tok_end + 3)
            nominal = doc.lang == "en" and _nominal(t, doc.lang)
            for k in range(lo, hi):
                if toks[k].lower not in aux:
                    continue
                # a noun trigger ("the body of a man was found") is passive only before a
                # participle ("several of the dead were children" is not)
                if nominal and not (k + 1 < len(toks) and (toks[k + 1].lower.endswith("ed") or toks[k + 1].lower in ("found", "shot", "beaten", "slain", "thrown", "left"))):
                    continue
                f.attrs["passive_kill"] = True


def type_frame(f: Frame) -> Optional[str]:
    if (f.attrs.get("figurative_doc") and f.attrs.get("definite_ref") and f.classes <= {"attack"} and not f.weapons
            and not f.casualties):
        # "the attack" told again in a report of a cyber attack or a legal battle is that one
        f.sub_event_type = None
        return None
    if (f.family == "protest" and f.classes <= {"intervene", "force", "change"} and not f.attrs.get("demo_doc")
            and not any(actor_type(a) in ("protesters", "rioters") for a in f.agents + f.targets + f.victims)):
        # "räumte", "löste ... auf", "dispersed" with no demonstration told anywhere: a company
        # clearing stock or a parliament dissolved, not police breaking up a protest
        f.sub_event_type = None
        return None
    if (f.family == "protest" and f.triggers and all(t.span.text.lower() in word_list("weak_protest") for t in f.triggers)
            and not any(actor_type(a) in ("protesters", "rioters") for a in f.agents + f.targets + f.victims)):
        # "vor der Versammlung", "bei einer Versammlung": a meeting, unless protesters are named
        f.sub_event_type = None
        return None
    if f.attrs.get("disaster_deployment"):
        # troops sent to a flood or a crash help; a deployment in a disaster report is no conflict event
        f.sub_event_type = None
        return None
    if f.attrs.get("domestic_doc"):
        # a killing in a family or couple is interpersonal crime, not political violence (ACLED)
        f.sub_event_type = None
        return None
    if (f.family == "generic" and f.attrs.get("accident_doc") and f.classes <= {"attack", "kill", "injure"} and f.agents
            and not f.victims and not f.casualties and not any(actor_type(a) in ("protesters", "rioters") for a in f.agents)):
        # a crash report: "the bus ... hit the oncoming truck" is the accident told again
        f.sub_event_type = None
        return None
    if (f.family == "generic" and f.classes <= {"attack", "kill", "injure"} and not f.weapons
            and any(t.span.text.lower() in word_list("bare_strike_words") and t.tok_end - t.tok_start == 1
                    and any(a.tok_end == t.tok_start and is_state(a) for a in f.agents) for t in f.triggers)):
        # "Israeli strikes on Damascus killed four", "US strikes hit Houthi targets": a state's
        # "strikes" with no weapon named are strikes from the air (ACLED: Air/drone strike)
        f.family = "remote"
        f.classes = set(f.classes) | {"air"}
    agent = f.agents[0] if f.agents else None
    target = f.targets[0] if f.targets else None
    civ = any(c.side_hint in ("civilians", "people") for c in f.casualties if c.outcome in ("killed", "wounded", "casualties")) \
        or any(actor_type(v) in ("civilians", "people") for v in f.victims)
    armed = any(c.side_hint in ("state", "nonstate") for c in f.casualties if c.outcome in ("killed", "wounded", "captured")) \
        or any(is_armed(v) and actor_type(v) != "government" for v in f.victims)  # "police killed one of the attackers"
    # arrests of people in the frame are made by the state even when no force is named
    # ("two demonstrators were arrested")
    state_present = any(is_state(a) for a in f.agents + f.targets) or any(c.outcome == "arrested" for c in f.casualties)
    people = bool(f.agents or f.targets or f.victims or f.casualties)
    armed_party = any(is_armed(a) for a in f.agents + f.targets + f.victims)
    if f.family == "generic":
        if not people:
            # a bare "attack"/"Angriff"/"fired" with nobody involved (sports, space launches) is no event
            f.sub_event_type = None
            return None
        if (f.agents and all(actor_type(a) in ("people", "civilians") for a in f.agents)
                and not f.casualties and not f.weapons
                and not any(is_armed(a) or is_state(a) for a in f.targets)):
            # "people attacked people" with no weapon and no casualty figure: animals, sports,
            # figurative speech - not political violence. ("Villagers assaulted two police
            # officers" is: a crowd attacking a force is mob violence.)
            f.sub_event_type = None
            return None
        murder = any(t.span.text.lower() in word_list("murder_words") for t in f.triggers)
        if (f.agents and (any(w.value == "firearm" for w in f.weapons) or murder) and f.classes & {"attack", "kill"}
                and all(actor_type(a) in ("people", "civilians", "party") and not a.attrs.get("named") for a in f.agents)):
            # "two men opened fire and killed three people": people who shoot to kill are an
            # unidentified armed group (ACLED), not a mob
            for a in f.agents:
                a.attrs = dict(a.attrs, actor_type="unidentified", inter=3, shooters=True)
        if "injure" in f.classes:
            # "wounded" as a verb is an attack by its subject; with no doer it is a casualty
            # report that continues an event told before
            if not f.agents and f.classes <= {"injure"}:
                f.continuation_only = True
            f.classes = (set(f.classes) - {"injure"}) | {"attack"}
        if f.classes <= {"kill", "offensive"} and not f.agents:
            # "20 people died" with no perpetrator: only a continuation of an event told before it
            # (storms and accidents kill people too) - unless the killing is plainly violent: a
            # gun or blade in the clause, or "was killed"/"murdered" with no accident or disaster
            # word in the sentence ("a man was killed and his body found"). ACLED codes those as
            # attacks by an unidentified armed group.
            violent_weapon = any(w.value in ("firearm", "blade") for w in f.weapons)
            if not (violent_weapon or (f.attrs.get("passive_kill") and not f.attrs.get("accident"))):
                f.continuation_only = True
        wclasses = {w.value for w in f.weapons}
        if "attack" in f.classes or "kill" in f.classes:
            # the weapon decides the kind of remote violence ("attacked with drones", "Granaten abfeuern")
            for wc, cls in (("aircraft", "air"), ("projectile", "shell"), ("heavy", "shell"), ("explosive", "ied"), ("grenade", "grenade")):
                if wc == "aircraft" and f.attrs.get("aircraft_target"):
                    continue  # "fighters fired at an army helicopter": the aircraft is the target
                if wc in wclasses and (f.agents or f.casualties or f.targets):
                    f.family = "remote"
                    f.classes = set(f.classes) | {cls}
                    break
    if (f.family == "loot" and "attack" in f.classes and any(w.value in ("projectile", "heavy") for w in f.weapons)
            and f.agents and all(is_armed(a) or is_state(a) for a in f.agents)):
        # "fired 120mm mortars at the positions, damaging houses": the damage is the shelling's
        f.family = "remote"
        f.classes = (set(f.classes) - {"loot"}) | {"shell"}
    if (f.family in ("loot", "territory") and f.classes <= {"loot", "capture"} and f.agents and not f.casualties
            and all(actor_type(a) in ("people", "civilians", "protesters") and not is_armed(a) for a in f.agents)
            and all(t.span.text.lower().split()[0] in word_list("take_over") for t in f.triggers)):
        # "parents took over the school to demand repairs": unarmed people occupying a place
        # protest (an occupation), they do not loot it
        f.family, f.classes = "protest", {"occupy"}
    if (f.family == "protest" and "riot" in f.classes and f.agents and all(is_state(a) for a in f.agents)
            and all(t.cls != "riot" or "barricad" in t.span.text.lower() for t in f.triggers)):
        # "police erected barricades to stop the march": a security measure, not a riot
        f.classes = set(f.classes) - {"riot"}
    if f.family == "protest" and f.classes <= {"occupy"} and any(
            (is_armed(a) or is_state(a)) and not a.attrs.get("object") for a in f.agents):
        # "troops occupied the town": a capture, not a sit-in
        f.family, f.classes = "territory", {"capture"}
    if f.family == "protest" and f.classes <= {"convoy"} and any((is_armed(a) or is_state(a)) and not a.attrs.get("object") for a in f.agents + f.targets):
        # "a Turkish forces convoy arrived": a movement of forces, not a vehicle protest
        f.family, f.classes = "change", {"change"}
    if f.family == "protest" and not any(actor_type(a) in ("protesters", "rioters", "civilians", "people", "communal")
                                         for a in f.agents + f.targets + f.victims) \
            and any(is_armed(a) or is_state(a) for a in f.agents) and not (f.classes & {"protest", "convoy", "occupy", "block"} or f.classes <= {"intervene", "force"}):
        # "forces repelled an assault", "soldiers beat up": riot words with armed agents and no crowd
        if f.classes <= {"riot", "loot"} and not any(is_armed(t) or is_state(t) for t in f.targets + f.victims) \
                and not f.casualties:
            f.family, f.classes = "loot", {"loot"}  # "soldiers ransacked 40 shops": property destruction
        else:
            f.family = "battle" if f.classes & {"clash", "firefight"} else "generic"
            f.classes = (set(f.classes) - {"mob", "riot", "protest"}) | ({"attack"} if f.family == "generic" else set())
    forces_only = bool(f.agents) and all(is_state(a) and not a.attrs.get("object") for a in f.agents)
    if f.family == "protest" and f.classes <= {"block"} and forces_only:
        # "police closed the road to the airport": a security measure, not a demonstration
        f.sub_event_type = None
        return None
    if (f.family == "protest" and "arrest" in f.classes and f.classes <= {"protest", "block", "arrest"} and forces_only
            and not any(actor_type(a) in ("protesters", "rioters", "people", "party") for a in f.targets + f.victims)):
        # "soldiers blocked the roads and arrested four men": the blockade is a security
        # measure by the force that makes the arrests, not a demonstration
        f.family, f.classes = "arrest", {"arrest"}
    if (f.family in ("battle", "generic") and f.attrs.get("accident")
            and not any(is_armed(a) or is_state(a) for a in f.agents + f.targets) and not f.weapons):
        # "firefighters battled a wildfire", "rescuers fought the flood": a disaster, no parties in arms
        f.sub_event_type = None
        return None
    if (f.family == "generic" and f.classes <= {"attack"} and not (f.casualties or f.weapons)
            and f.attrs.get("verbal")
            and not any(actor_type(a) in ("military", "police", "unidentified", "named", "communal") for a in f.agents + f.targets)):
        # "the senator attacked the budget plan in a speech", "griff in einer Rede die Regierung
        # an": an attack told as said, with no armed party, no one hurt and no weapon, is words
        f.sub_event_type = None
        return None
    crowd_types = ("civilians", "people", "protesters", "rioters", "party")
    if (f.family in ("battle", "generic") and f.agents and all(actor_type(a) in crowd_types for a in f.agents)
            and not any(is_armed(a) and not is_state(a) for a in f.targets)
            and (f.family == "battle" or any(actor_type(a) in crowd_types for a in f.targets))
            and "firefight" not in f.classes
            and not any(w.value in ("firearm", "explosive", "projectile", "aircraft") for w in f.weapons)):
        # "students fought with police", "supporters of two parties clashed": unarmed crowds
        # fighting are a riot (ACLED: Mob violence), not an armed clash
        f.family = "protest"
        f.classes = (set(f.classes) - {"clash", "attack", "kill"}) | {"mob"}
    elif (f.family == "battle" and not f.agents
          and (f.targets or (f.victims and not any(v.text.lower().split()[-1] in word_list("civilian_words") for v in f.victims)))
          and all(actor_type(a) in crowd_types for a in f.targets + f.victims) and not armed
          and "firefight" not in f.classes
          and not any(w.value in ("firearm", "explosive", "projectile", "aircraft") for w in f.weapons)):
        # "a clash between supporters of two candidates left 20 injured": the only parties named
        # are unarmed people and no weapon is mentioned - a riot, not an armed clash ("civilians"
        # named only among the dead of "the fighting" are its victims, not its parties)
        f.family = "protest"
        f.classes = (set(f.classes) - {"clash", "attack", "kill"}) | {"mob"}
    if f.family == "generic" and f.attrs.get("accident") and not f.agents:
        f.sub_event_type = None  # "died when a storm hit": an accident or disaster
        return None
    if f.family == "remote" and "blast" in f.classes and not f.classes & {"shell", "air", "ied", "grenade", "suicide", "chemical"}:
        # a bare "explosion": what exploded decides; with no device, nobody involved or an
        # accident word in the sentence, it only continues an event told before
        if f.attrs.get("accident"):
            f.sub_event_type = None
            return None
        wv = {w.value for w in f.weapons}
        if "aircraft" in wv:
            f.classes = set(f.classes) | {"air"}
        elif "projectile" in wv:
            f.classes = set(f.classes) | {"shell"}
        elif "grenade" in wv:
            f.classes = set(f.classes) | {"grenade"}
        elif f.attrs.get("counted_blasts"):
            f.classes = set(f.classes) | {"shell"}
        # (a count of explosions is itself the report of an event)
        if not f.attrs.get("counted_blasts") and not (f.agents or f.targets or f.victims or f.casualties):
            f.continuation_only = True
    if (f.family == "remote" and f.classes & {"ied", "shell"} and "air" not in f.classes
            and any(w.value == "aircraft" for w in f.weapons) and not f.classes & {"suicide", "chemical"}):
        # "bomb-laden drones", "targeted with drones and mortar shells": the aircraft carried it
        f.classes = set(f.classes) | {"air"}
    if f.family == "remote" and {"ied", "air"} <= f.classes and not any(w.value == "aircraft" for w in f.weapons):
        f.classes = set(f.classes) - {"air"}  # "roadside bomb": a bomb with no aircraft is an explosive device
    if f.family == "protest" and f.classes & {"attack", "kill"}:
        # violence words in a protest report are often its grievance ("rally for the murdered
        # politician", "against the mass shooting"): they type the protest only when the
        # protesters (or, for killing, state forces) are their agents
        crowd = any(actor_type(a) in ("protesters", "rioters") for a in f.agents)
        state_agent = any(is_state(a) for a in f.agents + f.targets)  # "protesters were killed when police opened fire"
        drop = set()
        if not crowd:
            drop.add("attack")
        if not crowd and not state_agent:
            drop.add("kill")
        f.classes = set(f.classes) - drop
    if f.family in ("territory", "change", "agree", "disrupt", "arrest") and not (
            armed_party or any(is_state(a) for a in f.agents + f.targets)
            or (f.family == "arrest" and not f.agents and any(c.outcome == "arrested" for c in f.casualties))):
        f.sub_event_type = None  # strategic developments need an armed or state party
        return None
    if f.family == "loot" and not (f.agents or f.continuation_only) \
            and not ("kill" in f.classes and f.attrs.get("passive_kill") and not f.attrs.get("accident")) \
            and not ("kill" in f.classes and any(c.outcome == "killed" for c in f.casualties) and not f.attrs.get("accident")):
        # damage with no one doing it continues an event told before - unless someone "was
        # killed" in it ("a man was killed and his body found in a burnt house")
        f.continuation_only = True
    if f.family == "displace":
        if any(is_armed(a) and a.start < f.start for a in f.agents):
            f.sub_event_type = None  # "the attackers fled": perpetrators escaping are not displaced people
            return None
        if not (f.attrs.get("people_figure") and not f.attrs.get("accident")
                and any(actor_type(a) in ("civilians", "people") for a in f.agents + f.targets + f.victims)):
            # displacement is coded on its own only as a figure of people displaced ("3,500
            # people fled X"; ACLED: Strategic developments / Other); else only in an article
            # about violence
            f.continuation_only = True
    if agent is not None and target is not None and is_armed(target) and not target.attrs.get("named") and not armed \
            and is_state(target) == is_state(agent) and (civ or any(actor_type(t) == "civilians" for t in f.targets)):
        # "CODECO militants killed a civilian", "the navy forces fired at a civilian boat": an
        # unnamed armed noun next to civilian victims is the attackers told again, not a target
        target = next((t for t in f.targets if not is_armed(t)), None)
    if f.family == "vac" and not any(c.outcome in ("killed", "wounded") for c in f.casualties):
        # an abduction is re-typed as an attack only when people were killed or hurt in it
        # ("abducted three men and killed their livestock" stays an abduction)
        f.classes = set(f.classes) - {"kill", "attack"}
    classes = f.classes
    if f.family == "remote" and classes & {"shell", "grenade", "ied"} and not classes & {"air", "suicide", "chemical"} and any(
            w.pattern.lower() in word_list("small_arms") for w in f.weapons) and (target is None or is_armed(target)):
        # "mortars and small arms fired at army positions": heavy weapons with small
        # arms fire is ground fighting - an armed clash (ACLED)
        classes = set(classes) | {"firefight"}
    sub = classify(f.family, classes, actor_type(agent), actor_type(target), is_state(agent), civ, armed, state_present)
    if (f.family == "generic" and target is not None and is_armed(target) and agent is not None
            and actor_type(agent) not in ("civilians", "people", "party")):
        sub = "Armed clash"  # (a crowd that attacks the police is a mob: classify() said so)
    if sub == "Mob violence" and f.family == "generic" and "attack" not in classes and (
            f.attrs.get("passive_kill") or not any(t.cls == "kill" and t.span.text.lower() not in word_list("death_nouns") | word_list("dying_verbs")
                                                   for t in f.triggers)):
        # "a woman was killed ... seen with two people", "the death of the victim": no crowd is
        # said to have killed anyone
        sub = "Attack"
    if sub == "Mob violence" and len(f.agents) == 1 and sole_person(f.agents[0]):
        sub = "Attack"  # "a man punched a refugee": one assailant is no mob (ACLED: a sole perpetrator's attack)
    if sub == "Arrests" and f.attrs.get("violence_first") and any(c.outcome in ("killed", "wounded") for c in f.casualties):
        # "police shot dead two gang members and arrested five others": the violence is the
        # event (ACLED's most severe act), the arrests are part of it
        sub = "Armed clash" if armed else "Attack"
    if sub == "Arrests" and f.attrs.get("custody_violence") and not armed:
        # "beaten and arrested", "tortured in custody", "arrested and killed": violence against
        # the detainees is the event (ACLED codes the most severe act: Attack)
        sub = "Attack"
    f.sub_event_type = sub
    return sub


_RELATIVE = frozenset({"who", "which", "that", "whom", "der", "die", "das", "welche", "after", "for", "nachdem", "wegen"})


_INSTRUMENT = frozenset({"with", "by", "from", "using", "via", "mit", "durch", "per", "von"})


def _aircraft_attacked(doc: Document, f: Frame, men: Mentions) -> bool:
    """An aircraft as the object of the attack ("attacked a Turkish army helicopter", "opened
    fire at an airborne helicopter"), not its instrument ("attacked with drones")."""
    toks = doc.tokens
    for t in f.triggers:
        if t.cls not in ("attack", "shell"):
            continue
        for w in men.weapons:
            if w.value != "aircraft" or toks[w.tok_start].sent != f.sent or not 0 <= w.tok_start - t.tok_end <= 5:
                continue
            gap = [toks[k].lower for k in range(t.tok_end, w.tok_start)]
            if not any(g in _INSTRUMENT for g in gap):
                return True
    return False


def _violence_before_arrest(doc: Document, f: Frame) -> bool:
    """The arresting side's own violence told first in the clause ("police shot dead two gang
    members and arrested five others"), not the suspects' act in a relative clause ("arrested two
    men who killed a farmer")."""
    toks = doc.tokens
    arrests = [t for t in f.triggers if t.cls == "arrest"]
    if not arrests:
        return False
    first_arrest = min(t.tok_start for t in arrests)
    for v in f.triggers:
        if v.cls in ("attack", "kill") and v.tok_start < first_arrest and not any(
                toks[k].lower in _RELATIVE for k in range(max(0, v.tok_start - 3), v.tok_start)):
            return True
    return False


_SINGLE_DET = frozenset({"a", "an", "one", "ein", "eine", "einen", "einem", "einer"})


def sole_person(a: Mention) -> bool:
    """One unnamed individual ("a man", "an off-duty officer", "ein 23-Jähriger"), not a group."""
    words = a.text.lower().split()
    if a.attrs.get("named") or not (a.attrs.get("sole") or (len(words) >= 2 and words[0] in _SINGLE_DET)):
        return False
    head = words[-1]
    # (German compounds end in their collective: "Menschenmenge", "Männergruppe")
    return head not in word_list("collective") and head not in word_list("plural_heads") and not head.endswith(tuple(word_list("collective_suffixes"))) and not (head.endswith("s") and not head.endswith("ss"))


_CUSTODY_GAP = frozenset({"and", "then", "later", "subsequently", "were", "was", "had", "been", ",", "und", "dann", "später",
                          "anschließend", "wurden", "wurde", "worden"})


def _custody_violence(doc: Document, f: Frame) -> bool:
    """The arresting side hurts the detainees: a violent act coordinated with the arrest ("were
    beaten and arrested", "detained and tortured", "arrested and killed") or an act in custody
    ("died in police custody"). Not "arrested for the attack": that act is the suspects'."""
    toks = doc.tokens
    violent = [t for t in f.triggers if t.cls in ("attack", "kill")]
    arrests = [t for t in f.triggers if t.cls == "arrest"]
    for a in arrests:
        custody = toks[a.tok_end - 1].lower in word_list("custody")
        for v in violent:
            if custody and toks[v.tok_start].sent == toks[a.tok_start].sent:
                return True
            lo, hi = (v.tok_end, a.tok_start) if v.tok_end <= a.tok_start else (a.tok_end, v.tok_start)
            if 0 <= hi - lo <= 3 and all(toks[k].lower in _CUSTODY_GAP for k in range(lo, hi)):
                return True
    return False


MILITIA_NOUNS = {"militia", "militias", "militiamen", "militiaman", "miliz", "milizen", "milizionäre", "milizionär"}


def _communal_militias(doc: Document, actors: list[Mention]) -> None:
    """ "Katsina militiamen", "Fulani militia", "Zamfara-Miliz": a militia named after a place is a
    communal militia, one named after a people an ethnic militia (ACLED inter 4):
    "Katsina Communal Militia (Nigeria)", "Fulani Ethnic Militia (Nigeria)"."""
    from ..geo import get_geocoder

    toks = doc.tokens
    for a in actors:
        if a.attrs.get("actor_type") not in ("unidentified", "communal") or a.attrs.get("named"):
            continue
        last = toks[a.tok_end - 1]
        head = last.lower.rsplit("-", 1)[-1]
        if head not in MILITIA_NOUNS:
            continue
        if "-" in last.text and a.tok_end - a.tok_start == 1:
            word = last.text.rsplit("-", 1)[0]  # "Zamfara-Miliz"
            start = a.start
        elif a.tok_start > 0 and toks[a.tok_start - 1].sent == last.sent:
            prev = toks[a.tok_start - 1]
            if not prev.text[:1].isupper() or prev.i == doc.sentences[prev.sent].tok_start or not prev.text.isalpha():
                continue
            if _adjective_country(prev.lemma, prev.lower, doc.lang):
                continue  # "Syrian militia": a country's, handled elsewhere
            word = prev.text
            start = prev.start
        else:
            continue
        ids, exact = get_geocoder().g.lookup(word)
        kind = "Communal" if ids and exact else "Ethnic"
        a.attrs = dict(a.attrs, actor_type="named", named=True, inter=4, name=f"{word} {kind} Militia ({{country}})")
        if start < a.start:
            a.tok_start -= 1  # the place or people word is part of the name
        a.start = start
        a.text = doc.text[start:a.end]


OFF_DUTY = {"off-duty", "former", "retired", "ex", "ehemalige", "ehemaliger", "ehemaligen", "pensionierte",
            "pensionierter", "dienstfreie", "dienstfreier"}


def _off_duty(doc: Document, actors: list[Mention]) -> None:
    """ACLED: off-duty, former and retired soldiers and police are civilians ("an off-duty
    soldier was shot dead" is an attack on a civilian, not a clash)."""
    toks = doc.tokens
    for a in actors:
        if actor_type(a) not in ("military", "police"):
            continue
        lo = max(doc.sentences[a.sent].tok_start, a.tok_start - 7)
        before = doc.text[toks[lo].start:a.start].lower() + " " + a.text.split()[0].lower()
        words = set(re.findall(r"[\w-]+", before))
        # "a police officer (off duty)", "a soldier, who was off duty,"
        hi = min(doc.sentences[a.sent].tok_end, a.tok_end + 6) - 1
        after = doc.text[a.end:toks[hi].end].lower() if hi >= a.tok_end else ""
        if words & OFF_DUTY or "off-duty" in before or "off duty" in before or re.search(r"\bex-", before) \
                or re.search(r"\boff[ -]duty\b", after):
            a.attrs = dict(a.attrs, actor_type="civilians", inter=7, off_duty=True)


# Clause openers after which a country name can be the subject of a military verb, and words
# that may stand between that subject and its verb ("Russia has again launched", "Israel said
# it struck" is a report, not this).
CLAUSE_OPENERS = {"en": {"and", "that", "while", "after", "when", "but", "then", "as"},
                  "de": {"und", "dass", "während", "nachdem", "als", "aber", "doch"}}
SUBJECT_GAP = {"en": {"has", "have", "had", "also", "again", "reportedly", "allegedly", "then", "later", "overnight",
                      "on", "the", "previously", "already", "once", "carried", "out", "conducted", "staged", "an", "a",
                      "new", "fresh", "series", "of", "wave"},
               "de": {"hat", "haben", "hatte", "hatten", "habe", "erneut", "wieder", "auch", "nach", "angaben", "am",
                      "in", "der", "nacht", "zum", "bereits", "offenbar", "mutmaßlich"}}
SUBJECT_FAMILIES = {"battle", "remote", "generic", "territory", "change", "vac", "disrupt"}


def country_subjects(doc: Document, men: Mentions) -> list[Mention]:
    """A country named as the subject of a military act is its armed forces: "Russia launched
    missiles at Kyiv", "Israel struck targets in Gaza", "Russland hat Truppen in die Region Kursk
    verlegt" (ACLED: Military Forces of Russia / Israel). Only at the start of a clause, only
    when an action trigger of a violent, territorial or troop family follows it."""
    from .. import countries

    toks = doc.tokens
    lang = doc.lang
    taken = {k for a in men.actors for k in range(a.tok_start, a.tok_end)}
    trig_at: dict[int, list[Trigger]] = {}
    for t in men.triggers:
        if t.modality is None and FAMILY.get(t.cls, "generic") in SUBJECT_FAMILIES:
            trig_at.setdefault(t.sent, []).append(t)
    out: list[Mention] = []
    openers = CLAUSE_OPENERS.get(lang, set())
    gap = SUBJECT_GAP.get(lang, set())
    for sent in doc.sentences:
        trigs = trig_at.get(sent.i, [])
        if not trigs:
            continue
        for k in range(sent.tok_start, sent.tok_end):
            if k in taken or not toks[k].text[:1].isupper():
                continue
            k0 = k - 1 if k > sent.tok_start and toks[k - 1].lower in ("the", "die", "der") else k
            if not (k0 == sent.tok_start or toks[k0 - 1].text in (",", ";", ":", "(") or toks[k0 - 1].lower in openers):
                continue
            country = None
            for n in (3, 2, 1):
                if k + n <= sent.tok_end and all(toks[j].text[:1].isupper() or toks[j].lower in ("of", "and") for j in range(k, k + n)):
                    c = countries.by_name(" ".join(toks[j].text for j in range(k, k + n)))
                    if c is not None:
                        country, end = c, k + n
                        break
            if country is None:
                continue
            j = end
            while j < sent.tok_end and j - end < 6 and toks[j].lower in gap:
                j += 1
            hit = next((t for t in trigs if t.tok_start == j or (lang == "de" and toks[end].lower in gap and t.tok_start > end
                        and not any(toks[x].text in (",", ";") for x in range(end, t.tok_start)))), None)
            if hit is None:
                continue
            s0, e0 = toks[k].start, toks[end - 1].end
            out.append(Mention("actor", s0, e0, doc.text[s0:e0], toks[k].sent, k, end, "military",
                               {"actor_type": "military", "name": None, "inter": 1, "country": country.iso2, "named": False,
                                "assoc": None, "country_subject": True}))
            taken.update(range(k, end))
    return out


def prepare_actors(doc: Document, men: Mentions) -> None:
    """Complete the actor mentions before roles are assigned:
    - attacked objects such as "military positions" / "Militärpositionen" become armed targets
      (named by a country adjective in front, if any), unless an actor is attached to them
      ("RSF positions", "Stellungen der RSF"), which is then the target;
    - actors inside casualty figures ("44 HTS members", "37 Mitglieder der Regimekräfte") are
      victims: they show who took part but are not agents.
    """
    from ..lexicon import get_matcher

    toks = doc.tokens
    _communal_militias(doc, men.actors)
    _off_duty(doc, men.actors)
    actors = _drop_place_forces(doc, _drop_partitive_heads(doc, list(men.actors)))
    _possessive_country_forces(doc, actors)
    _named_organisations(doc, actors)
    if doc.published is not None:
        for a in actors:
            sf = a.attrs.get("state_from")
            if sf and str(doc.published) >= str(sf):
                # "the Taliban arrested three journalists" (2024): a movement that became the
                # state acts as the state (arrests, not abductions)
                a.attrs = dict(a.attrs, inter=1)
    occupied = set()
    for a in actors:
        occupied.update(range(a.tok_start, a.tok_end))
    loc_preps = {"at", "near", "outside", "bei", "nahe", "vor", "under"}
    trig_toks = {k for t in men.triggers for k in range(t.tok_start, t.tok_end)}
    for m in get_matcher(doc.lang).find(doc, labels=["military_target"]):
        if any(k in occupied for k in range(m.tok_start, m.tok_end)):
            continue
        p = m.tok_start - 1
        while p >= 0 and m.tok_start - p <= 4 and (toks[p].lower in ("a", "an", "the", "einem", "einer", "dem", "der")
                                                    or (toks[p].text[:1].isupper() and doc.lang == "en")):
            p -= 1  # "under Kazigaon police station limits": skip the name too
        if p >= 0 and toks[p].lower in loc_preps and toks[p].sent == toks[m.tok_start].sent and p not in trig_toks:
            continue  # "killed a motorcyclist at a checkpoint": where, not whom ("fired at a post": whom)
        near = [a for a in actors if a.sent == toks[m.tok_start].sent and (0 <= m.tok_start - a.tok_end <= 1 or 0 <= a.tok_start - m.tok_end <= 2)]
        if near:
            for a in near:
                a.attrs["target_hint"] = True
            continue
        tok = toks[m.tok_start]
        if m.tok_end - m.tok_start == 1 and "-" in tok.text:
            prefix = tok.text.rsplit("-", 1)[0].lower()
            ref = next((a for a in actors if a.text.lower() == prefix and a.attrs.get("named")), None)
            if ref is not None:
                attrs = dict(ref.attrs)
                attrs.pop("victim", None)
                actors.append(Mention("actor", tok.start, tok.end, tok.text, tok.sent, m.tok_start, m.tok_end, ref.label, attrs))
                occupied.add(m.tok_start)
                continue
        start_tok = m.tok_start
        country = None
        if start_tok > 0:
            prev = toks[start_tok - 1]
            country = _adjective_country(prev.lemma, prev.lower, doc.lang)
            if country:
                start_tok -= 1
        s, e = toks[start_tok].start, toks[m.tok_end - 1].end
        actors.append(Mention("actor", s, e, doc.text[s:e], toks[m.tok_start].sent, start_tok, m.tok_end, "military_target",
                              {"actor_type": "military", "name": None, "inter": 1, "country": country, "named": False, "object": True}))
        occupied.update(range(start_tok, m.tok_end))
    # the reporting source is not a party ("Somali police said", "a police spokesman said"), unless
    # it reports its own act ("the army said it killed 14 militants", "die Armee erklärte, sie habe")
    date_toks = {t.i for d in men.dates for t in doc.tokens[doc.sentences[d.sent].tok_start:doc.sentences[d.sent].tok_end]
                 if d.span.start <= t.start < d.span.end}
    for a in actors:
        if _reports_own_act(doc, a, date_toks):
            continue
        if any(sm.span.start <= a.start < sm.span.end or a.start <= sm.span.start < a.end
               or (0 <= sm.span.start - a.end <= 1 and not doc.text[a.end:sm.span.start].strip())  # "LPR sources"
               for sm in men.sources):
            a.attrs["reporter"] = True
    # "... which al-Shabaab claimed": the claimant is the perpetrator
    for c in men.cues:
        if c.value != "claim":
            continue
        for a in actors:
            if a.sent == toks[c.tok_start].sent and (0 <= c.tok_start - a.tok_end <= 2):
                a.attrs["claimant"] = True
    for c in men.casualties:
        g0, g1 = c.group_tok
        if g1 <= g0:
            continue
        for a in actors:
            if a.sent != c.sent:
                continue
            inside = g0 - 1 <= a.tok_start < g1
            genitive = a.tok_start in (g1 + 1, g1 + 2) and toks[g1].lower in ("of", "der", "des", "von") if g1 < len(toks) else False
            if genitive and toks[g1].lower == "von" and not a.attrs.get("named"):
                genitive = False  # "zwei Studenten von Soldaten festgenommen": the passive's agent
            if inside or genitive:
                a.attrs["victim"] = True
    men.actors = sorted(actors, key=lambda a: a.tok_start)


_PARTITIVE = {"of", "der", "des", "von"}
_PARTITIVE_SKIP = {"the", "a", "an", "die", "den", "dem", "local", "lokalen", "örtlichen", "so-called", "sogenannten"}


def _drop_partitive_heads(doc: Document, actors: list) -> list:
    """ "the joint force of local PDF forces", "fighters of HTS", "Kämpfer der HTS": a generic
    noun whose "of" complement is another actor names that actor; the head is not a second party."""
    toks = doc.tokens
    starts = {a.tok_start: a for a in actors}
    drop = set()
    for a in actors:
        if a.attrs.get("named"):
            continue
        k = a.tok_end
        if a.tok_end - a.tok_start == 1 and k in starts and starts[k] is not a:
            drop.add(id(a))  # a modifier: "local PDF forces"
            continue
        j = k
        while j < len(toks) and j - k < 2 and toks[j].sent == a.sent and j not in starts and _descriptor(toks[j].lower):
            j += 1
        if j > k and j in starts and starts[j].attrs.get("named"):
            drop.add(id(a))  # "the jihadist group Boko Haram", "die Terrormiliz IS": a description of the name
            continue
        if k >= len(toks) or toks[k].lower not in _PARTITIVE or toks[k].sent != a.sent:
            continue
        k += 1
        while k < len(toks) and k - a.tok_end <= 6 and toks[k].sent == a.sent and k not in starts and (
                toks[k].lower in _PARTITIVE_SKIP or _descriptor(toks[k].lower) or toks[k].lower in ("'s", "’s") or _country_at(doc, k) is not None
                or (k + 1 < len(toks) and toks[k + 1].lower in ("'s", "’s"))
                or (toks[k].text[:1].islower() and k + 1 in starts and starts[k + 1] is not a)):
            # "fighters of Sudan's paramilitary Rapid Support Forces"
            k += 1
        if k in starts and starts[k] is not a:
            drop.add(id(a))
    return [a for a in actors if id(a) not in drop]


def _drop_place_forces(doc: Document, actors: list) -> list:
    """ "under Kazigaon police station limits", "near the army hospital": a force word that
    heads an institution named after a locative preposition is part of a place, not a party."""
    from ..lexicon import load_lexicon

    lex = load_lexicon(doc.lang)
    heads = {str(w).lower() for w in lex.get("institution_heads", [])}
    preps = {str(w).lower() for w in lex.get("locative_preps", [])}
    if not heads:
        return actors
    toks = doc.tokens
    out = []
    for a in actors:
        if (not a.attrs.get("named") and a.attrs.get("actor_type") in ("military", "police")
                and a.tok_end < len(toks) and toks[a.tok_end].lower in heads and toks[a.tok_end].sent == a.sent):
            k = a.tok_start - 1
            while k >= 0 and a.tok_start - k <= 4 and toks[k].sent == a.sent and toks[k].lower not in preps \
                    and (toks[k].text[:1].isupper() or toks[k].lower in ("the", "a", "an", "local", "district")):
                k -= 1
            if k >= 0 and toks[k].lower in preps and toks[k].sent == a.sent:
                continue
        out.append(a)
    return out


_DESCRIPTOR_WORDS = {"group", "groups", "militia", "organisation", "organization", "movement", "faction", "network",
                     "outfit", "coalition", "alliance", "gang", "cartel"}
_DESCRIPTOR_SUFFIXES = ("gruppe", "miliz", "organisation", "bewegung", "netzwerk", "allianz", "bande", "kartell")


def _descriptor(lower: str) -> bool:
    """A noun that describes what a named group is ("the jihadist group X", "die Terrormiliz X")."""
    return lower in _DESCRIPTOR_WORDS or lower.endswith(_DESCRIPTOR_SUFFIXES)


def _named_organisations(doc: Document, actors: list) -> None:
    """ "the Children of Fire", "Mothers of the Disappeared": a person noun written with a capital
    inside a multi-word name is an organisation we do not know - an unidentified group, not
    civilians (English; German capitalises all nouns)."""
    if doc.lang != "en":
        return
    toks = doc.tokens
    for a in actors:
        if a.attrs.get("named") or a.attrs.get("actor_type") not in ("civilians", "people"):
            continue
        t = toks[a.tok_start]
        if not t.text[:1].isupper() or t.i == doc.sentences[t.sent].tok_start:
            continue
        k = a.tok_end
        if k + 1 < len(toks) and toks[k].lower == "of" and toks[k + 1].text[:1].isupper() and toks[k + 1].sent == a.sent:
            a.attrs = dict(a.attrs, actor_type="unidentified", inter=3, organisation=True)


def _country_at(doc: Document, k: int):
    """The country named by the tokens ending at k ("Myanmar", "the United States"), if any."""
    from .. import countries

    toks = doc.tokens
    for n in (3, 2, 1):
        j = k - n + 1
        if j < 0 or toks[j].sent != toks[k].sent or not all(toks[x].text[:1].isupper() for x in (j, k)):
            continue
        c = countries.by_name(" ".join(toks[x].text for x in range(j, k + 1)))
        if c is not None:
            return c
    return None


def _possessive_country_forces(doc: Document, actors: list) -> None:
    """ "Myanmar's military", "the United States military", "Israels Armee": a state force named
    after a country is that country's force, not the event country's."""
    toks = doc.tokens
    for a in actors:
        if a.attrs.get("named") or a.attrs.get("actor_type") not in ("military", "police") or a.attrs.get("country"):
            continue
        k = a.tok_start - 1
        if k >= 0 and toks[k].lower in ("'s", "’s", "s"):
            k -= 1
        if k < 0 or toks[k].sent != a.sent:
            continue
        c = _country_at(doc, k)
        if c is None and toks[k].text.endswith(("s", "'s", "’s")) and doc.lang == "de":
            from .. import countries
            c = countries.by_name(toks[k].text.rstrip("s").rstrip("'’"))  # "Israels Armee"
        if c is not None:
            a.attrs = dict(a.attrs, country=c.iso2)


def _adjective_country(lemma: str, lower: str, lang: str):
    try:
        from .. import countries
    except ImportError:
        return None
    fn = getattr(countries, "by_adjective", None)
    if fn is None:
        return None
    for w in (lower, lemma):
        try:
            c = fn(w, lang)
        except TypeError:
            c = fn(w)
        if c is not None:
            return c.iso2
    return None
