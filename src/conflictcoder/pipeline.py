"""The pipeline: Article -> Document -> Mentions -> Frames -> Events -> CodeResult.

Each stage is a small module with one job; this module only wires them together and turns
failures into per-record errors (a bad record never stops a batch).
"""
from __future__ import annotations

import collections
import logging
import threading
from typing import Optional

from .models import Article, CodeResult, Document

log = logging.getLogger(__name__)

MAX_CHARS = 2_000_000


class ActorNamer:
    """Names actors the ACLED way; wraps conflictcoder.actors and conflictcoder.countries."""

    def __init__(self):
        from . import actors, countries

        self._actors = actors
        self._countries = countries

    def __call__(self, attrs: dict, country: Optional[str], date) -> tuple[str, int]:
        return self._actors.resolve_actor_name(attrs, country, date)

    def country_name(self, iso2: Optional[str]) -> Optional[str]:
        c = self._countries.by_iso2(iso2) if iso2 else None
        return c.name if c else None

    def unidentified(self, iso2: Optional[str]) -> str:
        n = self.country_name(iso2)
        return f"Unidentified Armed Group ({n})" if n else "Unidentified Armed Group"

    def state(self, iso2: Optional[str], kind: str, date) -> str:
        if not iso2:
            return "Police Forces" if kind == "police" else "Military Forces"
        return self._actors.state_actor(iso2, kind, date)


class Pipeline:
    def __init__(self):
        from . import actors, countries, geo

        self._lock = threading.Lock()
        self.geo = geo
        self.countries = countries
        self.actors = actors
        self.namer = ActorNamer()

    def warm(self, langs=("de", "en")) -> None:
        from .lexicon import get_matcher

        for lang in langs:
            get_matcher(lang)
            self.actors.get_matcher(lang)
        self.geo.get_geocoder()

    def analyze(self, article: Article) -> Document:
        from .nlp import analyze

        return analyze(article)

    def run(self, article: Article) -> CodeResult:
        from .nlp import UnsupportedLanguage

        res = CodeResult(id=article.id, lang=None)
        problem = _text_problem(article.text or "")
        if problem:
            res.errors.append(problem)
            return res
        if article.published is not None and not (MIN_YEAR <= article.published.year <= MAX_YEAR):
            res.errors.append(f"publication date {article.published.isoformat()} ignored: outside {MIN_YEAR}-{MAX_YEAR}; "
                              "relative dates are left unresolved")
            article = article.model_copy(update={"published": None})
        try:
            doc = self.analyze(article)
        except UnsupportedLanguage as exc:
            res.lang = exc.lang
            res.errors.append(str(exc))
            return res
        res.lang = doc.lang
        try:
            res.events = self.code_document(doc)
        except Exception as exc:  # never let one document kill a batch
            log.exception("coding failed for %s", article.id)
            res.errors.append(f"internal error while coding: {type(exc).__name__}: {exc}")
        return res

    def code_document(self, doc: Document):
        from .events import assemble

        men, ctx = self.geography(doc)
        return assemble(doc, men, ctx, self.namer)

    def geography(self, doc: Document):
        """Mentions (actors, figures, triggers, places) and the document's resolved geography."""
        from .events import GeoContext
        from .mentions import extract

        actors = self.actors.get_matcher(doc.lang).match(doc)
        # a number inside a name is no figure ("Barrio 18", "M23")
        men = extract(doc, names=[(a.tok_start, a.tok_end) for a in actors if a.attrs.get("named")],
                      groups=[(a.tok_start, a.tok_end) for a in actors])
        from .frames import country_subjects

        # "Russia launched missiles at Kyiv": a country as the subject of a military act is its
        # armed forces (an actor, not the place of the event)
        actors = sorted(actors + country_subjects(doc, men), key=lambda a: a.tok_start) if men.triggers else actors
        men.actors = actors
        places = self.geo.find_places(doc, exclude=[(a.start, a.end) for a in men.actors
                                                    if a.attrs.get("named") or a.attrs.get("country_subject")])
        gc = self.geo.get_geocoder()
        cues = self.geo.country_cues(doc.text)  # (national bodies, currencies: read once, used twice)
        resolved = gc.resolve_mentions(doc, places, prior=_actor_countries(men.actors), cues=cues) if places else []
        men.places = places
        focus = _focus_country(resolved, men.actors, places, cues)
        return men, GeoContext(doc, places, resolved, focus, self.countries)

    def locate(self, article: Article):
        """The article's own location, with or without an event in it: the place an event told
        in its first sentence would get (the most specific place named there, else the article's
        main place), else its country (precision 3, no mention). None for an article with no
        geographic evidence or that cannot be read."""
        from .nlp import UnsupportedLanguage

        if _text_problem(article.text or ""):
            return None
        try:
            doc = self.analyze(article)
        except UnsupportedLanguage:
            return None
        _, ctx = self.geography(doc)
        loc = ctx.locate([0], 0)
        if loc is None and ctx.focus_country:
            cand = self.geo.get_geocoder().country_candidate(ctx.focus_country)
            if cand is not None:
                from .geo import Location

                loc = Location(None, cand, 3, "no usable place named; the article's country (its places, "
                                              "country names and adjectives, and the home countries of its groups)")
        return loc


