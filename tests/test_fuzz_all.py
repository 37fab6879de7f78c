"""Property-based fuzzing (hypothesis) of every entry point: random and mutated conflict reports as
text, HTML and JSONL go into the Python API (`code`, `code_article` after the readers), the CLI
(`conflictcoder code`, as a subprocess, few examples), the batch runner (in-process) and the HTTP
API's POST /code. Nothing may crash; every result validates against schema/code-result.schema.json;
every evidence/claim span indexes the text that was coded (text[start:end] == span text).

Profiles: CONFLICTCODER_FUZZ_PROFILE=quick (default, ~20-40 s in all) or =long (nightly);
CONFLICTCODER_FUZZ_EXAMPLES=N overrides the number of examples of the in-process tests.
The number of cases run is printed at the end (and recorded as a junit property)."""
from __future__ import annotations

import collections
import datetime as dt
import json
import os
import subprocess
import sys

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictcoder.api import code, code_article
from conflictcoder.inputs import InputError, iter_records, read_text_bytes

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = json.load(open(os.path.join(ROOT, "schema", "code-result.schema.json"), encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
CASES: collections.Counter = collections.Counter()

_HC = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture,
       HealthCheck.filter_too_much]
settings.register_profile("quick", max_examples=120, deadline=None, suppress_health_check=_HC, derandomize=False)
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=_HC)
_PROFILE = settings.get_profile(os.environ.get("CONFLICTCODER_FUZZ_PROFILE", "quick"))
if os.environ.get("CONFLICTCODER_FUZZ_EXAMPLES"):
    _PROFILE = settings(_PROFILE, max_examples=int(os.environ["CONFLICTCODER_FUZZ_EXAMPLES"]))
_N = _PROFILE.max_examples


def profile(share: float = 1.0, cap: int | None = None) -> settings:
    """The active profile with `share` of its examples (at least 2, at most `cap`)."""
    n = max(2, int(_N * share))
    return settings(_PROFILE, max_examples=min(n, cap) if cap else n)


# ---------------------------------------------------------------------------------------------- inputs
# invented reports (German and English) that the mutations start from
SEEDS = [
    "Bamako (dpa) - Bei einem Angriff mutmaßlicher Dschihadisten auf einen Militärposten nahe der Stadt Mopti "
    "sind am Montag mindestens zwölf Soldaten getötet worden, darunter zwei Offiziere. Die Armee sprach von "
    "schweren Verlusten auf beiden Seiten; 20 Angreifer seien 'neutralisiert' worden.",
    "GOMA, March 3 (Reuters) - M23 rebels clashed with Congolese troops near the town of Sake on Tuesday, "
    "killing between 10 and 15 people, including four civilians, a local official said. Dozens were wounded.",
    "In der Nacht zum Freitag beschoss die Armee Stellungen der HTS östlich von Idlib. Laut der "
    "Beobachtungsstelle kamen fünf Kämpfer ums Leben.",
    "Thousands of protesters marched through Nairobi on Saturday against a new tax law. Police fired tear gas "
    "and arrested 30 people; no deaths were reported.",
    "An air strike hit a wedding party in the village of Al-Hasakah late on 12 May 2024, killing nearly 100 "
    "people, according to the health ministry. The army denied involvement.",
]
FRAGMENTS = [
    "Am Montag", "gestern", "on Tuesday", "3 May", "am 12. März 2024", "last week", "in der Nacht zum Freitag",
    "griffen Rebellen", "beschoss die Armee", "gunmen attacked", "clashed with", "air strikes hit",
    "protesters marched", "police fired tear gas", "were killed", "wurden getötet", "mindestens zwölf", "Dutzende",
    "dozens of", "nearly 100", "fast 100", "at least 4", "between 10 and 20", "zwei Soldaten", "three civilians",
    "darunter vier Kinder", "including", "in der Provinz Idlib", "near Goma", "östlich von Aleppo", "(Kidal, Mali)",
    "Damaskus", "HTS", "al-Shabaab", "RSF", "laut der Beobachtungsstelle", "a military spokesman said",
    "Bamako (dpa) -", "+++", "\n", "\n\n", ". ", ", ", "ü", "ß", "ʼ", "’", "\u200f", "\u202e", "\x00", "\ufeff",
    "\r\n", "\u2028", "😀", "İ", "ﬁ", "e\u0301", "<b>", "</p>", "&amp;", "&#x0;", "1e9", "-5", "0", "31.02.2024",
    "999999999999999999999", "killed 10,000,000", "on 29 February 2023", "Mali", "Nigeria", "Syrien",
]

mutation = st.one_of(
    st.tuples(st.just("ins"), st.integers(0, 10_000), st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8))),
    st.tuples(st.just("del"), st.integers(0, 10_000), st.integers(1, 40)),
    st.tuples(st.just("dup"), st.integers(0, 10_000), st.integers(1, 60)),
    st.tuples(st.just("chr"), st.integers(0, 10_000), st.characters()),
    st.tuples(st.just("case"), st.integers(0, 10_000), st.integers(1, 80)),
)


