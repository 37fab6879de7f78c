"""Property-based fuzzing of the coder, the HTTP API and the batch runner: random and mutated
conflict-like text, HTML and JSONL never crash anything, every result validates against the
published JSON Schema, and every evidence span indexes the input text."""
from __future__ import annotations

import json
import os

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictcoder.api import code

SCHEMA = json.load(open(os.path.join(os.path.dirname(__file__), "..", "schema", "code-result.schema.json"), encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SETTINGS = settings(max_examples=int(os.environ.get("CONFLICTCODER_FUZZ_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CASES = {"n": 0}

# fragments in both languages that exercise the coder's paths (written for these tests)
FRAGMENTS = [
    "Am Montag", "gestern", "on Tuesday", "3 May", "am 12. März 2024", "last week", "in der Nacht zum Freitag",
    "griffen Rebellen", "beschoss die Armee", "gunmen attacked", "clashed with", "air strikes hit", "protesters marched",
    "police fired tear gas", "were killed", "wurden getötet", "mindestens zwölf", "Dutzende", "dozens of", "nearly 100",
    "fast 100", "at least 4", "between 10 and 20", "zwei Soldaten", "three civilians", "darunter vier Kinder", "including",
    "in der Provinz Idlib", "near Goma", "östlich von Aleppo", "(Kidal, Mali)", "Damaskus", "HTS", "al-Shabaab", "RSF",
    "laut der Beobachtungsstelle", "a military spokesman said", "Bamako (dpa) -", "+++", "\n", ". ", ", ", "ü", "ʼ", "’",
    "\u200f", "\u202e", "\x00", "\ufeff", "😀", "<b>", "</p>", "&amp;", "1e9", "-5", "999999999999999999999",
]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30).map("".join),
)


def _check(res_json: dict, text: str) -> None:
    VALIDATOR.validate(res_json)
    for e in res_json["events"]:
        for ev in e["evidence"]:
            assert 0 <= ev["start"] <= ev["end"] <= len(text)
            assert text[ev["start"]:ev["end"]] == ev["text"]


@SETTINGS
@given(text=texts, published=st.one_of(st.none(), st.dates()), lang=st.sampled_from([None, "de", "en"]))
def test_code_never_crashes_and_validates(text, published, lang):
    CASES["n"] += 1
    res = code(text, lang=lang, published=published)
    _check(res.model_dump(mode="json"), text)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from conflictcoder.server import create_app

    return TestClient(create_app(str(tmp_path_factory.mktemp("fz") / "f.db"), token="t"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.one_of(texts, texts.map(lambda t: f"<html><body><article><p>{t}</p></article></body></html>")))
def test_api_code_is_never_a_500(client, text):
    CASES["n"] += 1
    r = client.post("/code", json={"text": text})
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:
        body = r.json()
        txt = body.pop("text")
        _check(body, txt)
    else:
        assert isinstance(r.json()["detail"], str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(
    texts.map(lambda t: json.dumps({"id": "x", "text": t})),
    st.text(max_size=80),  # broken JSON
    st.just('{"text": 5}'), st.just("[]"), st.just('{"id": "y"}'),
), max_size=8))
def test_batch_runner_survives_mutated_jsonl(tmp_path_factory, lines):
    from conflictcoder.batch.runner import BatchOptions, run_batch  # the batch runner's Python API

    CASES["n"] += 1
    d = tmp_path_factory.mktemp("b")
    src = d / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = d / "out.jsonl"
    errs = d / "errors.jsonl"
    run_batch(BatchOptions(inputs=[str(src)], output=str(out), fmt="jsonl", errors=str(errs), workers=0, progress=False))
    for line in out.read_text(encoding="utf-8").splitlines():
        VALIDATOR.validate(json.loads(line))


def test_report_case_count():
    print(f"fuzz cases run in this session: {CASES['n']}")
