"""`maslihat serve` runs the service with the options given, loopback unless told otherwise.

Starting a real server is tests/service's job (its conftest runs this command); here
uvicorn is replaced, so what is pinned is what the command hands it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import maslihat
from maslihat.cli.main import main
from maslihat.cli.serve import OPTIONS, WORKER_APP, worker_app
from maslihat.service.connection import HeadDeadline

CATALOGUE = Path(__file__).resolve().parents[1] / "catalogue"


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What `uvicorn.run` was called with, instead of running a server."""
    calls: dict[str, Any] = {}

    def run(app: Any, **options: Any) -> None:
        calls.update(options, app=app)

    monkeypatch.setattr("uvicorn.run", run)
    return calls


def test_serve_listens_on_loopback_port_8000_by_default(
    started: dict[str, Any], rules: maslihat.RuleSet
) -> None:
    """Without options the service answers on 127.0.0.1:8000 only, with the bundled rules."""
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 0, result.output
    assert (started["host"], started["port"]) == ("127.0.0.1", 8000)
    assert started["app"].state.service.rules.fingerprint == rules.fingerprint


def test_serve_passes_host_port_and_body_limit(started: dict[str, Any]) -> None:
    """--host, --port and --max-body reach the server and the app."""
    args = ["serve", "--host", "0.0.0.0", "--port", "9001", "--max-body", "4096"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert (started["host"], started["port"]) == ("0.0.0.0", 9001)
    assert started["app"].state.service.max_body == 4096


def test_serve_with_bad_rules_exits_3_without_serving(started: dict[str, Any]) -> None:
    """A rule directory that does not load stops the command with exit 3 before it serves."""
    result = CliRunner().invoke(main, ["serve", "--rules", "nowhere"])
    assert result.exit_code == 3
    assert result.stderr == (
        "error: nowhere: not a directory of rule files: --rules takes a directory "
        "(the default is the bundled rules)\n"
    )
    assert started == {}


def test_serve_sets_the_header_and_body_timeouts(started: dict[str, Any]) -> None:
    """--header-timeout reaches each connection's protocol, --body-timeout the app."""
    args = ["serve", "--header-timeout", "2.5", "--body-timeout", "4"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert started["http"].func is HeadDeadline
    assert started["http"].keywords == {"head_timeout": 2.5}
    assert started["app"].state.service.body_timeout == 4


def test_serve_timeouts_default_to_10_and_30_seconds(started: dict[str, Any]) -> None:
    """Without options, headers get 10 s and bodies 30 s, as docs/embedding.md says."""
    assert CliRunner().invoke(main, ["serve"]).exit_code == 0
    assert started["http"].keywords == {"head_timeout": 10}
    assert started["app"].state.service.body_timeout == 30


def test_the_service_logs_its_own_lines_as_uvicorn_does(started: dict[str, Any]) -> None:
    """The `maslihat` loggers go to uvicorn's handler at info level, not to the void."""
    assert CliRunner().invoke(main, ["serve"]).exit_code == 0
    assert started["log_config"]["loggers"]["maslihat"]["level"] == "INFO"
    assert started["log_config"]["loggers"]["maslihat"]["handlers"] == ["default"]


def test_workers_build_the_app_from_the_command_s_options(
    started: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With --workers N, uvicorn gets a factory that rebuilds the same app in each worker."""
    monkeypatch.delenv(OPTIONS, raising=False)  # restored when the test ends
    shutil.copy(CATALOGUE / "eligibility-age-20-on-the-day.yaml", tmp_path / "t.yaml")
    args = ["serve", "--workers", "3", "--max-body", "4096", "--body-timeout", "5"]
    result = CliRunner().invoke(main, [*args, "--case-tests", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (started["app"], started["factory"], started["workers"]) == (WORKER_APP, True, 3)
    app = worker_app()
    assert app.state.service.max_body == 4096
    assert app.state.service.body_timeout == 5
    assert [test.path.name for test in app.state.service.case_tests] == ["t.yaml"]


def test_workers_with_bad_case_tests_exit_2_before_starting(
    started: dict[str, Any], tmp_path: Path
) -> None:
    """A bad case-test file stops `serve --workers 2` with exit 2, before any worker starts."""
    (tmp_path / "bad.yaml").write_text("about: x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--workers", "2", "--case-tests", str(tmp_path)])
    assert result.exit_code == 2
    assert started == {}


def test_serve_lang_is_the_services_language(
    started: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve --lang kk` (or `maslihat --lang kk serve`) answers in Kazakh by default."""
    monkeypatch.delenv(OPTIONS, raising=False)
    assert CliRunner().invoke(main, ["serve", "--lang", "kk"]).exit_code == 0
    assert started["app"].state.service.lang == "kk"
    assert CliRunner().invoke(main, ["serve"]).exit_code == 0
    assert started["app"].state.service.lang == "en"
    assert CliRunner().invoke(main, ["--lang", "ru", "serve", "--workers", "2"]).exit_code == 0
    assert worker_app().state.service.lang == "ru"
