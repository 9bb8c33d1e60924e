"""The pytest plugin collects case-test files and reports failures readably."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

CASE_TEST = """\
about: A resignation pending.
case:
  maslihat: {name: M, level: district, territory: "234400000", seats: 15}
  deputy: {name: D, born: 1985-03-14, citizenship: KZ, residence: "234430100"}
  events:
    - {date: 2021-01-12, type: registered}
    - {date: 2022-02-01, type: resignation_filed}
tests:
  - name: pending
    as_of: 2022-03-01
    expect: {status: termination_pending}
  - name: wrongly expected active
    as_of: 2022-03-01
    expect: {status: active}
"""


def test_collects_one_item_per_case_test(pytester: pytest.Pytester) -> None:
    """Each case test is an item; a failing one says which expectation it missed."""
    pytester.makeini("[pytest]\nmaslihat_case_tests = cases\n")
    (pytester.mkdir("cases") / "resign.yaml").write_text(CASE_TEST, encoding="utf-8")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*status: expected active, got termination_pending*"])


def test_files_outside_the_configured_directories_are_ignored(pytester: pytest.Pytester) -> None:
    """Only the configured directories are collected, so other YAML is left alone."""
    pytester.makeini("[pytest]\nmaslihat_case_tests = cases\n")
    (pytester.mkdir("other") / "resign.yaml").write_text(CASE_TEST, encoding="utf-8")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_a_malformed_file_is_a_collection_error(pytester: pytest.Pytester) -> None:
    """A malformed case-test file fails collection with its located message."""
    pytester.makeini("[pytest]\nmaslihat_case_tests = cases\n")
    (pytester.mkdir("cases") / "bad.yaml").write_text("about: x\ntests: []\n", encoding="utf-8")
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(["*bad.yaml:2:1: tests: must list at least one entry*"])
    assert result.ret == pytest.ExitCode.INTERRUPTED
