"""The `code` command: formats, JSONL contract, bad input, exit codes."""
import json
import os
import subprocess
import sys

import pytest

EXE = [sys.executable, "-m", "conflictcoder.cli"]


def run(args, stdin=None):
    return subprocess.run([sys.executable, "-c", "from conflictcoder.cli import main; main()", *args],
                          input=stdin, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def jsonl_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("in") / "in.jsonl"
    lines = [
        json.dumps({"id": "en1", "text": "On 3 May 2022, police in Lagos arrested twelve protesters who had blocked a highway.", "published": "2022-05-04"}),
        json.dumps({"id": "empty", "text": ""}),
        "{not json",
        json.dumps({"id": "fr", "text": "Le gouvernement a annoncé hier de nouvelles mesures pour soutenir les petites entreprises du pays.", "published": "2022-05-04"}),
        json.dumps({"id": "de1", "text": "Am Dienstag griffen Bewaffnete ein Dorf im Norden Nigerias an und töteten sieben Bauern.", "published": "2022-05-04"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(p)


def test_jsonl_one_line_per_record_in_order(jsonl_file):
    r = run(["code", "--input-format", "jsonl", jsonl_file, "--format", "jsonl"])
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["id"] == "en1" and out[0]["lang"] == "en" and out[0]["events"]
    assert out[1]["id"] == "empty" and out[1]["errors"] and not out[1]["events"]
    assert out[2]["errors"] and not out[2]["events"]
    assert out[3]["id"] == "fr" and "unsupported language" in out[3]["errors"][0]
    assert out[4]["id"] == "de1" and out[4]["lang"] == "de" and out[4]["events"]
    assert r.returncode == 1  # some records failed
    assert "Traceback" not in r.stderr
    for line in r.stderr.strip().splitlines():
        assert line.startswith("conflictcoder:")


def test_evidence_offsets_index_the_input(jsonl_file):
    r = run(["code", "--input-format", "jsonl", jsonl_file, "--format", "jsonl"])
    texts = {json.loads(l)["id"]: json.loads(l)["text"] for l in open(jsonl_file, encoding="utf-8") if l.startswith("{\"")}
    for line in r.stdout.splitlines():
        rec = json.loads(line)
        for ev in rec["events"]:
            for span in ev["evidence"]:
                assert texts[rec["id"]][span["start"]:span["end"]] == span["text"]


def test_stdin_and_published(tmp_path):
    text = "Am Mittwoch beschoss die Armee das Dorf Kafr Nabl. Dabei wurden drei Zivilisten getötet."
    r = run(["code", "-", "--published", "2024-11-28", "--format", "json"], stdin=text)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["lang"] == "de"
    ev = data["events"][0]
    assert ev["event_date"] == "2024-11-27"
    assert ev["fatalities"] == 3


def test_bad_date_option_is_a_clear_error():
    r = run(["code", "-", "--published", "28.11.2024"], stdin="text")
    assert r.returncode != 0
    assert "YYYY-MM-DD" in r.stderr and "Traceback" not in r.stderr


def test_binary_and_missing_files(tmp_path):
    b = tmp_path / "x.txt"
    b.write_bytes(b"\x00\x01\x02\x7fELF\x00\x00" * 20)
    r = run(["code", str(b), str(tmp_path / "missing.txt")])
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 2


def test_acled_csv_column_order(tmp_path):
    from conflictcoder.models import ACLED_COLUMNS

    p = tmp_path / "a.txt"
    p.write_text("On 3 May 2022, soldiers clashed with rebels near Goma, killing four rebels.", encoding="utf-8")
    r = run(["code", str(p), "--format", "acled-csv", "--published", "2022-05-04"])
    assert r.returncode == 0, r.stderr
    header = r.stdout.splitlines()[0].split(",")
    assert header[: len(ACLED_COLUMNS)] == ACLED_COLUMNS


def test_schema_file_matches_models():
    from conflictcoder.models import CodeResult

    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "schema", "code-result.schema.json")
    with open(path, encoding="utf-8") as fh:
        assert json.load(fh) == CodeResult.model_json_schema()
