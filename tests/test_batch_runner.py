"""Batch runner: order, errors, worker crashes, kill + resume exactly once, Dask, progress on a TTY.

Most tests use the stand-in coder `conflictcoder.batch.fake:code_article` so that they test the
batch machinery, not the (changing) core coder, and stay fast.
"""
from __future__ import annotations

import gzip
import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conflictcoder.batch import BatchError, BatchOptions, run_batch
from conflictcoder.models import CodeResult

FAKE = "conflictcoder.batch.fake:code_article"
CLI = [sys.executable, "-m", "conflictcoder.cli"]


def _cli_env(**extra):
    env = dict(os.environ)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def _run_cli(args, **env):
    code = "from conflictcoder.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=_cli_env(**env), timeout=120)


def make_corpus(path: Path, n: int, bad_every: int = 0, gz: bool = False) -> list[str]:
    """n records; every `bad_every`-th line is broken JSON. Returns the ids expected in the output."""
    ids = []
    lines = []
    for i in range(n):
        if bad_every and i % bad_every == bad_every - 1:
            lines.append('{"id": "broken%d", "text": "no closing quote}' % i)
            ids.append(f"{path}:{i + 1}")
            continue
        text = f"Gunmen killed {i} villagers near the river." if i % 2 else f"Talks continued on day {i}."
        lines.append(json.dumps({"id": f"doc{i}", "text": text, "published": "2024-03-01"}))
        ids.append(f"doc{i}")
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return ids


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_local_output_in_order_with_errors(tmp_path):
    src = tmp_path / "c.jsonl.gz"
    ids = make_corpus(src, 120, bad_every=25, gz=True)
    out, errs = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    s = run_batch(BatchOptions(inputs=[str(src)], output=str(out), errors=str(errs), workers=2,
                               chunk_size=7, coder=FAKE, progress=False))
    assert _ids(out) == ids
    for line in out.read_text().splitlines():
        CodeResult.model_validate_json(line)
    err = [json.loads(line) for line in errs.read_text().splitlines()]
    assert [e["id"] for e in err] == [i for i in ids if ":" in i]
    assert all(e["error"].startswith("line ") and "not valid JSON" in e["error"] for e in err)
    assert s.documents == 120 and s.errors == 4 and s.events == sum(1 for i in ids if i.startswith("doc") and int(i[3:]) % 2)
    # in-process run gives the same bytes
    out0 = tmp_path / "out0.jsonl"
    run_batch(BatchOptions(inputs=[str(src)], output=str(out0), workers=0, coder=FAKE, progress=False,
                           errors=str(tmp_path / "e0.jsonl")))
    assert out0.read_bytes() == out.read_bytes()


def test_worker_crash_costs_one_document(tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": "FAKE-EXIT" if i == 13 else "FAKE-CRASH" if i == 20
                                       else f"attack {i}"}) + "\n" for i in range(40)))
    out, errs = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    s = run_batch(BatchOptions(inputs=[str(src)], output=str(out), errors=str(errs), workers=2, chunk_size=4,
                               coder=FAKE, progress=False))
    assert _ids(out) == [f"d{i}" for i in range(40)]
    err = {e["id"]: e["error"] for e in map(json.loads, errs.read_text().splitlines())}
    assert set(err) == {"d13", "d20"} and "crashed" in err["d13"] and "RuntimeError" in err["d20"]
    assert s.errors == 2


def test_cli_summary_quiet_without_tty_and_bad_options(tmp_path):
    src = tmp_path / "c.jsonl"
    make_corpus(src, 30, bad_every=10)
    r = _run_cli(["batch", str(src), "--coder", FAKE, "-j", "1", "-o", str(tmp_path / "o.jsonl"),
                  "--errors", str(tmp_path / "e.jsonl")])
    assert r.returncode == 0, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("conflictcoder batch: 30 documents")
    assert "events" in lines[0] and "3 errors" in lines[0] and "docs/s" in lines[0]
    r = _run_cli(["batch", str(src), "--resume", "--coder", FAKE])
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "--resume needs --output" in r.stderr
    r = _run_cli(["batch", str(src), "--format", "parquet", "--coder", FAKE])
    assert r.returncode == 1 and "needs --output" in r.stderr and "Traceback" not in r.stderr
    r = _run_cli(["batch", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "m.jsonl"), "--coder", FAKE])
    assert r.returncode == 0 and "no such file" in r.stderr


