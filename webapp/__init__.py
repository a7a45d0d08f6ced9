"""The public website: a plain, multilingual questionnaire that ends in a clear answer.

``create_app(config)`` builds the Flask app. Answers live only in the encrypted session cookie
(``webapp.sessions``); the rules engine decides every outcome.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, g, request, session
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from . import i18n
from .config import Config, ConfigError, DevConfig, as_mapping
from .csrf import generate_csrf
from .paths import STATIC_DIR, TEMPLATES_DIR
from .security import add_headers, trust_proxies, upload_limits
from .sessions import EncryptedSessionInterface
from .templating import FixedTextExtension, LanguageEnvironment, fixed_links

csrf = CSRFProtect()
babel = Babel()


def create_app(config: Mapping[str, Any] | type | None = None) -> Flask:
    """Build the site. ``config`` is a mapping or a config class; by default the environment."""
    app = Flask(
        __name__,
        template_folder=str(TEMPLATES_DIR),
        static_folder=str(STATIC_DIR),
    )
    app.jinja_environment = LanguageEnvironment  # type: ignore[assignment]
    if config is None:
        app.config.update(Config.from_env())
    elif isinstance(config, type):
        app.config.update(as_mapping(config))
    else:
        app.config.update(as_mapping(Config))
        app.config.update(config)
    if app.debug and not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = DevConfig.SECRET_KEY
    if not app.config.get("SECRET_KEY"):
        raise ConfigError(
            "PROP64_SECRET_KEY is not set. Set it in the environment (make run generates one)."
        )

    app.session_interface = EncryptedSessionInterface()
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.before_request(upload_limits)  # before the CSRF check reads the form
    csrf.init_app(app)
    app.jinja_env.globals["csrf_token"] = generate_csrf  # the forms' token, signed once
    babel.init_app(app, locale_selector=i18n.select_babel_locale)
    babel.domain_instance = i18n.CATALOGS
    i18n.install_in_templates(app)
    app.jinja_env.add_extension(FixedTextExtension)
    app.jinja_env.globals["url_for"] = fixed_links(app)

    from . import clinic, errors, lookup_views, pages, papers, screener
    app.register_blueprint(pages.bp)
    app.register_blueprint(screener.bp)
    app.register_blueprint(papers.bp)
    app.register_blueprint(lookup_views.bp)
    app.register_blueprint(clinic.bp)
    errors.register(app)

    app.before_request(_remember_language)
    app.after_request(add_headers)
    trust_proxies(app)
    app.context_processor(_template_context)
    app.add_template_filter(_long_date, "long_date")
    _quiet_request_logging()
    return app


def _remember_language() -> None:
    chosen = i18n.normalise(request.args.get("lang"))
    if chosen and session.get("lang") != chosen:
        session["lang"] = chosen
        session.permanent = True


def _template_context() -> dict[str, Any]:
    from flask import current_app

    def has_endpoint(name: str) -> bool:
        return name in current_app.view_functions

    return {
        "lang": i18n.current(),
        "languages": i18n.LANGUAGES,
        "has_endpoint": has_endpoint,
        "session_problem": g.get("session_problem"),
        "csrf_token": generate_csrf,  # in place of Flask-WTF's (the same token, signed once)
    }


def _long_date(value: Any) -> str:
    """An ISO date as the reader's language writes it ("November 23, 2026")."""
    from datetime import date

    from .presenters import long_date

    try:
        return long_date(date.fromisoformat(str(value)))
    except (TypeError, ValueError):
        return str(value or "")


def _quiet_request_logging() -> None:
    # The development server logs each request line; form contents never reach a log because
    # every form is sent by POST. Query strings carry only ?lang=.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
