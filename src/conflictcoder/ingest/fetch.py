"""Fetching pages and feeds over HTTP(S) with httpx: timeouts, a streamed size cap, a redirect
limit, conditional requests, and one-line errors."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import httpx

from .. import __version__
from ..inputs import InputError, read_text_bytes
from ..models import Article

USER_AGENT = f"conflictcoder/{__version__} (+https://pypi.org/project/conflictcoder/)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5_000_000


class FetchError(Exception):
    """A fetch that failed, with a one-line reason."""

    def __init__(self, url: str, message: str, status: Optional[int] = None):
        self.url = url
        self.status = status
        super().__init__(f"{url}: {message}")


@dataclass
class Fetched:
    url: str  # final URL after redirects
    status: int
    body: bytes
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def client(timeout: float = DEFAULT_TIMEOUT) -> httpx.Client:
    return httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), follow_redirects=True,
                        max_redirects=5, headers={"User-Agent": USER_AGENT})


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
          etag: Optional[str] = None, last_modified: Optional[str] = None,
          http: Optional[httpx.Client] = None) -> Fetched:
    """GET `url`; a body over `max_bytes` is refused while streaming (never fully downloaded)."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = http is None
    http = http or client(timeout)
    try:
        with http.stream("GET", url, headers=headers) as r:
            if r.status_code == 304:
                return Fetched(str(r.url), 304, b"", etag, last_modified)
            if r.status_code >= 400:
                raise FetchError(url, f"HTTP {r.status_code} {r.reason_phrase}".strip(), r.status_code)
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, f"too large ({int(declared):,} bytes; limit {max_bytes:,})")
            chunks, size = [], 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(url, f"too large (over {max_bytes:,} bytes)")
                chunks.append(chunk)
            return Fetched(str(r.url), r.status_code, b"".join(chunks), r.headers.get("etag"),
                           r.headers.get("last-modified"), r.headers.get("content-type", ""))
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out after {timeout:g} s")
    except httpx.TooManyRedirects:
        raise FetchError(url, "too many redirects")
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"invalid URL ({exc})")
    except httpx.HTTPError as exc:
        raise FetchError(url, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'connection failed'}")
    finally:
        if own:
            http.close()


def fetch_article(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                  http: Optional[httpx.Client] = None) -> Article:
    """Download a page and extract its main text, title, date and outlet (trafilatura)."""
    f = fetch(url, timeout=timeout, max_bytes=max_bytes, http=http)
    is_html = "html" in f.content_type.lower() or None
    try:
        art = read_text_bytes(f.body, f.url, is_html=is_html)
    except InputError as exc:
        raise FetchError(url, exc.message)
    art.url = art.url or f.url
    art.id = f.url
    return art
