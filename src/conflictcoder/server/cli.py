"""`conflictcoder serve`: the HTTP API and dashboard."""
from __future__ import annotations

import click


def register(group: click.Group) -> None:
    @group.command("serve")
    @click.option("--db", help="Database: a file path, sqlite:///PATH or postgresql://... (default: $CONFLICTCODER_DB or the user data directory).")
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
    @click.option("--token", envvar="CONFLICTCODER_TOKEN", help="Token for write endpoints (or $CONFLICTCODER_TOKEN / $CONFLICTCODER_TOKEN_FILE).")
    @click.option("--read-token", is_flag=True, help="Require the token for reading too.")
    def serve_cmd(db, host, port, token, read_token):
        """Serve the HTTP API (docs at /docs) and the dashboard (at /)."""
        import uvicorn

        from . import create_app
        from ..store import StoreError, open_store

        try:
            open_store(db).close()  # fail early with a clear message
        except StoreError as exc:
            raise click.ClickException(str(exc))
        app = create_app(db, token=token, read_token_required=read_token)
        click.echo(f"conflictcoder: serving on http://{host}:{port}/ (API docs: /docs); writes "
                   f"{'enabled' if app.state.get_store and token or __import__('os').environ.get('CONFLICTCODER_TOKEN_FILE') else 'disabled (no token)'}", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")
