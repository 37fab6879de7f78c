"""Input readers: encodings, binary/empty files, HTML, JSON/JSONL(.gz), size limits, stdin."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys

import pytest

from conflictcoder.inputs import (InputError, clean_text, extract_html, iter_records,
                                  read_text_bytes)
from conflictcoder.models import Article

DE = "Bei einem Überfall auf ein Dorf nördlich der Stadt wurden drei Bäuerinnen getötet, teilte die Polizei mit."
EN = "Gunmen killed four villagers near the market town on Sunday, local officials said."


def _collect(sources, **kw):
    warnings = []
    out = list(iter_records(sources, warn=lambda i, m: warnings.append((i, m)), **kw))
    return out, warnings


# ---------------------------------------------------------------- bytes -> Article


def test_utf8_plain():
    art = read_text_bytes(EN.encode(), "a.txt")
    assert isinstance(art, Article)
    assert art.id == "a.txt" and art.text == EN


def test_utf8_bom_stripped():
    art = read_text_bytes(b"\xef\xbb\xbf" + DE.encode("utf-8"), "bom.txt")
    assert art.text == DE


def test_utf16_with_bom():
    art = read_text_bytes(DE.encode("utf-16"), "u16.txt")
    assert art.text == DE


def test_cp1252_detected():
    warnings = []
    text = DE + " Die Behörden sprachen von einem „feigen Angriff“ – mehr als 50 € Schaden."
    art = read_text_bytes(text.encode("cp1252"), "de.txt", warn=lambda i, m: warnings.append(m))
    assert "Überfall" in art.text and "Bäuerinnen" in art.text and "Behörden" in art.text
    assert any("not UTF-8" in w for w in warnings)


def test_latin1_detected():
    art = read_text_bytes("Straße in Köln gesperrt, nachdem zwei Männer verletzt wurden.".encode("latin-1"), "l.txt",
                          warn=lambda *a: None)
    assert "Straße" in art.text and "Köln" in art.text and "Männer" in art.text


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty(data):
    with pytest.raises(InputError) as ei:
        read_text_bytes(data, "e.txt")
    assert ei.value.doc_id == "e.txt"
    assert "empty" in ei.value.message
    assert str(ei.value).startswith("e.txt: ")


@pytest.mark.parametrize("data,what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"x" * 50, "ZIP"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"hello\x00world\x00" * 20, "NUL"),
    (bytes(range(1, 32)) * 20, "control"),
])
def test_binary_refused(data, what):
    with pytest.raises(InputError) as ei:
        read_text_bytes(data, "b.bin")
    assert "binary" in ei.value.message and what in ei.value.message
    assert "\n" not in str(ei.value)


def test_control_and_bidi_chars_removed():
    raw = "Zwei\u200f Tote\x07 in \u202aBerlin\u202c\r\nDritte\x00 Zeile\tmit Tab\u00ad."
    art = read_text_bytes(raw.encode(), "c.txt")
    assert art.text == "Zwei Tote in Berlin\nDritte Zeile\tmit Tab."
    assert clean_text("a\u2028b") == "a\nb"


def test_nfc_normalised():
    decomposed = "Ko\u0308ln"  # o + combining diaeresis
    assert read_text_bytes(decomposed.encode(), "n.txt").text == "Köln"


def test_size_limit_truncate_and_refuse():
    text = ("word " * 1000).strip()
    warnings = []
    art = read_text_bytes(text.encode(), "big.txt", max_chars=100, warn=lambda i, m: warnings.append(m))
    assert len(art.text) <= 100 and art.text.startswith("word word")
    assert warnings and "truncated" in warnings[0]
    with pytest.raises(InputError) as ei:
        read_text_bytes(text.encode(), "big.txt", max_chars=100, on_oversize="refuse")
    assert "too long" in ei.value.message


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><title>Attack on convoy | The Example Post</title>
<meta property="article:published_time" content="2023-04-05T10:00:00Z">
<meta property="og:site_name" content="The Example Post">
<script>var secret = "SCRIPT-TEXT killed 900 people";</script>
<style>.x { content: "STYLE-TEXT"; }</style></head>
<body><nav>Home | World | Sport</nav>
<div class="wrap"><div><div><article><h1>Attack on convoy</h1>
<p>Three soldiers were killed on Tuesday when gunmen attacked a supply convoy near the border, officials said.</p>
<p>The army said it had sent reinforcements to the area and that a search operation was under way.</p>
</article></div></div></div>
<footer>Copyright 2023 FOOTER-TEXT</footer></body></html>"""


