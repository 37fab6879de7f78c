"""Web ingestion against real HTTP servers on loopback (127.0.0.1, port 0): fetch errors
(timeouts, redirects, oversized bodies), feeds whose items change between polls, conditional
requests (If-None-Match / If-Modified-Since and 304), failing feeds backing off while others go
on, exactly-once storage across watcher restarts (also after SIGTERM, once or twice), and
`conflictcoder code URL`. All pages and feeds are invented for these tests."""
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

from conflictcoder.ingest.feeds import MAX_ITEM_ATTEMPTS, StateFile
from conflictcoder.ingest.fetch import FetchError, fetch, fetch_article
from conflictcoder.ingest.watch import Watcher
from conflictcoder.store import open_store

CLI = [sys.executable, "-c", "from conflictcoder.cli import main; main()"]

# path -> (title, body, publication date in the page's metadata or None)
PAGES = {
    "/a1.html": ("Gefechte bei Gao", "Am Montag griffen Bewaffnete einen Armeeposten nahe der Stadt Gao an. "
                 "Nach Armeeangaben wurden drei Soldaten getötet.", "2024-03-13"),
    "/a2.html": ("Protest in Dakar", "On Tuesday, thousands of students marched through Dakar to demand lower fees. "
                 "Police fired tear gas to disperse them.", "2024-03-13"),
    "/a3.html": ("Drone strike", "A drone strike hit a market in the town of Maiduguri on Wednesday, killing five "
                 "civilians, local officials said.", "2024-03-13"),
    "/a4.html": ("Anschlag in Mogadischu", "Bei einem Bombenanschlag auf ein Café in Mogadischu sind am Montag "
                 "mindestens sieben Menschen ums Leben gekommen, teilte die Polizei mit.", None),
    # the same report under a second address (tracking parameter): skipped by content hash
    "/a1-copy.html": ("Gefechte bei Gao", "Am Montag griffen Bewaffnete einen Armeeposten nahe der Stadt Gao an. "
                      "Nach Armeeangaben wurden drei Soldaten getötet.", "2024-03-13"),
}
FEED_DATE = "Wed, 13 Mar 2024 08:00:00 GMT"


def page_html(title: str, body: str, date: str | None) -> bytes:
    meta = f"<meta property='article:published_time' content='{date}'>" if date else ""
    return (f"<html><head><title>{title}</title>{meta}<meta property='og:site_name' content='Loopback News'>"
            f"</head><body><nav>Home | World</nav><article><h1>{title}</h1><p>{body}</p></article>"
            f"<footer>(c) Loopback</footer></body></html>").encode()


def rss(base: str, items: list[str], date: str = FEED_DATE) -> bytes:
    entries = "".join(f"<item><title>{PAGES.get(p, ('Gone',))[0]}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
                      f"<pubDate>{date}</pubDate></item>" for p in items)
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Loopback</title>{entries}</channel></rss>".encode()


def atom(items: list[str]) -> bytes:  # relative links, resolved against the feed's URL
    entries = "".join(f"<entry><title>{PAGES.get(p, ('Gone',))[0]}</title><link href='{p.lstrip('/')}'/><id>urn:x:{p}</id>"
                      f"<updated>2024-03-13T08:00:00Z</updated></entry>" for p in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>L</title>"
            f"<id>urn:x</id><updated>2024-03-13T08:00:00Z</updated>{entries}</feed>").encode()


