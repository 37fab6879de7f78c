"""Feeds and pages from a real HTTP server on loopback: conditional requests, 304, 500 with
back-off, timeouts, redirects, oversized bodies, exactly-once storage across watcher restarts,
and `code URL`."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conflictcoder.ingest.fetch import FetchError, fetch, fetch_article
from conflictcoder.ingest.watch import Watcher
from conflictcoder.store import open_store

PAGES = {
    "/a1.html": ("Gefechte bei Gao", "Am Montag griffen Bewaffnete einen Armeeposten nahe der Stadt Gao an. "
                 "Nach Armeeangaben wurden drei Soldaten getötet."),
    "/a2.html": ("Protest in Dakar", "On Tuesday, thousands of students marched through Dakar to demand lower fees. "
                 "Police fired tear gas to disperse them."),
    "/a3.html": ("Drone strike", "A drone strike hit a market in the town of Maiduguri on Wednesday, killing five civilians, "
                 "local officials said."),
}


def page_html(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title><meta property='article:published_time' content='2024-03-13'>"
            f"<meta property='og:site_name' content='Loopback News'></head><body><nav>Home | World</nav>"
            f"<article><h1>{title}</h1><p>{body}</p></article><footer>(c) Loopback</footer></body></html>").encode()


def rss(items: list[str]) -> bytes:
    entries = "".join(f"<item><title>{PAGES[p][0]}</title><link>{{base}}{p}</link>"
                      f"<pubDate>Wed, 13 Mar 2024 08:00:00 GMT</pubDate></item>" for p in items)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Loopback</title>{entries}</channel></rss>").encode()


class Site:
    def __init__(self):
        self.items = ["/a1.html"]
        self.requests: list[tuple[str, dict]] = []
        self.fail_feed = False
        self.etag = '"v1"'
        site = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                site.requests.append((self.path, dict(self.headers)))
                base = f"http://127.0.0.1:{site.port}"
                if self.path == "/feed.xml":
                    if site.fail_feed:
                        self.send_response(500)
                        self.end_headers()
                        return
                    if self.headers.get("If-None-Match") == site.etag:
                        self.send_response(304)
                        self.end_headers()
                        return
                    body = rss(site.items).replace(b"{base}", base.encode())
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.send_header("ETag", site.etag)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path in PAGES:
                    body = page_html(*PAGES[self.path])
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path == "/moved":
                    self.send_response(301)
                    self.send_header("Location", "/a2.html")
                    self.end_headers()
                elif self.path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                    self.end_headers()
                elif self.path == "/slow":
                    time.sleep(2)
                    self.send_response(200)
                    self.end_headers()
                    self.wfile.write(b"late")
                elif self.path == "/huge":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    try:
                        for _ in range(200):
                            self.wfile.write(b"<p>" + b"x" * 10000 + b"</p>")
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                else:
                    self.send_response(404)
                    self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def test_fetch_errors_are_one_line(site):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(site.base + "/missing")
    with pytest.raises(FetchError, match="timed out"):
        fetch(site.base + "/slow", timeout=0.5)
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(site.base + "/loop")
    with pytest.raises(FetchError, match="too large"):
        fetch(site.base + "/huge", max_bytes=100_000)
    art = fetch_article(site.base + "/moved")  # redirect followed
    assert "Dakar" in art.text and art.url.endswith("/a2.html") and "<nav>" not in art.text and "Home | World" not in art.text


def test_watch_conditional_requests_and_exactly_once(site, tmp_path):
    db = str(tmp_path / "w.db")
    state = str(tmp_path / "state.json")
    st = open_store(db)
    w = Watcher([site.base + "/feed.xml"], st, interval=60, state_path=state)
    r1 = w.run(once=True)
    assert r1[0].status == "ok" and r1[0].new == 1
    # second poll: the validators are sent, the server says 304
    w2 = Watcher([site.base + "/feed.xml"], st, interval=0.001, state_path=state)
    r2 = w2.run(once=True)
    assert r2[0].status == "not-modified"
    feed_reqs = [h for p, h in site.requests if p == "/feed.xml"]
    assert feed_reqs[-1].get("If-None-Match") == '"v1"'
    # the feed changes: only the new item is fetched and stored
    site.items = ["/a1.html", "/a2.html"]
    site.etag = '"v2"'
    w3 = Watcher([site.base + "/feed.xml"], st, interval=60, state_path=state)
    r3 = w3.run(once=True)
    assert r3[0].new == 1 and r3[0].skipped == 1
    assert st.counts()["articles"] == 2
    arts = [s for s in site.requests if s[0] == "/a1.html"]
    assert len(arts) == 1  # a1 was never fetched again
    st.close()


def test_watch_failures_back_off_and_other_feeds_go_on(site, tmp_path):
    other = Site()
    try:
        st = open_store(str(tmp_path / "w.db"))
        site.fail_feed = True
        w = Watcher([site.base + "/feed.xml", other.base + "/feed.xml"], st, interval=10, state_path=str(tmp_path / "s.json"))
        reps = w.run(once=True)
        assert [r.status for r in reps] == ["error", "ok"]
        assert "HTTP 500" in reps[0].errors[0]
        s = w.state.get(site.base + "/feed.xml")
        assert s.failures == 1 and s.next_poll - time.time() > 15  # 10 s x 2^1
        # while backing off, the feed is not requested again
        n = len(site.requests)
        assert w.poll(site.base + "/feed.xml").status == "backoff" and len(site.requests) == n
        st.close()
    finally:
        other.close()


def test_watch_restart_after_sigterm_stores_each_item_once(site, tmp_path):
    site.items = ["/a1.html", "/a2.html", "/a3.html"]
    db = str(tmp_path / "k.db")
    cmd = [sys.executable, "-c", "from conflictcoder.cli import main; main()", "watch", site.base + "/feed.xml",
           "--db", db, "--interval", "1"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        if os.path.exists(db):
            try:
                if open_store(db).counts()["articles"] >= 1:
                    break
            except Exception:
                pass
        time.sleep(0.5)
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    assert "Traceback" not in err
    r = subprocess.run(cmd + ["--once"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    st = open_store(db)
    assert st.counts()["articles"] == 3
    st.close()


def test_code_url(site):
    r = subprocess.run([sys.executable, "-c", "from conflictcoder.cli import main; main()", "code", site.base + "/a3.html",
                        "--format", "json"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["events"] and data["events"][0]["event_date"] == "2024-03-13"  # the page's date resolved "Wednesday"
    r = subprocess.run([sys.executable, "-c", "from conflictcoder.cli import main; main()", "code", site.base + "/missing"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and "HTTP 404" in r.stderr and "Traceback" not in r.stderr
