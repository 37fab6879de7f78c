"""Stage 4: Frames -> Events (ACLED row + UCDP extensions + evidence).

Splitting and merging follow ACLED: one event per sub-event type, location, date and actor
pair; when the same two actors meet in several ways at one place on one day, the events merge into
the type that ranks highest (e.g. air strikes during a ground battle become the battle);
weapons seized inside a battle are absorbed into it. Background older than BACKGROUND_DAYS
before publication is not an event; threats, plans, denials and negated actions are not events.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Optional

from ..frames import Frame, actor_type, build_frames, is_armed, is_state, mark_killing_context, prepare_actors, sole_person, type_frame
from ..lexicon import word_list
from ..mentions import Casualty, DateMention, Mentions, Span, is_past_year, token_at
from ..models import Claim, Document, Event, Evidence, Mention
from .fatalities import reconcile, simple_count
from ..taxonomy import EVENT_TYPE_OF, RANK, disorder_type

BACKGROUND_DAYS = 31
CONTINUATION_SENTS = 3  # how far a casualty-only sentence may look back for its event

ALLY_WORDS = {"verbündete", "verbündeten", "verbündet", "ally", "allies", "allied", "alliierte", "alliierten"}


@dataclass
class Draft:
    frames: list[Frame]
    sub: str
    sents: list[int]
    date: Optional[DateMention] = None
    date_value: Optional[dt.date] = None
    time_precision: Optional[int] = None
    location: Any = None  # geo.Location
    agents: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    extra_casualty_sents: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(f.start for f in self.frames)


def _akey(m: Mention) -> str:
    a = m.attrs
    return (a.get("name") or f"{a.get('actor_type')}:{a.get('country') or ''}").lower()


DEFINITE_OPENERS = frozenset({"the", "this", "that", "these", "those", "der", "die", "das", "dieser", "diese", "dieses"})
_YEAR_PREPS = frozenset({"in", "im", "since", "seit", "jahr", "year", "of"})


def _past_year_in(doc: Document, sent: int, pub_year: int) -> Optional[int]:
    """The token of a bare earlier year in the sentence ("in 2016", "im Jahr 2019"), if any."""
    s = doc.sentences[sent]
    toks = doc.tokens
    return next((k for k in range(s.tok_start, s.tok_end)
                 if is_past_year(toks[k].text, pub_year) and k > s.tok_start and toks[k - 1].lower in _YEAR_PREPS), None)


def _year_dates_clause(doc: Document, tk: int, yk: int, dk: int) -> bool:
    """The year belongs to the act's own clause and the sentence's date to another: "a court on
    Friday sentenced the men who helped the man who killed 86 people ... in 2016"."""
    toks = doc.tokens
    if abs(yk - tk) < abs(dk - tk):
        return True
    lo, hi = sorted((tk, yk))
    same_clause = not any(toks[k].is_punct for k in range(lo, hi))
    relative = dk < tk and any(toks[k].lower in ("who", "which", "that", "whom", "der", "die", "das", "welche", "welcher")
                               for k in range(dk, tk))
    return same_clause and relative


def _actor_side_hint(doc: Document, c: Casualty, actors: list[Mention]) -> tuple[Optional[str], list[Mention]]:
    g0, g1 = c.group_tok
    if c.quantity.tok_end < g0 and g0 - c.quantity.tok_end <= 5:
        g0 = c.quantity.tok_end  # "a regime 4th Division member": the words before the noun name its side
    reach = 0 if c.conjunct else 3  # "three VDP and nine civilians": the next conjunct is not this group
    if g1 < len(doc.tokens) and doc.tokens[g1].lower in ("von", "by", "durch"):
        reach = 0  # "zwei Studenten von Soldaten festgenommen": the agent of the passive, not the group
    inside = [a for a in actors if a.tok_start < g1 + reach and a.tok_end > g0 and a.sent == c.sent]
    inside = [a for a in inside if a.tok_start >= g0 - 1]
    words = {doc.tokens[k].lower for k in range(g0, g1)}
    if words & ALLY_WORDS or any(w.split("-")[-1] in ALLY_WORDS for w in words):
        return "ally", inside
    types = {actor_type(a) for a in inside}
    keys = {_akey(a) for a in inside}
    if words & {"und", "and", "or", "oder", "sowie", "as"}:
        return None, inside  # "fighters and soldiers": a mixed group is a total
    if len(keys) > 1 and len(types) > 1:
        return None, inside
    if len(types) > 1 and not (types <= {"military", "police", "government", "state"}):
        return None, inside
    if not inside:
        return None, inside
    t = next(iter(types))
    if t == "civilians":
        return "civilians", inside
    head = doc.tokens[g1 - 1].lower if g1 > g0 else ""
    civilian_roles = word_list("civilian_victims", doc.lang)
    if t == "government" or ((t == "communal" and words & civilian_roles or head in civilian_roles)
                             and not words & {"armed", "militia", "militiamen", "bewaffnete", "bewaffneten", "miliz"}):
        # "a government official", "six Fulani pastoralists", "three military informants"
        # killed: civilians (ACLED)
        return "civilians", inside
    if t == "people":
        return "people", inside  # "five people": civilians for typing, unknown side for the count
    if t in ("military", "police", "government", "state") or any(a.attrs.get("inter") == 1 for a in inside):
        return "state", inside
    if t in ("protesters", "rioters"):
        return "civilians" if t == "protesters" else None, inside
    return "nonstate", inside


