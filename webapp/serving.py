"""gunicorn settings for the public site: ``gunicorn -c python:webapp.serving``.

* Threaded workers (``gthread``): the lookup's fixed answer time (a short wait, so a found
  and a missing case take equally long) holds one thread, never a whole worker, so the other
  pages keep answering while lookups run.
* The access log holds method, path, status, size and time: no client address, no query
  string, no form contents, and every value escaped so a path with ``%0d%0a`` in it cannot
  write a forged line.
* No ``Server: gunicorn`` header.
* ``X-Forwarded-*`` headers are left to the site (``PROP64_PROXY_HOPS``, Werkzeug's ProxyFix),
  so there is one place that decides which proxy to believe.

Environment: ``PROP64_BIND`` (default ``127.0.0.1:8000``), ``PROP64_WORKERS`` (default: the
number of CPUs), ``PROP64_THREADS`` (default 32 per worker).
"""

from __future__ import annotations

import os

from gunicorn import glogging
from gunicorn.http import wsgi

from .security import loggable

wsgi_app = "webapp:create_app()"
bind = os.environ.get("PROP64_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("PROP64_WORKERS") or os.cpu_count() or 2)
threads = int(os.environ.get("PROP64_THREADS") or 32)
keepalive = 5
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(b)s %(L)ss'
logger_class = "webapp.serving.EscapedLogger"
secure_scheme_headers: dict[str, str] = {}
forwarded_allow_ips = ""

#: The request atoms our log format uses, escaped before they are written.
_ATOMS = ("m", "U", "q", "r", "s", "b", "f", "a", "h", "u", "H")


class EscapedLogger(glogging.Logger):
    """gunicorn's logger with every request value escaped (see :func:`loggable`)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in _ATOMS:
            value = atoms.get(key)
            if isinstance(value, str):
                atoms[key] = loggable(value)
        return atoms


def _without_server_header(original):
    def default_headers(self):
        return [line for line in original(self) if not line.lower().startswith("server:")]

    default_headers.__doc__ = "gunicorn's default headers, without naming the server."
    return default_headers


if not getattr(wsgi.Response.default_headers, "prop64", False):
    wsgi.Response.default_headers = _without_server_header(wsgi.Response.default_headers)
    wsgi.Response.default_headers.prop64 = True  # type: ignore[attr-defined]
