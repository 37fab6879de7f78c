"""Stage 3: Mentions -> Frames. One frame = one claim: an action family in one sentence, with
its agent, target, casualty figures, date, place and reporting source.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..events.typing import ABSORB_ORDER, ABSORBS, ARMED_TYPES, FAMILY, classify
from ..mentions import Casualty, DateMention, Mentions, SourceMention, Trigger
from ..models import Document, Mention

# prepositions that introduce the target / the agent (language data would be nicer; these are
# closed-class function words, kept here with their language)
TARGET_PREPS = {"en": {"against", "on", "at", "targeting", "into"}, "de": {"gegen", "auf", "an"}}
AGENT_PREPS = {"en": {"by"}, "de": {"von", "durch", "seitens"}}
GENITIVE = {"en": {"of"}, "de": {"der", "des"}}
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

    @property
    def start(self) -> int:
        return min(t.span.start for t in self.triggers)


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
    frames: list[Frame] = []
    for sent, trigs in sorted(by_sent.items()):
        fams: dict[str, list[Trigger]] = {}
        for t in trigs:
            fams.setdefault(FAMILY.get(t.cls, "generic"), []).append(t)
        # absorption: strongest family swallows compatible ones in the same sentence
        for fam in ABSORB_ORDER:
            if fam not in fams:
                continue
            for other in list(fams):
                if other != fam and other in ABSORBS.get(fam, set()):
                    fams[fam].extend(fams.pop(other))
        for fam, ts in fams.items():
            ts.sort(key=lambda t: t.tok_start)
            frames.append(Frame(sent, fam, {t.cls for t in ts}, ts))
    actors_by_sent: dict[int, list[Mention]] = {}
    for a in men.actors:
        actors_by_sent.setdefault(a.sent, []).append(a)
    for f in frames:
        _roles(doc, f, actors_by_sent.get(f.sent, []), lang)
        f.casualties = [c for c in men.casualties if c.sent == f.sent]
        f.weapons = [w for w in men.weapons if doc.tokens[w.tok_start].sent == f.sent]
        ds = [d for d in men.dates if d.sent == f.sent]
        if ds:
            first = f.triggers[0].span.start
            f.date = min(ds, key=lambda d: abs(d.span.start - first))
        ss = [s for s in men.sources if s.sent == f.sent]
        if ss:
            f.source = ss[0]
    # frames sharing a sentence split its casualties: give them to the family that owns outcomes
    return frames


def _roles(doc: Document, f: Frame, actors: list[Mention], lang: str) -> None:
    """Agent = actor before the first trigger (or after by/von/durch, or genitive after a
    nominal trigger); target = actor after the trigger (or after against/gegen/auf)."""
    if not actors:
        return
    toks = doc.tokens
    t0 = f.triggers[0].tok_start
    t_end = f.triggers[0].tok_end
    agents, targets = [], []
    passive = any(toks[k].lower in PASSIVE_AUX.get(lang, set()) for k in range(max(0, t0 - 6), min(len(toks), t_end + 2)) if toks[k].sent == f.sent)
    for a in sorted(actors, key=lambda m: m.tok_start):
        prev = toks[a.tok_start - 1].lower if a.tok_start > 0 else ""
        prev2 = toks[a.tok_start - 2].lower if a.tok_start > 1 else ""
        if a.attrs.get("actor_type") in ("civilians",) and a.attrs.get("victim_only"):
            targets.append(a)
            continue
        if prev in AGENT_PREPS.get(lang, set()) or prev2 in AGENT_PREPS.get(lang, set()):
            agents.append(a)
        elif prev in TARGET_PREPS.get(lang, set()) or prev2 in TARGET_PREPS.get(lang, set()):
            targets.append(a)
        elif a.tok_start < t0:
            (targets if passive else agents).append(a)
        elif a.tok_start >= t_end and a.tok_start - t_end <= 3 and (prev in GENITIVE.get(lang, set())) and _nominal(f):
            agents.append(a)
        else:
            targets.append(a)
    f.agents, f.targets = agents, targets


def _nominal(f: Frame) -> bool:
    t = f.triggers[0].span.text
    return t[:1].isupper()


def type_frame(f: Frame) -> Optional[str]:
    agent = f.agents[0] if f.agents else None
    target = f.targets[0] if f.targets else None
    civ = any(c.side_hint == "civilians" for c in f.casualties if c.outcome in ("killed", "wounded", "casualties"))
    armed = any(c.side_hint in ("state", "nonstate") for c in f.casualties if c.outcome in ("killed", "wounded", "captured"))
    sub = classify(f.family, f.classes, actor_type(agent), actor_type(target), is_state(agent), civ, armed)
    if f.family == "generic" and target is not None and is_armed(target) and agent is not None:
        sub = "Armed clash"
    f.sub_event_type = sub
    return sub