def assemble(doc: Document, men: Mentions, geo_ctx: "GeoContext", actor_namer) -> list[Event]:
    prepare_actors(doc, men)
    frames = build_frames(doc, men)
    # side hints on casualties (which side the dead belong to)
    cas_actors: dict[int, list[Mention]] = {}
    for i, c in enumerate(men.casualties):
        hint, inside = _actor_side_hint(doc, c, men.actors)
        c.side_hint = hint
        cas_actors[i] = inside
    mark_killing_context(doc, frames)
    _mark_counted_blasts(doc, men, frames)
    gone = {doc.tokens[c.tok_start].sent for c in men.cues if c.value == "disappearance"}
    for f in frames:
        if f.family == "arrest" and any(0 <= s - f.sent <= 2 for s in gone):
            # "... were arrested by the Taliban. Their whereabouts are unknown": a forced disappearance
            f.family, f.classes = "vac", {"abduct"}
    for f in frames:
        type_frame(f)
    frames = [f for f in frames if f.sub_event_type]
    frames = _domain_gate(doc, men, frames)
    dated_sents = {d.sent for d in men.dates}
    for f in frames:
        if (f.family in ("battle", "remote") and not (f.agents or f.targets or f.victims or f.casualties)
                and f.sent not in dated_sents):
            # "the war", "Zusammenstoß" with nobody, no figure and no date: it may continue an
            # event told before it, but does not start one
            f.continuation_only = True
    pub = doc.published
    # dates and background filter
    last_date: Optional[DateMention] = None
    dated: list[Frame] = []
    date_by_sent = {}
    for d in men.dates:
        date_by_sent.setdefault(d.sent, d)
    sent_has_background = {doc.tokens[c.tok_start].sent for c in men.cues if c.value == "past_background"}
    background_sents: set[int] = set()  # sentences whose violence is background: their figures are too
    for f in sorted(frames, key=lambda f: f.start):
        for s in range(0, f.sent + 1):
            if s in date_by_sent:
                last_date = date_by_sent[s]
        if f.date is None and last_date is not None:
            f.date = last_date
        if f.date is None:
            # the article's lead date, when it comes in the next sentences
            nxt = [d for d in men.dates if 0 < d.sent - f.sent <= 3 and d.sent not in sent_has_background]
            if nxt:
                f.date = nxt[0]
        if f.sent in sent_has_background and (f.date is None or f.date.sent != f.sent):
            background_sents.add(f.sent)
            continue
        if (f.sent - 1 in background_sents and (f.date is None or f.date.sent != f.sent)
                and doc.tokens[doc.sentences[f.sent].tok_start].lower in DEFINITE_OPENERS):
            # "... killed 86 people in 2016. The attacker was shot dead by police": the next
            # sentence, told of the same thing by a definite reference, is background too
            background_sents.add(f.sent)
            continue
        # (a demonstration about something of an earlier year is today's: "relatives of a man killed
        # in 2019 rallied")
        yk = _past_year_in(doc, f.sent, pub.year) if pub is not None and not f.classes & {"protest", "block", "occupy", "convoy"} else None
        tk = f.triggers[0].tok_start
        if yk is not None and (f.date is None or f.date.sent != f.sent or _year_dates_clause(doc, tk, yk, token_at(doc, f.date.span.start))):
            # "the man who killed 86 people in Nice in 2016": a bare earlier year dates the
            # sentence's violence as background
            background_sents.add(f.sent)
            continue
        if f.date is not None and f.date.date is not None and pub is not None:
            if f.date.date < pub - dt.timedelta(days=BACKGROUND_DAYS):
                background_sents.add(f.sent)
                continue
            if f.date.date > pub + dt.timedelta(days=1) and f.date.relative:
                continue
        dated.append(f)
    # merge frames into drafts
    drafts: list[Draft] = []
    headings = sorted(men.headings)

    def open_drafts(sent: int) -> list[Draft]:
        # a heading (a Liveticker entry's "+++ 10:20 ... +++", a sub-title) closes what came before
        last_h = max((h for h in headings if h < sent), default=-1)
        return [d for d in drafts if max(d.sents) > last_h]

    new_incident = {doc.tokens[c.tok_start].sent for c in men.cues if c.value == "new_incident"}
    for f in dated:
        loc = geo_ctx.locate([f.sent], f.triggers[0].span.start)
        live = open_drafts(f.sent)
        if _follow_up_arrest(live, f, loc):
            continue
        # ("Separately, bandits attacked ...": another incident, merged with nothing told before)
        target = None if f.sent in new_incident else _find_merge_target(live, f, loc, geo_ctx)
        if target is None and f.continuation_only and any(c.toll for c in f.casualties):
            # "On Tuesday the death toll rose to 32": a later toll updates the event told before,
            # whatever day it is reported on
            violent = [d for d in live if EVENT_TYPE_OF.get(d.sub) in VIOLENT_TYPES and f.sent - max(d.sents) <= 2 * CONTINUATION_SENTS]
            target = violent[-1] if violent else None
        if target is not None:
            _absorb(target, f, loc)
        elif f.continuation_only:
            if f.family == "displace" and any(EVENT_TYPE_OF.get(d.sub) != "Strategic developments" for d in drafts) \
                    and any(actor_type(a) in ("civilians", "people") and not sole_person(a) for a in f.agents + f.targets + f.victims):
                # people who fled the violence ("Hunderte Familien flohen"); a perpetrator "auf der
                # Flucht" or a building "evakuiert" is no displacement
                d = Draft([f], f.sub_event_type or "", [f.sent], location=loc)
                d.agents, d.targets = list(f.agents), list(f.targets)
                drafts.append(d)
            continue
        else:
            d = Draft([f], f.sub_event_type or "", [f.sent], location=loc)
            d.agents = list(f.agents)
            d.targets = list(f.targets)
            d.casualties = list(f.casualties)
            drafts.append(d)
    # casualty sentences without a trigger: attach to the nearest preceding event
    framed_sents = {s for d in drafts for s in d.sents}
    for c in men.casualties:
        if c.sent in framed_sents or c.sent in men.headings or c.sent in background_sents or c.sent in new_incident:
            continue
        prev = [d for d in open_drafts(c.sent) if min(d.sents) <= c.sent and c.sent - max(d.sents) <= CONTINUATION_SENTS]
        if not prev:
            continue
        d = max(prev, key=lambda d: (max(d.sents), -RANK.get(d.sub, 99)))
        if c not in d.casualties:
            d.casualties.append(c)
            d.extra_casualty_sents.append(c.sent)
    # ACLED hierarchy merge across families at one place/day/actor pair
    drafts = _hierarchy_merge(drafts, geo_ctx)
    events = []
    for i, d in enumerate(drafts):
        ev = _to_event(doc, men, d, geo_ctx, actor_namer, i)
        if ev is not None:
            events.append(ev)
    return events


def _mark_counted_blasts(doc: Document, men: Mentions, frames: list[Frame]) -> None:
    """Explosions counted in a number ("monitors recorded 14 explosions near X", "dutzende
    Explosionen"): many blasts at one place are fire from a distance (shelling), not one bomb."""
    ends = {q.tok_end: q for q in men.quantities}
    toks = doc.tokens
    for f in frames:
        for t in f.triggers:
            if t.cls != "blast":
                continue
            q = ends.get(t.tok_start) or (ends.get(t.tok_start - 1) if t.tok_start > 0 and toks[t.tok_start - 1].is_punct is False
                                          and toks[t.tok_start - 1].lower in ("of", "von") else None)
            plural = toks[t.tok_start].lower != toks[t.tok_start].lemma
            if q is not None and (q.best >= 2 or plural):
                f.attrs["counted_blasts"] = True


DOMAIN_MIN_HITS = 3  # distinct non-conflict domain words that make a document "sports" / "space"


