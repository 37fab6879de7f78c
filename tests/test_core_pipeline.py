"""End-to-end coding of articles written for these tests, in several styles and both languages."""
import os

import pytest

from conflictcoder import code

HERE = os.path.join(os.path.dirname(__file__), "fixtures", "articles")


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        return fh.read()


def by_sub(res, sub):
    return [e for e in res.events if e.sub_event_type == sub]


def assert_evidence(res, text):
    for e in res.events:
        assert e.evidence, e
        for s in e.evidence:
            assert text[s.start:s.end] == s.text


def test_german_wire_attack_on_military_post():
    text = load("de_wire_mali.txt")
    res = code(text, published="2024-03-11")
    assert res.lang == "de"
    assert_evidence(res, text)
    clash = by_sub(res, "Armed clash")
    assert clash, [e.sub_event_type for e in res.events]
    e = clash[0]
    assert str(e.event_date) == "2024-03-10"  # "am Sonntagmorgen" before a Monday publication
    assert e.fatalities_best == 20 and e.fatalities_low == 20  # 12 soldiers + 8 attackers
    assert "Mali" in (e.actor1 + e.actor2)
    assert e.source  # "die Armee"


def test_german_liveblog_two_events_and_subset():
    text = load("de_liveblog_ukraine.txt")
    res = code(text, published="2022-09-24")
    assert_evidence(res, text)
    air = by_sub(res, "Air/drone strike")
    assert air and "Russia" in air[0].actor1 and air[0].inter1 == 8
    assert air[0].fatalities_best == 3 and air[0].wounded == 14  # "darunter zwei Kinder" is a subset
    assert air[0].deaths_civilians == 3
    arrests = [e for e in res.events if e.sub_event_type in ("Protest with intervention", "Arrests")]
    assert arrests


def test_german_ngo_report_attack_on_civilians():
    text = load("de_ngo_report.txt")
    res = code(text, published="2023-06-10")
    att = by_sub(res, "Attack")
    assert att
    e = att[0]
    assert e.actor2.startswith("Civilians") and e.civilian_targeting == "Civilians targeted"
    assert e.fatalities_best == 23
    assert str(e.event_date) == "2023-06-08"
    # the army's announcement is a plan, not an event
    assert not any(ev.actor1.startswith("Military Forces") for ev in res.events if ev.event_type == "Battles")


@pytest.mark.parametrize("name", ["de_sport.txt", "de_economy.txt"])
def test_non_conflict_news_yields_no_events(name):
    assert code(load(name), published="2024-11-02").events == []


def test_english_casualty_update_suicide_bomb():
    text = load("en_casualty_update.txt")
    res = code(text, published="2024-05-13")
    sb = by_sub(res, "Suicide bomb")
    assert sb
    e = sb[0]
    assert e.fatalities_best == 19
    assert e.wounded == 40
    assert str(e.event_date) == "2024-05-11"


def test_threats_denials_plans_are_not_events():
    res = code(load("en_threat.txt"), published="2024-05-13")
    assert res.events == []


def test_english_protest_with_intervention():
    text = load("en_protest.txt")
    res = code(text, published="2024-07-17")
    evs = by_sub(res, "Protest with intervention")
    assert evs
    e = evs[0]
    assert e.actor1.startswith("Protesters") and e.inter1 == 6
    assert "Students" in e.assoc_actor_1
    assert e.actor2.startswith("Police Forces")
    assert str(e.event_date) == "2024-07-16"


def test_unsupported_language_and_empty():
    r = code("Le gouvernement a annoncé de nouvelles mesures pour soutenir les petites entreprises du pays.")
    assert r.events == [] and "unsupported language" in r.errors[0]
    assert code("   ").errors


def test_relative_date_without_publication_date_is_null():
    res = code("Am Mittwoch griffen Bewaffnete ein Dorf in Nord-Kivu an und töteten vier Bauern.")
    assert res.events
    e = res.events[0]
    assert e.event_date is None
    assert any(s.field == "event_date" and s.text == "Mittwoch" for s in e.evidence)


def test_event_ids_are_stable():
    text = load("de_ngo_report.txt")
    a = [e.event_id for e in code(text, published="2023-06-10").events]
    b = [e.event_id for e in code(text, published="2023-06-10").events]
    assert a == b and len(set(a)) == len(a)
