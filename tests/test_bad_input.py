"""Malformed case files: each is refused with one located message, never a crash.

tests/bad-input/ holds malformed case files, one per class of bad input the contract
names (and a few more); expected.yaml says where the first issue must point. Each is
checked through the Python API and through the CLI, because the contract promises
both a located `CaseError` and a one-line message with exit code 2.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import Field
from ruamel.yaml import YAML

import maslihat
from maslihat.model.common import Frozen

BAD = Path(__file__).parent / "bad-input"
BAD_AS_OF = dt.date(2024, 1, 1)


class BadExpect(Frozen):
    """Where the first issue of a malformed case file must point, and what it says."""

    line: int
    column: int
    field: str
    message: Annotated[str, Field(min_length=1)]


def bad_expectations() -> dict[str, BadExpect]:
    """tests/bad-input/expected.yaml, validated."""
    data = YAML(typ="safe", pure=True).load((BAD / "expected.yaml").read_text(encoding="utf-8"))
    return {name: BadExpect.model_validate(value) for name, value in data.items()}


def bad_files() -> list[str]:
    """The malformed case files, by name."""
    return sorted(p.name for p in BAD.iterdir() if p.is_file() and p.name != "expected.yaml")


@dataclass(frozen=True)
class CliRun:
    """What one run of the CLI printed and returned."""

    code: int
    stdout: str
    stderr: str


def run_cli(name: str) -> CliRun:
    """Run `maslihat evaluate` on one bad file in a fresh interpreter, as a user would."""
    command = [sys.executable, "-m", "maslihat", "evaluate", str(BAD / name)]
    done = subprocess.run(
        [*command, "--as-of", BAD_AS_OF.isoformat()],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return CliRun(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def bad_cli_runs() -> dict[str, CliRun]:
    """The CLI run on every bad file, in parallel where there are cores to spare."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(zip(bad_files(), pool.map(run_cli, bad_files()), strict=True))


def test_bad_catalogue_is_complete() -> None:
    """Every malformed case file has an expectation, and every expectation a file."""
    assert set(bad_expectations()) == set(bad_files())


@pytest.mark.parametrize("name", bad_files())
def test_bad_case_raises_located_case_error(name: str, rules: maslihat.RuleSet) -> None:
    """Loading and evaluating a malformed case raises CaseError located at the mistake."""
    expected = bad_expectations()[name]
    path = BAD / name
    with pytest.raises(maslihat.CaseError) as caught:
        maslihat.evaluate(maslihat.load_case(path), as_of=BAD_AS_OF, rules=rules)
    first = caught.value.issues[0]
    got = (first.file, first.line, first.column, first.field)
    assert got == (str(path), expected.line, expected.column, expected.field), first
    assert expected.message in first.message


@pytest.mark.parametrize("name", bad_files())
def test_bad_case_cli_reports_one_line(name: str, bad_cli_runs: dict[str, CliRun]) -> None:
    """The CLI reports a malformed case on one stderr line, exit 2, no output, no traceback."""
    expected = bad_expectations()[name]
    run = bad_cli_runs[name]
    where = f"error: {BAD / name}:{expected.line}:{expected.column}: "
    prefix = where + (f"{expected.field}:" if expected.field else "")
    assert run.code == 2, run
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(prefix), (lines[0], prefix)
    assert expected.message in lines[0]