class Site:
    """A small news site on loopback whose feed, validators and failures the tests change."""

    def __init__(self):
        self.items = ["/a1.html"]
        self.feed_date = FEED_DATE
        self.requests: list[tuple[str, dict]] = []
        self.status = {}  # path -> forced HTTP status
        self.delay = {}  # path -> seconds before answering
        self.etag = '"v1"'
        self.last_modified = "Wed, 13 Mar 2024 09:00:00 GMT"
        site = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def send(self, code: int, body: bytes = b"", ctype: str = "text/plain", headers: dict | None = None):
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                try:
                    self._get()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size cap): expected here

            def _get(self):
                path = self.path
                site.requests.append((path, dict(self.headers)))
                if site.delay.get(path):
                    time.sleep(site.delay[path])
                base = f"http://127.0.0.1:{site.port}"
                if path in site.status:
                    return self.send(site.status[path], b"failure")
                if path == "/feed.xml":
                    if self.headers.get("If-None-Match") == site.etag:
                        return self.send(304)
                    return self.send(200, rss(base, site.items, site.feed_date), "application/rss+xml",
                                     {"ETag": site.etag})
                if path == "/feed-lm.xml":
                    if self.headers.get("If-Modified-Since") == site.last_modified:
                        return self.send(304)
                    return self.send(200, rss(base, site.items, site.feed_date), "application/rss+xml",
                                     {"Last-Modified": site.last_modified})
                if path == "/atom/feed.atom":
                    return self.send(200, atom(site.items), "application/atom+xml")
                if path.startswith("/atom/") and path[5:] in PAGES:
                    return self.send(200, page_html(*PAGES[path[5:]]), "text/html; charset=utf-8")
                if path in PAGES:
                    return self.send(200, page_html(*PAGES[path]), "text/html; charset=utf-8")
                if path == "/latin1.html":
                    body = page_html("Zusammenstöße in Köln", "Am Samstag kam es in Köln zu Zusammenstößen zwischen "
                                     "Demonstranten und der Polizei; zwölf Menschen wurden verletzt.", "2024-05-04")
                    return self.send(200, body.decode().encode("iso-8859-1"), "text/html; charset=ISO-8859-1")
                if path == "/mislabelled.html":  # UTF-8 bytes declared as ISO-8859-1 (a common server default)
                    body = page_html("Gefechte in Süd-Kordofan", "Bei Gefechten in Süd-Kordofan wurden am Donnerstag "
                                     "nach Angaben von Ärzten fünfzehn Menschen getötet.", "2024-05-02")
                    return self.send(200, body, "text/html; charset=ISO-8859-1")
                if path == "/moved":
                    return self.send(301, headers={"Location": "/a2.html"})
                if path == "/feed-moved.xml":
                    return self.send(302, headers={"Location": "/feed.xml"})
                if path == "/loop":
                    return self.send(302, headers={"Location": "/loop"})
                if path == "/notafeed.xml":
                    return self.send(200, b"just some words, no feed", "text/plain")
                if path == "/huge":  # chunked, no Content-Length: refused while streaming
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for _ in range(300):
                        self.wfile.write(b"<p>" + b"x" * 10000 + b"</p>")
                    return
                if path == "/huge-declared":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", "50000000")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(b"<p>" + b"y" * 1000)
                    return
                if path == "/drip":  # one byte every 0.1 s: no single read times out
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for _ in range(60):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.1)
                    return
                return self.send(404, b"not found")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def hits(self, path: str) -> list[dict]:
        return [h for p, h in self.requests if p == path]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def _one_line(exc_info) -> str:
    msg = str(exc_info.value)
    assert "\n" not in msg and "Traceback" not in msg
    return msg


# ------------------------------------------------------------------------------------------ fetch


def test_fetch_errors_are_one_line(site):
    with pytest.raises(FetchError, match="HTTP 404") as e:
        fetch(site.base + "/missing")
    assert e.value.status == 404 and _one_line(e).startswith(site.base)
    with pytest.raises(FetchError, match="timed out") as e:
        site.delay["/a1.html"] = 2
        fetch(site.base + "/a1.html", timeout=0.4)
    _one_line(e)
    with pytest.raises(FetchError, match="timed out") as e:  # a slow drip hits the overall deadline
        t0 = time.monotonic()
        fetch(site.base + "/drip", timeout=0.5)
    assert time.monotonic() - t0 < 4
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(site.base + "/loop")
    with pytest.raises(FetchError, match="too large") as e:
        fetch(site.base + "/huge", max_bytes=100_000)
    _one_line(e)
    with pytest.raises(FetchError, match="too large .50,000,000 bytes"):
        fetch(site.base + "/huge-declared", max_bytes=100_000)
    with pytest.raises(FetchError, match="not an http"):
        fetch("file:///etc/passwd")
    closed = Site()
    closed.close()
    with pytest.raises(FetchError, match="cannot connect") as e:
        fetch(closed.base + "/x", timeout=2)
    _one_line(e)


