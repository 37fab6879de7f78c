"""`conflictcoder watch`."""
from __future__ import annotations

import sys

import click


def register(group: click.Group) -> None:
    @group.command("watch")
    @click.argument("feeds", nargs=-1, required=True, metavar="FEED_URL...")
    @click.option("--db", help="Database (file path, sqlite:///PATH or postgresql://...); default: the user data dir.")
    @click.option("--interval", default=300.0, show_default=True, type=click.FloatRange(min=1),
                  help="Seconds between polls of a feed (failing feeds back off: interval x 2^failures, at most 6 h).")
    @click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron and tests).")
    @click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1),
                  help="Seconds per HTTP connect/read (a whole response gets 3x this).")
    @click.option("--max-bytes", default=5_000_000, show_default=True, type=click.IntRange(min=1000),
                  help="Largest feed or page accepted; bigger bodies are refused while downloading.")
    @click.option("--state", type=click.Path(dir_okay=False),
                  help="Feed state file (ETag/Last-Modified, back-off, items seen); default: DB.feeds.json next to an SQLite DB.")
    def watch_cmd(feeds, db, interval, once, timeout, max_bytes, state):
        """Poll the RSS/Atom feeds FEED_URL..., fetch and code new items, and store each item exactly once.

        Ctrl-C / SIGTERM stops after the item in flight; a second signal abandons it
        (nothing is ever half-stored: one transaction per item).
        """
        from ..store import StoreError, open_store
        from .feeds import default_state_path
        from .watch import Watcher

        for f in feeds:
            if not f.lower().startswith(("http://", "https://")):
                raise click.BadParameter(f"{f!r} is not an http(s) URL", param_hint="FEED_URL")
        try:
            store = open_store(db)
        except StoreError as exc:
            raise click.ClickException(str(exc))
        w = Watcher(list(feeds), store, interval=interval, timeout=timeout, max_bytes=max_bytes,
                    state_path=state or default_state_path(db or getattr(store, "url", None)),
                    log=lambda m: click.echo(m, err=True))
        try:
            reports = w.run(once=once)
        except KeyboardInterrupt:
            click.echo("conflictcoder: interrupted; the item in flight was abandoned (nothing half-stored)", err=True)
            sys.exit(130)
        finally:
            store.close()
        new = sum(r.new for r in reports)
        errs = sum(1 for r in reports if r.status == "error")
        waiting = sum(1 for r in reports if r.status == "backoff")
        click.echo(f"watch: {new} new articles stored, {errs} feed errors"
                   + (f", {waiting} failing feeds backing off" if waiting else ""), err=True)
        if once and errs and new == 0:
            sys.exit(1)
