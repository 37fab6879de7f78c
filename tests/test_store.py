"""Event store on SQLite and (when CONFLICTCODER_TEST_PG_URL is set) PostgreSQL: idempotent
ingest, de-duplication, reconciliation, filters, exports, corrections and their audit trail."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import uuid

import pytest

from conflictcoder.exports import write_events, write_parquet
from conflictcoder.models import ACLED_COLUMNS, Article, CodeResult, Event
from conflictcoder.store import EventFilter, StoreError, open_store
from conflictcoder.store.dedup import DedupConfig, match, reconcile

PG_URL = os.environ.get("CONFLICTCODER_TEST_PG_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        st = open_store(str(tmp_path / "events.db"))
    else:
        if not PG_URL:
            pytest.skip("set CONFLICTCODER_TEST_PG_URL (scripts/ci-postgres.sh does) to run the store tests on PostgreSQL")
        st = open_store(PG_URL)
        with st.engine.begin() as c:  # a clean database for every test
            for t in ("corrections", "source_events", "incidents", "articles"):
                c.exec_driver_sql(f"DELETE FROM {t}")
    yield st
    st.close()


def ev(**kw) -> Event:
    base = dict(event_id=uuid.uuid4().hex[:16], event_date=dt.date(2024, 3, 10), year=2024, time_precision=1,
                disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
                actor1="Military Forces of Mali (2021-)", inter1=1, actor2="JNIM: Jama'atu Nasr al-Islam wal Muslimin",
                inter2=2, interaction=12, country="Mali", admin1="Mopti", location="Mopti", latitude=14.49,
                longitude=-4.19, geo_precision=1, fatalities=12, fatalities_low=12, fatalities_best=12,
                fatalities_high=12)
    base.update(kw)
    return Event(**base)


def art(text: str, **kw) -> Article:
    return Article(text=text, published=kw.pop("published", dt.date(2024, 3, 11)), **kw)


def add(store, text, *events, **kw):
    return store.add_results([(art(text, **kw), CodeResult(lang="en", events=list(events)))])[0]


def test_ingest_is_idempotent(store):
    o1 = add(store, "Report one about Mopti.", ev())
    o2 = add(store, "Report   one about Mopti. ", ev())  # same text up to whitespace
    assert o1.created and not o2.created and o1.article_id == o2.article_id and o2.event_ids == o1.event_ids
    assert store.counts() == {"articles": 1, "events": 1, "source_events": 1}
    assert store.has_article(content_hash=__import__("conflictcoder.store", fromlist=["content_hash"]).content_hash("Report one about Mopti."))


def test_same_incident_from_two_reports_is_merged_and_reconciled(store):
    a = add(store, "Agency A: twelve soldiers killed near Mopti.", ev(fatalities=12, fatalities_low=12, fatalities_best=12, fatalities_high=12), url="http://a/1")
    b = add(store, "Agency B: twenty soldiers killed in Mopti.", ev(event_date=dt.date(2024, 3, 11), fatalities=20,
                                                                    fatalities_low=20, fatalities_best=20, fatalities_high=20, latitude=14.5, longitude=-4.2), url="http://b/1")
    assert a.event_ids == b.event_ids and b.merged == 1
    e = store.get_event(a.event_ids[0])
    assert e["n_sources"] == 2 and len(e["sources"]) == 2
    assert e["fatalities_low"] == 12 and e["fatalities_high"] == 20 and e["fatalities_best"] == 12  # median_low of 12, 20
    assert e["fatalities"] == 12  # ACLED: the conservative figure
    assert any("disagree" in w for w in e["warnings"])
    assert "same type" in e["merge_reasons"][1] and "km apart" in e["merge_reasons"][1]
    assert store.has_article(url="http://b/1") and not store.has_article(url="http://c/1")


@pytest.mark.parametrize("change", [
    {"event_date": dt.date(2024, 3, 14)},  # days apart
    {"latitude": 16.0, "longitude": -3.0},  # far away
    {"sub_event_type": "Peaceful protest", "event_type": "Protests"},  # other type
    {"actor1": "Military Forces of Mali (2021-)", "actor2": "ISGS: Islamic State (Greater Sahara)"},  # other opponent
])
def test_different_incidents_are_not_merged(store, change):
    a = add(store, "First report.", ev(actor1="Dan Na Ambassagou", actor2="JNIM: Jama'atu Nasr al-Islam wal Muslimin"))
    b = add(store, "Second report.", ev(**{"actor1": "Dan Na Ambassagou", **change}))
    assert a.event_ids != b.event_ids
    assert store.count_events() == 2


def test_match_rules_explain_themselves():
    a = ev().model_dump(mode="json")
    b = ev(actor2="Unidentified Armed Group (Mali)").model_dump(mode="json")
    reason = match(a, b)
    assert reason and "same day" in reason and "shared actors" in reason
    assert match(a, dict(a, event_date=None)) is None  # undated never merges
    assert match(a, dict(a, event_date="2024-03-12"), DedupConfig(max_days=2))
    assert not match(a, dict(a, event_date="2024-03-12"), DedupConfig(max_days=1))


def test_reconcile_keeps_claims_and_flags_conflicts():
    s1 = ev(fatalities=5, fatalities_low=5, fatalities_best=5, fatalities_high=5).model_dump(mode="json")
    s2 = ev(fatalities=7, fatalities_low=6, fatalities_best=7, fatalities_high=9).model_dump(mode="json")
    r = reconcile([s1, s2])
    assert (r["fatalities_low"], r["fatalities_best"], r["fatalities_high"], r["fatalities"]) == (5, 5, 9, 5)
    assert any("disagree" in w for w in r["warnings"])


def test_filters(store):
    add(store, "a", ev(event_date=dt.date(2024, 3, 1), fatalities=0, fatalities_best=0))
    add(store, "b", ev(event_date=dt.date(2024, 4, 1), country="Niger", admin1="Tillaberi", latitude=14.2, longitude=1.45,
                       actor1="ISGS: Islamic State (Greater Sahara)", fatalities=30))
    add(store, "c", ev(event_date=dt.date(2024, 5, 1), event_type="Protests", sub_event_type="Peaceful protest",
                       actor1="Protesters (Mali)", actor2="", fatalities=0, latitude=12.6, longitude=-8.0))
    F = EventFilter
    assert store.count_events(F(country="niger")) == 1
    assert store.count_events(F(event_type="Protests")) == 1
    assert store.count_events(F(actor="islamic state")) == 1
    assert store.count_events(F(since=dt.date(2024, 3, 15))) == 2
    assert store.count_events(F(until=dt.date(2024, 3, 15))) == 1
    assert store.count_events(F(min_fatalities=10)) == 1
    assert store.count_events(F(bbox=(-10, 10, 0, 13))) == 1
    page = store.query_events(F(), limit=2, offset=0)
    assert [e["event_date"] for e in page] == ["2024-05-01", "2024-04-01"]  # newest first
    assert store.query_events(F(), limit=2, offset=2)[0]["event_date"] == "2024-03-01"
    st = store.stats()
    assert st["events"] == 3 and st["fatalities"] == 30 and {r["event_type"] for r in st["by_type"]} == {"Battles", "Protests"}
    fac = store.facets()
    assert fac["countries"] == ["Mali", "Niger"] and "Tillaberi" in fac["admin1"]["Niger"]


def test_exports_parse_back(store, tmp_path):
    add(store, "a", ev(notes="A note, with a comma and \"quotes\"", warnings=["w1", "w2"]))
    rows = store.query_events()
    buf = io.StringIO()
    write_events(rows, "acled-csv", buf)
    parsed = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(parsed[0].keys()) == ACLED_COLUMNS
    assert parsed[0]["notes"] == "A note, with a comma and \"quotes\"" and parsed[0]["fatalities"] == "12"
    buf = io.StringIO()
    write_events(rows, "geojson", buf)
    gj = json.loads(buf.getvalue())
    assert gj["type"] == "FeatureCollection" and gj["features"][0]["geometry"]["coordinates"] == [-4.19, 14.49]
    buf = io.StringIO()
    write_events(rows, "jsonl", buf)
    assert json.loads(buf.getvalue().splitlines()[0])["id"] == rows[0]["id"]
    pq = pytest.importorskip("pyarrow.parquet")
    write_parquet(rows, str(tmp_path / "e.parquet"))
    t = pq.read_table(str(tmp_path / "e.parquet")).to_pylist()
    assert t[0]["fatalities"] == 12 and t[0]["event_date"] == dt.date(2024, 3, 10) and t[0]["id"] == rows[0]["id"]


def test_corrections_are_audited_and_survive_new_reports(store):
    o = add(store, "first", ev())
    iid = o.event_ids[0]
    store.correct_event(iid, {"fatalities": 15, "actor1": "Military Forces of Mali (2021-) "}, author="ana", reason="ministry")
    add(store, "second report of the same clash", ev(fatalities=12))  # merges and recomputes
    e = store.get_event(iid)
    assert e["fatalities"] == 15 and e["corrected"] and e["n_sources"] == 2
    hist = e["history"]
    assert {(h["field"], h["author"], h["old"], h["new"]) for h in hist if h["field"] == "fatalities"} == {("fatalities", "ana", 12, 15)}
    with pytest.raises(StoreError, match="not an event field"):
        store.correct_event(iid, {"evidence": []}, author="ana")
    with pytest.raises(StoreError, match="invalid value"):
        store.correct_event(iid, {"fatalities": "many"}, author="ana")
    with pytest.raises(StoreError, match="no event"):
        store.correct_event("nope", {"fatalities": 1}, author="ana")
    # corrections flow into exports
    buf = io.StringIO()
    write_events(store.query_events(), "acled-csv", buf)
    assert list(csv.DictReader(io.StringIO(buf.getvalue())))[0]["fatalities"] == "15"


def test_reject_merge_split(store):
    a = add(store, "a", ev(actor1="Dan Na Ambassagou"))
    b = add(store, "b", ev(actor1="Dan Na Ambassagou", latitude=16.0, longitude=-3.0))
    assert a.event_ids != b.event_ids
    merged = store.merge_events([a.event_ids[0], b.event_ids[0]], author="bo", reason="same attack")
    assert merged["n_sources"] == 2 and store.count_events() == 1
    assert merged["history"][-1]["action"] == "merge"
    new = store.split_event(merged["id"], [merged["sources"][1]["source_event_id"]], author="bo")
    assert store.count_events() == 2 and new["n_sources"] == 1 and new["history"][-1]["action"] == "split"
    store.reject_event(new["id"], author="bo", reason="duplicate wire copy")
    assert store.count_events() == 1 and store.count_events(EventFilter(include_rejected=True)) == 2
    with pytest.raises(StoreError):
        store.split_event(a.event_ids[0], ["unknown"], author="bo")


def test_failed_batch_stores_nothing(store, monkeypatch):
    add(store, "kept", ev())
    calls = {"n": 0}
    orig = store._find_incident

    def flaky(s, d):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return orig(s, d)

    monkeypatch.setattr(store, "_find_incident", flaky)
    with pytest.raises(RuntimeError):
        store.add_results([(art("new one"), CodeResult(lang="en", events=[ev()])),
                           (art("second new one"), CodeResult(lang="en", events=[ev()]))])
    assert store.counts()["articles"] == 1  # the whole batch was rolled back, the old row kept


def test_bad_urls_give_one_line_errors(tmp_path):
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://x/y")
    with pytest.raises(StoreError, match="cannot open database"):
        open_store("postgresql://nobody@127.0.0.1:1/none")