def test_stdout_and_stdin(tmp_path):
    data = "".join(json.dumps({"id": f"s{i}", "text": f"attack {i}"}) + "\n" for i in range(5))
    code = "from conflictcoder.cli import main; main()"
    r = subprocess.run([sys.executable, "-c", code, "batch", "-", "--coder", FAKE, "-j", "1"], input=data,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == [f"s{i}" for i in range(5)]


def _wait_for_checkpoint(ck: Path, proc, min_records: int, timeout: float = 30.0) -> dict:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if ck.exists():
            try:
                data = json.loads(ck.read_text())
            except ValueError:
                data = {}
            if data.get("records", 0) >= min_records and not data.get("complete"):
                return data
        if proc.poll() is not None:
            pytest.fail(f"batch finished before it could be killed: {proc.stderr.read()}")
        time.sleep(0.02)
    pytest.fail("no checkpoint progress")


def _start(args, **env):
    code = "from conflictcoder.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=_cli_env(**env), start_new_session=True)


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_resume_after_kill_is_exactly_once(tmp_path, how):
    src = tmp_path / "corpus.jsonl.gz"
    ids = make_corpus(src, 300, bad_every=37, gz=True)
    out, errs = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    ck = Path(str(out) + ".checkpoint")
    args = ["batch", str(src), "-o", str(out), "--errors", str(errs), "-j", "2", "--chunk-size", "5",
            "--coder", FAKE, "--checkpoint-every", "0.05"]
    proc = _start(args, CONFLICTCODER_FAKE_DELAY=0.01)
    _wait_for_checkpoint(ck, proc, 40)
    if how == "SIGKILL":
        os.killpg(proc.pid, signal.SIGKILL)  # the batch process and its workers, mid-write
        proc.wait(timeout=30)
    else:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 130
        assert "--resume" in proc.stderr.read()
    proc.stderr.close()
    done = json.loads(ck.read_text())["records"]
    assert 0 < done < 300
    r = _run_cli(args)  # forgetting --resume must not throw the finished work away
    assert r.returncode == 1 and "unfinished run" in r.stderr and json.loads(ck.read_text())["records"] == done
    # second interruption during the resumed run
    proc = _start(args + ["--resume"], CONFLICTCODER_FAKE_DELAY=0.01)
    _wait_for_checkpoint(ck, proc, done + 20)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    r = _run_cli(args + ["--resume"])
    assert r.returncode == 0, r.stderr
    assert "300 documents" in r.stderr and "done by an earlier run" in r.stderr
    assert _ids(out) == ids  # every record exactly once, in input order
    err_ids = [json.loads(x)["id"] for x in errs.read_text().splitlines()]
    assert err_ids == [i for i in ids if ":" in i]
    # resuming a finished run does nothing
    before = out.read_bytes()
    r = _run_cli(args + ["--resume"])
    assert r.returncode == 0 and out.read_bytes() == before


def test_resume_refuses_other_inputs(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    make_corpus(a, 10)
    make_corpus(b, 10)
    out = tmp_path / "out.jsonl"
    run_batch(BatchOptions(inputs=[str(a)], output=str(out), workers=0, coder=FAKE, progress=False))
    with pytest.raises(BatchError, match="other inputs"):
        run_batch(BatchOptions(inputs=[str(b)], output=str(out), workers=0, coder=FAKE, resume=True))


def test_dask_local_cluster_equals_local_run(tmp_path):
    pytest.importorskip("dask.distributed")
    src = tmp_path / "c.jsonl"
    make_corpus(src, 150, bad_every=30)
    local, dsk = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch(BatchOptions(inputs=[str(src)], output=str(local), workers=2, chunk_size=8, coder=FAKE,
                           progress=False, errors=str(tmp_path / "e1.jsonl")))
    s = run_batch(BatchOptions(inputs=[str(src)], output=str(dsk), workers=2, chunk_size=8, coder=FAKE,
                               dask="local", progress=False, errors=str(tmp_path / "e2.jsonl")))
    assert s.documents == 150
    assert dsk.read_bytes() == local.read_bytes()
    assert (tmp_path / "e1.jsonl").read_bytes() == (tmp_path / "e2.jsonl").read_bytes()


def test_progress_bar_only_on_a_tty(tmp_path):
    src = tmp_path / "c.jsonl"
    make_corpus(src, 60)
    args = ["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "-j", "1", "--coder", FAKE, "--chunk-size", "4"]
    # not a TTY: only the summary line
    r = _run_cli(args, CONFLICTCODER_FAKE_DELAY=0.005)
    assert r.returncode == 0 and "doc/s" not in r.stderr and "%|" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    # a TTY: the bar with a rate (and an ETA once the total is known)
    master, slave = pty.openpty()
    code = "from conflictcoder.cli import main; main()"
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave, env=_cli_env(CONFLICTCODER_FAKE_DELAY=0.005))
    os.close(slave)
    buf = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO when the child closed the pty
            break
        if not data:
            break
        buf += data
    proc.wait(timeout=30)
    os.close(master)
    text = buf.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "doc/s" in text and "60/60" in text and "<" in text  # rate, count/total, ETA
    assert "conflictcoder batch: 60 documents" in text


def test_parquet_output(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "c.jsonl"
    ids = make_corpus(src, 40)
    out = tmp_path / "events.parquet"
    s = run_batch(BatchOptions(inputs=[str(src)], output=str(out), fmt="parquet", workers=2, coder=FAKE,
                               progress=False))
    t = pq.read_table(out)
    assert t.num_rows == s.events == 20
    assert t.column("article_id").to_pylist() == [i for i in ids if int(i[3:]) % 2]
    assert str(t.schema.field("event_date").type) == "date32[day]"
    assert not Path(str(out) + ".spool.jsonl").exists()


def test_csv_output_via_exports(tmp_path):
    pytest.importorskip("conflictcoder.exports")
    src = tmp_path / "c.jsonl"
    make_corpus(src, 40)
    out = tmp_path / "events.csv"
    s = run_batch(BatchOptions(inputs=[str(src)], output=str(out), fmt="acled-csv", workers=2, chunk_size=3,
                               coder=FAKE, progress=False))
    import csv

    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0][0] == "event_id_cnty" and len(rows) == 1 + s.events


def test_real_coder_in_process(tmp_path):
    """The real pipeline through the batch runner: one valid CodeResult per record, same ids."""
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"id": "en1", "text": "Two soldiers were killed in an ambush near the border on Monday, the army said.",
                               "published": "2024-05-06"}) + "\n"
                   + json.dumps({"id": "de1", "text": "Bei einem Angriff auf ein Dorf wurden am Sonntag drei Menschen getötet."}) + "\n")
    out = tmp_path / "out.jsonl"
    s = run_batch(BatchOptions(inputs=[str(src)], output=str(out), workers=0, progress=False,
                               errors=str(tmp_path / "e.jsonl")))
    assert s.documents == 2 and _ids(out) == ["en1", "de1"]
    for line in out.read_text().splitlines():
        CodeResult.model_validate_json(line)


