"""One exception tree, split by phase, so callers can catch exactly what they can handle.

Rule files are checked when they are loaded (`RulesError`), cases when they are
validated (`CaseError`), and anything that goes wrong while evaluating a valid case
against valid rules is an `EvaluationError`, which means a bug in the rules or the
engine rather than bad input. Input errors carry `Issue` records with file, line,
column and field path so that a person can go straight to the mistake.

An error is raised in English (its `str` is what it always was), and printed in the
reader's language by `text(lang)`: its messages are `maslihat.wording.Said`, which
remember how they were said, so the code that found the mistake need not know who
reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from maslihat.wording import in_language, say

__all__ = [
    "CaseError",
    "CaseTestError",
    "EvaluationError",
    "InputError",
    "Issue",
    "MaslihatError",
    "RulesError",
    "WriteError",
]


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in one input document, located as precisely as the source allows."""

    message: str
    field: str = ""
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str = "en") -> str:
        """The issue as one line in `lang`: `file:line:column: field: message`."""
        where = self.file or in_language(say("no_file"), lang)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {in_language(self.message, lang)}"


class MaslihatError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(MaslihatError):
    """A document given to the engine is malformed; nothing was evaluated."""

    exit_code = 2

    def __init__(self, issues: list[Issue] | tuple[Issue, ...]) -> None:
        if not issues:
            raise ValueError("an input error needs at least one issue")
        self.issues = tuple(issues)
        super().__init__(self.summary())

    def summary(self, lang: str = "en") -> str:
        """The first issue on one line, with a count of the others, in `lang`."""
        first = self.issues[0].text(lang)
        more = len(self.issues) - 1
        return first if more == 0 else say("and_more", first=first, more=more).in_language(lang)

    def tally(self, lang: str = "en") -> str | None:
        """How many issues there are and in what, when there are several; else None."""
        if len(self.issues) == 1:
            return None
        files = {issue.file or say("no_file") for issue in self.issues}
        if len(files) == 1:
            said = say("error_count", count=len(self.issues), file=files.pop())
        else:
            said = say("error_count_files", count=len(self.issues), files=len(files))
        return said.in_language(lang)

    def __reduce__(self) -> tuple[type[InputError], tuple[tuple[Issue, ...]]]:
        """Pickle by the issues, so a worker process can hand the error to its parent."""
        return (type(self), (self.issues,))


class CaseError(InputError):
    """A case file is malformed or inconsistent with itself or with the rules."""

    exit_code = 2


class CaseTestError(CaseError):
    """A case-test file (a case with expected outcomes) is malformed."""


class RulesError(InputError):
    """A rule file is malformed, or the rule set does not hang together."""

    exit_code = 3


class EvaluationError(MaslihatError):
    """Evaluation failed on valid input: a defect in the rules or the engine."""


class WriteError(MaslihatError):
    """A file a command was asked to write may not, or could not, be written."""

    exit_code = 2

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(self.text())

    def text(self, lang: str = "en") -> str:
        """What could not be written, and why, in `lang`."""
        return f"{self.path}: {in_language(self.message, lang)}"
