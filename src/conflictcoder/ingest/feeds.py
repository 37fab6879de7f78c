"""RSS/Atom polling with feedparser: conditional requests, per-feed state, exponential back-off.

Per-feed state (ETag, Last-Modified, consecutive failures, next allowed poll, item URLs already
handled, failed attempts per item) lives in a small JSON file next to the database (or in the
platformdirs user data directory), rewritten atomically after every change, so a watcher killed
at any moment resumes where it stopped.

The validators of a feed version are committed only once every item of that version has been
handled: a watcher stopped half-way must not be told "304 Not Modified" about the items it has
not stored yet.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field, fields
from typing import Optional
from urllib.parse import urljoin

import httpx

from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchError, fetch

MAX_BACKOFF = 6 * 3600  # seconds; a failing feed is retried at least every 6 hours
MAX_SEEN = 5000  # item URLs remembered per feed
MAX_ITEM_ATTEMPTS = 5  # an item page failing this many polls in a row is given up


@dataclass
class FeedState:
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    failures: int = 0  # consecutive failed polls
    next_poll: float = 0.0  # epoch seconds; only binding while failures > 0 (back-off)
    last_error: Optional[str] = None
    last_ok: Optional[float] = None
    seen: list[str] = field(default_factory=list)  # item URLs already handled (stored or skipped)
    item_failures: dict[str, int] = field(default_factory=dict)  # item URL -> failed attempts

    def backing_off(self, now: float) -> bool:
        return self.failures > 0 and self.next_poll > now


class StateFile:
    """Per-feed state in a JSON file: {"version": 1, "feeds": {url: FeedState}}."""

    def __init__(self, path: str):
        self.path = path
        self.feeds: dict[str, FeedState] = {}
        if os.path.exists(path):
            try:
                with open(path, encoding="utf-8") as fh:
                    raw = json.load(fh)
                names = {f.name for f in fields(FeedState)}
                self.feeds = {k: FeedState(**{a: b for a, b in v.items() if a in names})
                              for k, v in raw.get("feeds", {}).items()}
            except (OSError, ValueError, TypeError, AttributeError):
                self.feeds = {}  # a broken state file only costs re-polling; the store is idempotent

    def get(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        d = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(d, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".feeds-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"version": 1, "feeds": {k: asdict(v) for k, v in self.feeds.items()}}, fh)
            os.replace(tmp, self.path)  # atomic: readers see the old or the new file, never half
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


def default_state_path(db_url: Optional[str]) -> str:
    """`DB.feeds.json` next to an SQLite file; otherwise one file per database URL in the user data dir."""
    if db_url and "://" not in db_url:
        return os.path.abspath(db_url) + ".feeds.json"
    if db_url and db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        return os.path.abspath(db_url[len("sqlite:///"):]) + ".feeds.json"
    import platformdirs

    base = platformdirs.user_data_dir("conflictcoder")
    if not db_url:
        return os.path.join(base, "feeds.json")
    return os.path.join(base, f"feeds-{hashlib.sha256(db_url.encode()).hexdigest()[:12]}.json")


@dataclass
class FeedItem:
    link: str
    title: Optional[str] = None
    published: Optional[dt.date] = None
    guid: Optional[str] = None


@dataclass
class FeedPoll:
    """The outcome of fetching one feed."""
    url: str
    status: str  # ok | not-modified | error | backoff
    items: list[FeedItem] = field(default_factory=list)
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    error: Optional[str] = None


def backoff_seconds(interval: float, failures: int) -> float:
    """interval x 2^failures, at most MAX_BACKOFF."""
    return min(MAX_BACKOFF, interval * (2 ** min(failures, 30)))


def poll_feed(url: str, st: FeedState, *, now: Optional[float] = None, interval: float = 300,
              timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
              http: Optional[httpx.Client] = None, force: bool = False) -> FeedPoll:
    """Fetch and parse one feed conditionally. Records failures/back-off in `st` (the caller saves);
    the new validators are returned, not stored: see `commit`."""
    import feedparser

    now = time.time() if now is None else now
    if st.backing_off(now) and not force:
        return FeedPoll(url, "backoff", error=st.last_error)
    try:
        f = fetch(url, timeout=timeout, max_bytes=max_bytes, etag=st.etag, last_modified=st.last_modified, http=http)
    except FetchError as exc:
        return _failed(url, st, str(exc), now, interval)
    if f.not_modified:
        _succeeded(st, now, interval)
        return FeedPoll(url, "not-modified", etag=st.etag, last_modified=st.last_modified)
    headers = {"content-location": f.url}  # the base for relative item links
    if f.content_type:
        headers["content-type"] = f.content_type
    try:
        parsed = feedparser.parse(f.body, response_headers=headers)
    except Exception as exc:  # feedparser is lenient; be safe anyway
        return _failed(url, st, f"{url}: not an RSS/Atom feed ({type(exc).__name__})", now, interval)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        why = type(parsed.get("bozo_exception")).__name__ if parsed.bozo else "no feed elements"
        return _failed(url, st, f"{url}: not an RSS/Atom feed ({why})", now, interval)
    items: list[FeedItem] = []
    seen_links: set[str] = set()
    for entry in parsed.entries:
        link = _entry_link(entry, f.url)
        if not link or link in seen_links:
            continue
        seen_links.add(link)
        items.append(FeedItem(link=link, title=_clean(entry.get("title")), published=entry_date(entry),
                              guid=entry.get("id")))
    _succeeded(st, now, interval)
    return FeedPoll(url, "ok", items=items, etag=f.etag, last_modified=f.last_modified)


def commit(st: FeedState, poll: FeedPoll) -> None:
    """Remember the validators of a feed version whose items have all been handled."""
    st.etag, st.last_modified = poll.etag, poll.last_modified


def mark_seen(st: FeedState, link: str) -> None:
    if link not in st.seen:
        st.seen = (st.seen + [link])[-MAX_SEEN:]
    st.item_failures.pop(link, None)


def item_failed(st: FeedState, link: str) -> bool:
    """Count a failed attempt at an item; True when it is given up (then it counts as seen)."""
    n = st.item_failures.get(link, 0) + 1
    st.item_failures[link] = n
    if n >= MAX_ITEM_ATTEMPTS:
        mark_seen(st, link)
        return True
    return False


def _succeeded(st: FeedState, now: float, interval: float) -> None:
    st.failures, st.last_error, st.last_ok, st.next_poll = 0, None, now, now + interval


def _failed(url: str, st: FeedState, msg: str, now: float, interval: float) -> FeedPoll:
    st.failures += 1
    st.last_error = msg
    st.next_poll = now + backoff_seconds(interval, st.failures)
    return FeedPoll(url, "error", error=msg)


def _entry_link(entry, base: str) -> Optional[str]:
    link = entry.get("link")
    if not link:
        for ln in entry.get("links") or []:
            if ln.get("href") and ln.get("rel", "alternate") == "alternate":
                link = ln["href"]
                break
    if not link:
        guid = entry.get("id") or ""
        if guid.startswith(("http://", "https://")):
            link = guid
    if not link:
        return None
    link = urljoin(base, link.strip())
    return link if link.startswith(("http://", "https://")) else None


def _clean(s: Optional[str]) -> Optional[str]:
    s = " ".join((s or "").split())
    return s or None


def entry_date(entry) -> Optional[dt.date]:
    """The item's publication (else update) date from the feed."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return dt.date(t.tm_year, t.tm_mon, t.tm_mday)
            except (ValueError, AttributeError, TypeError):
                pass
    return None
