"""`conflictcoder watch`: poll RSS/Atom feeds, code new items, store them exactly once.

- Feeds are parsed with feedparser and fetched with httpx using conditional requests
  (ETag / If-None-Match, Last-Modified / If-Modified-Since); per-feed state (validators,
  failures, next poll time) is kept in a JSON file next to the database (or in the user data
  directory), written atomically.
- An item is skipped when its URL is already stored, or when its text's content hash is
  (the store is idempotent by content hash in any case).
- A failing feed backs off exponentially (interval x 2^failures, at most 6 h); other feeds go on.
- SIGINT/SIGTERM: the in-flight item is finished (each item is one database transaction, so an
  item is stored completely or not at all), then the watcher exits cleanly.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchError, client, fetch, fetch_article

MAX_BACKOFF = 6 * 3600


@dataclass
class FeedState:
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    failures: int = 0
    next_poll: float = 0.0
    last_error: Optional[str] = None
    seen: list[str] = field(default_factory=list)  # item URLs already handled (bounded)


class StateFile:
    def __init__(self, path: str):
        self.path = path
        self.feeds: dict[str, FeedState] = {}
        if os.path.exists(path):
            try:
                with open(path, encoding="utf-8") as fh:
                    raw = json.load(fh)
                self.feeds = {k: FeedState(**v) for k, v in raw.get("feeds", {}).items()}
            except (OSError, ValueError, TypeError):
                self.feeds = {}  # a broken state file only costs re-polling; the store dedupes

    def get(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        d = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(d, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"feeds": {k: v.__dict__ for k, v in self.feeds.items()}}, fh)
        os.replace(tmp, self.path)  # atomic


def default_state_path(db_url: Optional[str]) -> str:
    if db_url and "://" not in db_url:
        return os.path.abspath(db_url) + ".feeds.json"
    if db_url and db_url.startswith("sqlite:///"):
        return db_url[len("sqlite:///"):] + ".feeds.json"
    import platformdirs

    return os.path.join(platformdirs.user_data_dir("conflictcoder"), "feeds.json")


@dataclass
class PollReport:
    feed: str
    status: str  # ok | not-modified | error | backoff
    new: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


class Watcher:
    def __init__(self, feeds: list[str], store, *, interval: float = 300, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES, state_path: Optional[str] = None,
                 log: Callable[[str], None] = lambda m: None):
        self.feeds = feeds
        self.store = store
        self.interval = interval
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.state = StateFile(state_path or default_state_path(None))
        self.log = log
        self.stop = threading.Event()
        self.http = client(timeout)

    # ---------------------------------------------------------------------------- one feed
    def poll(self, url: str, now: Optional[float] = None) -> PollReport:
        import feedparser

        from ..api import code_article
        from ..store import content_hash

        now = time.time() if now is None else now
        st = self.state.get(url)
        if st.failures and st.next_poll > now:
            return PollReport(url, "backoff")  # a failing feed waits; healthy feeds follow the loop's interval
        try:
            f = fetch(url, timeout=self.timeout, max_bytes=self.max_bytes, etag=st.etag, last_modified=st.last_modified,
                      http=self.http)
        except FetchError as exc:
            return self._failed(url, st, str(exc), now)
        if f.not_modified:
            st.failures, st.last_error, st.next_poll = 0, None, now + self.interval
            self.state.save()
            return PollReport(url, "not-modified")
        parsed = feedparser.parse(f.body)
        if parsed.bozo and not parsed.entries:
            return self._failed(url, st, f"{url}: not an RSS/Atom feed ({type(parsed.bozo_exception).__name__})", now)
        # the validators are committed only once every item of this version is handled: a watcher
        # stopped half-way must not get a 304 for the items it has not stored yet
        rep = PollReport(url, "ok")
        seen = set(st.seen)
        for entry in parsed.entries:
            if self.stop.is_set():
                break
            link = entry.get("link")
            if not link:
                continue
            if link in seen or self.store.has_article(url=link):
                rep.skipped += 1
                seen.add(link)
                continue
            try:
                art = fetch_article(link, timeout=self.timeout, max_bytes=self.max_bytes, http=self.http)
            except FetchError as exc:
                rep.errors.append(str(exc))
                self.log(f"conflictcoder: {exc}")
                continue  # retried at the next poll
            art.url = link
            if art.published is None:
                art.published = _entry_date(entry)
            art.title = art.title or entry.get("title")
            if self.store.has_article(content_hash=content_hash(art.text)):
                rep.skipped += 1
            else:
                res = code_article(art)
                self.store.add_results([(art, res)])  # one transaction per item
                rep.new += 1
            seen.add(link)
            st.seen = (st.seen + [link])[-5000:]
            self.state.save()
        if not self.stop.is_set() and not rep.errors:
            st.etag, st.last_modified = f.etag, f.last_modified
        st.failures, st.last_error, st.next_poll = 0, None, now + self.interval
        self.state.save()
        return rep

    def _failed(self, url: str, st: FeedState, msg: str, now: float) -> PollReport:
        st.failures += 1
        st.last_error = msg
        st.next_poll = now + min(MAX_BACKOFF, self.interval * (2 ** st.failures))
        self.state.save()
        self.log(f"conflictcoder: {msg} (retry in {st.next_poll - now:.0f} s)")
        return PollReport(url, "error", errors=[msg])

    # ---------------------------------------------------------------------------- loop
    def run(self, once: bool = False) -> list[PollReport]:
        reports: list[PollReport] = []
        handlers = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                handlers[sig] = signal.signal(sig, lambda *_: self.stop.set())
        try:
            while not self.stop.is_set():
                for url in self.feeds:
                    if self.stop.is_set():
                        break
                    r = self.poll(url)
                    reports.append(r)
                    if r.status in ("ok", "not-modified"):
                        self.log(f"{url}: {r.status}, {r.new} new, {r.skipped} already stored")
                if once:
                    break
                self.stop.wait(min(self.interval, 30) if any(self.state.get(u).failures for u in self.feeds) else self.interval)
        finally:
            for sig, h in handlers.items():
                signal.signal(sig, h)
            self.http.close()
        return reports


def _entry_date(entry) -> Optional[dt.date]:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            try:
                return dt.date(t.tm_year, t.tm_mon, t.tm_mday)
            except (ValueError, AttributeError):
                pass
    return None
