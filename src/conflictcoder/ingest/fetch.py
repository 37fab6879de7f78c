"""Fetching pages and feeds over HTTP(S) with httpx: connect/read timeouts, an overall deadline,
a streamed size cap, a redirect limit, conditional requests, and one-line errors (FetchError)."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Optional

import httpx

from .. import __version__
from ..inputs import InputError, read_text_bytes
from ..models import Article

USER_AGENT = f"conflictcoder/{__version__} (+https://pypi.org/project/conflictcoder/)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
DEADLINE_FACTOR = 3  # the whole response must arrive within timeout x 3 (a slow drip never times out per read)


class FetchError(Exception):
    """A fetch that failed. `str(exc)` is one line: "URL: reason"; `reason` is the reason alone."""

    def __init__(self, url: str, message: str, status: Optional[int] = None):
        self.url = url
        self.reason = " ".join(str(message).split())  # always one line
        self.status = status
        super().__init__(f"{url}: {self.reason}")

    def __reduce__(self):
        return (FetchError, (self.url, self.reason, self.status))


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

    @property
    def charset(self) -> Optional[str]:
        for part in self.content_type.split(";")[1:]:
            k, _, v = part.strip().partition("=")
            if k.strip().lower() == "charset" and v.strip():
                return v.strip().strip("\"'")
        return None


def client(timeout: float = DEFAULT_TIMEOUT) -> httpx.Client:
    """An httpx client: connect timeout <= 10 s, read/write timeout `timeout`, at most 5 redirects."""
    return httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), follow_redirects=True,
                        max_redirects=MAX_REDIRECTS, headers={"User-Agent": USER_AGENT})


def _check_url(url: str) -> None:
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(url, "not an http(s) URL")


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
          etag: Optional[str] = None, last_modified: Optional[str] = None,
          http: Optional[httpx.Client] = None) -> Fetched:
    """GET `url`. A body over `max_bytes` is refused while streaming (never fully downloaded);
    with `etag`/`last_modified` the request is conditional and a 304 gives `not_modified`."""
    _check_url(url)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = http is None
    http = http or client(timeout)
    deadline = time.monotonic() + timeout * DEADLINE_FACTOR
    try:
        with http.stream("GET", url, headers=headers) as r:
            if r.status_code == 304:
                return Fetched(str(r.url), 304, b"", etag, last_modified)
            if r.status_code >= 400:
                raise FetchError(url, f"HTTP {r.status_code} {r.reason_phrase}".strip(), r.status_code)
            if r.status_code >= 300:  # a redirect without a usable Location
                raise FetchError(url, f"HTTP {r.status_code} redirect without a usable Location", r.status_code)
            declared = r.headers.get("content-length", "").strip()
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, f"too large ({int(declared):,} bytes; limit {max_bytes:,})")
            chunks, size = [], 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(url, f"too large (over {max_bytes:,} bytes)")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"timed out (response not complete after {timeout * DEADLINE_FACTOR:g} s)")
                chunks.append(chunk)
            return Fetched(str(r.url), r.status_code, b"".join(chunks), r.headers.get("etag"),
                           r.headers.get("last-modified"), r.headers.get("content-type", ""))
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise FetchError(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(url, f"invalid URL ({exc})") from None
    except httpx.ConnectError as exc:
        raise FetchError(url, f"cannot connect ({_first_line(exc) or 'connection refused'})") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"{type(exc).__name__}: {_first_line(exc) or 'connection failed'}") from None
    finally:
        if own:
            http.close()


def _first_line(exc: BaseException) -> str:
    s = str(exc).strip()
    return s.splitlines()[0] if s else ""


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def article_from_response(f: Fetched, url: Optional[str] = None) -> Article:
    """Extract main text, title, date and outlet of a fetched page (trafilatura via conflictcoder.inputs).

    A body that is valid UTF-8 is read as UTF-8 (servers often declare ISO-8859-1 for UTF-8 pages);
    otherwise the HTTP charset, when declared and valid, decides; otherwise it is detected."""
    ctype = f.content_type.lower()
    is_html = True if "html" in ctype else (False if ctype.startswith("text/plain") else None)
    body = f.body
    cs = f.charset
    if cs and cs.lower().replace("_", "-") not in ("utf-8", "utf8") and not _is_utf8(body):
        try:
            body = body.decode(cs).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: detect instead
    try:
        art = read_text_bytes(body, f.url, is_html=is_html)
    except InputError as exc:
        raise FetchError(url or f.url, exc.message) from None
    art.id = url or f.url
    art.url = f.url  # the final URL after redirects
    art.outlet = art.outlet or httpx.URL(f.url).host or None
    return art


def fetch_article(url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES, *,
                  http: Optional[httpx.Client] = None) -> Article:
    """Download a page and turn it into an Article: id = the requested URL, url = the final URL
    after redirects; text, title, publication date and outlet extracted from the HTML (the
    publication date then anchors relative dates such as "on Monday"). Raises FetchError (one line)."""
    return article_from_response(fetch(url, timeout=timeout, max_bytes=max_bytes, http=http), url)
