"""Settings. Secrets come only from the environment; nothing secret has a default."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta

from .paths import TRANSLATIONS_DIR
from .ratelimit import default_storage_uri


class ConfigError(RuntimeError):
    """The site cannot start safely with this configuration."""


class Config:
    SECRET_KEY: str | None = None  # PROP64_SECRET_KEY
    PERMANENT_SESSION_LIFETIME = timedelta(hours=2)  # expires after 2 hours without a request
    SESSION_REFRESH_EACH_REQUEST = True
    SESSION_COOKIE_NAME = "prop64"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # Secure anyway on HTTPS requests; PROP64_SECURE_COOKIES=1: always
    MAX_CONTENT_LENGTH = 64 * 1024
    CLINIC_UPLOAD_LIMIT = 1024 * 1024  # a clinic's CSV file (webapp.security.UPLOAD_LIMITS)
    MAX_FORM_MEMORY_SIZE = 64 * 1024
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session (2 hours idle)
    # Pages send no Referer (Referrer-Policy: no-referrer), so Flask-WTF's HTTPS Referer check
    # would refuse every form; the token and the SameSite cookie are the protection.
    WTF_CSRF_SSL_STRICT = False
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "America/Los_Angeles"
    BABEL_TRANSLATION_DIRECTORIES = str(TRANSLATIONS_DIR)
    LOOKUP_DB_URL = "sqlite:///var/lookup.sqlite"
    LOOKUP_KEY: str | None = None
    LOOKUP_CONNECT_TIMEOUT = 3.0  # seconds before an unreachable database is given up
    LOOKUP_RATE_LIMIT = "10 per minute"  # per client address
    LOOKUP_CASE_RATE_LIMIT = "10 per hour"  # per case number, from any address
    RATELIMIT_STORAGE_URI = default_storage_uri()  # shared by every worker on this machine
    PROXY_HOPS = 0  # reverse proxies in front of the site (PROP64_PROXY_HOPS)
    POLICY = "county"
    TESTING = False

    @classmethod
    def from_env(cls, environ: os._Environ[str] | dict[str, str] | None = None) -> dict[str, object]:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {
            k: getattr(cls, k) for k in dir(cls) if k.isupper() and not k.startswith("_")
        }
        values["SECRET_KEY"] = env.get("PROP64_SECRET_KEY") or None
        values["LOOKUP_DB_URL"] = env.get("PROP64_LOOKUP_DB") or cls.LOOKUP_DB_URL
        values["LOOKUP_KEY"] = env.get("PROP64_LOOKUP_KEY") or None
        values["SESSION_COOKIE_SECURE"] = env.get("PROP64_SECURE_COOKIES", "") in ("1", "true")
        if env.get("PROP64_TRANSLATIONS_DIR"):
            values["BABEL_TRANSLATION_DIRECTORIES"] = env["PROP64_TRANSLATIONS_DIR"]
        if env.get("PROP64_LOOKUP_RATE_LIMIT"):
            values["LOOKUP_RATE_LIMIT"] = env["PROP64_LOOKUP_RATE_LIMIT"]
        if env.get("PROP64_LOOKUP_CASE_RATE_LIMIT"):
            values["LOOKUP_CASE_RATE_LIMIT"] = env["PROP64_LOOKUP_CASE_RATE_LIMIT"]
        if env.get("PROP64_RATELIMIT_STORAGE"):  # shared by every worker, e.g. redis://host:6379
            values["RATELIMIT_STORAGE_URI"] = env["PROP64_RATELIMIT_STORAGE"]
        if env.get("PROP64_PROXY_HOPS"):
            try:
                values["PROXY_HOPS"] = int(env["PROP64_PROXY_HOPS"])
            except ValueError:
                raise ConfigError("PROP64_PROXY_HOPS must be a whole number, like 1") from None
        return values


class DevConfig(Config):
    """`flask --app webapp run --debug`: a throwaway key per process when none is set."""

    SECRET_KEY = secrets.token_hex(32)


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-only-for-tests"
    WTF_CSRF_ENABLED = False
    LOOKUP_DB_URL = "sqlite:///:memory:"
    LOOKUP_KEY = "test-lookup-key"
    RATELIMIT_STORAGE_URI = "memory://"  # one store per app: tests never share counters


def as_mapping(cls: type) -> dict[str, object]:
    return {k: getattr(cls, k) for k in dir(cls) if k.isupper() and not k.startswith("_")}