def _domain_gate(doc: Document, men: Mentions, frames: list[Frame]) -> list[Frame]:
    """Sports reports and rocket launches use the words of war. In a document dense in such
    vocabulary, violent frames need a named armed group, state forces or a casualty figure."""
    from ..lexicon import get_matcher

    hits = {doc.text[doc.tokens[m.tok_start].start:doc.tokens[m.tok_end - 1].end].lower()
            for m in get_matcher(doc.lang).find(doc, ["domain"])}
    if len(hits) < DOMAIN_MIN_HITS:
        return frames
    armed_doc = any(actor_type(a) in ("named", "military", "police", "unidentified") and not a.attrs.get("reporter")
                    for a in men.actors)
    out = []
    for f in frames:
        # (a "mob" made only from people attacking - "counter-attacks" by a team - counts too)
        violent = f.family in ("battle", "generic", "remote", "vac") or (f.family == "protest" and "mob" in f.classes
                                                                          and not f.classes & {"protest", "riot", "convoy", "occupy", "block"})
        if violent and not f.casualties and not (armed_doc and any(is_armed(a) for a in f.agents + f.targets)):
            continue
        out.append(f)
    return out


def _date_of(f: Frame) -> Optional[dt.date]:
    return f.date.date if f.date else None


def _loc_key(loc) -> Optional[str]:
    if loc is None:
        return None
    cand = getattr(loc, "candidate", None)
    if cand is not None and cand.geonameid:
        return f"g{cand.geonameid}"
    m = getattr(loc, "mention", None)
    if m is not None:
        return "t" + m.name.lower()
    return None


def _actors_compatible(a: list[Mention], b: list[Mention]) -> bool:
    if not a or not b:
        return True
    if {_akey(x) for x in a} & {_akey(x) for x in b}:
        return True
    if any(not x.attrs.get("named") and not y.attrs.get("named") and actor_type(x) == actor_type(y)
           and not (x.attrs.get("country") and y.attrs.get("country")) for x in a for y in b):
        return True  # "Sudan's army ... its troops": a force told with and without its country
    # "the attacker", "gunmen" told after the group was named: unnamed armed men are compatible
    # with a named non-state group
    def unnamed(xs):
        return all(actor_type(x) == "unidentified" and not x.attrs.get("named") for x in xs)
    def nonstate_named(xs):
        return any(x.attrs.get("named") and not is_state(x) for x in xs)
    return (unnamed(a) and nonstate_named(b)) or (unnamed(b) and nonstate_named(a))


def _same_or_unnamed(a: Mention, others: list[Mention]) -> bool:
    """`a` is one of `others`, or both are unnamed armed men ("die Angreifer", "gunmen")."""
    k = _akey(a)
    if any(_akey(o) == k for o in others):
        return True
    return actor_type(a) == "unidentified" and any(actor_type(o) == "unidentified" for o in others)


VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})


def _follow_up_arrest(drafts: list[Draft], f: Frame, loc) -> bool:
    """ "Gunmen shot a trader ... Police arrested the attacker": the arrest of the perpetrators
    of violence just told, same day and place, is its aftermath (ACLED does not code it as an
    event of its own). So are the arrests and seizures of the force that fought in a clash just
    told ("... exchanged fire with police. The suspects were arrested; police seized two rifles").
    Other arrests by a force that took part in the violence, or at another place or date, stay
    events."""
    seizure = (f.family == "loot" and f.classes <= {"loot"} and all(is_state(a) for a in f.agents)
               and all(t.span.text.lower().split()[0] in word_list("seize_words") for t in f.triggers))
    if not (f.family == "arrest" and not f.classes - {"arrest"} or seizure) or not drafts:
        return False
    d = drafts[-1]
    battle = EVENT_TYPE_OF.get(d.sub) == "Battles"
    if d.frames[0].family not in ("generic", "battle", "remote", "vac"):
        return False
    if battle and not (any(is_state(a) for a in d.agents + d.targets)
                       and all(is_state(a) for a in f.agents)):
        # "... exchanged fire with police. The suspects were arrested; police seized two rifles":
        # the force that fought makes the arrests and seizures - part of the clash
        return False
    if f.sent - max(d.sents) > CONTINUATION_SENTS or f.sent == min(d.sents):
        return False
    fd, dd = _date_of(f), _date_of(d.frames[0])
    if fd is not None and dd is not None and fd != dd:
        return False
    own_loc = loc is not None and getattr(loc, "mention", None) is not None and loc.mention.sent == f.sent
    if own_loc and _loc_key(loc) != _loc_key(d.location):
        return False
    if any(is_state(a) for a in d.agents) and not battle and not seizure:
        return False  # "soldiers beat and arrested a man": the force's own act
    return True


def _narrows(loc, old) -> bool:
    """Location `loc` lies inside the area location `old` stands for (a place in the province or
    district coded before, at a finer precision)."""
    a = getattr(loc, "candidate", None)
    b = getattr(old, "candidate", None)
    if a is None or b is None or a.country_iso2 != b.country_iso2:
        return False
    if getattr(loc, "geo_precision", 3) >= getattr(old, "geo_precision", 3):
        return False
    if b.feature_code == "PCLI":
        return True
    if b.feature_code == "ADM1" or getattr(old, "geo_precision", 3) == 3:
        return bool(a.admin1) and a.admin1 == b.admin1
    if b.feature_code == "ADM2":
        return bool(a.admin2) and a.admin2 == b.admin2
    return False