def test_html_file_main_text_title_date():
    art = read_text_bytes(PAGE.encode(), "page.html")
    assert "Three soldiers were killed" in art.text
    assert "SCRIPT-TEXT" not in art.text and "STYLE-TEXT" not in art.text and "FOOTER-TEXT" not in art.text
    assert art.title and "Attack on convoy" in art.title
    assert art.published == dt.date(2023, 4, 5)
    assert art.outlet == "The Example Post"


def test_html_detected_by_content():
    art = read_text_bytes(PAGE.encode(), "noext")
    assert "SCRIPT-TEXT" not in art.text and "Three soldiers" in art.text


def test_html_fallback_without_trafilatura(monkeypatch):
    import conflictcoder.inputs as inputs

    monkeypatch.setattr(inputs, "_trafilatura_html", lambda markup: None)
    d = extract_html(PAGE)
    assert "Three soldiers were killed" in d["text"]
    assert "SCRIPT-TEXT" not in d["text"] and "STYLE-TEXT" not in d["text"] and "FOOTER-TEXT" not in d["text"]
    assert d["title"].startswith("Attack on convoy") and d["date"].startswith("2023-04-05")


def test_html_deeply_nested_and_truncated():
    deep = "<html><body>" + "<div>" * 50000 + "<p>" + EN + "</p>" + "</div>" * 10 + "<script>unclosed"
    art = read_text_bytes(deep.encode(), "deep.html")
    assert EN in art.text


def test_html_without_text():
    with pytest.raises(InputError) as ei:
        read_text_bytes(b"<html><head><script>x()</script></head><body></body></html>", "x.html")
    assert "no extractable" in ei.value.message


# ---------------------------------------------------------------- JSONL / JSON


def _write_jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_jsonl_broken_lines_reported_and_skipped(tmp_path):
    p = tmp_path / "c.jsonl"
    _write_jsonl(p, [
        json.dumps({"id": "a", "text": EN, "published": "2024-01-02", "lang": "en", "title": "T", "gold": {}}),
        '{"id": "b", "text": "unterminated',
        "",
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"text": DE, "published": "2024-01-02T08:00:00+01:00"}),
        json.dumps({"id": "e", "text": EN, "published": "yesterday"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 7, "text": DE}),
    ])
    out, _ = _collect([str(p)])
    assert len(out) == 7
    a, b, c, d, e, f, g = out
    assert isinstance(a, Article) and a.id == "a" and a.published == dt.date(2024, 1, 2) and a.lang == "en"
    assert isinstance(b, InputError) and b.doc_id == f"{p}:2"
    assert b.message.startswith("line 2: not valid JSON (") and "fix or remove the line" in b.message
    assert isinstance(c, InputError) and c.doc_id == "c" and "'text' is missing or empty" in c.message
    assert isinstance(d, Article) and d.id == f"{p}:5" and d.published == dt.date(2024, 1, 2)
    assert isinstance(e, InputError) and e.doc_id == "e" and "published" in e.message
    assert isinstance(f, InputError) and "JSON object" in f.message
    assert isinstance(g, Article) and g.id == "7"


def test_jsonl_gz_and_non_utf8_line(tmp_path):
    p = tmp_path / "c.jsonl.gz"
    lines = [json.dumps({"id": f"r{i}", "text": f"{EN} ({i})"}).encode() for i in range(50)]
    lines.insert(3, json.dumps({"id": "cp", "text": "Köln"}, ensure_ascii=False).encode("cp1252"))
    with gzip.open(p, "wb") as fh:
        fh.write(b"\n".join(lines) + b"\n")
    out, warnings = _collect([str(p)])
    assert len(out) == 51 and all(isinstance(r, Article) for r in out)
    assert out[3].text == "Köln" and warnings


def test_jsonl_truncated_gz(tmp_path):
    p = tmp_path / "t.jsonl.gz"
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as fh:
        for i in range(2000):
            fh.write(json.dumps({"id": f"r{i}", "text": f"{EN} {i} " * 5}).encode() + b"\n")
    p.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    out, _ = _collect([str(p)])
    assert isinstance(out[-1], InputError) and "corrupt or truncated" in out[-1].message
    assert sum(isinstance(r, Article) for r in out) > 100


