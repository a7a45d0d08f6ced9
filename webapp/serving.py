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
number of CPUs times two), ``PROP64_THREADS`` (default 32 per worker).

Two worker processes per CPU: a keep-alive connection stays with the worker that accepted it,
and with one worker per CPU an uneven share of connections leaves one process (one interpreter
lock) queueing requests while the other idles; more, smaller shares even the load out.
"""

from __future__ import annotations

import os
import re
import traceback

from gunicorn import glogging
from gunicorn.http import wsgi

from .security import loggable

wsgi_app = "webapp:create_app()"
bind = os.environ.get("PROP64_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("PROP64_WORKERS") or 2 * (os.cpu_count() or 1))
threads = int(os.environ.get("PROP64_THREADS") or 32)
keepalive = 5
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(b)s %(L)ss'
logger_class = "webapp.serving.EscapedLogger"
secure_scheme_headers: dict[str, str] = {}
forwarded_allow_ips = ""

#: The request atoms our log format uses, escaped before they are written.
_ATOMS = ("m", "U", "q", "r", "s", "b", "f", "a", "h", "u", "H")


def _status(resp, _environ, _took):
    status = resp.status
    return status.split(None, 1)[0] if isinstance(status, str) else status


def _sent(resp, _environ, _took):
    return getattr(resp, "sent", None) is not None and str(resp.sent) or "-"


#: The atoms a log line can be written from without gunicorn's whole table (which also copies
#: every header and environment variable), each worked out as gunicorn does.
_QUICK_ATOMS = {
    "m": lambda _r, environ, _t: environ.get("REQUEST_METHOD"),
    "U": lambda _r, environ, _t: environ.get("PATH_INFO"),
    "q": lambda _r, environ, _t: environ.get("QUERY_STRING"),
    "H": lambda _r, environ, _t: environ.get("SERVER_PROTOCOL"),
    "s": _status,
    "b": _sent,
    "B": lambda resp, _e, _t: getattr(resp, "sent", None),
    "T": lambda _r, _e, took: took.seconds,
    "D": lambda _r, _e, took: took.seconds * 1000000 + took.microseconds,
    "M": lambda _r, _e, took: took.seconds * 1000 + int(took.microseconds / 1000),
    "L": lambda _r, _e, took: "%d.%06d" % (took.seconds, took.microseconds),  # noqa: UP031
}
_FORMAT_KEYS = re.compile(r"%\(([^)]*)\)")


class EscapedLogger(glogging.Logger):
    """gunicorn's logger with every request value escaped (see :func:`loggable`)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in _ATOMS:
            value = atoms.get(key)
            if isinstance(value, str):
                atoms[key] = loggable(value)
        return atoms

    def access(self, resp, req, environ, request_time):
        """The same line as gunicorn's, from only the atoms the format names (a line per
        request: building every header and environment variable into it cost more than the
        page). Other formats, and logging set up by a logging configuration (which may read the
        atoms themselves), are written by gunicorn's own code."""
        keys = self._quick_keys()
        cfg = self.cfg
        if (keys is None or not self.access_log_enabled or cfg.logconfig or cfg.logconfig_dict
                or cfg.logconfig_json or cfg.syslog):
            return super().access(resp, req, environ, request_time)
        atoms = {}
        for key in keys:
            value = _QUICK_ATOMS[key](resp, environ, request_time)
            if isinstance(value, str):
                if key in _ATOMS:
                    value = loggable(value)
                value = value.replace('"', '\\"')  # as gunicorn's SafeAtoms
            atoms[key] = value
        try:
            self.access_log.info(self.cfg.access_log_format % atoms)
        except (TypeError, ValueError, KeyError):
            self.error(traceback.format_exc())

    def _quick_keys(self) -> tuple[str, ...] | None:
        fmt = self.cfg.access_log_format
        cached = getattr(self, "_prop64_keys", None)
        if cached is None or cached[0] != fmt:
            keys = tuple(dict.fromkeys(_FORMAT_KEYS.findall(fmt)))
            cached = (fmt, keys if set(keys) <= _QUICK_ATOMS.keys() else None)
            self._prop64_keys = cached
        return cached[1]


def _without_server_header(original):
    def default_headers(self):
        return [line for line in original(self) if not line.lower().startswith("server:")]

    default_headers.__doc__ = "gunicorn's default headers, without naming the server."
    return default_headers


if not getattr(wsgi.Response.default_headers, "prop64", False):
    wsgi.Response.default_headers = _without_server_header(wsgi.Response.default_headers)
    wsgi.Response.default_headers.prop64 = True  # type: ignore[attr-defined]


def post_worker_init(worker):
    """Once the site is loaded in a worker, its long-lived objects (compiled templates,
    catalogs, the law's data: about 100,000 of them) are moved out of the garbage collector's
    reach. A full collection otherwise walks them all, about 30 ms with every thread of the
    worker stopped; requests allocate and free only their own short-lived objects."""
    import gc

    gc.collect()
    gc.freeze()