def _find_merge_target(drafts: list[Draft], f: Frame, loc, geo_ctx) -> Optional[Draft]:
    fd = _date_of(f)
    lk = _loc_key(loc)
    own_loc = loc is not None and getattr(loc, "mention", None) is not None and loc.mention.sent == f.sent
    for d in reversed(drafts):
        dd = d.frames[0].date.date if d.frames[0].date else None
        same_date = fd is None or dd is None or fd == dd
        dk = _loc_key(d.location)
        same_loc = lk is None or dk is None or lk == dk or not own_loc
        if d.sub == f.sub_event_type:
            if same_date and same_loc and _actors_compatible(d.agents, f.agents) and _actors_compatible(d.targets, f.targets):
                return d
            # a battle has no attacker and target: "The troops returned fire" continues the clash
            # in which the troops were attacked
            if (d.sub == "Armed clash" and same_date and same_loc and f.sent - max(d.sents) <= CONTINUATION_SENTS
                    and f.agents + f.targets and all(_same_or_unnamed(a, d.agents + d.targets) for a in f.agents + f.targets)):
                return d
            # the act told again with its place named more exactly ("gunmen killed five people in
            # Zamfara state. The attackers stormed a village in Maru LGA"): same day, the same (or
            # unnamed) attackers, no new figure or target, the new place inside the one told before
            if (same_date and f.sent - max(d.sents) <= CONTINUATION_SENTS and f.agents and not f.casualties
                    and all(_same_or_unnamed(a, d.agents) for a in f.agents)
                    and all(_same_or_unnamed(t, d.targets + d.agents) for t in f.targets)
                    and _narrows(loc, d.location)):
                return d
            if d.frames[0].family != "protest":
                continue  # (a demonstration told again in other words is merged below)
        # the same kind of violence told again without new actors or place ("40 were wounded in the blast")
        if (f.family == d.frames[0].family and f.family in ("remote", "battle", "vac") and not f.agents
                and _actors_compatible(d.targets, f.targets)
                and same_date and not own_loc and f.sent - max(d.sents) <= CONTINUATION_SENTS):
            return d
        # one demonstration described over several sentences; police action against it
        # ("Police dispersed them", "One person was arrested") is part of it
        if d.frames[0].family == "protest" and same_date and same_loc and f.sent - max(d.sents) <= CONTINUATION_SENTS:
            if f.family == "protest" or f.family == "arrest" or (f.classes & {"intervene", "force"}):
                return d
            if (f.family in ("generic", "battle") and any(is_state(a) for a in f.agents)
                    and any(actor_type(t) in ("protesters", "rioters") for t in f.targets)):
                return d  # "police fired on the crowd, killing six": force against the demonstration
        # a generic continuation ("37 soldiers were among the dead"), or damage done in it
        # ("a hospital was damaged"), joins the latest event
        if f.family in ("generic", "loot") and not f.agents and same_date and f.sent - max(d.sents) <= CONTINUATION_SENTS:
            if d.frames[0].family in ("battle", "remote", "generic", "protest", "vac"):
                return d
        # the attack told again from the other side ("the attackers had stormed the post"):
        # same day, attackers of the same kind, no new target
        if (f.family == "generic" and d.frames[0].family in ("battle", "generic") and same_date
                and f.sent - max(d.sents) <= CONTINUATION_SENTS and f.agents and d.agents
                and all(_same_or_unnamed(a, d.agents) for a in f.agents)
                and all(_same_or_unnamed(t, d.targets + d.agents) for t in f.targets)):
            return d
        # "the attack was carried out by the ELN": a definite reference to the violence just told,
        # with no new target or place, names (or repeats) its perpetrator
        bare_blast = f.family == "remote" and f.classes <= {"blast", "attack", "kill", "injure"}
        if ((f.family == "generic" or bare_blast) and f.attrs.get("definite_ref") and not f.targets and not own_loc
                and d.frames[0].family in ("battle", "remote", "generic", "vac")
                and f.sent - max(d.sents) <= CONTINUATION_SENTS):
            return d
        # "X claimed responsibility for the attack": the claimant is the perpetrator of the
        # latest violent event, not a new event
        if (f.agents and all(a.attrs.get("claimant") for a in f.agents) and not f.casualties
                and d.frames[0].family in ("battle", "remote", "generic", "vac")
                and f.sent - max(d.sents) <= CONTINUATION_SENTS):
            return d
        # weapons seized in a battle are part of the battle (ACLED)
        if f.sub_event_type == "Disrupted weapons use" and d.sub in ("Armed clash", "Non-state actor overtakes territory", "Government regains territory") and f.sent - max(d.sents) <= CONTINUATION_SENTS:
            return d
    return None


def _absorb(d: Draft, f: Frame, loc) -> None:
    if f.attrs.get("definite_ref") and any(a.attrs.get("named") for a in f.agents) \
            and not any(a.attrs.get("named") for a in d.agents):
        # "unidentified gunmen attacked ... the attack was carried out by the ELN": the named
        # perpetrator becomes actor 1
        d.agents[:0] = [a for a in f.agents if a.attrs.get("named")]
    d.frames.append(f)
    if f.sent not in d.sents:
        d.sents.append(f.sent)
    for a in f.agents:
        if _akey(a) not in {_akey(x) for x in d.agents} and _akey(a) not in {_akey(x) for x in d.targets}:
            d.agents.append(a)
    for a in f.targets:
        if _akey(a) not in {_akey(x) for x in d.targets} and _akey(a) not in {_akey(x) for x in d.agents}:
            d.targets.append(a)
    for c in f.casualties:
        if c not in d.casualties:
            d.casualties.append(c)
    if d.location is None and loc is not None:
        d.location = loc
    elif loc is not None and d.location is not None:
        # prefer the more precise location (lower geo_precision)
        if getattr(loc, "geo_precision", 3) < getattr(d.location, "geo_precision", 3) and loc.mention is not None and loc.mention.sent == f.sent:
            d.location = loc
    if d.frames[0].family == "protest":
        # re-type the whole demonstration from everything said about it
        from ..frames import is_state
        from ..taxonomy import classify

        # what the demonstration was: its own sentences, plus killing or force by the state told
        # in continuations ("Two protesters were shot dead by police"); violence words in other
        # sentences ("They condemned the murder of a journalist") are its topic
        classes = set().union(*(x.classes for x in d.frames if x.family in ("protest", "arrest")))
        for x in d.frames:
            if x.family not in ("protest", "arrest") and any(is_state(a) for a in x.agents):
                classes |= x.classes & {"kill", "force"}
        state_present = any(is_state(a) for a in d.agents + d.targets) or any(c.outcome == "arrested" for c in d.casualties)
        if (any(actor_type(a) in ("police", "military") for a in d.agents + d.targets) and any(c.outcome == "killed" for c in d.casualties)
                and not classes & {"riot", "loot", "mob"}):
            # deaths in a demonstration at which state forces acted ("22 people were killed in the
            # protests ... police fired on demonstrators"): force against the protesters
            classes |= {"kill"}
        agent = d.agents[0] if d.agents else None
        sub = classify("protest", classes, actor_type(agent), None, is_state(agent), False, False, state_present)
        if sub == "Mob violence" and d.frames[0].sub_event_type == "Attack":
            sub = "Attack"  # one assailant, not a crowd (frames.type_frame)
        if sub:
            d.sub = sub
        return
    bare_blast = "blast" in f.classes and not f.classes & {"ied", "shell", "air", "grenade", "suicide", "chemical"}
    if (d.sub == "Attack" and f.sub_event_type == "Armed clash" and f.family == "generic" and not f.agents
            and not f.targets and any(c.side_hint in ("state", "nonstate") and c.outcome == "killed" for c in f.casualties)):
        # "militants attacked the village. Three militiamen were killed": the dead told next
        # were armed, so the attack met armed resistance - a clash (ACLED), also when civilians
        # died with them ("Three VDP and fourteen civilians were killed")
        d.sub = "Armed clash"
    if (d.sub == "Abduction/forced disappearance" and f.family == "generic" and not f.agents
            and any(c.outcome == "killed" and c.side_hint not in ("state", "nonstate") for c in f.casualties)):
        # "gunmen kidnapped a man and his son ... The man was killed the next day": the abductee
        # killed makes it an attack (ACLED codes the most severe act)
        d.sub = "Attack"
    if RANK.get(f.sub_event_type or "", 99) < RANK.get(d.sub, 99) and f.family != "generic" and f.sub_event_type != "Disrupted weapons use" \
            and not bare_blast:  # "injured in the explosion" does not re-type a grenade attack
        d.sub = f.sub_event_type or d.sub


