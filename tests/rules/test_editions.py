"""The load-time checks that tie every rule version to the edition of the law it was read from.

`basis: read` is a claim about a text; these tests pin that the loader refuses it, with
file, line and column, whenever the editions named do not bear it out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import maslihat
from maslihat.rules.listing import editions_in_force

Edit = Callable[[str, str, str], Path]


def issues(path: Path) -> list[str]:
    with pytest.raises(maslihat.RulesError) as caught:
        maslihat.load_rules(path)
    return [str(issue) for issue in caught.value.issues]


def test_bundled_rules_name_fourteen_editions(rules: maslihat.RuleSet) -> None:
    """The bundled rules were read from 14 editions, each with its official URL."""
    assert len(rules.editions) == 14
    assert all(
        e.url.startswith("https://zan.gov.kz/client/#!/doc/") for e in rules.editions.values()
    )


def test_an_unknown_edition_is_refused(edited: Edit) -> None:
    """A source that names no listed edition is an error at its position."""
    found = issues(
        edited("grounds", "        source: l148-2018-12-28\n", "        source: l148-2024-07-05\n")
    )
    assert any(
        re.search(
            r"grounds\.yaml:\d+:\d+: grounds\[5\]\.versions\[1\]\.source\[0\]: "
            r"unknown edition 'l148-2024-07-05'",
            m,
        )
        for m in found
    ), found


def test_read_is_refused_when_the_edition_holds_another_wording(edited: Edit) -> None:
    """Ground 6 as amended by Law 227-V cannot be `read` in the 2014 edition (old wording)."""
    found = issues(
        edited("grounds", "        source: l148-2018-12-28\n", "        source: l148-2014-11-07\n")
    )
    assert any(
        "basis read, but l148-2014-11-07 does not hold the wording of l148-20-3-6 "
        "in force from 2015-01-01" in m
        for m in found
    ), found


def test_inferred_needs_no_edition_holding_it(edited: Edit) -> None:
    """The same source is accepted when the version says its wording is inferred."""
    text = "        basis: read\n        source: l148-2018-12-28\n"
    rules = maslihat.load_rules(
        edited("grounds", text, "        basis: inferred\n        source: l148-2014-11-07\n")
    )
    assert rules.grounds["conviction"].versions.versions[1].basis == "inferred"


def test_an_edition_dated_after_the_version_cannot_be_its_source(edited: Edit) -> None:
    """A 2001-2014 version cannot have been read in the 2018 edition."""
    old = (
        "        citation: Law 148-II, art. 20(3)(6)\n        provisions: [l148-20-3-6]\n"
        "        basis: read\n        source: l148-2007-07-27\n"
    )
    found = issues(edited("grounds", old, old.replace("l148-2007-07-27", "l148-2018-12-28")))
    assert any("after this version ends (2014-12-31)" in m for m in found), found


def test_a_version_older_than_every_edition_rests_on_the_earlier_note(
    rules_copy: Callable[..., Path],
) -> None:
    """Without the first edition's `earlier` note, a version from 2001 has nothing to rest on."""
    target = rules_copy()
    path = target / "editions.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    earlier:\n      en: >\n        No text of Law 148-II")
    end = text.index("  - id: l148-2008-12-10")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    found = issues(target)
    assert any(
        "before the first edition of Law 148-II we have (l148-2007-07-27)" in m for m in found
    )


def test_a_wording_held_by_an_edition_outside_its_period_is_refused(edited: Edit) -> None:
    """Listing the 2007 edition under the 2011 wording of ground 2 is an error."""
    old = "      - valid_from: 2011-01-21\n        basis: read\n        editions: [l148-2011-03-24,"
    found = issues(
        edited(
            "provisions",
            old,
            old.replace("[l148-2011-03-24,", "[l148-2007-07-27, l148-2011-03-24,"),
        )
    )
    assert any(
        "edition l148-2007-07-27 is dated 2007-07-27, outside 2011-01-21" in m for m in found
    ), found


def test_a_day_chosen_outside_its_window_is_refused(edited: Edit) -> None:
    """`valid_from` must lie in its stated window of entry into force."""
    found = issues(
        edited(
            "grounds-later", "      - valid_from: 2011-08-01\n", "      - valid_from: 2011-07-31\n"
        )
    )
    assert any(
        "valid_from 2011-07-31 is outside its window 2011-08-01..2014-11-07" in m for m in found
    ), found


def test_a_finding_citation_needs_its_edition(edited: Edit) -> None:
    """A finding that cites a provision names the edition, so results can link it."""
    found = issues(
        edited(
            "procedures",
            "    citation: Law 148-II, art. 8(2)\n    source: l148-2007-07-27\n",
            "    citation: Law 148-II, art. 8(2)\n",
        )
    )
    assert any("citation and its source edition come together" in m for m in found), found


def test_the_edition_in_force_on_a_day(rules: maslihat.RuleSet) -> None:
    """On a day the latest edition read stands for each act; before the first, the first does."""
    on = {e.act: (e.id, e.standing) for e in editions_in_force(rules, dt.date(2021, 9, 1))}
    assert on["Law 148-II"] == ("l148-2021-07-01", "latest")
    early = {e.act: (e.id, e.standing) for e in editions_in_force(rules, dt.date(2005, 6, 1))}
    assert early["Law 148-II"] == ("l148-2007-07-27", "earliest_read")
    assert "Constitution (2026)" not in early
