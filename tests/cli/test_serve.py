"""`maslihat serve` runs the service with the options given, loopback unless told otherwise.

Starting a real server is tests/service's job (its conftest runs this command); here
uvicorn is replaced, so what is pinned is what the command hands it.
"""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

import maslihat
from maslihat.cli.main import main


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
    assert result.stderr == "error: nowhere: not a directory of rule files\n"
    assert started == {}