def _hierarchy_merge(drafts: list[Draft], geo_ctx) -> list[Draft]:
    out: list[Draft] = []
    for d in drafts:
        merged = False
        if EVENT_TYPE_OF.get(d.sub) == "Explosions/Remote violence":
            for o in out:
                if o.sub != "Armed clash":
                    continue
                od = o.frames[0].date.date if o.frames[0].date else None
                dd = d.frames[0].date.date if d.frames[0].date else None
                if od != dd and od is not None and dd is not None:
                    continue
                if _loc_key(o.location) != _loc_key(d.location) and _loc_key(d.location) is not None and d.location.mention is not None and d.location.mention.sent in d.sents:
                    continue
                okeys = {_akey(x) for x in o.agents + o.targets}
                dkeys = {_akey(x) for x in d.agents + d.targets}
                if okeys and dkeys and (okeys & dkeys) and not any(actor_type(t) == "civilians" for t in d.targets):
                    for f in d.frames:
                        _absorb(o, f, None)
                    merged = True
                    break
        if not merged:
            out.append(d)
    return out


# ----------------------------------------------------------------------------- Event building


def _ev(field_name: str, span: Optional[Span], note: Optional[str] = None) -> Optional[Evidence]:
    if span is None:
        return None
    return Evidence(field=field_name, start=span.start, end=span.end, text=span.text, note=note)


def _mspan(doc: Document, m: Mention) -> Span:
    return Span(m.start, m.end, doc.text[m.start:m.end])


def _to_event(doc: Document, men: Mentions, d: Draft, geo_ctx, actor_namer, idx: int) -> Optional[Event]:
    sub = d.sub
    etype = EVENT_TYPE_OF[sub]
    evidence: list[Evidence] = []
    warnings: list[str] = list(d.warnings)
    for f in d.frames:
        for t in f.triggers:
            evidence.append(Evidence(field="sub_event_type", start=t.span.start, end=t.span.end, text=t.span.text))
    # ---- date
    dm = next((f.date for f in d.frames if f.date is not None), None)
    event_date = None
    tprec = None
    if dm is not None:
        event_date = dm.date
        tprec = dm.precision
        evidence.append(Evidence(field="event_date", start=dm.span.start, end=dm.span.end, text=dm.span.text,
                                 note=None if dm.date else "relative date with no publication date: unresolved"))
        if dm.date is None:
            warnings.append(f"date '{dm.span.text}' could not be resolved without a publication date")
    elif doc.published is not None:
        event_date = doc.published
        tprec = 1
        warnings.append("no date in the text; event_date is the publication date")
    else:
        warnings.append("no date in the text and no publication date: event_date unknown")
    # ---- location
    loc = d.location
    cand = getattr(loc, "candidate", None) if loc is not None else None
    country_iso2 = (cand.country_iso2 if cand is not None else None) or geo_ctx.focus_country
    if loc is not None and loc.mention is not None:
        m = loc.mention
        evidence.append(Evidence(field="location", start=m.start, end=m.end, text=doc.text[m.start:m.end], note=loc.why or None))
    # ---- actors
    a1, assoc1, i1, a2, assoc2, i2, civ_target, actor_ev = _actors(doc, d, sub, country_iso2, event_date, actor_namer)
    evidence.extend(actor_ev)
    if sub == "Government regains territory" and i1 == 8 and not any("regain" in f.classes for f in d.frames):
        # a foreign army taking ground is not the government regaining it (ACLED codes external
        # forces' captures as "Non-state actor overtakes territory")
        sub = "Non-state actor overtakes territory"
    # ---- fatalities
    def side_of(c: Casualty) -> Optional[str]:
        h = c.side_hint
        if h == "civilians":
            return "civilians"
        if h == "ally":
            return "a"
        if h in ("state", "nonstate"):
            s1 = _side_kind(i1)
            s2 = _side_kind(i2)
            if h == s1 and h != s2:
                return "a"
            if h == s2 and h != s1:
                return "b"
            return None
        return None

    killed = [c for c in d.casualties if c.outcome == "killed"]
    figs = reconcile(killed, side_of)
    warnings.extend(figs.warnings or [])
    claims: list[Claim] = []
    src = _source_for(men, d)
    src_text = src.span.text if src is not None else ""
    for c in d.casualties:
        claims.append(Claim(field=_claim_field(c.outcome), value=c.quantity.best, source=_source_text_for_sent(men, c.sent) or src_text or None,
                            start=c.quantity.span.start, end=(c.group_span.end if c.group_span else c.quantity.span.end),
                            text=doc.text[c.quantity.span.start:(c.group_span.end if c.group_span else c.quantity.span.end)]))
    for c in figs.used or []:
        evidence.append(Evidence(field="fatalities", start=c.quantity.span.start, end=c.quantity.span.end, text=c.quantity.span.text,
                                 note=f"{c.quantity.rule}: low {c.quantity.low}, best {c.quantity.best}, high {'open' if c.quantity.high is None else c.quantity.high}"))
        if c.group_span is not None:
            evidence.append(Evidence(field="fatalities", start=c.group_span.start, end=c.group_span.end, text=c.group_span.text, note="group"))
        evidence.append(Evidence(field="fatalities", start=c.outcome_span.start, end=c.outcome_span.end, text=c.outcome_span.text, note="outcome"))
    wounded_claims = [c for c in d.casualties if c.outcome == "wounded"]
    captured_claims = [c for c in d.casualties if c.outcome in ("captured",)]
    arrested_claims = [c for c in d.casualties if c.outcome in ("arrested",)]
    wounded = simple_count(wounded_claims)
    captured = simple_count(captured_claims)
    if sub == "Arrests" and captured is None:
        captured = simple_count(arrested_claims)
    for fname, cl in (("wounded", wounded_claims), ("captured", captured_claims)):
        for c in cl:
            evidence.append(Evidence(field=fname, start=c.quantity.span.start, end=c.outcome_span.end if c.outcome_span.end > c.quantity.span.start else c.quantity.span.end,
                                     text=doc.text[c.quantity.span.start:(c.outcome_span.end if c.outcome_span.end > c.quantity.span.start else c.quantity.span.end)]))
    cas_sents = set(d.sents)
    no_cas = bool(cas_sents & men.no_casualty_sents)
    if figs.best is None:
        fat_low = fat_best = fat_high = fatalities = 0
        deaths = (None, None, None, None)
        if _mentions_unquantified_casualties(doc, men, d):
            fat_low = fat_best = fat_high = fatalities = None  # type: ignore[assignment]
            warnings.append("casualties are reported without a figure; fatalities left unknown")
        else:
            deaths = (0, 0, 0, 0)
    else:
        fat_low, fat_best, fat_high, fatalities = figs.low, figs.best, figs.high, figs.acled
        deaths = (figs.deaths_a, figs.deaths_b, figs.deaths_civilians, figs.deaths_unknown)
    if no_cas and figs.best is None:
        fat_low = fat_best = fat_high = fatalities = 0
    # ---- source
    if src is not None:
        evidence.append(Evidence(field="source", start=src.span.start, end=src.span.end, text=src.span.text))
    # ---- civilian targeting
    civ = "Civilians targeted" if civ_target else ""
    inter_pair = sorted([x for x in (i1, i2) if x])
    interaction = int(f"{inter_pair[0]}{inter_pair[1]}") if len(inter_pair) == 2 else (i1 * 10 if i1 else 0)
    geo_prec = getattr(loc, "geo_precision", None) if loc is not None else None
    conf = _confidence(d, a1, cand, dm, figs)
    key = "|".join([doc.id or hashlib.sha1(doc.text.encode("utf-8", "replace")).hexdigest()[:12], sub, str(event_date), _loc_key(loc) or "", a1, a2, str(idx)])
    event_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    location_name = cand.name if cand is not None else (loc.mention.name if loc is not None and loc.mention is not None else None)
    ev = Event(
        event_id=event_id, event_date=event_date, year=event_date.year if event_date else None, time_precision=tprec,
        disorder_type=disorder_type(etype, sub), event_type=etype, sub_event_type=sub,
        actor1=a1, assoc_actor_1=assoc1, inter1=i1, actor2=a2, assoc_actor_2=assoc2, inter2=i2, interaction=interaction,
        civilian_targeting=civ,
        iso=cand.iso if cand is not None else geo_ctx.country_iso_numeric(country_iso2),
        region=geo_ctx.region(country_iso2), country=(cand.country if cand is not None else geo_ctx.country_name(country_iso2)),
        admin1=cand.admin1 if cand is not None else None, admin2=cand.admin2 if cand is not None else None,
        location=location_name, latitude=cand.latitude if cand is not None else None, longitude=cand.longitude if cand is not None else None,
        geo_precision=geo_prec if cand is not None else None, geonameid=cand.geonameid if cand is not None else None,
        country_iso2=country_iso2, location_phrase=(doc.text[loc.mention.start:loc.mention.end] if loc is not None and loc.mention is not None else None),
        source=src_text, notes="", fatalities=fatalities, fatalities_low=fat_low, fatalities_best=fat_best, fatalities_high=fat_high,
        deaths_a=deaths[0], deaths_b=deaths[1], deaths_civilians=deaths[2], deaths_unknown=deaths[3],
        wounded=wounded, captured=captured, evidence=_dedupe_ev(evidence), claims=claims, warnings=warnings, confidence=conf,
    )
    ev.notes = _notes(ev)
    return ev


