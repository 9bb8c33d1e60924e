"""A pytest plugin that runs case-test files as tests, one item per case test.

Enabled by the `pytest11` entry point; it collects files under the directories named
by the `maslihat_case_tests` ini option (relative to the rootdir), and evaluates them
with the rules in `maslihat_rules` (default: the bundled rules). A failure reports
each expectation the result did not meet, as `maslihat test` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from maslihat.audit.casetests import (
    CASE_TEST_SUFFIXES,
    CaseTest,
    LoadedFile,
    Outcome,
    load_case_test,
    run_test,
)
from maslihat.errors import InputError
from maslihat.rules.loader import load_rules
from maslihat.rules.ruleset import RuleSet

_RULES = pytest.StashKey[RuleSet]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the ini options the plugin reads."""
    parser.addini("maslihat_case_tests", "directories of case-test files", type="paths", default=[])
    parser.addini("maslihat_rules", "rule directory for case tests (default: bundled)", default="")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect case-test files inside the configured directories."""
    directories = parent.config.getini("maslihat_case_tests")
    if file_path.suffix in CASE_TEST_SUFFIXES and any(
        file_path.is_relative_to(directory) for directory in directories
    ):
        return CaseTestFile.from_parent(parent, path=file_path)
    return None


def _rules(config: pytest.Config) -> RuleSet:
    if _RULES not in config.stash:
        directory = config.getini("maslihat_rules")
        config.stash[_RULES] = load_rules(Path(config.rootpath, directory) if directory else None)
    return config.stash[_RULES]


class CaseTestFile(pytest.File):
    """One case-test file: its tests become items."""

    def collect(self) -> Iterator[pytest.Item]:
        """Load the file (an input error fails collection with its located message)."""
        try:
            loaded = load_case_test(self.path)
        except InputError as exc:
            raise self.CollectError(str(exc)) from None
        for test in loaded.spec.tests:
            yield CaseTestItem.from_parent(self, name=test.name, loaded=loaded, test=test)


class CaseTestFailedError(Exception):
    """A case test whose result did not meet its expectations."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.id)
        self.outcome = outcome


class CaseTestItem(pytest.Item):
    """One case test: a case, a date, an expected outcome."""

    def __init__(self, *, loaded: LoadedFile, test: CaseTest, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.loaded = loaded
        self.test = test

    def runtest(self) -> None:
        """Evaluate and compare."""
        outcome = run_test(self.loaded, self.test, _rules(self.config))
        if not outcome.passed:
            raise CaseTestFailedError(outcome)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The expectations not met, one per line."""
        if isinstance(excinfo.value, CaseTestFailedError):
            problems = "\n  ".join(excinfo.value.outcome.problems)
            return f"{self.path.name} [{self.name}] as of {self.test.as_of}:\n  {problems}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the test is, for pytest's report."""
        return self.path, None, f"case test: {self.name}"
