"""Command-line entry point. A thin shell over the Python API.

Each stage package contributes its commands through a `register(group)` function in its
`cli` module, listed in COMMAND_MODULES, so that packages own their commands.
"""
from __future__ import annotations

import importlib
import sys

import click

from . import __version__

COMMAND_MODULES = [
    "conflictcoder.cli_code",  # code, evaluate
    "conflictcoder.geo.cli",  # geocode, gazetteer
    "conflictcoder.store.cli",  # ingest, events, stats
    "conflictcoder.server.cli",  # serve
    "conflictcoder.batch.cli",  # batch
    "conflictcoder.ingest.cli",  # watch
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="conflictcoder")
def cli() -> None:
    """Turn conflict news into ACLED-compatible event data with evidence."""


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a stage not built yet
            if exc.name and name.startswith(exc.name):
                continue
            raise
        mod.register(cli)


_register_all()


def main() -> None:
    """Run the CLI; unexpected exceptions become a one-line error, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("conflictcoder: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("conflictcoder: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - last resort
        click.echo(f"conflictcoder: error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
