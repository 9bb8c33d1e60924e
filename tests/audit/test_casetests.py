"""Case-test files: strict format, located errors, and a comparison that misses nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

import maslihat
from maslihat.audit.casetests import Expect, compare, load_case_test, run_file
from maslihat.cli.main import main
from maslihat.errors import CaseTestError

RESIGNED = """\
maslihat: {name: M, level: district, territory: "234400000", seats: 15}
deputy: {name: D, born: 1985-03-14, citizenship: KZ, residence: "234430100"}
events:
  - {date: 2021-01-12, type: registered}
  - {date: 2022-02-01, type: resignation_filed}
"""


def write(tmp_path: Path, text: str, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_is_a_located_error(tmp_path: Path) -> None:
    """A misspelt expectation key is refused with its line, not silently skipped."""
    path = write(
        tmp_path,
        "about: A typo.\ncase: x.yaml\ntests:\n  - name: typo\n    as_of: 2022-01-01\n"
        "    expect: {status: active, finding: [ineligible_age]}\n",
    )
    with pytest.raises(CaseTestError) as caught:
        load_case_test(path)
    issue = caught.value.issues[0]
    assert (issue.line, issue.field) == (6, "tests[0].expect.finding")


def test_inline_case_errors_point_into_the_file(tmp_path: Path) -> None:
    """An error in an inline case names its line in the case-test file."""
    case = RESIGNED.replace("1985-03-14", "1985-02-30").replace("\n", "\n  ")
    tests = "tests: [{name: t, as_of: 2022-03-01, expect: {status: active}}]\n"
    path = write(tmp_path, f"about: x\ncase:\n  {case}\n{tests}")
    with pytest.raises(CaseTestError) as caught:
        load_case_test(path)
    issue = caught.value.issues[0]
    assert issue.field == "deputy.born" and issue.line == 4 and issue.file == str(path)


def test_case_may_live_in_its_own_file(tmp_path: Path, rules: maslihat.RuleSet) -> None:
    """A `case` given as a string is a case file path relative to the case-test file."""
    write(tmp_path, RESIGNED, "resigned.yaml")
    path = write(
        tmp_path,
        "about: By path.\ncase: resigned.yaml\n"
        "tests: [{name: t, as_of: 2022-03-01, expect: {status: termination_pending}}]\n",
    )
    outcomes = run_file(load_case_test(path), rules)
    assert [(o.id, o.passed) for o in outcomes] == [("t::t", True)]


def test_case_in_a_subdirectory_is_read(tmp_path: Path, rules: maslihat.RuleSet) -> None:
    """A `case` path may lead down into the test file's directory tree."""
    (tmp_path / "cases").mkdir()
    write(tmp_path, RESIGNED, "cases/resigned.yaml")
    tests = "tests: [{name: t, as_of: 2022-03-01, expect: {status: termination_pending}}]\n"
    path = write(tmp_path, f"about: x\ncase: cases/../cases/resigned.yaml\n{tests}")
    assert [o.passed for o in run_file(load_case_test(path), rules)] == [True]


@pytest.mark.parametrize(
    "named", ["../../../../etc/passwd", "/etc/passwd", "../outside.yaml", "inside/link.yaml"]
)
def test_case_path_leading_out_of_the_tree_is_refused_at_the_key(
    tmp_path: Path, named: str
) -> None:
    """A `case` path out of the test's directory (.., absolute, a link) is refused at `case`."""
    home = tmp_path / "suite"
    (home / "inside").mkdir(parents=True)
    write(tmp_path, RESIGNED, "outside.yaml")
    (home / "inside" / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    tests = "tests: [{name: t, as_of: 2022-03-01, expect: {status: active}}]\n"
    path = write(home, f"about: x\ncase: {named}\n{tests}")
    with pytest.raises(CaseTestError) as caught:
        load_case_test(path)
    assert str(caught.value) == (
        f"{path}:2:1: case: {named!r} leads out of this file's directory ({home}):"
        " a case must be in it"
    )


def test_a_case_test_leading_out_is_exit_2_for_maslihat_test(tmp_path: Path) -> None:
    """`maslihat test` reports such a file as bad case-test input: one line, exit 2."""
    tests = "tests: [{name: t, as_of: 2022-03-01, expect: {status: active}}]\n"
    path = write(tmp_path, f"about: x\ncase: ../../../../etc/passwd\n{tests}")
    result = CliRunner().invoke(main, ["test", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:2:1: case: '../../../../etc/passwd' leads")
    assert result.stderr.count("\n") == 1 and "root:" not in result.output


def test_duplicate_test_names_are_refused(tmp_path: Path) -> None:
    """Two tests with one name would hide each other in reports."""
    write(tmp_path, RESIGNED, "resigned.yaml")
    test = "{name: same, as_of: 2022-03-01, expect: {status: active}}"
    path = write(tmp_path, f"about: x\ncase: resigned.yaml\ntests: [{test}, {test}]\n")
    with pytest.raises(CaseTestError, match="used twice"):
        load_case_test(path)


def test_compare_names_every_difference(rules: maslihat.RuleSet) -> None:
    """Each expectation a result does not meet is reported, so no check is vacuous."""
    result = maslihat.evaluate(
        maslihat.parse_case(RESIGNED), as_of=dt.date(2022, 3, 1), rules=rules
    )
    wrong = Expect.model_validate(
        {
            "status": "active",
            "eligible": False,
            "mandate": {"began": "2021-01-13"},
            "grounds": {"resignation": {"stage": "arisen", "arose": "2022-02-02"}},
            "findings": ["ineligible_age", {"code": "ineligible_age", "date": None}],
            "no_findings": [],
            "next_steps": ["session:vote:resignation"],
        }
    )
    reported = [problem.split(":")[0] for problem in compare(wrong, result)]
    assert reported == [
        "status",
        "eligible",
        "mandate",
        "grounds.resignation.arose",
        "findings",
        "findings",
        "next_steps",
    ]
    right = Expect.model_validate(
        {
            "status": "termination_pending",
            "grounds": {"resignation": "arisen"},
            "no_findings": ["ineligible_age"],
        }
    )
    assert compare(right, result) == []


def test_unknown_ground_in_an_expectation_fails_the_test(
    tmp_path: Path, rules: maslihat.RuleSet
) -> None:
    """Expecting a ground the rules lack fails, rather than passing as 'absent'."""
    write(tmp_path, RESIGNED, "resigned.yaml")
    path = write(
        tmp_path,
        "about: x\ncase: resigned.yaml\ntests: [{name: t, as_of: 2022-03-01, "
        "expect: {status: termination_pending, no_findings: [resignaton]}}]\n",
    )
    outcome = run_file(load_case_test(path), rules)[0]
    assert not outcome.passed and "resignaton" in outcome.problems[0]
