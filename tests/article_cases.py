"""Shared machinery of the full-article coverage tests (tests/test_english_coverage.py,
tests/test_german_articles.py): loading the fixture articles, coding each once, and checking
an article's main event the way an ACLED coder would."""
import os

import pytest

from conflictcoder import code

HERE = os.path.join(os.path.dirname(__file__), "fixtures", "articles")


def _one_of(value):
    return value if isinstance(value, tuple) else (value,)


def summary(events):
    return [(e.sub_event_type, e.actor1, e.fatalities, str(e.event_date), e.country) for e in events]


class Articles:
    """One set of fixture articles `<prefix><name>.txt` with their expected main events."""

    def __init__(self, prefix: str, cases: list, xfail: dict):
        self.prefix, self.cases, self.xfail = prefix, cases, xfail
        self._cache: dict = {}

    def load(self, name: str) -> str:
        with open(os.path.join(HERE, f"{self.prefix}{name}.txt"), encoding="utf-8") as fh:
            return fh.read()

    def params(self):
        """pytest params (name, published, sub, actor1, fatalities, date, country); a key
        "name#2" checks a second event of the same article."""
        out = []
        for key, row in self.cases:
            marks = [pytest.mark.xfail(reason=self.xfail[key], strict=False)] if key in self.xfail else []
            out.append(pytest.param(key.split("#")[0], *row, id=key, marks=marks))
        return out

    def coded(self, name: str, published: str):
        if (name, published) not in self._cache:
            self._cache[(name, published)] = code(self.load(name), published=published)
        return self._cache[(name, published)]

    def published(self, name: str) -> str:
        return next(row[0] for key, row in self.cases if key.split("#")[0] == name)

    def check_main_event(self, name, published, lang, sub, actor1, fatalities, date, country):
        res = self.coded(name, published)
        assert res.lang == lang
        events = [e for e in res.events if e.sub_event_type == sub]
        assert events, summary(res.events)
        if date:
            dated = [e for e in events if str(e.event_date) in _one_of(date)]
            assert dated, summary(events)
            events = dated
        if country:
            placed = [e for e in events if e.country == country]
            assert placed, summary(events)
            events = placed
        e = events[0]
        text = self.load(name)
        for s in e.evidence:
            assert text[s.start:s.end] == s.text
        if actor1:
            # battles: ACLED's actor order has no meaning, either side may hold the expected actor
            sides = (e.actor1, e.actor2) if e.event_type == "Battles" else (e.actor1,)
            assert any(a in side for a in _one_of(actor1) for side in sides), (e.actor1, e.actor2)
        if fatalities is not None:
            assert e.fatalities in _one_of(fatalities), (e.fatalities, e.fatalities_best, [s.text for s in e.evidence])


def negative_params(negative: dict, xfail: dict):
    return [pytest.param(n, marks=[pytest.mark.xfail(reason=xfail[n], strict=False)] if n in xfail else [])
            for n in sorted(negative)]


def assert_no_events(articles: Articles, name: str, published: str):
    res = code(articles.load("none_" + name), published=published)
    assert res.events == [], [(e.sub_event_type, [s.text for s in e.evidence]) for e in res.events]
