"""Input readers: files, directories, JSON/JSONL(.gz) record streams and standard input.

Everything a user may point conflictcoder at becomes a stream of `Article` objects, or of
`InputError` objects for the inputs that cannot be read (one per bad file or bad JSONL line).
Readers never raise for bad input and never stop at a bad record; callers decide what to do
with the errors. Memory stays constant in the corpus size: JSONL is streamed line by line and
directories are walked lazily.

Hostile input handled here: empty files, binary files (NUL bytes, control-character noise,
known magic numbers), undeclared encodings (UTF-8 with/without BOM, UTF-16 with BOM, cp1252,
latin-1... via charset-normalizer), control characters and bidi/zero-width marks (removed),
HTML (main text, title, date and outlet via trafilatura, with a stdlib fallback that survives
deeply nested markup), texts over the size limit (refused or truncated, always reported),
broken JSONL lines, bad dates and corrupt gzip streams.

Evidence offsets produced downstream index the *returned* `Article.text` (the cleaned text).
"""
from __future__ import annotations

import codecs
import datetime as dt
import gzip
import html as html_lib
import io
import json
import logging
import os
import re
import sys
import unicodedata
import zlib
from html.parser import HTMLParser
from typing import IO, Callable, Iterable, Iterator, Optional, Union

from .models import Article

log = logging.getLogger(__name__)

MAX_CHARS = 2_000_000  # default text size limit (characters), same as the pipeline's
TEXT_EXTENSIONS = (".txt", ".md", ".text")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
DIR_EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl", ".jsonl.gz", ".md")
INPUT_FORMATS = ("auto", "text", "html", "json", "jsonl")
OVERSIZE_POLICIES = ("truncate", "refuse")
STDIN_LABEL = "stdin"

WarnFn = Callable[[str, str], None]


class InputError(Exception):
    """An input that cannot be coded. `doc_id` names it, `message` says what to fix (one line)."""

    def __init__(self, doc_id: Optional[str], message: str):
        self.doc_id = doc_id
        self.message = " ".join(str(message).split())  # always one line
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.doc_id}: {self.message}" if self.doc_id else self.message

    def __repr__(self) -> str:
        return f"InputError({self.doc_id!r}, {self.message!r})"

    def __reduce__(self):  # picklable for multiprocessing / Dask
        return (InputError, (self.doc_id, self.message))


def _default_warn(doc_id: str, message: str) -> None:
    log.warning("%s: %s", doc_id, message)


# --------------------------------------------------------------------------------------
# Text cleaning
# --------------------------------------------------------------------------------------

# Invisible formatting characters that break matching: bidi embeddings/overrides/isolates,
# directional marks, zero-width space, word joiner, BOM, soft hyphen, Mongolian vowel separator.
_INVISIBLE = [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
              0x200B, 0x2060, 0xFEFF, 0x00AD, 0x180E]
_CONTROL = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + [0x7F, *range(0x80, 0xA0)]
_CLEAN_TABLE = {c: None for c in (*_CONTROL, *_INVISIBLE)}
_CLEAN_TABLE[0x2028] = "\n"  # line separator
_CLEAN_TABLE[0x2029] = "\n\n"  # paragraph separator