def _claim_field(outcome: str) -> str:
    return {"killed": "fatalities", "wounded": "wounded", "captured": "captured", "arrested": "captured"}.get(outcome, outcome)


def _side_kind(inter: int) -> Optional[str]:
    if inter in (1, 8):
        return "state"
    if inter in (2, 3, 4):
        return "nonstate"
    if inter == 7:
        return "civilians"
    return None


def _source_for(men: Mentions, d: Draft):
    for f in d.frames:
        if f.source is not None:
            return f.source
    for s in sorted(d.sents):
        for m in men.sources:
            if m.sent == s:
                return m
    return None


def _source_text_for_sent(men: Mentions, sent: int) -> Optional[str]:
    for m in men.sources:
        if m.sent == sent:
            return m.span.text
    return None


def _mentions_unquantified_casualties(doc: Document, men: Mentions, d: Draft) -> bool:
    if EVENT_TYPE_OF.get(d.sub) == "Strategic developments" or d.sub in ("Non-state actor overtakes territory", "Government regains territory"):
        return False
    sents = set(d.sents)
    quantified = {c.sent for c in men.casualties}
    for f in d.frames:
        for t in f.triggers:
            if t.cls == "kill" and t.sent not in quantified:
                return True
    from ..lexicon import get_matcher

    for m in get_matcher(doc.lang).find(doc, labels=["outcome"]):
        s = doc.tokens[m.tok_start].sent
        if s in sents and s not in quantified and m.value in ("casualties", "killed"):
            return True
    return False


def _dedupe_ev(evs: list[Evidence]) -> list[Evidence]:
    seen = set()
    out = []
    for e in evs:
        k = (e.field, e.start, e.end)
        if k in seen:
            continue
        seen.add(k)
        out.append(e)
    return out


def _confidence(d: Draft, a1: str, cand, dm, figs) -> float:
    c = 0.4
    if d.agents:
        c += 0.15
    if cand is not None:
        c += 0.15
    if dm is not None:
        c += 0.1
    if len(d.frames) > 1:
        c += 0.1
    if figs.best is not None:
        c += 0.05
    if "Unidentified" in a1:
        c -= 0.05
    return round(max(0.05, min(0.99, c)), 2)


def _notes(ev: Event) -> str:
    when = f"On {ev.event_date.isoformat()}" if ev.event_date else "On an unknown date"
    who = ev.actor1 or "an unidentified actor"
    if ev.assoc_actor_1:
        who += f" (with {ev.assoc_actor_1})"
    what = ev.sub_event_type.lower()
    target = f" involving {ev.actor2}" if ev.actor2 else ""
    where = f" in {ev.location}" + (f" ({ev.admin1}, {ev.country})" if ev.admin1 and ev.country else f" ({ev.country})" if ev.country else "") if ev.location else ""
    fat = ""
    if ev.fatalities_best is not None:
        fat = f" Fatalities: {ev.fatalities} (best {ev.fatalities_best}, low {ev.fatalities_low}, high {ev.fatalities_high})."
    else:
        fat = " Fatalities: unknown."
    src = f" Source: {ev.source}." if ev.source else ""
    return f"{when}, {who}: {what}{target}{where}.{fat}{src}"


