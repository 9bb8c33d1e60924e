"""Statuses, stages and rules read as words, one spelling each."""

from __future__ import annotations

import maslihat
from maslihat.i18n import stage_words, status_words
from maslihat.report.words import rule_words


def test_statuses_and_stages_read_as_evaluate_prints_them() -> None:
    """`termination_pending` is `termination pending`, `vote_failed` is `vote failed`."""
    assert status_words("termination_pending") == "termination pending"
    assert stage_words("vote_failed") == "vote failed"


def test_rules_are_named_by_their_titles(rules: maslihat.RuleSet) -> None:
    """A ground, a procedure's guard and outcome, and a lifecycle rule read as words."""
    assert rule_words(rules, "resignation@2001-01-23") == "ground 8, Resignation"
    assert rule_words(rules, "session_decision@2021-07-11.vote.quorum") == (
        "Session decision on the TEC's submission: vote, quorum"
    )
    assert rule_words(rules, "session_decision@2021-07-11.vote.outcomes[0]") == (
        "Session decision on the TEC's submission: vote, decided"
    )
    assert rule_words(rules, "lifecycle.registration") == "lifecycle: registration"
    assert rule_words(rules, "minimum_age@2001-01-23") == "eligibility: minimum age"


def test_every_status_and_stage_has_its_words_in_every_language() -> None:
    """The one table of words covers the contract's statuses and stages, in en, ru and kk."""
    from typing import get_args

    from maslihat.i18n import LANGUAGES, STAGE_WORDS, STATUS_WORDS
    from maslihat.model.result import Stage, Status

    assert set(STATUS_WORDS) == set(get_args(Status))
    assert set(STAGE_WORDS) == set(get_args(Stage))
    for lang in LANGUAGES[1:]:
        assert status_words("termination_pending", lang) != "termination pending"
        assert stage_words("vote_failed", lang) != "vote failed"
