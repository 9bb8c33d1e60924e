"""A typed program using the public API type-checks under mypy --strict and runs.

tests/typed_usage.py is that program. Checking it with mypy's own API keeps the
public signatures honest for typed callers (the package ships `py.typed`); running it
checks that it does what its types promise, including sharing one rule set between
threads.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import mypy.api

import maslihat

ROOT = Path(__file__).resolve().parents[1]
USAGE = Path(__file__).with_name("typed_usage.py")


def mypy_strict(*target: str) -> tuple[str, int]:
    """mypy --strict with the project's settings (and cache) on `target`: report, status."""
    config = ["--config-file", str(ROOT / "pyproject.toml")]
    out, err, status = mypy.api.run(
        [*config, "--cache-dir", str(ROOT / ".mypy_cache"), "--strict", *target]
    )
    return out + err, status


def test_typed_usage_passes_mypy_strict() -> None:
    """tests/typed_usage.py has no error under mypy --strict with the project's settings."""
    report, status = mypy_strict(str(USAGE))
    assert status == 0, report


def test_a_wrongly_typed_call_is_caught(tmp_path: Path) -> None:
    """The check has teeth: a date given as text to `evaluate` is a type error."""
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "import maslihat\nmaslihat.evaluate(maslihat.load_case('x'), as_of='2022-06-01')\n",
        encoding="utf-8",
    )
    report, status = mypy_strict(str(wrong))
    assert status == 1 and 'Argument "as_of" to "evaluate"' in report, report


def test_typed_usage_runs_as_its_types_say() -> None:
    """The program's answers are right, and eight threads sharing rules agree to the byte."""
    summary: dict[str, Any] = runpy.run_path(str(USAGE))["main"]()
    assert summary["status"] == "termination_pending"
    assert summary["grounds"] == [("resignation", "arisen")]
    assert summary["next"] == [("tec", "submit")]
    assert summary["steps"] == 2
    assert summary["streamed"] == {f"typed-{i}": "active" for i in range(3)}
    issue: maslihat.Issue = summary["issue"]
    assert (issue.field, issue.line) == ("deputy.born", 3)
    assert summary["threads"] == {summary["json"]}