def _mutate(text: str, ops) -> str:
    for op, pos, arg in ops:
        i = pos % (len(text) + 1)
        if op == "ins":
            text = text[:i] + arg + text[i:]
        elif op == "del":
            text = text[:i] + text[i + arg:]
        elif op == "dup":
            text = text[:i] + text[i:i + arg] + text[i:]
        elif op == "chr":
            text = text[:i] + arg + text[i + 1:]
        elif op == "case":
            text = text[:i] + text[i:i + arg].swapcase() + text[i + arg:]
    return text


mutated = st.builds(_mutate, st.sampled_from(SEEDS), st.lists(mutation, max_size=12))
texts = st.one_of(
    mutated,
    mutated,
    st.text(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30).map("".join),
)
# publication dates in 1900-2100 here; dates outside 1800-2200 are ignored with a message, see test_extreme_publication_dates
pub_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
dates = st.one_of(st.none(), pub_dates, st.sampled_from(["2024-03-13", "13.03.2024", "yesterday", "2024-02-30", "",
                                                         "0000-00-00", "2024-03-13T23:59:59Z"]))


def _html(parts) -> str:
    title, date, body, wrap, junk = parts
    meta = f"<meta property='article:published_time' content='{date}'>" if date is not None else ""
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    inner = {"article": f"<article><h1>{title}</h1>{paras}</article>",
             "div": f"<div class='content'>{paras}</div>",
             "nested": "<div>" * 300 + paras + "</div>" * 120,
             "unclosed": f"<article><p>{body}<p><b><i>{title}",
             "script": f"<script>var s = '{body}';</script><article>{paras}</article><style>p{{}}</style>"}[wrap]
    return f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>{junk}{inner}</body></html>"


htmls = st.one_of(
    st.tuples(st.text(max_size=30), st.one_of(st.none(), dates.map(str)), texts,
              st.sampled_from(["article", "div", "nested", "unclosed", "script"]),
              st.sampled_from(["", "<nav>Home | World</nav>", "<!-- x -->", "&nbsp;" * 20, "<br/>" * 50]),
              ).map(_html),
    st.builds(_mutate, st.sampled_from(SEEDS).map(lambda s: _html(("T", "2024-03-13", s, "article", ""))),
              st.lists(mutation, max_size=10)),
)