def clean_text(text: str) -> str:
    """Normalise newlines, drop control characters and invisible marks (keeping \\n and \\t), NFC."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_CLEAN_TABLE)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _limit_text(text: str, doc_id: str, max_chars: Optional[int], on_oversize: str,
                warn: WarnFn) -> str:
    if not max_chars or len(text) <= max_chars:
        return text
    if on_oversize == "refuse":
        raise InputError(doc_id, f"text too long ({len(text):,} characters, limit {max_chars:,}); "
                                 "split it, raise the limit or use truncation")
    cut = max_chars
    ws = text.rfind("\n", max(0, max_chars - 2000), max_chars)
    if ws < 0:
        ws = text.rfind(" ", max(0, max_chars - 200), max_chars)
    if ws > 0:
        cut = ws
    warn(doc_id, f"text truncated from {len(text):,} to {cut:,} characters (limit {max_chars:,})")
    return text[:cut].rstrip()


# --------------------------------------------------------------------------------------
# Bytes -> text
# --------------------------------------------------------------------------------------

_MAGIC = [
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x89PNG", "a PNG image"), (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"\x1f\x8b", "gzip-compressed data (name it .jsonl.gz for JSONL)"),
    (b"\x7fELF", "an executable"), (b"MZ", "a Windows executable"), (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"), (b"\xd0\xcf\x11\xe0", "an MS Office document"),
    (b"SQLite format 3\x00", "an SQLite database"), (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"), (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"RIFF", "a RIFF media file"), (b"OggS", "an Ogg media file"), (b"ID3", "an MP3 file"),
    (b"\x00\x00\x01\x00", "an icon file"), (b"wOFF", "a web font"), (b"\x00asm", "WebAssembly"),
]
_UTF_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
             (codecs.BOM_UTF16_BE, "utf-16")]
_BINARY_CTRL = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))


def _binary_reason(data: bytes) -> Optional[str]:
    """Why `data` looks binary, or None. UTF-16/32 with a BOM counts as text."""
    if any(data.startswith(bom) for bom, _ in _UTF_BOMS):
        return None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            # "MZ"/"BZh"/"ID3"/"RIFF" are also plausible text starts: require other evidence
            if magic in (b"MZ", b"BZh", b"ID3", b"RIFF") and b"\x00" not in data[:4096]:
                continue
            return f"binary file ({what}), not text; convert it to text or HTML first"
    head = data[:8192]
    nul = head.count(b"\x00")
    if nul > max(1, len(head) // 200):  # a stray NUL is stripped later; many mean binary
        return "binary file (contains NUL bytes), not text; convert it to text or HTML first"
    ctrl = len(head) - len(head.translate(None, _BINARY_CTRL))
    if head and ctrl / len(head) > 0.05:
        return (f"binary file ({ctrl / len(head):.0%} control bytes), not text; "
                "convert it to text or HTML first")
    return None


_WESTERN = {"cp1252", "latin_1", "iso8859_15", "ascii", "utf_8"}


def decode_bytes(data: bytes, doc_id: str, warn: WarnFn = _default_warn) -> str:
    """Decode bytes of undeclared encoding: BOM, then UTF-8, then charset-normalizer, then cp1252."""
    for bom, enc in _UTF_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(doc_id, f"starts with a {enc} byte-order mark but is not valid {enc} "
                                         f"(byte {exc.start}); re-save it as UTF-8") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    enc = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        enc = best.encoding if best is not None else None
    except Exception:  # pragma: no cover - detector failure is not fatal
        enc = None
    if enc and enc.startswith(("utf_16", "utf_32")) and b"\x00" not in data[:4096]:
        enc = None  # UTF-16/32 without BOM and without NUL bytes is a misdetection
    if enc and len(data) < 200 and enc not in _WESTERN:
        enc = None  # the detector guesses wildly on a few bytes; Western European news is likelier
    for cand in [c for c in (enc, "cp1252") if c]:
        try:
            text = data.decode(cand)
        except (UnicodeDecodeError, LookupError):
            continue
        if cand not in ("ascii",):
            warn(doc_id, f"not UTF-8; decoded as {cand}")
        return text
    warn(doc_id, "not UTF-8 and no encoding detected; decoded as latin-1")
    return data.decode("latin-1")


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------

_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta\s|title>|article|!--)", re.I)


def looks_like_html(data: Union[bytes, str]) -> bool:
    head = data[:4096]
    if isinstance(head, str):
        head = head.encode("utf-8", "ignore")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return False
    return bool(_HTML_SNIFF.search(head[:2048]))


_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object",
              "canvas", "nav", "footer", "aside", "form", "button", "select", "head"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
               "table", "section", "article", "header", "blockquote", "pre", "hr", "dd", "dt",
               "figcaption", "main", "address", "td", "th"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
              "param", "source", "track", "wbr"}
_DATE_META = {"article:published_time", "datepublished", "date", "pubdate", "publishdate",
              "dc.date", "dc.date.issued", "dcterms.created", "og:published_time",
              "sailthru.date", "parsely-pub-date", "publication_date", "article.published"}
_SITE_META = {"og:site_name", "application-name", "publisher", "dc.publisher"}


class _FallbackExtractor(HTMLParser):
    """A conservative main-text extractor with no tree (so nesting depth does not matter)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_title = False
        self.in_h1 = False
        self.date: Optional[str] = None
        self.site: Optional[str] = None
        self.url: Optional[str] = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs if k}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in _DATE_META and not self.date and a.get("content"):
                self.date = a["content"]
            elif key in _SITE_META and not self.site and a.get("content"):
                self.site = a["content"]
            elif key == "og:url" and not self.url:
                self.url = a.get("content") or None
            return
        if tag == "link" and a.get("rel", "").lower() == "canonical" and not self.url:
            self.url = a.get("href") or None
            return
        if tag == "time" and not self.date and a.get("datetime"):
            self.date = a["datetime"]
        if tag == "title":
            self.in_title = True
            return
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self.skip:
                self.parts.append("\n")
            return
        if tag in _SKIP_TAGS:
            self.skip.append(tag)
            return
        if tag == "h1" and not self.skip:
            self.in_h1 = True
        if tag in _BLOCK_TAGS and not self.skip:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if self.skip and tag in _SKIP_TAGS:
            # close up to the matching open skip tag (tolerates unclosed inner tags)
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK_TAGS and not self.skip:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self.parts.append(data)


