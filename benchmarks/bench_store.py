#!/usr/bin/env python
"""Store and API benchmark. Prints its figures.

    python benchmarks/bench_store.py ../shared/data/dev/acled-notes-2022.jsonl [--docs 10000]
        [--events 100000] [--pg postgresql://user:pw@127.0.0.1/db]

1. Ingest: the dev notes are coded once, then stored as --docs documents (repeated with new
   ids and a varying suffix, so every text is new) into SQLite and, with --pg, PostgreSQL:
   documents per second of the store alone and end-to-end (coding included, one core).
2. Query: --events synthetic incidents are bulk-loaded, then GET /events with filters is timed
   through the HTTP API (FastAPI TestClient, no network): p50 and p99 latency.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


def load_notes(path: str, n: int) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))
            if len(out) >= n:
                break
    return out


def bench_ingest(url: str, coded: list, n_docs: int, label: str) -> None:
    from conflictcoder.models import Article
    from conflictcoder.store import open_store

    st = open_store(url)
    if st.engine.dialect.name == "postgresql":
        with st.engine.begin() as c:
            for t in ("corrections", "source_events", "incidents", "articles"):
                c.exec_driver_sql(f"DELETE FROM {t}")
    t0 = time.perf_counter()
    batch = []
    for i in range(n_docs):
        art, res = coded[i % len(coded)]
        a = Article(id=f"{art.id}-{i}", text=f"{art.text} [copy {i}]", published=art.published)
        batch.append((a, res))
        if len(batch) == 100:
            st.add_results(batch)
            batch = []
    if batch:
        st.add_results(batch)
    secs = time.perf_counter() - t0
    counts = st.counts()
    st.close()
    print(f"{label:<12} store-only ingest: {n_docs} docs in {secs:.1f} s = {n_docs / secs:.0f} docs/s "
          f"({counts['events']} incidents from {counts['source_events']} source events)")
    return secs


def bulk_events(url: str, n: int) -> None:
    from sqlalchemy import insert

    from conflictcoder.store import open_store
    from conflictcoder.store.schema import IncidentRow

    st = open_store(url)
    rnd = random.Random(1)
    types = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"), ("Explosions/Remote violence", "Air/drone strike"),
             ("Violence against civilians", "Attack"), ("Riots", "Mob violence")]
    countries = ["Syria", "Mali", "Ukraine", "Sudan", "Nigeria", "Myanmar", "Mexico", "India", "Yemen", "Somalia"]
    rows = []
    base = dt.date(2022, 1, 1)
    for i in range(n):
        et, st_ = rnd.choice(types)
        c = rnd.choice(countries)
        d = base + dt.timedelta(days=rnd.randrange(365))
        fat = rnd.choice([0, 0, 0, 1, 2, 5, 12])
        a1 = f"Military Forces of {c}"
        payload = {"event_id": uuid.uuid4().hex[:16], "event_date": d.isoformat(), "year": 2022, "event_type": et,
                   "sub_event_type": st_, "actor1": a1, "actor2": "", "country": c, "admin1": f"Region {i % 20}",
                   "location": f"Town {i % 500}", "latitude": rnd.uniform(-30, 50), "longitude": rnd.uniform(-100, 120),
                   "fatalities": fat, "fatalities_best": fat, "fatalities_low": fat, "fatalities_high": fat}
        rows.append({"id": uuid.uuid4().hex[:16], "event_date": d, "country": c, "admin1": payload["admin1"], "event_type": et,
                     "sub_event_type": st_, "actor1": a1, "actor2": "", "actors_text": a1.lower(), "fatalities": fat,
                     "latitude": payload["latitude"], "longitude": payload["longitude"], "rejected": False, "corrected": False,
                     "n_sources": 1, "payload": payload, "updated_at": dt.datetime.now()})
        if len(rows) == 5000:
            with st.engine.begin() as conn:
                conn.execute(insert(IncidentRow), rows)
            rows = []
    if rows:
        with st.engine.begin() as conn:
            conn.execute(insert(IncidentRow), rows)
    st.close()


def bench_queries(url: str, label: str, n_queries: int = 200) -> None:
    from fastapi.testclient import TestClient

    from conflictcoder.server import create_app

    client = TestClient(create_app(url, token="x"))
    rnd = random.Random(2)
    countries = ["Syria", "Mali", "Ukraine", "Sudan", "Nigeria"]
    client.get("/events", params={"limit": 10})  # warm up
    lat = []
    for i in range(n_queries):
        m = rnd.randrange(1, 12)
        params = {"country": rnd.choice(countries), "since": f"2022-{m:02d}-01", "until": f"2022-{m + 1:02d}-01", "limit": 100}
        if i % 3 == 0:
            params["event_type"] = "Battles"
        if i % 4 == 0:
            params["min_fatalities"] = 1
        t0 = time.perf_counter()
        r = client.get("/events", params=params)
        lat.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.text
    lat.sort()
    p50 = statistics.median(lat)
    p99 = lat[int(0.99 * (len(lat) - 1))]
    print(f"{label:<12} GET /events with filters: p50 {p50:.1f} ms, p99 {p99:.1f} ms ({n_queries} queries, 100 per page)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("notes")
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--distinct", type=int, default=2000, help="distinct notes to code (then repeated)")
    ap.add_argument("--events", type=int, default=100000)
    ap.add_argument("--pg", default=os.environ.get("CONFLICTCODER_TEST_PG_URL"))
    args = ap.parse_args()

    from conflictcoder.api import code_article
    from conflictcoder.models import Article

    notes = load_notes(args.notes, args.distinct)
    t0 = time.perf_counter()
    coded = []
    for r in notes:
        a = Article(id=r.get("id"), text=r["text"], published=r.get("published"))
        coded.append((a, code_article(a)))
    code_secs = time.perf_counter() - t0
    per_doc = code_secs / len(coded)
    print(f"coding: {len(coded)} notes in {code_secs:.1f} s = {len(coded) / code_secs:.0f} docs/s (one core)")
    tmp = tempfile.mkdtemp()
    targets = [("sqlite", "sqlite:///" + os.path.join(tmp, "bench.db"))]
    if args.pg:
        targets.append(("postgresql", args.pg))
    for label, url in targets:
        secs = bench_ingest(url, coded, args.docs, label)
        e2e = args.docs / (secs + per_doc * args.docs)
        print(f"{label:<12} end-to-end (coding + storing, one core): {e2e:.0f} docs/s")
    for label, url in targets:
        qurl = url if label != "sqlite" else "sqlite:///" + os.path.join(tmp, "query.db")
        if label == "postgresql":
            from conflictcoder.store import open_store

            st = open_store(qurl)
            with st.engine.begin() as c:
                for t in ("corrections", "source_events", "incidents", "articles"):
                    c.exec_driver_sql(f"DELETE FROM {t}")
            st.close()
        t0 = time.perf_counter()
        bulk_events(qurl, args.events)
        print(f"{label:<12} loaded {args.events} synthetic events in {time.perf_counter() - t0:.1f} s")
        bench_queries(qurl, label)


if __name__ == "__main__":
    main()