def _record(t, pub, lang, kind: int, i: int) -> str:
    if kind == 0:
        return json.dumps({"id": f"d{i}", "text": t, "published": pub if isinstance(pub, str) or pub is None else str(pub),
                           "lang": lang})
    if kind == 1:
        return json.dumps({"id": f"d{i}", "text": t})[: max(1, len(t) // 2)]  # cut off: broken JSON
    return ['{"text": 5}', "[]", '{"id": "y"}', "null", '{"id": 1, "text": ""}', "\x00\x01", "{" * 50,
            '{"text": "ok", "published": 20240313}'][kind % 8]


jsonl_docs = st.lists(st.tuples(texts, dates, st.sampled_from([None, "de", "en", "fr", "auto", 7]),
                                st.sampled_from([0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])), max_size=8).map(
    lambda rows: "\n".join(_record(*r, i) for i, r in enumerate(rows)) + "\n")


# ---------------------------------------------------------------------------------------------- checks
def _check(res_json: dict, text: str) -> None:
    VALIDATOR.validate(res_json)
    # the pipeline catches its own exceptions and reports them as "internal error": still a crash
    assert not any("internal error" in e for e in res_json.get("errors", [])), res_json["errors"]
    for e in res_json["events"]:
        for span in [*e["evidence"], *e["claims"]]:
            assert 0 <= span["start"] <= span["end"] <= len(text), span
            assert text[span["start"]:span["end"]] == span["text"], span


def _code_and_check(art) -> None:
    res = code_article(art)
    _check(res.model_dump(mode="json"), art.text)


# ---------------------------------------------------------------------------------------------- Python API
@profile(1.0)
@given(text=texts, published=st.one_of(st.none(), pub_dates), lang=st.sampled_from([None, "de", "en"]))
def test_code_text(text, published, lang):
    CASES["python text"] += 1
    res = code(text, lang=lang, published=published)
    _check(res.model_dump(mode="json"), text)


@profile(0.5)
@given(markup=htmls, as_bytes=st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_code_html_through_the_reader(markup, as_bytes):
    CASES["python html"] += 1
    try:
        data = markup.encode(as_bytes)
    except UnicodeEncodeError:
        data = markup.encode("utf-8", "replace")
    try:
        art = read_text_bytes(data, "page.html")
    except InputError as exc:
        assert "\n" not in exc.message
        return
    _code_and_check(art)


@profile(0.3)
@given(doc=jsonl_docs)
def test_code_jsonl_records(tmp_path_factory, doc):
    CASES["python jsonl"] += 1
    p = tmp_path_factory.mktemp("j") / "in.jsonl"
    p.write_text(doc, encoding="utf-8", errors="surrogatepass")
    for rec in iter_records([str(p)]):
        if isinstance(rec, InputError):
            assert "\n" not in rec.message
        else:
            _code_and_check(rec)


@pytest.mark.parametrize("text,published", [
    ("Am Montag wurden drei Soldaten in Gao, Mali, getötet.", dt.date(1, 1, 1)),
    ("Am Montag wurden drei Soldaten in Gao, Mali, getötet.", dt.date(9999, 12, 31)),
    ("Gunmen killed five people in Maiduguri, Nigeria, on 3 May.", dt.date(9999, 12, 31)),
])
def test_extreme_publication_dates(text, published):
    CASES["python text"] += 1
    res = code(text, published=published)
    _check(res.model_dump(mode="json"), text)
    assert any("publication date" in e and "ignored" in e for e in res.errors)
    assert not any("internal error" in e for e in res.errors)
    assert all(ev.event_date is None for ev in res.events)


# ---------------------------------------------------------------------------------------------- batch runner
@profile(0.15, cap=60)
@given(doc=jsonl_docs)
def test_batch_runner(tmp_path_factory, doc):
    from conflictcoder.batch.runner import BatchOptions, run_batch

    CASES["batch"] += 1
    d = tmp_path_factory.mktemp("b")
    src = d / "in.jsonl"
    src.write_text(doc, encoding="utf-8", errors="surrogatepass")
    out, errs = d / "out.jsonl", d / "errors.jsonl"
    run_batch(BatchOptions(inputs=[str(src)], output=str(out), fmt="jsonl", errors=str(errs), workers=0,
                           progress=False))
    arts = {r.id: r for r in iter_records([str(src)]) if not isinstance(r, InputError)}
    for line in out.read_text(encoding="utf-8").splitlines():
        res = json.loads(line)
        art = arts.get(res["id"])
        if art is not None and len({a for a in arts if a == res["id"]}) == 1:
            _check(res, art.text)
        else:
            VALIDATOR.validate(res)


# ---------------------------------------------------------------------------------------------- HTTP API
@pytest.fixture(scope="module")
def client(tmp_path_factory):
    try:
        from conflictcoder.server import create_app
    except ImportError:
        pytest.skip("conflictcoder.server.create_app is not available")
    from fastapi.testclient import TestClient

    return TestClient(create_app(str(tmp_path_factory.mktemp("fz") / "f.db"), token="t"))


@profile(0.4)
@given(text=st.one_of(texts, htmls), published=st.one_of(st.none(), dates.map(str)),
       lang=st.sampled_from([None, "auto", "de", "en", "xx"]))
def test_http_api_code(client, text, published, lang):
    CASES["http"] += 1
    body = {"text": text}
    if published is not None:
        body["published"] = published
    if lang is not None:
        body["lang"] = lang
    r = client.post("/code", json=body)
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:
        res = r.json()
        coded = res.pop("text")
        _check(res, coded)
    else:
        detail = r.json()["detail"]
        assert detail and (isinstance(detail, str) or isinstance(detail, list))


# ---------------------------------------------------------------------------------------------- CLI
@settings(_PROFILE, max_examples=2 if _N < 1000 else 10)
@given(docs=st.lists(st.one_of(texts.map(lambda t: ("txt", t)), htmls.map(lambda h: ("html", h)),
                               jsonl_docs.map(lambda j: ("jsonl", j))), min_size=1, max_size=6))
def test_cli_code_subprocess(tmp_path_factory, docs):
    CASES["cli"] += 1
    d = tmp_path_factory.mktemp("c")
    files = []
    for i, (ext, content) in enumerate(docs):
        p = d / f"doc{i}.{ext}"
        p.write_bytes(content.encode("utf-8", "surrogatepass"))
        files.append(str(p))
    r = subprocess.run([sys.executable, "-c", "from conflictcoder.cli import main; main()", "code", "--format",
                        "jsonl", *files], capture_output=True, text=True, timeout=300)
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    for line in r.stderr.splitlines():
        assert line.startswith(("conflictcoder:", "WARNING", "INFO")) or not line.strip(), line
    expected = list(iter_records(files))
    lines = r.stdout.splitlines()
    assert len(lines) == len(expected)  # one output line per input record, in order
    for line, rec in zip(lines, expected):
        res = json.loads(line)
        if isinstance(rec, InputError):
            VALIDATOR.validate(res)
            assert res["errors"]
        else:
            _check(res, rec.text)


def test_report_case_count(capsys, record_property):
    total = sum(CASES.values())
    record_property("fuzz_cases", total)
    with capsys.disabled():
        print(f"\nfuzz cases run: {total} ({', '.join(f'{k} {v}' for k, v in sorted(CASES.items()))}); "
              f"profile max_examples={_N}")
