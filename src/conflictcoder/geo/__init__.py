"""Offline geocoding: find place phrases in a Document, resolve them to gazetteer places.

INTERFACE CONTRACT (used by the core coder in conflictcoder.events):

    find_places(doc: Document) -> list[PlaceMention]
        All place phrases in the document, in text order.

    get_geocoder() -> Geocoder            (process-wide singleton; loads the index once)
    Geocoder.resolve(phrase, context=None, country=None, limit=10) -> list[Candidate]
    Geocoder.resolve_mentions(doc, mentions) -> list[Candidate | None]
        Resolves all mentions of one document jointly (country focus, co-occurring places,
        containment such as "X (Y, Z)" or "X in Y province").
    resolve(phrase, context=None, country=None, limit=10) -> list[Candidate]   (module-level)

The stub below is a placeholder that recognises nothing; the geocoder issue replaces it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..models import Document


@dataclass
class PlaceMention:
    start: int  # span of the whole phrase, e.g. "10 km from the suburbs of Aleppo"
    end: int
    text: str
    name: str  # the toponym itself as written, e.g. "Aleppo"
    name_start: int
    name_end: int
    sent: int
    relation: Optional[str] = None  # None | near | outskirts | distance | north | south | east | west | ...
    place_type: Optional[str] = None  # city | town | village | district | province | region | country | airport | ...
    container: Optional[str] = None  # enclosing admin named in the text ("Aleppo province", "(Oyam, Northern)")
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Candidate:
    geonameid: Optional[int]
    name: str
    latitude: float
    longitude: float
    country_iso2: Optional[str]
    iso: Optional[int]  # ISO 3166 numeric, as ACLED's `iso`
    country: Optional[str]  # ACLED-style country name
    admin1: Optional[str]
    admin2: Optional[str]
    feature_class: Optional[str]
    feature_code: Optional[str]
    population: int = 0
    score: float = 0.0
    geo_precision: int = 1  # 1 place itself, 2 near/part of, 3 region/admin1
    features: dict[str, float] = field(default_factory=dict)
    why: str = ""


def find_places(doc: Document) -> list[PlaceMention]:
    return []


class Geocoder:
    def resolve(self, phrase: str, context: Optional[str] = None, country: Optional[str] = None, limit: int = 10) -> list[Candidate]:
        return []

    def resolve_mentions(self, doc: Document, mentions: list[PlaceMention]) -> list[Optional[Candidate]]:
        return [None for _ in mentions]


_GEOCODER: Optional[Geocoder] = None


def get_geocoder() -> Geocoder:
    global _GEOCODER
    if _GEOCODER is None:
        _GEOCODER = Geocoder()
    return _GEOCODER


def resolve(phrase: str, context: Optional[str] = None, country: Optional[str] = None, limit: int = 10) -> list[Candidate]:
    return get_geocoder().resolve(phrase, context=context, country=country, limit=limit)
