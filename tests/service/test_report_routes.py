"""POST /v1/report and /v1/timeline answer what `evaluate --html` and `timeline --json` give."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi import FastAPI

import maslihat
from maslihat.cli.main import main as cli
from maslihat.service import create_app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "22-atyrau-revision-commission.yaml"
YAML = {"Content-Type": "application/yaml"}
Call = Callable[..., httpx.Response]  # the `call` fixture of conftest.py


@pytest.fixture(scope="module")
def app(rules: maslihat.RuleSet) -> FastAPI:
    return create_app(rules)


def test_timeline_is_the_cli_timeline(app: FastAPI, call: Call) -> None:
    """The steps over HTTP are the steps `maslihat timeline --json` prints."""
    response = call(
        app, "POST", "/v1/timeline?as_of=2023-01-01", content=EXAMPLE.read_bytes(), headers=YAML
    )
    assert response.status_code == 200, response.text
    printed = CliRunner().invoke(cli, ["timeline", str(EXAMPLE), "--as-of", "2023-01-01", "--json"])
    assert response.json() == json.loads(printed.stdout)
    assert any(step["finding"] == "no_quorum" for step in response.json())


def test_report_is_a_page(app: FastAPI, call: Call) -> None:
    """The report is the HTML page of the case, with its trace, for a JSON body too."""
    data = maslihat.load_case(EXAMPLE).model_dump(mode="json", exclude_none=True)
    response = call(app, "POST", "/v1/report?as_of=2023-01-01", json=data)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.count("<svg") == 2 and "session_decision.vote.quorum" in response.text


def test_a_bad_case_is_a_problem(app: FastAPI, call: Call) -> None:
    """A bad case gets the problem answer /v1/evaluate gives, not a page."""
    response = call(app, "POST", "/v1/report", json={"case": 1})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_report_and_timeline_answer_in_the_language_asked_for(app: FastAPI, call: Call) -> None:
    """`?lang=` or Accept-Language: the page is in that language and says so; the timeline's
    words are, its codes and ISO dates are those of the English, as the CLI prints them."""
    body = EXAMPLE.read_bytes()
    page = call(app, "POST", "/v1/report?as_of=2023-01-01&lang=kk", content=body, headers=YAML)
    assert page.headers["content-language"] == "kk" and '<html lang="kk">' in page.text
    headers = {**YAML, "Accept-Language": "ru-RU"}
    steps = call(app, "POST", "/v1/timeline?as_of=2023-01-01", content=body, headers=headers)
    english = call(app, "POST", "/v1/timeline?as_of=2023-01-01", content=body, headers=YAML)
    assert steps.headers["content-language"] == "ru"
    words = ("what", "rule_title", "note", "citation")
    for ru, en in zip(steps.json(), english.json(), strict=True):
        assert {k: v for k, v in ru.items() if k not in words} == {
            k: v for k, v in en.items() if k not in words
        }
    assert steps.json()[0]["what"] == "регистрация депутата"
    printed = CliRunner().invoke(
        cli, ["timeline", str(EXAMPLE), "--as-of", "2023-01-01", "--json", "--lang", "ru"]
    )
    assert steps.json() == json.loads(printed.stdout)
