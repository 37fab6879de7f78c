"""Property-based: input readers never crash on random/mutated bytes, HTML and JSONL."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictcoder.inputs import InputError, clean_text, iter_records, read_text_bytes
from conflictcoder.models import Article

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

html_bits = st.sampled_from(["<html>", "<body>", "<div>", "</div>", "<p>", "</p>", "<script>", "</script>",
                             "<style>", "<!--", "-->", "<title>", "</title>", "&amp;", "&#0;", "&#x202e;",
                             "<meta name='date' content='2024-13-45'>", "<br>", "\x00", "\u202e", "\ufeff"])


def _check_article(a: Article) -> None:
    assert a.text.strip()
    assert clean_text(a.text) == a.text  # already clean: offsets into it are stable


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    try:
        _check_article(read_text_bytes(data, "r.txt"))
    except InputError as e:
        assert e.doc_id == "r.txt" and "\n" not in str(e)


@SETTINGS
@given(st.lists(st.one_of(html_bits, st.text(max_size=30)), max_size=60))
def test_random_html(parts):
    try:
        _check_article(read_text_bytes("".join(parts).encode("utf-8", "surrogatepass"), "r.html"))
    except InputError as e:
        assert "\n" not in str(e)
    except UnicodeEncodeError:
        pass


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
                           max_leaves=8)
records = st.fixed_dictionaries({}, optional={"id": json_values, "text": st.one_of(st.text(max_size=50), json_values),
                                              "published": st.one_of(st.text(max_size=12), json_values),
                                              "lang": json_values, "title": json_values})


@SETTINGS
@given(st.lists(st.one_of(records.map(json.dumps), st.text(max_size=40), st.just("")), max_size=12),
       st.integers(min_value=0, max_value=15))
def test_random_jsonl(tmp_path_factory, lines, skip):
    p = tmp_path_factory.mktemp("fz") / "f.jsonl"
    p.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    full = list(iter_records([str(p)], warn=lambda *a: None))
    physical = "\n".join(lines).split("\n")
    assert len(full) == sum(1 for line in physical if line.encode("utf-8", "surrogatepass").strip())
    for r in full:
        if isinstance(r, Article):
            _check_article(r)
        else:
            assert isinstance(r, InputError) and "\n" not in str(r)
    tail = list(iter_records([str(p)], warn=lambda *a: None, skip=skip))
    assert [repr(x) for x in tail] == [repr(x) for x in full[skip:]]
