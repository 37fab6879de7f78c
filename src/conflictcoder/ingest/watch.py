"""`conflictcoder watch`: poll RSS/Atom feeds, fetch and code new items, store each exactly once.

- Feeds are polled with conditional requests and back off exponentially when failing
  (see `feeds.py`); a failing feed never holds up the others.
- An item is skipped when its URL is already stored or already handled, or when the text of
  its page has the content hash of a stored article (the store is idempotent by content hash
  in any case, so a lost state file only costs re-fetching).
- The page's own publication date (HTML metadata) anchors relative dates; the feed item's date
  is the fall-back.
- Each item is one `store.add_results` call = one database transaction: an item is stored
  completely or not at all.
- SIGINT/SIGTERM: the item in flight is finished, then the watcher exits cleanly; a second
  signal abandons the item in flight (its transaction is rolled back or never started).
"""
from __future__ import annotations

import collections
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from .feeds import (FeedState, StateFile, backoff_seconds, commit, default_state_path, item_failed,  # noqa: F401
                    mark_seen, poll_feed)
from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchError, client, fetch_article

__all__ = ["Watcher", "PollReport", "default_state_path"]


@dataclass
class PollReport:
    feed: str
    status: str  # ok | not-modified | error | backoff | interrupted
    new: int = 0  # articles stored
    skipped: int = 0  # items already stored/handled (by URL or content hash)
    failed: int = 0  # item pages that could not be fetched/coded/stored (retried at the next poll)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.status in ("error", "backoff"):
            return f"{self.feed}: {self.status}" + (f" ({self.errors[0]})" if self.errors else "")
        s = f"{self.feed}: {self.status}, {self.new} new, {self.skipped} already stored"
        return s + (f", {self.failed} failed" if self.failed else "")


class Watcher:
    def __init__(self, feeds: list[str], store, *, interval: float = 300, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES, state_path: Optional[str] = None,
                 log: Callable[[str], None] = lambda m: None):
        self.feeds = list(dict.fromkeys(feeds))
        self.store = store
        self.interval = interval
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.state = StateFile(state_path or default_state_path(getattr(store, "url", None)))
        self.log = log
        self.stop = threading.Event()
        self._http = None
        self._signals = 0

    @property
    def http(self):
        """One pooled httpx client (re-created after `close`)."""
        if self._http is None or self._http.is_closed:
            self._http = client(self.timeout)
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    # ---------------------------------------------------------------------------- one feed
    def poll(self, url: str, now: Optional[float] = None) -> PollReport:
        now = time.time() if now is None else now
        st = self.state.get(url)
        fp = poll_feed(url, st, now=now, interval=self.interval, timeout=self.timeout, max_bytes=self.max_bytes,
                       http=self.http)
        if fp.status == "backoff":
            return PollReport(url, "backoff", errors=[fp.error] if fp.error else [])
        if fp.status == "error":
            self.state.save()
            self.log(f"conflictcoder: {fp.error} (retry in {st.next_poll - now:.0f} s)")
            return PollReport(url, "error", errors=[fp.error or "failed"])
        if fp.status == "not-modified":
            self.state.save()
            return PollReport(url, "not-modified")
        rep = PollReport(url, "ok")
        pending = False  # an item still to retry: the feed version is not complete
        for item in fp.items:
            if self.stop.is_set():
                rep.status = "interrupted"
                pending = True
                break
            done = self._item(st, item, rep)
            pending = pending or not done
            self.state.save()
        if not pending:
            commit(st, fp)
        self.state.save()
        return rep

    def _item(self, st: FeedState, item, rep: PollReport) -> bool:
        """Handle one feed item; True when it is done with (stored, skipped or given up)."""
        from ..api import code_article
        from ..store import StoreError, content_hash

        link = item.link
        try:
            if link in st.seen or self.store.has_article(url=link):
                mark_seen(st, link)
                rep.skipped += 1
                return True
        except StoreError as exc:
            return self._item_error(st, link, rep, f"conflictcoder: {exc}", retry_only=True)
        try:
            art = fetch_article(link, timeout=self.timeout, max_bytes=self.max_bytes, http=self.http)
        except FetchError as exc:
            return self._item_error(st, link, rep, f"conflictcoder: {exc}")
        art.id = art.url = link  # stored under the feed's link: `has_article(url=link)` finds it next time
        art.published = art.published or item.published  # the page's date first, the feed's as fall-back
        art.title = art.title or item.title
        try:
            if self.store.has_article(content_hash=content_hash(art.text)):
                rep.skipped += 1
            else:
                res = code_article(art)
                out = self.store.add_results([(art, res)])  # one transaction per item
                if out and getattr(out[0], "created", True):
                    rep.new += 1
                else:
                    rep.skipped += 1
        except StoreError as exc:
            return self._item_error(st, link, rep, f"conflictcoder: {exc}", retry_only=True)
        except Exception as exc:  # a coder bug must not stop the watcher; the item is retried, then given up
            return self._item_error(st, link, rep, f"conflictcoder: {link}: cannot code ({type(exc).__name__}: {exc})")
        mark_seen(st, link)
        return True

    def _item_error(self, st: FeedState, link: str, rep: PollReport, msg: str, retry_only: bool = False) -> bool:
        msg = " ".join(msg.split())
        rep.failed += 1
        rep.errors.append(msg)
        if not retry_only and item_failed(st, link):
            self.log(f"{msg} (given up after {st.item_failures.get(link, 0) or 'several'} attempts)")
            return True
        self.log(f"{msg} (retried at the next poll)")
        return False

    # ---------------------------------------------------------------------------- loop
    def _on_signal(self, signum, frame) -> None:
        self._signals += 1
        if self._signals == 1:
            self.stop.set()
            self.log("conflictcoder: stopping after the item in flight (signal again to abandon it)")
        else:
            raise KeyboardInterrupt  # abandon: the item's transaction is rolled back or never begun

    def run(self, once: bool = False) -> list[PollReport]:
        """Poll the feeds (once, or every `interval` s until stopped). Returns the poll reports
        (the last 1000 in loop mode)."""
        reports: collections.deque[PollReport] = collections.deque(maxlen=None if once else 1000)
        handlers = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                handlers[sig] = signal.signal(sig, self._on_signal)
        due = {u: 0.0 for u in self.feeds}
        try:
            while not self.stop.is_set():
                for url in self.feeds:
                    if self.stop.is_set():
                        break
                    now = time.time()
                    if not once and due[url] > now:
                        continue
                    r = self.poll(url, now)
                    reports.append(r)
                    if r.status in ("ok", "not-modified", "interrupted") or (r.status == "backoff" and once):
                        self.log(r.line())  # errors were logged by `poll`
                    st = self.state.get(url)
                    due[url] = st.next_poll if st.failures else time.time() + self.interval
                if once:
                    break
                wait = max(0.0, min(due.values()) - time.time())
                self.stop.wait(min(wait, 60.0))
        finally:
            for sig, h in handlers.items():
                signal.signal(sig, h)
            self.close()
        return list(reports)


__all__ += ["backoff_seconds"]
