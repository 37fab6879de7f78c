"""Shared helpers of the geocoder tests (tests/test_geo*.py): the place mentions found in a text,
the same with their resolved readings, and the first event coded from a text."""
from __future__ import annotations

from conflictcoder.api import code
from conflictcoder.geo import find_places, get_geocoder
from conflictcoder.models import Article
from conflictcoder.nlp import analyze


def found_places(text: str, lang: str | None = None) -> list:
    """The place mentions `find_places` finds in the text."""
    return find_places(analyze(Article(text=text, lang=lang)))


def resolved_places(text: str, lang: str | None = None) -> list:
    """(mention, resolved candidate or None) for every place mention of the text."""
    doc = analyze(Article(text=text, lang=lang))
    ms = find_places(doc)
    return list(zip(ms, get_geocoder().resolve_mentions(doc, ms)))


def first_event(text: str, published: str = "2024-05-02"):
    """The first event coded from the text (the text must give one)."""
    res = code(text, published=published)
    assert res.events, text
    return res.events[0]