def test_jsonl_oversize_text(tmp_path):
    p = tmp_path / "o.jsonl"
    _write_jsonl(p, [json.dumps({"id": "big", "text": "x " * 500}), json.dumps({"id": "ok", "text": EN})])
    out, warnings = _collect([str(p)], max_chars=100)
    assert isinstance(out[0], Article) and len(out[0].text) <= 100 and warnings
    out, _ = _collect([str(p)], max_chars=100, on_oversize="refuse")
    assert isinstance(out[0], InputError) and isinstance(out[1], Article)


def test_json_object_and_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "x", "text": EN}))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "y", "text": EN}, {"id": "z"}]))
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    out, _ = _collect([str(one), str(many), str(bad)])
    assert [getattr(r, "id", None) or r.doc_id for r in out] == ["x", "y", "z", str(bad)]
    assert isinstance(out[2], InputError) and isinstance(out[3], InputError)


def test_directory_walk_sorted_and_mixed(tmp_path):
    (tmp_path / "b.txt").write_text(EN)
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text(json.dumps({"id": "j1", "text": DE}) + "\n")
    (tmp_path / "sub" / "d.md").write_text(DE)
    (tmp_path / "ignored.csv").write_text("a,b")
    (tmp_path / ".hidden.txt").write_text(EN)
    (tmp_path / "empty.txt").write_bytes(b"")
    out, _ = _collect([str(tmp_path)])
    ids = [getattr(r, "id", None) if isinstance(r, Article) else r.doc_id for r in out]
    assert ids == [str(tmp_path / "a.html"), str(tmp_path / "b.txt"), str(tmp_path / "empty.txt"),
                   "j1", str(tmp_path / "sub" / "d.md")]
    assert isinstance(out[2], InputError)


def test_missing_file_is_an_error_not_an_exception(tmp_path):
    out, _ = _collect([str(tmp_path / "nope.txt"), str(tmp_path)])
    assert isinstance(out[0], InputError) and "no such file" in out[0].message
    assert isinstance(out[1], InputError) and "no input files" in out[1].message


def test_stdin_jsonl_and_text(monkeypatch):
    data = (json.dumps({"id": "s1", "text": EN}) + "\nnot json\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out, _ = _collect(["-"])
    assert isinstance(out[0], Article) and out[0].id == "s1"
    assert isinstance(out[1], InputError) and out[1].doc_id == "stdin:2"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DE.encode("cp1252"))))
    out, _ = _collect(["-"])
    assert len(out) == 1 and out[0].text == DE and out[0].id == "stdin"


def test_forced_formats(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(PAGE)
    (art,), _ = _collect([str(p)], input_format="text")
    assert "<script>" in art.text  # forced text keeps markup
    (art,), _ = _collect([str(p)], input_format="html")
    assert "<script>" not in art.text
    q = tmp_path / "records.txt"
    q.write_text(json.dumps({"id": "q", "text": EN}) + "\n")
    (art,), _ = _collect([str(q)], input_format="jsonl")
    assert art.id == "q"


def test_input_error_pickles():
    import pickle

    e = pickle.loads(pickle.dumps(InputError("d1", "line 3: bad\nthing")))
    assert e.doc_id == "d1" and e.message == "line 3: bad thing" and str(e) == "d1: line 3: bad thing"


def test_skip_matches_unskipped_tail(tmp_path):
    """iter_records(skip=k) yields exactly the tail of the full stream (resume relies on it)."""
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(EN)
    (d / "b.jsonl").write_text("\n".join([json.dumps({"id": "j1", "text": EN}), "{bad", "",
                                          json.dumps({"id": "j2", "text": "x" * 300})]) + "\n")
    (d / "c.json").write_text(json.dumps([{"id": "l1", "text": DE}, {"id": "l2"}]))
    (d / "e.bin.txt").write_bytes(b"\x00\x01\x02" * 50)
    (d / "f.txt").write_bytes("Köln".encode("cp1252"))

    def key(r):
        return ("A", r.id, r.text) if isinstance(r, Article) else ("E", r.doc_id, r.message)

    full, _ = _collect([str(d)], max_chars=100)
    assert len(full) == 8
    assert full[-1].text == "Köln"
    for k in range(len(full) + 2):
        warnings = []
        tail = list(iter_records([str(d)], max_chars=100, skip=k, warn=lambda i, m: warnings.append(i)))
        assert [key(r) for r in tail] == [key(r) for r in full[k:]]
        skipped_ids = {key(r)[1] for r in full[:k]}
        assert not skipped_ids & set(warnings)