def test_fetch_article_follows_redirects_and_extracts(site):
    art = fetch_article(site.base + "/moved")
    assert "Dakar" in art.text and "Home | World" not in art.text and "(c) Loopback" not in art.text
    assert art.id == site.base + "/moved" and art.url == site.base + "/a2.html"
    assert str(art.published) == "2024-03-13" and art.title == "Protest in Dakar" and art.outlet == "Loopback News"
    # the HTTP charset decides the decoding
    art = fetch_article(site.base + "/latin1.html")
    assert "Zusammenstößen" in art.text and "Köln" in art.text and str(art.published) == "2024-05-04"
    art = fetch_article(site.base + "/mislabelled.html")
    assert "Süd-Kordofan" in art.text and "Ärzten" in art.text
    with pytest.raises(FetchError, match="/missing: HTTP 404"):
        fetch_article(site.base + "/missing")


# ------------------------------------------------------------------------------------------ watch


def test_watch_etag_304_and_items_changing_between_polls(site, tmp_path):
    st = open_store(str(tmp_path / "w.db"))
    state = str(tmp_path / "state.json")
    feed = site.base + "/feed.xml"
    r1 = Watcher([feed], st, interval=60, state_path=state).run(once=True)
    assert [(r.status, r.new) for r in r1] == [("ok", 1)]
    assert "If-None-Match" not in site.hits("/feed.xml")[-1]
    # second poll (a restarted watcher): the ETag is sent and the 304 honoured
    r2 = Watcher([feed], st, interval=60, state_path=state).run(once=True)
    assert r2[0].status == "not-modified"
    assert site.hits("/feed.xml")[-1].get("If-None-Match") == '"v1"'
    # the feed changes: only the new items are fetched and stored
    site.items, site.etag = ["/a2.html", "/a1.html", "/a4.html"], '"v2"'
    r3 = Watcher([feed], st, interval=60, state_path=state).run(once=True)
    assert (r3[0].status, r3[0].new, r3[0].skipped) == ("ok", 2, 1)
    assert st.counts()["articles"] == 3
    assert len(site.hits("/a1.html")) == 1  # a1 was never fetched again
    st.close()


def test_watch_last_modified_304(site, tmp_path):
    st = open_store(str(tmp_path / "w.db"))
    w = Watcher([site.base + "/feed-lm.xml"], st, interval=60, state_path=str(tmp_path / "s.json"))
    assert w.poll(site.base + "/feed-lm.xml").status == "ok"
    assert w.poll(site.base + "/feed-lm.xml").status == "not-modified"
    assert site.hits("/feed-lm.xml")[-1].get("If-Modified-Since") == site.last_modified
    site.last_modified = "Thu, 14 Mar 2024 09:00:00 GMT"
    site.items = ["/a1.html", "/a3.html"]
    r = w.poll(site.base + "/feed-lm.xml")
    assert (r.status, r.new, r.skipped) == ("ok", 1, 1)
    st.close()


