"""`prop64 web`: serve the site."""

from __future__ import annotations

import os
import secrets

import click


@click.command("web")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=2 * (os.cpu_count() or 1), show_default="two per CPU", type=int,
              help="gunicorn worker processes (1 uses the simple built-in server).")
def web(host: str, port: int, workers: int) -> None:
    """Serve the public website on HOST:PORT.

    The session key comes from PROP64_SECRET_KEY; without it a random key is made for this run
    (answers then end when the server stops).
    """
    if not os.environ.get("PROP64_SECRET_KEY"):
        os.environ["PROP64_SECRET_KEY"] = secrets.token_hex(32)
        click.echo("PROP64_SECRET_KEY is not set: using a key for this run only.", err=True)
    if workers > 1:
        try:
            from gunicorn.app.wsgiapp import run as gunicorn_run
        except ImportError:  # pragma: no cover - gunicorn is a dependency
            workers = 1
        else:
            import sys

            # webapp/serving.py: threaded workers, the escaped access log, no Server header
            sys.argv = ["gunicorn", "-c", "python:webapp.serving", "--workers", str(workers),
                        "--bind", f"{host}:{port}"]
            gunicorn_run()
            return
    from werkzeug.serving import run_simple

    from . import create_app

    run_simple(host, port, create_app(), use_reloader=False, threaded=True)
