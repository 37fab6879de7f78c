"""HTTP API: status codes, auth, size limits, coding without storing, corrections with history."""
from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient

from conflictcoder.server import create_app

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT_DE = ("Am Dienstag haben Bewaffnete in der Stadt Kidal einen Kontrollpunkt der Armee angegriffen. "
           "Nach Armeeangaben wurden vier Soldaten getötet.")
TEXT_EN = "On Monday, gunmen attacked a checkpoint near Gao, killing three soldiers, officials said."

PG_URL = os.environ.get("CONFLICTCODER_TEST_PG_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "api.db")
    if not PG_URL:
        pytest.skip("set CONFLICTCODER_TEST_PG_URL to run the API tests on PostgreSQL")
    from conflictcoder.store import open_store

    st = open_store(PG_URL)
    with st.engine.begin() as c:
        for t in ("corrections", "source_events", "incidents", "articles"):
            c.exec_driver_sql(f"DELETE FROM {t}")
    st.close()
    return PG_URL


@pytest.fixture
def client(db_url):
    return TestClient(create_app(db_url, token=TOKEN, max_body=50_000))


def test_health_and_docs(client):
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["writes_enabled"]
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "/events/{event_id}" in spec["paths"] and "/code" in spec["paths"]
    assert client.get("/").status_code == 200


def test_code_does_not_store(client):
    r = client.post("/code", json={"text": TEXT_DE, "published": "2024-06-05"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["lang"] == "de" and body["events"]
    for e in body["events"]:
        for ev in e["evidence"]:
            assert body["text"][ev["start"]:ev["end"]] == ev["text"]
    assert client.get("/events").json()["total"] == 0


def test_store_query_correct_and_audit(client):
    r = client.post("/articles", json={"text": TEXT_EN, "published": "2024-06-04", "url": "http://example.org/a"}, headers=AUTH)
    assert r.status_code == 201, r.text
    ids = r.json()["event_ids"]
    assert ids and r.json()["created"]
    again = client.post("/articles", json={"text": TEXT_EN, "published": "2024-06-04"}, headers=AUTH).json()
    assert not again["created"] and again["event_ids"] == ids
    lst = client.get("/events", params={"country": "Mali", "since": "2024-06-01"}).json()
    assert lst["total"] == 1 and lst["items"][0]["id"] == ids[0] and "evidence" not in lst["items"][0]
    assert client.get("/events", params={"country": "Niger"}).json()["total"] == 0
    ev = client.get(f"/events/{ids[0]}").json()
    assert ev["sources"][0]["url"] == "http://example.org/a" and ev["sources"][0]["text"] == TEXT_EN
    # correction: refused without a token, recorded with one
    assert client.patch(f"/events/{ids[0]}", json={"changes": {"fatalities": 4}}).status_code == 401
    assert client.patch(f"/events/{ids[0]}", json={"changes": {"fatalities": 4}}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = client.patch(f"/events/{ids[0]}", json={"changes": {"fatalities": 4}, "reason": "hospital figure"},
                     headers=dict(AUTH, **{"X-Author": "ana"}))
    assert r.status_code == 200, r.text
    hist = r.json()["history"]
    assert hist[-1]["author"] == "ana" and hist[-1]["new"] == 4 and hist[-1]["reason"] == "hospital figure"
    assert client.get(f"/events/{ids[0]}").json()["fatalities"] == 4
    # the map's compact projection agrees with the full rows, corrections included
    full = client.get("/events").json()["items"][0]
    small = client.get("/events", params={"fields": "map"}).json()["items"][0]
    assert small == {k: full.get(k) for k in small} and small["fatalities"] == 4 and small["latitude"] == full["latitude"]
    csv_text = client.get("/events", params={"format": "acled-csv"}).text
    assert csv_text.splitlines()[0].startswith("event_id_cnty,event_date") and ",4," in csv_text.splitlines()[1]
    gj = client.get("/events", params={"format": "geojson"}).json()
    assert gj["features"][0]["properties"]["fatalities"] == 4
    # reject hides it
    assert client.post(f"/events/{ids[0]}/reject", json={"reason": "test"}, headers=AUTH).status_code == 200
    assert client.get("/events").json()["total"] == 0
    assert client.get("/events", params={"include_rejected": True}).json()["total"] == 1
    assert client.get("/stats").status_code == 200 and client.get("/facets").status_code == 200


@pytest.mark.parametrize("method,path,body,status", [
    ("get", "/events/does-not-exist", None, 404),
    ("post", "/code", {"text": ""}, 422),
    ("post", "/code", {"text": "x", "published": "yesterday"}, 422),
    ("post", "/code", {"text": "x", "lang": "fr"}, 422),
    ("get", "/events?limit=0", None, 422),
    ("get", "/events?min_fatalities=-1", None, 422),
    ("get", "/events?bbox=1,2,3", None, 422),
    ("get", "/events?since=notadate", None, 422),
    ("patch", "/events/nope", {"changes": {"fatalities": 1}}, 404),
    ("patch", "/events/nope", {"wrong": 1}, 422),
    ("post", "/events/merge", {"ids": ["only-one"]}, 422),
])
def test_bad_requests_are_4xx_with_a_message(client, method, path, body, status):
    r = getattr(client, method)(path, json=body, headers=AUTH) if body is not None else getattr(client, method)(path, headers=AUTH)
    assert r.status_code == status, r.text
    assert isinstance(r.json()["detail"], str) and r.json()["detail"]


def test_bad_correction_value_is_400(client):
    ids = client.post("/articles", json={"text": TEXT_EN, "published": "2024-06-04"}, headers=AUTH).json()["event_ids"]
    r = client.patch(f"/events/{ids[0]}", json={"changes": {"fatalities": "lots"}}, headers=AUTH)
    assert r.status_code == 400 and "invalid value" in r.json()["detail"]
    r = client.patch(f"/events/{ids[0]}", json={"changes": {"evidence": []}}, headers=AUTH)
    assert r.status_code == 400 and "not an event field" in r.json()["detail"]


def test_corrections_are_checked_for_plausibility(client):
    ids = client.post("/articles", json={"text": TEXT_EN, "published": "2024-06-04"}, headers=AUTH).json()["event_ids"]
    url = f"/events/{ids[0]}"
    for changes, word in [({"latitude": 1000}, "between"), ({"fatalities": -3}, "0 or more"), ({"geo_precision": 7}, "between"),
                          ({"event_type": "Nonsense"}, "unknown event_type"), ({"sub_event_type": "Picnic"}, "unknown sub_event_type"),
                          ({"event_type": "Protests"}, "sub_event_type"),
                          ({"sub_event_type": "Attack", "event_type": "Battles"}, "belongs to")]:
        r = client.patch(url, json={"changes": changes}, headers=AUTH)
        assert r.status_code == 400 and word in r.json()["detail"], (changes, r.text)
        assert "\n" not in r.json()["detail"]
    # a new sub-event type brings its event type along, both recorded in the history
    r = client.patch(url, json={"changes": {"sub_event_type": "Attack"}, "reason": "victims were unarmed"}, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["sub_event_type"] == "Attack" and r.json()["event_type"] == "Violence against civilians"
    assert {h["field"] for h in r.json()["history"]} >= {"sub_event_type", "event_type"}
    assert client.get("/events", params={"event_type": "Violence against civilians"}).json()["total"] == 1


def test_size_limit_and_binary(client):
    r = client.post("/code", json={"text": "a" * 60_000})
    assert r.status_code == 413 and "too large" in r.json()["detail"]
    # a chunked body (no Content-Length) is cut off at the limit too
    r = client.post("/code", content=iter([b'{"text": "', b"a" * 40_000, b"a" * 40_000, b'"}']), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    r = client.post("/code", content=iter([b'{"text": "On Monday ', b'gunmen attacked a village."}']), headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    r = client.post("/code", content=b"\x00\x01\x02", headers={"Content-Type": "application/json"})
    assert r.status_code == 422


def test_writes_disabled_without_token(db_url):
    c = TestClient(create_app(db_url, token=None))
    os.environ.pop("CONFLICTCODER_TOKEN", None)
    r = c.post("/articles", json={"text": TEXT_EN}, headers=AUTH)
    assert r.status_code == 403 and "writes disabled" in r.json()["detail"]


def test_read_token_required(db_url):
    c = TestClient(create_app(db_url, token=TOKEN, read_token_required=True))
    assert c.get("/events").status_code == 401
    assert c.get("/events", headers=AUTH).status_code == 200


def test_merge_and_split(client):
    a = client.post("/articles", json={"text": TEXT_EN, "published": "2024-06-04"}, headers=AUTH).json()["event_ids"][0]
    b = client.post("/articles", json={"text": TEXT_DE, "published": "2024-06-05"}, headers=AUTH).json()["event_ids"][0]
    if a == b:
        pytest.skip("the two reports were merged automatically")
    m = client.post("/events/merge", json={"ids": [a, b], "reason": "same attack"}, headers=AUTH)
    assert m.status_code == 200 and m.json()["n_sources"] == 2
    sid = m.json()["sources"][1]["source_event_id"]
    s = client.post(f"/events/{a}/split", json={"source_event_ids": [sid]}, headers=AUTH)
    assert s.status_code == 200 and s.json()["n_sources"] == 1
    assert client.get("/events").json()["total"] == 2
