"""The exception tree: one base, input errors by phase, each with its exit code."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from maslihat.errors import (
    CaseError,
    EvaluationError,
    InputError,
    Issue,
    MaslihatError,
    RulesError,
    WriteError,
)
from maslihat.wording import say


def test_issue_renders_file_line_column_and_field() -> None:
    """An issue reads `file:line:column: field: message`."""
    issue = Issue("unknown key", field="events[3].on", file="case.yaml", line=14, column=7)
    assert str(issue) == "case.yaml:14:7: events[3].on: unknown key"


def test_issue_without_position_still_names_the_file() -> None:
    """An issue without a position names the file, or <input> when there is none."""
    assert str(Issue("cannot read", file="x.yaml")) == "x.yaml: cannot read"
    assert str(Issue("bad", field="a")) == "<input>: a: bad"


def test_summary_is_one_line_with_a_count_of_the_rest() -> None:
    """Several issues summarise as the first, plus how many more."""
    error = CaseError([Issue("a", file="f"), Issue("b", file="f"), Issue("c", file="f")])
    assert str(error) == "f: a (and 2 more)"
    assert "\n" not in str(error)


def test_phases_share_one_base_and_have_exit_codes() -> None:
    """Case and rule errors are input errors with exit codes 2 and 3."""
    assert issubclass(CaseError, InputError) and issubclass(RulesError, InputError)
    assert issubclass(InputError, MaslihatError) and issubclass(EvaluationError, MaslihatError)
    assert (CaseError.exit_code, RulesError.exit_code) == (2, 3)


def test_an_input_error_needs_an_issue() -> None:
    """An input error without issues is a programming error."""
    with pytest.raises(ValueError, match="at least one issue"):
        CaseError([])


def test_tally_counts_the_issues_of_one_file_or_of_several() -> None:
    """Several issues end with a count naming the file, or how many files; one, with none."""
    one = CaseError([Issue("a", file="f")])
    assert one.tally() is None
    same = CaseError([Issue("a", file="f"), Issue("b", file="f")])
    assert same.tally() == "2 errors in f"
    spread = RulesError([Issue("a", file="f"), Issue("b", file="g"), Issue("c", file="g")])
    assert spread.tally() == "3 errors in 2 files"


def test_an_issue_prints_itself_in_a_language() -> None:
    """`Issue.text(lang)` words the message (and `<input>`) in `lang`; `str` is English."""
    issue = Issue(say("missing", key="seats"), field="maslihat.seats", file="c.yaml", line=2)
    assert (
        str(issue)
        == issue.text("en")
        == "c.yaml:2: maslihat.seats: the required key 'seats' is missing"
    )
    assert issue.text("kk") == "c.yaml:2: maslihat.seats: міндетті 'seats' кілті жоқ"
    assert Issue(say("a_list"), field="a").text("ru") == "<входные данные>: a: список"


def test_summary_and_tally_in_a_language() -> None:
    """The summary and the count of an input error follow the language too."""
    error = CaseError([Issue(say("text_empty"), file="f"), Issue(say("list_empty"), file="f")])
    assert error.summary("ru") == "f: не может быть пустым (и ещё 1)"
    assert error.tally("kk") == "f файлында 2 қате"
    assert str(error) == "f: must not be empty (and 1 more)"


def test_an_input_error_pickles_with_translatable_messages() -> None:
    """A batch worker's error reaches the parent able to be printed in any language."""
    error = RulesError([Issue(say("no_rule_files"), file="rules")])
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is RulesError and back.summary("kk") == error.summary("kk")
    assert back.summary("kk") != back.summary()


def test_a_write_error_prints_itself_in_a_language() -> None:
    """What could not be written: the path, then why, in the language asked for."""
    error = WriteError(Path("out.html"), say("write_exists"))
    assert str(error) == "out.html: exists; give --force to replace it"
    assert error.text("ru") == "out.html: уже существует; чтобы заменить, укажите `--force`"
