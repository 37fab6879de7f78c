"""`conflictcoder batch`: code a corpus with all cores, progress, checkpoint/resume and Dask."""
from __future__ import annotations

import datetime as dt
import sys

import click

from ..inputs import INPUT_FORMATS, MAX_CHARS, OVERSIZE_POLICIES


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-11-28")


def register(group: click.Group) -> None:
    from .runner import FORMATS

    @group.command("batch")
    @click.argument("inputs", nargs=-1, required=True)
    @click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
                  help="How to read INPUTS (files, directories, .jsonl[.gz], `-` for stdin).")
    @click.option("-o", "--output", default=None, help="Output file (default: standard output).")
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
                  help="jsonl: one CodeResult per input record; csv/acled-csv/parquet: one row per event.")
    @click.option("-j", "--workers", type=int, default=None,
                  help="Worker processes (default: number of cores; 0 = in this process).")
    @click.option("--resume", is_flag=True, help="Continue an interrupted run from its checkpoint (OUTPUT.checkpoint).")
    @click.option("--errors", "errors", default=None,
                  help="Write per-document errors as JSONL {id, error} (default: first 50 on stderr).")
    @click.option("--dask", default=None, metavar="local|tcp://HOST:PORT",
                  help="Run on Dask: a LocalCluster with --workers processes, or an existing scheduler.")
    @click.option("--db", default=None, metavar="URL", help="Store results in the database (conflictcoder.store).")
    @click.option("--chunk-size", type=int, default=None,
                  help="Documents per task (default 64; 256 with --dask). Output does not depend on it.")
    @click.option("--published", callback=_date, default=None,
                  help="Publication date (YYYY-MM-DD) for relative dates; overrides the inputs'.")
    @click.option("--lang", type=click.Choice(["auto", "de", "en"]), default="auto", show_default=True)
    @click.option("--max-chars", type=int, default=MAX_CHARS, show_default=True, help="Text size limit per document.")
    @click.option("--on-oversize", type=click.Choice(OVERSIZE_POLICIES), default="truncate", show_default=True,
                  help="Texts over --max-chars: truncate (with a warning) or refuse (an error).")
    @click.option("--progress/--no-progress", default=None, help="Progress bar (default: only on a terminal).")
    @click.option("--coder", default="conflictcoder.api:code_article", hidden=True)
    @click.option("--checkpoint-every", type=float, default=1.0, hidden=True)
    def batch_cmd(inputs, input_format, output, fmt, workers, resume, errors, dask, db, chunk_size,
                  published, lang, max_chars, on_oversize, progress, coder, checkpoint_every):
        """Code a corpus: directories, .txt/.html/.json files, JSONL(.gz) or `-` (stdin).

        Streams with constant memory, in input order, using all cores. Kill it at any time and
        run it again with --resume: every document ends up in OUTPUT exactly once. Bad documents
        are reported (--errors) and never stop the run. A summary line goes to stderr.
        """
        from .runner import BatchError, BatchInterrupted, BatchOptions, run_batch

        opts = BatchOptions(inputs=list(inputs), input_format=input_format, output=output, fmt=fmt,
                            workers=workers, resume=resume, errors=errors, dask=dask, db=db,
                            chunk_size=chunk_size, published=published, lang=lang, max_chars=max_chars,
                            on_oversize=on_oversize, progress=progress, coder=coder,
                            checkpoint_every=checkpoint_every)
        try:
            summary = run_batch(opts)
        except BatchError as exc:
            click.echo(f"conflictcoder: error: {exc}", err=True)
            sys.exit(1)
        except BatchInterrupted as exc:
            click.echo(f"conflictcoder: {exc}", err=True)
            sys.exit(130)
        click.echo(summary.line(), err=True)
