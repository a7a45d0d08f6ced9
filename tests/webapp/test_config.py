from webapp.config import Config


def test_settings_come_from_the_environment() -> None:
    values = Config.from_env({
        "PROP64_SECRET_KEY": "k", "PROP64_LOOKUP_DB": "sqlite:///x.sqlite", "PROP64_LOOKUP_KEY": "h",
        "PROP64_SECURE_COOKIES": "1", "PROP64_LOOKUP_RATE_LIMIT": "3 per minute",
        "PROP64_RATELIMIT_STORAGE": "memory://shared", "PROP64_PROXY_HOPS": "1",
        "PROP64_LOOKUP_CASE_RATE_LIMIT": "4 per hour",
    })
    assert values["SECRET_KEY"] == "k"
    assert values["LOOKUP_DB_URL"] == "sqlite:///x.sqlite"
    assert values["LOOKUP_KEY"] == "h"
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["LOOKUP_RATE_LIMIT"] == "3 per minute"
    assert values["RATELIMIT_STORAGE_URI"] == "memory://shared"
    assert values["PROXY_HOPS"] == 1 and values["LOOKUP_CASE_RATE_LIMIT"] == "4 per hour"


def test_without_the_environment_nothing_secret_is_invented() -> None:
    values = Config.from_env({})
    assert values["SECRET_KEY"] is None
    assert values["LOOKUP_KEY"] is None
    assert values["SESSION_COOKIE_SECURE"] is False
    # the default rate-limit store is a file every worker shares, never one per process
    assert values["RATELIMIT_STORAGE_URI"].startswith("sqlite:///")
    assert values["PROXY_HOPS"] == 0