def _squeeze_lines(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out, blank = [], False
    for line in lines:
        if line:
            out.append(line)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip()


def _fallback_html(markup: str) -> dict:
    p = _FallbackExtractor()
    try:
        p.feed(markup)
        p.close()
    except Exception:  # html.parser is lenient; be safe anyway
        pass
    text = _squeeze_lines("".join(p.parts))
    title = " ".join("".join(p.title_parts).split()) or " ".join("".join(p.h1_parts).split()) or None
    return {"text": text, "title": title, "date": p.date, "sitename": p.site, "url": p.url}


def _trafilatura_html(markup: str) -> Optional[dict]:
    try:
        import trafilatura
    except ImportError:
        return None
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(markup, with_metadata=True, favor_recall=True,
                                          include_comments=False, include_tables=True)
    except Exception:  # extractor bug on hostile markup: fall back
        return None
    if doc is None:
        return None
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    if not (d.get("text") or "").strip():
        return None
    return d


def extract_html(markup: str) -> dict:
    """Main text, title, date, outlet and url of an HTML page (trafilatura, else html.parser)."""
    d = _trafilatura_html(markup)
    fb = None
    if d is None:
        d = fb = _fallback_html(markup)
    if not d.get("date") or not d.get("title"):
        fb = fb or _fallback_html(markup)
        d = {**d, "date": d.get("date") or fb.get("date"), "title": d.get("title") or fb.get("title")}
    return {
        "text": d.get("text") or "",
        "title": _unescape(d.get("title")),
        "date": d.get("date"),
        "outlet": _unescape(d.get("sitename") or d.get("hostname")),
        "url": d.get("url"),
    }


def _unescape(s: Optional[str]) -> Optional[str]:
    if not s:
        return None
    s = " ".join(html_lib.unescape(s).split())
    return clean_text(s) or None


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value) -> Optional[dt.date]:
    """A publication date from an ISO date/datetime string (or date). Raises ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a YYYY-MM-DD string, got {type(value).__name__}")
    m = _ISO_DATE.match(value)
    if not m:
        raise ValueError(f"{value[:40]!r} is not a date")
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _lenient_date(value) -> Optional[dt.date]:
    try:
        return parse_date(value)
    except (ValueError, TypeError):
        return None


# --------------------------------------------------------------------------------------
# One file's bytes -> Article
# --------------------------------------------------------------------------------------


def read_text_bytes(data: bytes, name: str, *, is_html: Optional[bool] = None,
                    max_chars: Optional[int] = MAX_CHARS, on_oversize: str = "truncate",
                    warn: Optional[WarnFn] = None) -> Article:
    """Turn the bytes of one text or HTML file into an Article (id = name).

    Raises InputError for empty, binary, undecodable or (with on_oversize="refuse") oversized
    input. Warnings (encoding guessed, text truncated) go to `warn(doc_id, message)`.
    `is_html=None` detects HTML from the name's extension and the content.
    """
    warn = warn or _default_warn
    if on_oversize not in OVERSIZE_POLICIES:
        raise ValueError(f"on_oversize must be one of {OVERSIZE_POLICIES}")
    if not data or not data.strip(b" \t\r\n\x0b\x0c"):
        raise InputError(name, "empty file: nothing to code")
    reason = _binary_reason(data)
    if reason:
        raise InputError(name, reason)
    if is_html is None:
        is_html = name.lower().endswith(HTML_EXTENSIONS) or looks_like_html(data)
    text = decode_bytes(data, name, warn)
    title = url = outlet = None
    published = None
    if is_html:
        ex = extract_html(text)
        text, title, url, outlet = ex["text"], ex["title"], ex["url"], ex["outlet"]
        published = _lenient_date(ex["date"])
        if not text.strip():
            raise InputError(name, "HTML page has no extractable main text")
    text = clean_text(text)
    if not text.strip():
        raise InputError(name, "no text left after removing control characters")
    text = _limit_text(text, name, max_chars, on_oversize, warn)
    return Article(id=name, text=text, title=title, url=url, outlet=outlet, published=published)


# --------------------------------------------------------------------------------------
# Records (JSON objects) -> Article
# --------------------------------------------------------------------------------------


def record_to_article(rec, doc_id_fallback: str, where: str, *, max_chars: Optional[int] = MAX_CHARS,
                      on_oversize: str = "truncate", warn: Optional[WarnFn] = None) -> Article:
    """Validate one JSON record (keys id, text, published?, lang?, title?, url?, outlet?)."""
    warn = warn or _default_warn
    prefix = f"{where}: " if where else ""
    if not isinstance(rec, dict):
        kind = {list: "a list", str: "a string", int: "a number", float: "a number",
                bool: "a boolean", type(None): "null"}.get(type(rec), type(rec).__name__)
        raise InputError(doc_id_fallback, f"{prefix}a record must be a JSON object with 'id' and "
                                          f"'text', got {kind}; fix or remove it")
    rid = rec.get("id")
    doc_id = doc_id_fallback if rid is None or rid == "" else str(rid)
    if isinstance(rid, (dict, list)):
        raise InputError(doc_id_fallback, f"{prefix}'id' must be a string or number; fix the record")
    text = rec.get("text")
    is_html = False
    if (text is None or text == "") and isinstance(rec.get("html"), str) and rec["html"].strip():
        text, is_html = rec["html"], True
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(doc_id, f"{prefix}'text' is missing or empty; every record needs a non-empty text")
    if not isinstance(text, str):
        raise InputError(doc_id, f"{prefix}'text' must be a string, got {type(text).__name__}")
    try:
        published = parse_date(rec.get("published"))
    except (ValueError, TypeError) as exc:
        raise InputError(doc_id, f"{prefix}bad 'published' ({exc}); use YYYY-MM-DD") from None
    fields = {}
    for key in ("lang", "title", "url", "outlet"):
        v = rec.get(key)
        if v is not None and not isinstance(v, str):
            raise InputError(doc_id, f"{prefix}'{key}' must be a string, got {type(v).__name__}")
        fields[key] = v or None
    if fields["lang"] is not None:
        fields["lang"] = fields["lang"].strip().lower() or None
    if is_html:
        ex = extract_html(text)
        text = ex["text"]
        published = published or _lenient_date(ex["date"])
        fields["title"] = fields["title"] or ex["title"]
        fields["outlet"] = fields["outlet"] or ex["outlet"]
        fields["url"] = fields["url"] or ex["url"]
    text = clean_text(text)
    if not text.strip():
        raise InputError(doc_id, f"{prefix}no text left after removing control characters/markup")
    text = _limit_text(text, doc_id, max_chars, on_oversize, warn)
    if fields["title"]:
        fields["title"] = clean_text(fields["title"])
    return Article(id=doc_id, text=text, published=published, **fields)


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} at column {exc.colno}"


def _iter_jsonl(fh: IO[bytes], label: str, *, max_chars: Optional[int], on_oversize: str,
                warn: WarnFn, max_line_bytes: int, first: bytes = b"",
                skipper: Optional["_Reader"] = None) -> Iterator[Union[Article, InputError]]:
    """Stream JSONL records from a binary file object, one per non-blank line.

    While `skipper.to_skip` > 0, lines are counted off without being parsed (fast resume).
    """
    lineno = 0
    pending = first
    while True:
        if pending:
            line, pending = pending, b""
        else:
            try:
                line = fh.readline(max_line_bytes + 1)
            except (EOFError, OSError, zlib.error, gzip.BadGzipFile) as exc:
                yield InputError(f"{label}:{lineno + 1}", f"line {lineno + 1}: input stream is corrupt or "
                                                          f"truncated ({exc or type(exc).__name__}); "
                                                          "records from here on are lost")
                return
        if not line:
            return
        lineno += 1
        fallback = f"{label}:{lineno}"
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            # skip the rest of an oversized line without holding it in memory
            while True:
                try:
                    more = fh.readline(1 << 20)
                except (EOFError, OSError, zlib.error, gzip.BadGzipFile):
                    more = b""
                if not more or more.endswith(b"\n"):
                    break
            yield InputError(fallback, f"line {lineno}: record longer than {max_line_bytes:,} bytes; "
                                       "split the text or raise the size limit")
            continue
        if not line.strip():
            continue
        if skipper is not None and skipper.to_skip > 0:
            skipper.to_skip -= 1
            continue
        try:
            s = line.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError:
            s = line.decode("cp1252", "replace")
            warn(fallback, f"line {lineno}: not UTF-8; decoded as cp1252")
        try:
            rec = json.loads(s)
        except json.JSONDecodeError as exc:
            yield InputError(fallback, f"line {lineno}: not valid JSON ({_json_error(exc)}); "
                                       "fix or remove the line")
            continue
        except RecursionError:
            yield InputError(fallback, f"line {lineno}: JSON nested too deeply; fix or remove the line")
            continue
        try:
            yield record_to_article(rec, fallback, f"line {lineno}", max_chars=max_chars,
                                    on_oversize=on_oversize, warn=warn)
        except InputError as exc:
            yield exc


def _iter_json_value(value, label: str, *, max_chars, on_oversize, warn) -> Iterator[Union[Article, InputError]]:
    if isinstance(value, list):
        for i, rec in enumerate(value):
            try:
                yield record_to_article(rec, f"{label}:{i}", f"record {i}", max_chars=max_chars,
                                        on_oversize=on_oversize, warn=warn)
            except InputError as exc:
                yield exc
    else:
        try:
            yield record_to_article(value, label, "", max_chars=max_chars,
                                    on_oversize=on_oversize, warn=warn)
        except InputError as exc:
            yield exc


def _parse_json_bytes(data: bytes, label: str, **kw) -> Iterator[Union[Article, InputError]]:
    if not data.strip():
        yield InputError(label, "empty file: nothing to code")
        return
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        yield InputError(label, "JSON file is not UTF-8; re-save it as UTF-8")
        return
    except json.JSONDecodeError as exc:
        yield InputError(label, f"not valid JSON (line {exc.lineno}, {_json_error(exc)}); "
                                "fix the file (one object, or a list of objects)")
        return
    except RecursionError:
        yield InputError(label, "JSON nested too deeply; fix the file")
        return
    yield from _iter_json_value(value, label, **kw)


# --------------------------------------------------------------------------------------
# Sources -> records
# --------------------------------------------------------------------------------------


def _kind_of(path: str, input_format: str) -> str:
    if input_format != "auto":
        return input_format
    low = path.lower()
    if low.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        return "jsonl"
    if low.endswith((".json", ".json.gz")):
        return "json"
    if low.endswith(HTML_EXTENSIONS):
        return "html"
    return "auto-text"  # text, HTML detected from content


def _walk(directory: str) -> Iterator[str]:
    for root, dirs, files in os.walk(directory, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith("."):
                continue
            if f.lower().endswith(DIR_EXTENSIONS):
                yield os.path.join(root, f)


def _read_limited(fh: IO[bytes], limit: int) -> tuple[bytes, bool]:
    data = fh.read(limit + 1)
    return data[:limit], len(data) > limit


def _open_binary(path: str) -> IO[bytes]:
    fh = open(path, "rb")
    if path.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=fh, mode="rb")  # type: ignore[return-value]
    return fh


def _os_error(path: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file or directory; check the path")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied; check the file's permissions")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory")
    return InputError(path, f"cannot read ({exc.strerror or exc})")


class _Reader:
    def __init__(self, max_chars: Optional[int], on_oversize: str, warn: WarnFn):
        if on_oversize not in OVERSIZE_POLICIES:
            raise ValueError(f"on_oversize must be one of {OVERSIZE_POLICIES}, not {on_oversize!r}")
        self.max_chars = max_chars
        self.on_oversize = on_oversize
        self.warn = warn
        mc = max_chars or MAX_CHARS
        # JSON escapes can take 6 bytes per character; leave room for the other fields
        self.max_line_bytes = max(mc * 6, 1 << 20) + (1 << 20)
        # raw bytes read for one text/HTML document (HTML carries a lot of markup)
        self.max_text_bytes = mc * 4 + 4
        self.max_html_bytes = max(mc * 10, 20 << 20)
        self.max_json_bytes = max(mc * 6, 64 << 20)
        self.to_skip = 0

    @property
    def kw(self) -> dict:
        return {"max_chars": self.max_chars, "on_oversize": self.on_oversize, "warn": self._warn}

    def _warn(self, doc_id: str, message: str) -> None:
        if self.to_skip <= 0:  # no warnings for records that are being skipped
            self.warn(doc_id, message)

    def _doc_bytes(self, fh: IO[bytes], label: str, is_html: Optional[bool]) -> Union[Article, InputError]:
        limit = self.max_html_bytes if is_html else max(self.max_text_bytes, self.max_html_bytes)
        data, over = _read_limited(fh, limit)
        if is_html is None:
            is_html = label.lower().endswith(HTML_EXTENSIONS) or looks_like_html(data)
        if not is_html and len(data) > self.max_text_bytes:
            data, over = data[: self.max_text_bytes], True
        if over:
            if self.on_oversize == "refuse":
                return InputError(label, f"file larger than {limit if is_html else self.max_text_bytes:,} bytes; "
                                         "split it, raise the limit or use truncation")
            self.warn(label, "file over the size limit; only its beginning was read")
            data = _trim_partial_utf8(data)
        try:
            return read_text_bytes(data, label, is_html=is_html, **self.kw)
        except InputError as exc:
            return exc

    def source(self, src: str, input_format: str) -> Iterator[Union[Article, InputError]]:
        if src == "-":
            yield from self.stdin(input_format)
            return
        if os.path.isdir(src):
            found = False
            for path in _walk(src):
                found = True
                yield from self.file(path, input_format)
            if not found:
                yield InputError(src, f"directory has no input files ({', '.join(DIR_EXTENSIONS)})")
            return
        yield from self.file(src, input_format)

    def file(self, path: str, input_format: str) -> Iterator[Union[Article, InputError]]:
        kind = _kind_of(path, input_format)
        if self.to_skip > 0 and kind not in ("jsonl", "json"):
            self.to_skip -= 1  # one record per text/HTML file: no need to read it
            return
        try:
            fh = _open_binary(path)
        except OSError as exc:
            yield _os_error(path, exc)
            return
        with fh:
            try:
                if kind == "jsonl":
                    yield from _iter_jsonl(fh, path, max_line_bytes=self.max_line_bytes, skipper=self, **self.kw)
                elif kind == "json":
                    data, over = _read_limited(fh, self.max_json_bytes)
                    if over:
                        yield InputError(path, f".json file larger than {self.max_json_bytes:,} bytes; "
                                               "use JSONL (one record per line) for large corpora")
                        return
                    yield from _parse_json_bytes(data, path, **self.kw)
                else:
                    is_html = {"html": True, "text": False}.get(kind)
                    yield self._doc_bytes(fh, path, is_html)
            except (OSError, EOFError, zlib.error) as exc:
                yield InputError(path, f"cannot read ({exc}); check the file")

    def stdin(self, input_format: str) -> Iterator[Union[Article, InputError]]:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # e.g. replaced by a text stream in tests
            stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
        kind = input_format
        first = b""
        if kind == "auto":
            first = stream.readline(self.max_line_bytes + 1)
            head = first.lstrip(b"\xef\xbb\xbf \t\r\n")
            if head.startswith(b"["):
                kind = "json"
            elif head.startswith(b"{"):
                try:
                    json.loads(first.decode("utf-8-sig"))
                    kind = "jsonl"
                except (ValueError, UnicodeDecodeError):
                    kind = "json" if first.strip() in (b"{", b"\xef\xbb\xbf{") else "jsonl"
            else:
                kind = "auto-text"
        if kind == "jsonl":
            yield from _iter_jsonl(stream, STDIN_LABEL, max_line_bytes=self.max_line_bytes,
                                   first=first, skipper=self, **self.kw)
        elif kind == "json":
            data, over = _read_limited(stream, self.max_json_bytes)
            if over:
                yield InputError(STDIN_LABEL, "JSON input too large; use JSONL for large corpora")
                return
            yield from _parse_json_bytes(first + data, STDIN_LABEL, **self.kw)
        else:
            is_html = {"html": True, "text": False}.get(kind)
            yield self._doc_bytes(_Prefixed(first, stream), STDIN_LABEL, is_html)


def _trim_partial_utf8(data: bytes) -> bytes:
    """Drop a UTF-8 sequence cut in half at the end of a truncated read."""
    i = len(data) - 1
    while i >= 0 and i >= len(data) - 4 and (data[i] & 0xC0) == 0x80:
        i -= 1
    if i < 0 or data[i] < 0xC0:
        return data
    need = 2 if data[i] < 0xE0 else 3 if data[i] < 0xF0 else 4
    return data[:i] if len(data) - i < need else data


class _Prefixed(io.RawIOBase):
    """A binary stream with some already-read bytes put back in front."""

    def __init__(self, first: bytes, rest: IO[bytes]):
        self._first = first
        self._rest = rest

    def read(self, n: int = -1) -> bytes:  # type: ignore[override]
        if n is None or n < 0:
            data, self._first = self._first + self._rest.read(), b""
            return data
        data, self._first = self._first[:n], self._first[n:]
        if len(data) < n:
            data += self._rest.read(n - len(data))
        return data

    def readable(self) -> bool:
        return True


def iter_records(sources: Union[str, Iterable[str]], input_format: str = "auto", *,
                 max_chars: Optional[int] = MAX_CHARS, on_oversize: str = "truncate",
                 warn: Optional[WarnFn] = None, skip: int = 0) -> Iterator[Union[Article, InputError]]:
    """Yield one Article (or InputError) per input record, in input order, lazily.

    `sources`: file paths, directories (walked in sorted order for .txt/.html/.htm/.json/
    .jsonl/.jsonl.gz/.md) and `-` for standard input. `input_format`: auto | text | html |
    json | jsonl. Texts longer than `max_chars` are truncated (with a warning) or refused
    (an InputError) depending on `on_oversize`. Warnings go to `warn(doc_id, message)`, by
    default the `conflictcoder.inputs` logger. `skip` drops the first records (errors count
    too) cheaply, without parsing JSONL lines or reading text files: used to resume a batch.
    """
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {INPUT_FORMATS}, not {input_format!r}")
    if isinstance(sources, str):
        sources = [sources]
    reader = _Reader(max_chars, on_oversize, warn or _default_warn)
    reader.to_skip = max(0, skip)
    for src in sources:
        for rec in reader.source(src, input_format):
            if reader.to_skip > 0:
                reader.to_skip -= 1
                continue
            yield rec


__all__ = ["InputError", "read_text_bytes", "iter_records", "record_to_article", "clean_text",
           "decode_bytes", "extract_html", "looks_like_html", "parse_date", "MAX_CHARS"]