def test_failing_feeds_back_off_while_others_go_on(site, tmp_path):
    other = Site()
    try:
        st = open_store(str(tmp_path / "w.db"))
        state = str(tmp_path / "s.json")
        site.status["/feed.xml"] = 500
        site.delay["/slow.xml"] = 2
        feeds = [site.base + "/feed.xml", site.base + "/slow.xml", site.base + "/notafeed.xml", other.base + "/feed.xml"]
        w = Watcher(feeds, st, interval=10, timeout=0.5, state_path=state)
        t0 = time.time()
        reps = w.run(once=True)
        t1 = time.time()
        assert [r.status for r in reps] == ["error", "error", "error", "ok"]
        assert "HTTP 500" in reps[0].errors[0] and "timed out" in reps[1].errors[0]
        assert "not an RSS/Atom feed" in reps[2].errors[0] and reps[3].new == 1
        s = w.state.get(feeds[0])
        assert s.failures == 1 and t0 + 20 <= s.next_poll <= t1 + 20  # 10 s x 2^1
        # the back-off is persisted: a restarted watcher does not ask the failing feed again
        n = len(site.hits("/feed.xml"))
        w2 = Watcher(feeds[:1], st, interval=10, state_path=state)
        assert w2.run(once=True)[0].status == "backoff" and len(site.hits("/feed.xml")) == n
        # when the back-off is over and it fails again, the wait doubles
        s2 = w2.state.get(feeds[0])
        s2.next_poll = 0
        t0 = time.time()
        assert w2.poll(feeds[0]).status == "error"
        assert s2.failures == 2 and t0 + 40 <= s2.next_poll <= time.time() + 40
        # recovery resets the failures
        del site.status["/feed.xml"]
        s2.next_poll = 0
        assert w2.poll(feeds[0]).status == "ok" and s2.failures == 0
        assert StateFile(state).get(feeds[0]).failures == 0
        st.close()
    finally:
        other.close()


def test_failed_items_are_retried_and_the_feed_version_not_committed(site, tmp_path):
    st = open_store(str(tmp_path / "w.db"))
    site.items = ["/a1.html", "/a3.html"]
    site.status["/a3.html"] = 503
    feed = site.base + "/feed.xml"
    w = Watcher([feed], st, interval=60, state_path=str(tmp_path / "s.json"))
    r = w.poll(feed)
    assert (r.new, r.failed) == (1, 1) and "HTTP 503" in r.errors[0]
    # the ETag is not committed while an item is pending: the next poll gets the full feed again
    r = w.poll(feed)
    assert r.status == "ok" and "If-None-Match" not in site.hits("/feed.xml")[-1] and len(site.hits("/a1.html")) == 1
    del site.status["/a3.html"]
    r = w.poll(feed)
    assert (r.new, r.skipped, r.failed) == (1, 1, 0)
    assert w.poll(feed).status == "not-modified"
    # an item that keeps failing is given up after a few polls, then the version is committed
    site.items, site.etag = ["/gone.html"], '"v3"'
    for _ in range(MAX_ITEM_ATTEMPTS):
        assert w.poll(feed).failed == 1
    assert w.poll(feed).status == "not-modified"
    st.close()


def test_once_twice_exactly_once_dates_and_content_hash(site, tmp_path):
    """--once twice (also with the state file lost): each report stored once; the same text under
    another URL is skipped by content hash; the page's date wins over the feed's, which is the fall-back."""
    db = str(tmp_path / "w.db")
    state = tmp_path / "s.json"
    site.items = ["/a2.html", "/a4.html", "/a1.html", "/a1-copy.html"]
    site.feed_date = "Fri, 10 May 2024 08:00:00 GMT"
    for run in range(3):
        if run == 2:
            state.unlink()  # a lost state file: the store still keeps every item once
        st = open_store(db)
        reps = Watcher([site.base + "/feed.xml"], st, interval=60, state_path=str(state)).run(once=True)
        counts = st.counts()
        if run == 0:
            assert (reps[0].new, reps[0].skipped) == (3, 1)
            first = counts
        else:
            assert reps[0].new == 0 and counts == first
        st.close()
    st = open_store(db)
    rows = st.query_events(__import__("conflictcoder.store", fromlist=["EventFilter"]).EventFilter(), limit=50)
    dates = {r["country"]: r["event_date"] for r in rows}
    st.close()
    assert str(dates.get("Senegal")) == "2024-03-12"  # "On Tuesday" in a page dated 2024-03-13
    assert str(dates.get("Somalia")) == "2024-05-06"  # "am Montag", no page date: the feed's Fri 10 May 2024


