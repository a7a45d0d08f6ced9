"""flaskr-style fixtures: an app with compiled catalogs, a client, and a questionnaire driver."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webapp import create_app
from webapp.catalogs import compile_catalogs
from webapp.config import TestConfig, as_mapping


@pytest.fixture(scope="session")
def catalogs(tmp_path_factory):
    return compile_catalogs(tmp_path_factory.mktemp("translations"))


@pytest.fixture
def make_app(catalogs):
    def make(**overrides) -> Flask:
        config = as_mapping(TestConfig)
        config["BABEL_TRANSLATION_DIRECTORIES"] = str(catalogs)
        config.update(overrides)
        return create_app(config)

    return make


@pytest.fixture
def app(make_app) -> Iterator[Flask]:
    yield make_app()


@pytest.fixture
def client(app) -> FlaskClient:
    return app.test_client()


ERROR = re.compile(r'class="field-error"[^>]*>(.*?)</p>', re.DOTALL)


def errors(response) -> list[str]:
    return [re.sub(r"<[^>]+>", "", e).replace("Error: ", "").strip() for e in
            ERROR.findall(response.get_data(as_text=True))]


class Flow:
    """Answers questions through the client the way a person would, one screen at a time."""

    def __init__(self, client: FlaskClient):
        self.client = client

    def post(self, url: str, data: dict, expect_redirect: bool = True):
        response = self.client.post(url, data=data)
        if expect_redirect:
            assert response.status_code == 303, (url, errors(response))
        return response

    def person(self, county="San Francisco", dob=("2", "29", "1960")):
        self.post("/q/county", {"county": county})
        if dob is None:
            self.post("/q/birth", {"unknown": "y"})
        else:
            month, day, year = dob
            self.post("/q/birth", {"month": month, "day": day, "year": year})

    def conviction(self, index: int, answers: dict[str, dict]) -> str:
        """Answer every question the site asks for one conviction; returns where it ended."""
        url = f"/q/{index}/what"
        seen = []
        while url.startswith(f"/q/{index}/"):
            step = url.split("/")[3].split("?")[0]
            seen.append(step)
            assert step in answers, f"the site asked {step!r}, which the test did not expect"
            response = self.post(url, answers[step])
            url = response.headers["Location"]
        self.asked = seen
        return url


DEFAULT_ANSWERS = {
    "what": {"answer": "possess_for_sale"},
    "case_number": {"case_number": "SYN-1001"},
    "level": {"answer": "felony"},
    "offense_date": {"month": "6", "year": "2010"},
    "conviction_date": {"month": "9", "day": "14", "year": "2010"},
    "sentence": {"answer": "completed"},
    "minors": {"first": "n", "second": "n"},
    "priors": {"first": "n", "second": "n"},
    "cleared": {"answer": "n"},
}


@pytest.fixture
def flow(client) -> Flow:
    return Flow(client)