def test_directory_of_mixed_files(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text("Rebels attack a convoy; two killed.")
    (d / "b.html").write_text("<html><head><title>T</title><script>x()</script></head><body><p>An attack on a"
                              " police post left one officer dead, officials said on Monday.</p></body></html>")
    (d / "c.txt").write_bytes(b"%PDF-1.5\x00\x01\x02")
    (d / "d.txt").write_bytes("Angriff in Köln: zwei Verletzte.".encode("cp1252"))
    out, errs = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    s = run_batch(BatchOptions(inputs=[str(d)], output=str(out), errors=str(errs), workers=1, coder=FAKE,
                               progress=False))
    assert _ids(out) == [str(d / n) for n in ("a.txt", "b.html", "c.txt", "d.txt")]
    problems = [json.loads(x) for x in errs.read_text().splitlines()]
    assert {"id": str(d / "c.txt"), "error": "binary file (a PDF document), not text; convert it to text or HTML first"} in problems
    assert any(p.get("warning", "").startswith("not UTF-8") for p in problems)
    assert s.errors == 1 and s.warnings == 1


def test_db_sink_contract(tmp_path, monkeypatch):
    """--db hands (Article, CodeResult) pairs to conflictcoder.store, one call per chunk."""
    import types

    calls = []

    class FakeDB:
        def add_results(self, pairs):
            calls.append([(a.id, r.id, len(r.events)) for a, r in pairs])

        def close(self):
            calls.append("closed")

    mod = types.ModuleType("conflictcoder.store")
    mod.open_store = lambda url: FakeDB()
    monkeypatch.setitem(sys.modules, "conflictcoder.store", mod)
    import conflictcoder

    monkeypatch.setattr(conflictcoder, "store", mod, raising=False)
    src = tmp_path / "c.jsonl"
    make_corpus(src, 10, bad_every=5)
    s = run_batch(BatchOptions(inputs=[str(src)], db="sqlite:///x.db", workers=0, chunk_size=4, coder=FAKE,
                               progress=False, errors=str(tmp_path / "e.jsonl")))
    assert s.documents == 10 and calls[-1] == "closed"
    stored = [x for c in calls[:-1] for x in c]
    assert [x[0] for x in stored] == [f"doc{i}" for i in range(10) if i % 5 != 4]
    assert all(a == r for a, r, _ in stored)


def test_db_with_real_store(tmp_path):
    store = pytest.importorskip("conflictcoder.store")
    if not hasattr(store, "open_store"):
        pytest.skip("conflictcoder.store has no open_store yet")
    src = tmp_path / "c.jsonl"
    make_corpus(src, 6)
    r = _run_cli(["batch", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}", "-j", "1", "--coder", FAKE])
    assert r.returncode == 0, r.stderr
