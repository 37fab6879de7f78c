#!/usr/bin/env python
"""Dashboard load time with 10,000 events in the database, in headless Chromium. Prints its figures.

    python benchmarks/bench_dashboard.py [--events 10000] [--runs 5]

Measures, per page load: DOMContentLoaded; "first markers" = the first event markers or clusters
are on the map; "ready" = the markers of all events are clustered and drawn and the marker count
is shown (the timeline and the deaths-by-side panel are filled by then). Target: under 2 s locally.
Then, after the country outlines: "admin-1 lines" = from zooming in to zoom 5 until the bundled
admin-1 boundaries (fetched and parsed on that first zoom-in) are drawn.
Another CPU-heavy process on the machine slows all three figures; the load average is printed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
sys.path.insert(0, os.path.dirname(__file__))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("bench_dashboard: no chromium binary (bash scripts/ci-browser.sh installs Debian's)")
    import uvicorn
    from playwright.sync_api import sync_playwright

    from bench_store import bulk_events
    from conflictcoder.server import create_app

    url = "sqlite:///" + os.path.join(tempfile.mkdtemp(), "dash.db")
    bulk_events(url, args.events)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(url, token="x"), host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    while not srv.started:
        time.sleep(0.05)
    dcl, first, ready, admin1 = [], [], [], []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(args.runs):
            page = b.new_page(viewport={"width": 1366, "height": 768})
            t0 = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
            dcl.append(time.perf_counter() - t0)
            page.wait_for_selector(".ev-marker, .ev-cluster", timeout=60000)
            first.append(time.perf_counter() - t0)
            try:
                page.wait_for_function("document.querySelector('#marker-count').dataset.count !== undefined", timeout=60000, polling=20)
            except Exception:
                sys.exit("bench_dashboard: the markers were not drawn within 60 s: " + page.inner_text("#marker-count"))
            ready.append(time.perf_counter() - t0)
            n = page.get_attribute("#marker-count", "data-count")
            try:
                page.wait_for_function("document.body.dataset.outlines === 'drawn'", timeout=30000)
                t1 = time.perf_counter()
                page.evaluate("() => { map.setView([15, 30], 5, {animate: false}); }")
                page.wait_for_function("document.body.dataset.admin1 === 'drawn'", timeout=30000, polling=20)
                admin1.append(time.perf_counter() - t1)
            except Exception:
                state = page.evaluate("() => [map.getZoom(), document.body.dataset.outlines, document.body.dataset.admin1]")
                print(f"bench_dashboard: outlines or admin-1 lines not drawn within 30 s (zoom, outlines, admin1: {state})", file=sys.stderr)
            page.close()
        b.close()
    srv.should_exit = True
    print(f"events in database      {args.events}")
    print(f"markers drawn           {n}")
    print(f"load average (1 min)    {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"DOMContentLoaded (s)    median {statistics.median(dcl):.2f}  max {max(dcl):.2f}")
    print(f"first markers (s)       median {statistics.median(first):.2f}  max {max(first):.2f}")
    print(f"ready, all drawn (s)    median {statistics.median(ready):.2f}  max {max(ready):.2f}  (target < 2 s)")
    if admin1:
        print(f"admin-1 lines (s)       median {statistics.median(admin1):.2f}  max {max(admin1):.2f}  (after zooming in; {len(admin1)} of {args.runs} runs)")


if __name__ == "__main__":
    main()