def _text_problem(text: str) -> Optional[str]:
    """Why a text cannot be coded at all (empty, too long), or None."""
    if not text.strip():
        return "empty text: nothing to code"
    if len(text) > MAX_CHARS:
        return f"text too long ({len(text)} characters, limit {MAX_CHARS}); split it or raise the limit"
    return None


# publication dates outside this range are ignored (date arithmetic near date.min/max overflows)
MIN_YEAR, MAX_YEAR = 1800, 2200


def _actor_countries(actors) -> collections.Counter:
    """Country votes for the geocoder from the named groups of the article that have a home
    country (a rebel group, a party, a union): such a group mostly acts at home. State forces do
    not vote: they also act abroad ("Russian forces shelled Kharkiv"), nor do external forces
    (inter 8: "the Saudi-led coalition" strikes in Yemen, the Wagner Group fights in Mali).
    Each country votes once, as much as one unambiguous place name."""
    return collections.Counter({iso: 2.0 for iso in {a.attrs.get("country") for a in actors
                                                     if a.attrs.get("named") and a.attrs.get("actor_type") not in ("military", "police", "government")
                                                     and a.attrs.get("inter") != 8}
                                if iso})


def _focus_country(resolved, actors, places=None, cues=None) -> Optional[str]:
    """The event country where an event has no located place: the resolved places' countries,
    then the named groups' home countries and the country cues of the text (national bodies)."""
    cnt: collections.Counter = collections.Counter({cc: v / 2 for cc, v in (cues or {}).items()})
    for k, c in enumerate(resolved):
        if c is not None and c.country_iso2:
            # a country named after a locative preposition ("arrived in Slovakia") is where the
            # events are, more than one named as origin or topic ("refugees from Ukraine")
            loc = places is not None and k < len(places) and places[k].attrs.get("locative") and c.feature_code == "PCLI"
            cnt[c.country_iso2] += 5 if loc else 2
    for a in actors:
        iso = a.attrs.get("country")
        if iso and a.attrs.get("actor_type") not in ("military", "police", "government"):
            cnt[iso] += 1
    if not cnt:
        for a in actors:
            iso = a.attrs.get("country")
            if iso:
                cnt[iso] += 1
    return cnt.most_common(1)[0][0] if cnt else None


_PIPELINE: Optional[Pipeline] = None
_PIPELINE_LOCK = threading.Lock()


def get_pipeline() -> Pipeline:
    """The process-wide pipeline (lexicons, actor dictionaries and gazetteer load once)."""
    global _PIPELINE
    if _PIPELINE is None:
        with _PIPELINE_LOCK:
            if _PIPELINE is None:
                _PIPELINE = Pipeline()
    return _PIPELINE
