"""Lint finds what loading allows but an auditor should see."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import maslihat
from maslihat.audit.lint import lint


def codes(rules: maslihat.RuleSet) -> list[tuple[str, str]]:
    return [(f.severity, f.code) for f in lint(rules)]


def test_bundled_rules_are_clean(rules: maslihat.RuleSet) -> None:
    """The bundled rules have no lint at all."""
    assert lint(rules) == []


def test_a_value_the_field_cannot_take_is_an_error(edited: Callable[..., Path]) -> None:
    """A misspelt ruling makes a trigger that can never fire: an error, with the field's values."""
    found = lint(maslihat.load_rules(edited("grounds", "eq: conviction", "eq: convction")))
    assert found[0].code == "impossible_value" and "convction" in found[0].message
    assert "conviction" in found[0].message and found[0].where.startswith("grounds.conviction@")


def test_citation_that_misses_the_claimed_article_is_a_warning(
    edited: Callable[..., Path],
) -> None:
    """A version claiming art. 20(3)(8) while citing another article is flagged."""
    changed = edited(
        "grounds", "citation: Law 148-II, art. 20(3)(8)", "citation: Constitution (1995), art. 7"
    )
    rules = maslihat.load_rules(changed)
    assert ("warning", "citation_mismatch") in codes(rules)


def test_unused_declarations_are_warnings(rules_copy: Callable[..., Path]) -> None:
    """A finding code no rule produces, or a fact no rule reads, is flagged."""
    extra = (
        "findings:\n  - code: orphan\n    severity: info\n"
        "    message: {en: never used, ru: не используется, kk: қолданылмайды}\n"
        "facts:\n  - id: spare\n    text: {en: never read, ru: (ru), kk: (kk)}\n"
        "    sum: [event.present]\n"
    )
    found = codes(maslihat.load_rules(rules_copy(extra=extra)))
    assert ("warning", "unused_finding") in found and ("warning", "unused_fact") in found
