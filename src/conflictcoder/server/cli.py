"""`conflictcoder serve`: the HTTP API and dashboard."""
from __future__ import annotations

import click


def register(group: click.Group) -> None:
    @group.command("serve")
    @click.option("--db", help="Database: a file path, sqlite:///PATH or postgresql://... (default: $CONFLICTCODER_DB or the user data directory).")
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
    @click.option("--token", help="Token for write endpoints (default: $CONFLICTCODER_TOKEN, or the file named by $CONFLICTCODER_TOKEN_FILE).")
    @click.option("--read-token", is_flag=True, help="Require the token for reading too.")
    def serve_cmd(db, host, port, token, read_token):
        """Serve the HTTP API (docs at /docs) and the dashboard (at /)."""
        import uvicorn

        from . import create_app, load_token
        from ..store import StoreError, open_store

        try:
            open_store(db).close()  # fail early with a clear message
        except StoreError as exc:
            raise click.ClickException(str(exc))
        token = load_token(token)
        if read_token and not token:
            raise click.UsageError("--read-token needs a token (--token, $CONFLICTCODER_TOKEN or $CONFLICTCODER_TOKEN_FILE)")
        app = create_app(db, token=token, read_token_required=read_token)
        click.echo(f"conflictcoder: serving on http://{host}:{port}/ (API docs: /docs); writes "
                   f"{'need the token' if token else 'disabled (no token set)'}", err=True)
        try:
            uvicorn.run(app, host=host, port=port, log_level="warning")
        except OSError as exc:
            raise click.ClickException(f"cannot serve on {host}:{port}: {exc.strerror or exc}")
        except SystemExit:  # uvicorn could not bind (it has logged why, e.g. address already in use)
            raise click.ClickException(f"cannot serve on {host}:{port} (address in use or not available)")
