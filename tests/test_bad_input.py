"""Malformed case files: each is refused with one located message, never a crash.

tests/bad-input/ holds malformed case files, one per class of bad input the contract
names (and a few more), including the hostile ones the reader refuses (tags, aliases,
deep nesting, control characters, numbers that are not what they seem);
expected.yaml says where the first issue must point. Each is checked through the
Python API and through `maslihat evaluate`, because the contract promises both a
located `CaseError` and a one-line message with exit code 2; and all of them at once
through `maslihat batch` in a real process, which must report each and go on.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import pytest
from click.testing import CliRunner
from pydantic import Field
from ruamel.yaml import YAML

import maslihat
from maslihat.cli.main import main
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
    """Run `maslihat evaluate` on one bad file, in this process (a real one is below)."""
    args = ["evaluate", str(BAD / name), "--as-of", BAD_AS_OF.isoformat()]
    done = CliRunner().invoke(main, args)
    assert isinstance(done.exception, SystemExit), done.exception  # not a crash
    return CliRun(done.exit_code, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def bad_batch_run() -> CliRun:
    """`maslihat batch` over every bad file, run in a fresh interpreter as a user would."""
    command = [sys.executable, "-m", "maslihat", "batch", *(str(BAD / n) for n in bad_files())]
    done = subprocess.run(
        [*command, "--as-of", BAD_AS_OF.isoformat()],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return CliRun(done.returncode, done.stdout, done.stderr)


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
def test_bad_case_cli_reports_one_line(name: str, bad_batch_run: CliRun) -> None:
    """`evaluate` reports a malformed case on one stderr line, exit 2; `batch` the same line."""
    expected = bad_expectations()[name]
    run = run_cli(name)
    where = f"error: {BAD / name}:{expected.line}:{expected.column}: "
    prefix = where + (f"{expected.field}:" if expected.field else "")
    assert run.code == 2, run
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(prefix), (lines[0], prefix)
    assert expected.message in lines[0]
    assert lines[0] in bad_batch_run.stderr.splitlines()


def test_batch_goes_past_every_bad_file(bad_batch_run: CliRun) -> None:
    """A real `batch` process over all the bad files: one line each, a summary, exit 2."""
    count = len(bad_files())
    *errors, summary = bad_batch_run.stderr.splitlines()
    assert bad_batch_run.code == 2 and bad_batch_run.stdout == ""
    assert len(errors) == count and all(line.startswith("error: ") for line in errors)
    assert summary == f"{count} cases read: none evaluated; {count} errors"
