"""`conflictcoder watch`."""
from __future__ import annotations

import sys

import click


def register(group: click.Group) -> None:
    @group.command("watch")
    @click.argument("feeds", nargs=-1, required=True)
    @click.option("--db", help="Database (file path, sqlite:///PATH or postgresql://...).")
    @click.option("--interval", default=300.0, show_default=True, type=click.FloatRange(min=1), help="Seconds between polls of a feed.")
    @click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron and tests).")
    @click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds per HTTP request.")
    @click.option("--max-bytes", default=5_000_000, show_default=True, type=click.IntRange(min=1000), help="Largest page or feed accepted.")
    @click.option("--state", type=click.Path(dir_okay=False), help="Feed state file (default: next to the database).")
    def watch_cmd(feeds, db, interval, once, timeout, max_bytes, state):
        """Poll RSS/Atom FEEDS, code new items and store them (each item exactly once).

        Stops cleanly on Ctrl-C / SIGTERM after finishing the item in flight.
        """
        from ..store import StoreError, open_store
        from .watch import Watcher, default_state_path

        for f in feeds:
            if not f.startswith(("http://", "https://")):
                raise click.BadParameter(f"{f!r} is not an http(s) URL", param_hint="FEEDS")
        try:
            store = open_store(db)
        except StoreError as exc:
            raise click.ClickException(str(exc))
        w = Watcher(list(feeds), store, interval=interval, timeout=timeout, max_bytes=max_bytes,
                    state_path=state or default_state_path(db or store.url), log=lambda m: click.echo(m, err=True))
        try:
            reports = w.run(once=once)
        finally:
            store.close()
        new = sum(r.new for r in reports)
        errs = sum(1 for r in reports if r.status == "error")
        click.echo(f"watch: {new} new articles stored, {errs} feed errors", err=True)
        if once and errs and new == 0:
            sys.exit(1)