def test_atom_feed_with_relative_links_and_redirected_feed(site, tmp_path):
    st = open_store(str(tmp_path / "w.db"))
    site.items = ["/a2.html"]
    w = Watcher([site.base + "/atom/feed.atom"], st, interval=60, state_path=str(tmp_path / "s.json"))
    assert [(r.status, r.new) for r in w.run(once=True)] == [("ok", 1)]
    assert st.has_article(url=site.base + "/atom/a2.html")
    site.items = ["/a3.html"]
    w = Watcher([site.base + "/feed-moved.xml"], st, interval=60, state_path=str(tmp_path / "s.json"))
    assert [(r.status, r.new) for r in w.run(once=True)] == [("ok", 1)]
    assert st.has_article(url=site.base + "/a3.html")
    st.close()


def _wait_for(pred, timeout: float, what: str):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_watcher_killed_with_sigterm_then_restarted_stores_each_item_once(site, tmp_path):
    site.items = ["/a1.html", "/a2.html", "/a3.html"]
    site.delay["/a2.html"] = 1.5
    db = str(tmp_path / "k.db")
    cmd = CLI + ["watch", site.base + "/feed.xml", "--db", db, "--interval", "1", "--timeout", "30"]
    # 1) SIGTERM while a2 is in flight: a2 is finished and stored, a3 never fetched, exit 0
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: site.hits("/a2.html") or p.poll() is not None, 180, "the watcher to fetch a2")
        p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=120)
    finally:
        p.kill()
    assert p.returncode == 0, err
    assert "Traceback" not in err and "stopping after the item in flight" in err
    st = open_store(db)
    assert st.counts()["articles"] == 2 and not site.hits("/a3.html")
    st.close()
    # 2) two signals while a3 is in flight: abandoned at once, nothing stored, exit 130
    site.delay["/a3.html"] = 20
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: site.hits("/a3.html") or p.poll() is not None, 120, "the watcher to fetch a3")
        t0 = time.time()
        p.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=60)
    finally:
        p.kill()
    assert p.returncode == 130 and time.time() - t0 < 10, err
    assert "Traceback" not in err and "abandoned" in err
    st = open_store(db)
    assert st.counts()["articles"] == 2
    st.close()
    # 3) restarted with --once (twice): a3 is stored, then nothing more
    site.delay.clear()
    r = subprocess.run(cmd + ["--once"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "1 new articles stored" in r.stderr, r.stderr
    r = subprocess.run(cmd + ["--once"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "0 new articles stored" in r.stderr and "not-modified" in r.stderr, r.stderr
    st = open_store(db)
    assert st.counts()["articles"] == 3
    for p_ in ("/a1.html", "/a2.html", "/a3.html"):
        assert st.has_article(url=site.base + p_)
    st.close()
    assert len(site.hits("/a1.html")) == 1 and len(site.hits("/a2.html")) == 1


def test_watch_cli_errors_are_one_line(tmp_path):
    r = subprocess.run(CLI + ["watch", "ftp://example.invalid/feed", "--db", str(tmp_path / "x.db"), "--once"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "not an http(s) URL" in r.stderr and "Traceback" not in r.stderr


def test_code_url(site):
    r = subprocess.run(CLI + ["code", site.base + "/a3.html", "--format", "json"], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["id"] == site.base + "/a3.html"
    ev = data["events"][0]
    assert ev["event_date"] == "2024-03-13"  # the page's date resolved "on Wednesday"
    assert ev["country"] == "Nigeria"
    r = subprocess.run(CLI + ["code", site.base + "/missing"], capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[0] == f"conflictcoder: {site.base}/missing: HTTP 404 Not Found"
