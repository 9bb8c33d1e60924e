"""Malformed case files: each is refused with every issue located and in plain words.

tests/bad-input/ holds malformed case files, one per class of bad input the contract
names (and a few more), including the hostile ones the reader refuses (tags, aliases,
deep nesting, control characters, numbers that are not what they seem) and the wrong
kind of file; expected.yaml lists, for each, every message it must get, in order. Each
is checked through the Python API and through `maslihat evaluate`, because the
contract promises both a located `CaseError` and one stderr line per issue with exit
code 2; and all of them at once through `maslihat batch` in a real process, which must
report each and go on. No message may fall back to the parser's or validator's words.
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
from pydantic import Field, TypeAdapter
from ruamel.yaml import YAML

import maslihat
from maslihat.cli.main import main

BAD = Path(__file__).parent / "bad-input"
BAD_AS_OF = dt.date(2024, 1, 1)


JARGON = (
    "Input should",
    "String should",
    "Field required",
    "Extra inputs",
    "Value error",
    "expected <block end>",
    "<block",
    "did not find expected",
    "could not find expected",
    "mapping values are not allowed",
    "Expecting",
    "^[1-9]",
    "Input tag",
)
"""Parser and validator phrases a person should never have to decode."""


def bad_expectations() -> dict[str, list[str]]:
    """tests/bad-input/expected.yaml: file name to its message lines, validated."""
    data = YAML(typ="safe", pure=True).load((BAD / "expected.yaml").read_text(encoding="utf-8"))
    return EXPECTED.validate_python(data)


EXPECTED = TypeAdapter(
    dict[str, Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]]
)


def expected_lines(name: str) -> list[str]:
    """The messages `name` must get, as `file:line:col: field: message` lines."""
    path = str(BAD / name)
    return [f"{path}:{line.replace('{file}', path)}" for line in bad_expectations()[name]]


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
    """Loading and evaluating a malformed case raises CaseError with every issue, in order."""
    path = BAD / name
    with pytest.raises(maslihat.CaseError) as caught:
        maslihat.evaluate(maslihat.load_case(path), as_of=BAD_AS_OF, rules=rules)
    assert [str(issue) for issue in caught.value.issues] == expected_lines(name)
    assert all(issue.file == str(path) and issue.line for issue in caught.value.issues)


@pytest.mark.parametrize("name", bad_files())
def test_bad_case_messages_are_plain_words(name: str) -> None:
    """No message of a bad case uses the parser's or the validator's words."""
    for line in expected_lines(name):
        assert not [phrase for phrase in JARGON if phrase in line], line


@pytest.mark.parametrize("name", bad_files())
def test_bad_case_cli_reports_every_issue(name: str, bad_batch_run: CliRun) -> None:
    """`evaluate` prints each issue on its own stderr line, then a count; exit 2; `batch` too."""
    expected = [f"error: {line}" for line in expected_lines(name)]
    if len(expected) > 1:
        expected.append(f"{len(expected)} errors in {BAD / name}")
    run = run_cli(name)
    assert run.code == 2, run
    assert run.stdout == ""
    assert run.stderr.splitlines() == expected
    batch_lines = bad_batch_run.stderr.splitlines()
    start = batch_lines.index(expected[0])
    assert batch_lines[start : start + len(expected)] == expected


def test_every_suggestion_the_catalogue_promises_is_made() -> None:
    """The misspellings the issue names get a "did you mean" with the right name."""
    wanted = {
        "misspelt-event-type.yaml": "did you mean 'residence_changed'?",
        "misspelt-key-in-favor.yaml": "did you mean 'in_favour'?",
        "misspelt-ground.yaml": "did you mean 'resignation'?",
        "offence-abbreviated.yaml": "did you mean 'negligent_misdemeanour'?",
        "unknown-event-type.yaml": "did you mean 'resignation_filed'?",
    }
    for name, suggestion in wanted.items():
        assert suggestion in expected_lines(name)[0], name


def test_a_misspelt_required_key_is_one_issue_not_two() -> None:
    """`in_favor` for `in_favour` is one unknown key with a suggestion, not also a missing key."""
    assert len(expected_lines("misspelt-key-in-favor.yaml")) == 1


def test_a_directory_given_to_evaluate_points_to_batch(tmp_path: Path) -> None:
    """`evaluate DIR` says it is a directory and that `batch` evaluates one."""
    done = CliRunner().invoke(main, ["evaluate", str(tmp_path)])
    assert done.exit_code == 2
    assert done.stderr.splitlines() == [
        f"error: {tmp_path}: is a directory: `maslihat batch {tmp_path}` evaluates every case "
        "file in it"
    ]


def test_batch_goes_past_every_bad_file(bad_batch_run: CliRun) -> None:
    """A real `batch` process over all the bad files: their lines, a summary, exit 2."""
    count = len(bad_files())
    *lines, summary = bad_batch_run.stderr.splitlines()
    wanted = []
    for name in bad_files():
        issues = expected_lines(name)
        wanted += [f"error: {line}" for line in issues]
        wanted += [f"{len(issues)} errors in {BAD / name}"] if len(issues) > 1 else []
    assert bad_batch_run.code == 2 and bad_batch_run.stdout == ""
    assert lines == wanted
    assert summary == f"{count} cases read: none evaluated; {count} errors"