def _actors(doc: Document, d: Draft, sub: str, country: Optional[str], date, namer):
    """ACLED actor fields. Returns (actor1, assoc1, inter1, actor2, assoc2, inter2, civilian_targeted, evidence)."""
    ev: list[Evidence] = []
    etype = EVENT_TYPE_OF[sub]

    def name(m: Mention) -> tuple[str, int]:
        return namer(m.attrs, country, date)

    agents = [a for a in d.agents]
    targets = [a for a in d.targets]
    civ_target = False
    a1 = assoc1 = a2 = assoc2 = ""
    i1 = i2 = 0
    if sub == "Other" and all(f.family == "displace" for f in d.frames):
        # displaced people are ACLED's actor 1 of a displacement event: "Civilians (Country)"
        n = namer.country_name(country)
        a1, i1 = (f"Civilians ({n})" if n else "Civilians"), 7
        for a in agents + targets + list(d.frames[0].victims):
            if actor_type(a) in ("civilians", "people"):
                ev.append(Evidence(field="actor1", start=a.start, end=a.end, text=doc.text[a.start:a.end]))
                break
        return a1, assoc1, i1, a2, assoc2, i2, civ_target, ev
    if etype in ("Protests", "Riots"):
        protesters = [a for a in agents + targets if actor_type(a) in ("protesters", "rioters", "assoc_group", "named", "party", "civilians") and not is_state(a)]
        # state forces that acted on the crowd; "the government" a crowd protests against is its grievance
        state = [a for a in agents + targets if is_state(a) and actor_type(a) != "government"]
        base = "Rioters" if etype == "Riots" else "Protesters"
        a1 = f"{base} ({namer.country_name(country)})" if country else base
        i1 = 5 if etype == "Riots" else 6
        assoc = []
        for a in protesters:
            if actor_type(a) in ("protesters", "rioters"):
                ev.append(Evidence(field="actor1", start=a.start, end=a.end, text=doc.text[a.start:a.end]))
                continue
            if sub == "Mob violence" and actor_type(a) in ("civilians", "party") and a in targets:
                continue
            if actor_type(a) == "civilians":
                # "students", "teachers" march as an identity group; plain "residents" are the protesters
                from ..actors import assoc_name

                n = assoc_name(a.attrs, country) if a.attrs.get("assoc") else None
            else:
                n, _ = name(a)
            if n and n not in assoc and n != a1:
                assoc.append(n)
                ev.append(Evidence(field="assoc_actor_1", start=a.start, end=a.end, text=doc.text[a.start:a.end]))
        assoc1 = "; ".join(assoc)
        if state and sub in ("Protest with intervention", "Excessive force against protesters", "Violent demonstration"):
            a2, i2 = name(state[0])
            ev.append(Evidence(field="actor2", start=state[0].start, end=state[0].end, text=doc.text[state[0].start:state[0].end]))
        elif sub == "Mob violence" and (any(actor_type(a) == "party" for a in targets)
                                        or len({name(a)[0] for a in agents if actor_type(a) == "party"}) >= 2):
            # two parties' supporters fighting: rioters on both sides, each with its party
            # ("members of the Awami League and the BNP clashed": the second party is the other side)
            a2, i2 = a1, 5
            rivals = [a for a in targets if actor_type(a) == "party"]
            if not rivals:
                party_agents = [a for a in agents if actor_type(a) == "party"]
                first = name(party_agents[0])[0]
                rivals = [a for a in party_agents if name(a)[0] != first]
                assoc1 = "; ".join(x for x in assoc if x not in {name(a)[0] for a in rivals})
            assoc2 = "; ".join(dict.fromkeys(name(a)[0] for a in rivals))
            ev.append(Evidence(field="assoc_actor_2", start=rivals[0].start, end=rivals[0].end, text=doc.text[rivals[0].start:rivals[0].end]))
        elif sub == "Mob violence":
            victims = [a for a in targets if actor_type(a) == "civilians"]
            if victims or any(c.side_hint == "civilians" for c in d.casualties):
                a2 = f"Civilians ({namer.country_name(country)})" if country else "Civilians"
                i2 = 7
                civ_target = True
                if victims:
                    ev.append(Evidence(field="actor2", start=victims[0].start, end=victims[0].end, text=doc.text[victims[0].start:victims[0].end]))
        return a1, assoc1, i1, a2, assoc2, i2, civ_target, ev

    armed_agents = [a for a in agents if actor_type(a) != "civilians"]
    if sub == "Attack" or etype == "Violence against civilians" or sub in ("Looting/property destruction",):
        # perpetrator -> actor1, civilians always actor2 in VAC
        perp = [a for a in armed_agents] or [a for a in targets if actor_type(a) not in ("civilians",) and a.attrs.get("agent_hint")]
        if perp:
            a1, i1 = name(perp[0])
            ev.append(Evidence(field="actor1", start=perp[0].start, end=perp[0].end, text=doc.text[perp[0].start:perp[0].end]))
            others = []
            for a in perp[1:]:
                n, _ = name(a)
                if n and n != a1 and n not in others:
                    others.append(n)
                    ev.append(Evidence(field="assoc_actor_1", start=a.start, end=a.end, text=doc.text[a.start:a.end]))
            assoc1 = "; ".join(others)
        else:
            a1, i1 = namer.unidentified(country), 3
        if etype == "Violence against civilians" or any(actor_type(t) == "civilians" for t in targets):
            a2 = f"Civilians ({namer.country_name(country)})" if country else "Civilians"
            i2 = 7
            civ_target = etype == "Violence against civilians"
            vic = [t for t in targets if actor_type(t) == "civilians"]
            if vic:
                ev.append(Evidence(field="actor2", start=vic[0].start, end=vic[0].end, text=doc.text[vic[0].start:vic[0].end]))
        elif targets:
            a2, i2 = name(targets[0])
            ev.append(Evidence(field="actor2", start=targets[0].start, end=targets[0].end, text=doc.text[targets[0].start:targets[0].end]))
        return a1, assoc1, i1, a2, assoc2, i2, civ_target, ev

    # Battles, remote violence, strategic developments
    if armed_agents:
        a1, i1 = name(armed_agents[0])
        ev.append(Evidence(field="actor1", start=armed_agents[0].start, end=armed_agents[0].end, text=doc.text[armed_agents[0].start:armed_agents[0].end]))
        others = []
        for a in armed_agents[1:]:
            n, _ = name(a)
            if n and n != a1 and n not in others:
                others.append(n)
                ev.append(Evidence(field="assoc_actor_1", start=a.start, end=a.end, text=doc.text[a.start:a.end]))
        assoc1 = "; ".join(others)
    elif etype in ("Battles", "Explosions/Remote violence"):
        a1, i1 = namer.unidentified(country), 3
    tgt = [t for t in targets if _akey(t) not in {_akey(a) for a in armed_agents}]
    civ_t = [t for t in tgt if actor_type(t) == "civilians"]
    armed_t = [t for t in tgt if actor_type(t) not in ("civilians", "people")]
    if civ_t and armed_t and civ_t[0].tok_start < armed_t[0].tok_start and etype != "Battles":
        armed_t = []  # the first-named target decides: "air strikes on civilians ... "
    if armed_t:
        a2, i2 = name(armed_t[0])
        ev.append(Evidence(field="actor2", start=armed_t[0].start, end=armed_t[0].end, text=doc.text[armed_t[0].start:armed_t[0].end]))
        others = []
        for a in armed_t[1:]:
            n, _ = name(a)
            if n and n not in (a1, a2) and n not in others and n not in assoc1.split("; "):
                others.append(n)
                ev.append(Evidence(field="assoc_actor_2", start=a.start, end=a.end, text=doc.text[a.start:a.end]))
        assoc2 = "; ".join(others)
    elif civ_t or (etype == "Explosions/Remote violence" and any(c.side_hint == "civilians" for c in d.casualties)):
        a2 = f"Civilians ({namer.country_name(country)})" if country else "Civilians"
        i2 = 7
        civ_target = True
        if civ_t:
            ev.append(Evidence(field="actor2", start=civ_t[0].start, end=civ_t[0].end, text=doc.text[civ_t[0].start:civ_t[0].end]))
    elif (sub == "Armed clash" or etype == "Explosions/Remote violence") and not a2:
        # the dead on the other side name the opponent ("a policeman was shot dead",
        # "37 members of the regime forces were killed"), or the target of fire from afar
        # ("air strikes killed four Syrian soldiers")
        agent_keys = {_akey(a) for a in armed_agents}
        vics = [v for f in d.frames for v in f.victims
                if (is_state(v) or is_armed(v)) and _akey(v) not in agent_keys]
        for v in vics:  # (the first of the dead not on actor 1's side: "10 militants and three soldiers")
            n, i = name(v)
            if n and n != a1:
                a2, i2 = n, i
                ev.append(Evidence(field="actor2", start=v.start, end=v.end, text=doc.text[v.start:v.end]))
                break
    if sub == "Arrests" and not a1:
        a1, i1 = namer.state(country, "police", date), 1
    if sub == "Armed clash" and not a2 and i1:
        a2, i2 = namer.unidentified(country), 3
        if a2 == a1:
            a2, i2 = "", 0
    return a1, assoc1, i1, a2, assoc2, i2, civ_target, ev


