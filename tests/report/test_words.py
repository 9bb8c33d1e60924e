"""Statuses, stages and rules read as words, one spelling each."""

from __future__ import annotations

import maslihat
from maslihat.report.words import rule_words, stage_words, status_words


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
