"""docs/law.md is generated from the rules; these tests keep the committed page current.

The page is where an auditor checks the rules against the law edition by edition, so a
stale page (a rule version, edition or provision missing) would mislead exactly the
reader it is for. Regenerate it with `maslihat rules --law > docs/law.md`.
"""

from __future__ import annotations

from pathlib import Path

import maslihat
from maslihat.rules.editions import edition_label
from maslihat.rules.lawpage import law_markdown
from maslihat.rules.listing import all_versions

LAW = Path(__file__).resolve().parents[1] / "docs" / "law.md"


def test_page_is_current(rules: maslihat.RuleSet) -> None:
    """The committed page is what the rules generate."""
    assert LAW.read_text(encoding="utf-8") == law_markdown(rules), (
        "stale: run `maslihat rules --law > docs/law.md`"
    )


def test_every_edition_has_its_section_and_link(rules: maslihat.RuleSet) -> None:
    """Each edition read has a section with the official URL of its text."""
    page = law_markdown(rules)
    for edition in rules.editions.values():
        assert f"### {edition_label(edition)}" in page
        assert edition.url in page


def test_every_rule_version_claiming_a_provision_is_named(rules: maslihat.RuleSet) -> None:
    """Every rule version appears beside the provisions it encodes."""
    page = law_markdown(rules)
    for info in all_versions(rules):
        assert f"`{info.id}@{info.valid_from}`" in page, info.id


def test_a_provision_without_rule_says_so(rules: maslihat.RuleSet) -> None:
    """Out-of-scope provisions show their reason, not a rule."""
    page = law_markdown(rules)
    assert "out of scope: Its content is in no text we hold" in page  # art. 20(5)
    assert "**no rule**" not in page