class GeoContext:
    """Document-level geography: place mentions, their resolutions, focus country."""

    def __init__(self, doc: Document, places: list, resolved: list, focus_country: Optional[str], countries_mod=None):
        self.doc = doc
        self.places = places
        self.resolved = resolved
        self.focus_country = focus_country
        self._countries = countries_mod

    def locate(self, sents: list[int], trigger_start: int):
        from .. import geo

        chooser = getattr(geo, "choose_location", None)
        if chooser is None or not self.places:
            return None

        def at_main_place(outside: bool = True):
            """The location the article's main place gives (named most often, earliest on ties);
            with `outside`, only when that place lies outside the event's sentences."""
            main = self.main_place_sent()
            if main is None or (outside and main[0] in sents):
                return None
            return chooser(self.doc, self.places, self.resolved, [main[0]], main[1], focus=self.focus_country)

        loc = chooser(self.doc, self.places, self.resolved, sents, trigger_start, focus=self.focus_country)
        if loc is not None and loc.mention is not None and loc.mention.attrs.get("dateline"):
            # only the dateline in the event's sentence: the article's main place is better evidence
            alt = at_main_place()
            if alt is not None and alt.mention is not None and not alt.mention.attrs.get("dateline"):
                alt.why = (alt.why or "") + " (the event's sentence names only the dateline; the article's main place)"
                return alt
        if (loc is not None and loc.candidate is not None and loc.candidate.feature_code == "ADM1"
                and loc.mention is not None and loc.mention.relation is None):
            # the event's sentence names only a province ("The rally in Texas drew ..."), and the
            # article's main place, a town of that province, is where the event was told first
            alt = at_main_place()
            if (alt is not None and alt.candidate is not None and alt.candidate.feature_class in ("P", "S")
                    and alt.candidate.country_iso2 == loc.candidate.country_iso2
                    and alt.candidate.admin1 == loc.candidate.admin1):
                alt.why = (alt.why or "") + " (the event's sentence names only its province; the article's main place there)"
                return alt
        if loc is None:
            # no place in the event's sentence: the article's main place, which is where unlocated
            # reports in it usually happen
            loc = at_main_place(outside=False)
            if loc is not None:
                loc.why = (loc.why or "") + " (no place in the event's sentence; the article's main place)"
        return loc

    def main_place_sent(self):
        counts: dict[str, int] = {}
        first: dict[str, object] = {}
        for m, c in zip(self.places, self.resolved):
            if c is None or c.feature_code in ("PCLI", "CONT") or m.attrs.get("dateline"):
                continue
            k = c.admin1 or c.name
            counts[k] = counts.get(k, 0) + 1
            first.setdefault(k, m)
        if not counts:
            return None
        best = max(counts, key=lambda k: (counts[k], -first[k].start))
        m = first[best]
        return m.sent, m.start

    def country_name(self, iso2: Optional[str]) -> Optional[str]:
        if not iso2 or self._countries is None:
            return None
        c = self._countries.by_iso2(iso2)
        return c.name if c else None

    def country_iso_numeric(self, iso2: Optional[str]) -> Optional[int]:
        if not iso2 or self._countries is None:
            return None
        c = self._countries.by_iso2(iso2)
        return getattr(c, "iso_numeric", None) if c else None

    def region(self, iso2: Optional[str]) -> Optional[str]:
        if not iso2 or self._countries is None:
            return None
        c = self._countries.by_iso2(iso2)
        return getattr(c, "region", None) if c else None
