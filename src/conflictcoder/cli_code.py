"""`conflictcoder code` and `conflictcoder evaluate`."""
from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Iterator, Optional

import click

from .models import Article, CodeResult

FORMATS = ["json", "jsonl", "csv", "acled-csv"]


def _parse_date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-11-28")


def _records(files: tuple[str, ...], input_format: str) -> Iterator[object]:
    """Records from files, directories, `-`, and http(s) URLs (fetched and extracted)."""
    from .inputs import InputError, iter_records

    local: list[str] = []
    for f in files:
        if f.startswith(("http://", "https://")):
            if local:
                yield from iter_records(local, input_format=input_format)
                local = []
            from .ingest.fetch import FetchError, fetch_article

            try:
                yield fetch_article(f)
            except FetchError as exc:
                yield InputError(f, exc.reason)
        else:
            local.append(f)
    if local:
        yield from iter_records(local, input_format=input_format)


def _emit(results: list[CodeResult], fmt: str, out) -> None:
    if fmt == "json":
        payload = [r.model_dump(mode="json") for r in results]
        json.dump(payload[0] if len(payload) == 1 else payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "jsonl":
        for r in results:
            out.write(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n")
        return
    from .exports import write_events

    rows = []
    for r in results:
        for e in r.events:
            d = e.model_dump(mode="json")
            d["article_id"] = r.id
            rows.append(d)
    write_events(rows, fmt, out)


def register(group: click.Group) -> None:
    @group.command("code")
    @click.argument("files", nargs=-1, required=True)
    @click.option("--published", help="Publication date (YYYY-MM-DD) for relative dates; overrides the input's.")
    @click.option("--lang", type=click.Choice(["auto", "de", "en"]), default="auto", show_default=True)
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
    @click.option("--input-format", type=click.Choice(["auto", "text", "jsonl", "html", "json"]), default="auto", show_default=True,
                  help="How to read FILES; `-` reads standard input.")
    def code_cmd(files, published, lang, fmt, input_format):
        """Code articles (text, HTML or JSONL records) into ACLED-compatible events.

        One JSONL output line per input record, in order, with the same id.
        """
        from .api import code_article
        from .inputs import InputError

        pub = _parse_date(published)
        failed = 0
        streaming = fmt == "jsonl"
        results: list[CodeResult] = []
        out = sys.stdout
        for rec in _records(files, input_format):
            if isinstance(rec, InputError):
                failed += 1
                click.echo(f"conflictcoder: {rec}", err=True)
                res = CodeResult(id=rec.doc_id, lang=None, errors=[rec.message])
            else:
                art: Article = rec  # type: ignore[assignment]
                if pub is not None:
                    art = art.model_copy(update={"published": pub})
                if lang != "auto":
                    art = art.model_copy(update={"lang": lang})
                res = code_article(art)
                if res.errors:
                    failed += 1
                    for e in res.errors:
                        click.echo(f"conflictcoder: {art.id or 'input'}: {e}", err=True)
            if streaming:
                _emit([res], fmt, out)
                out.flush()
            else:
                results.append(res)
        if not streaming:
            _emit(results, fmt, out)
        if failed:
            sys.exit(1)

    @group.command("schema")
    def schema_cmd():
        """Print the JSON Schema of the output (one CodeResult per input record)."""
        click.echo(json.dumps(CodeResult.model_json_schema(), indent=2, ensure_ascii=False))

    @group.command("evaluate")
    @click.argument("gold", type=click.Path(exists=True, dir_okay=False))
    @click.option("--task", type=click.Choice(["auto", "acled", "lgl", "wikinews"]), default="auto", show_default=True)
    @click.option("--limit", type=int, default=None, help="Only the first N records.")
    @click.option("--output", type=click.Path(dir_okay=False), default=None, help="Also write the report as JSON.")
    @click.option("--errors", "errors_out", type=click.Path(dir_okay=False), default=None, help="Write per-record mismatches (JSONL).")
    def evaluate_cmd(gold, task, limit, output, errors_out):
        """Score the coder against a gold JSONL file and print per-field figures."""
        from .evaluate import run_evaluation

        report = run_evaluation(gold, task=task, limit=limit, errors_out=errors_out)
        click.echo(report.pop("_text"))
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                json.dump(report, fh, indent=2, default=str)
