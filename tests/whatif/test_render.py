"""The diff report for people says the same in every language: English as it always read,
Russian and Kazakh in the catalogue's words, plurals and dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from maslihat.i18n import day
from maslihat.whatif import render
from maslihat.whatif.diff import CaseDiff, Difference, DiffReport, DiffSummary

ACTIVE = {"status": "active", "eligible": True}
CANDIDATE = {"status": "candidate", "eligible": False}
FINDING = {"code": "ineligible_age", "severity": "violation", "date": "2027-03-14"}
GROUND = {"ground": "systematic_failure", "subparagraph": "9", "arose": "2027-04-10"}
STEP = {"ground": "systematic_failure", "actor": "tec", "action": "submit", "text": "Submit."}


def change(*differences: tuple[str, Any, Any], case: str | None = "aged-20") -> CaseDiff:
    """A changed case named `twenty.yaml` with these (kind, before, after) differences."""
    return CaseDiff(
        case=case,
        name="twenty.yaml",
        differences=tuple(Difference(kind=k, before=b, after=a) for k, b, a in differences),  # type: ignore[arg-type]
        rules_before=("minimum_age@2001-01-23",),
        rules_after=("minimum_age@2027-01-01",),
    )


def report(*changes: CaseDiff, read: int = 24) -> DiffReport:
    """A report of `changes` among `read` cases, as of the last day of 2027."""
    kinds: dict[str, int] = {}
    for c in changes:
        for d in c.differences:
            kinds[d.kind] = kinds.get(d.kind, 0) + 1
    summary = DiffSummary(
        read=read, changed=len(changes), unchanged=read - len(changes), by_kind=kinds
    )
    return DiffReport(
        as_of=dt.date(2027, 12, 31),
        before="sha256:" + "a" * 64,
        after="sha256:" + "b" * 64,
        cases=changes,
        summary=summary,
    )


AGED_20 = change(
    ("status", ACTIVE, CANDIDATE),
    ("mandate", {"began": "2027-03-20", "ended": None, "ended_by": None}, None),
    ("findings", [], [FINDING]),
)


def test_english_text_is_as_it_always_was() -> None:
    """English keeps codes for statuses, ISO dates, and "1 cases read" (docs/what-if.md)."""
    assert render.text(report(AGED_20, read=1)).splitlines() == [
        "as of 2027-12-31: rules sha256:aaaaaaaa… → sha256:bbbbbbbb…",
        "twenty.yaml (aged-20)",
        "  status active → candidate (not eligible)",
        "  mandate began 2027-03-20 → none",
        "  findings +ineligible_age 2027-03-14",
        "  rules: minimum_age@2001-01-23 → minimum_age@2027-01-01",
        "1 cases read: 1 changed (status 1, mandate 1, findings 1), 0 unchanged",
    ]


def test_russian_text_names_statuses_and_dates_in_russian() -> None:
    """Russian names the statuses, the kinds of change and the dates in its own words."""
    lines = render.text(report(AGED_20), "ru").splitlines()
    assert lines[0].startswith(f"На {day(dt.date(2027, 12, 31), 'ru')}: правила sha256:")
    assert lines[2] == "  статус полномочия действуют → кандидат (не может быть избран)"
    assert lines[3] == f"  мандат начат {day(dt.date(2027, 3, 20), 'ru')} → нет"
    assert lines[4] == f"  замечания +ineligible_age {day(dt.date(2027, 3, 14), 'ru')}"
    assert lines[5] == "  правила: minimum_age@2001-01-23 → minimum_age@2027-01-01"


@pytest.mark.parametrize(
    ("read", "words"),
    [
        (1, "Прочитано 1 дело"),
        (3, "Прочитано 3 дела"),
        (5, "Прочитано 5 дел"),
        (21, "Прочитано 21 дело"),
    ],
)
def test_russian_summary_counts_with_plural_forms(read: int, words: str) -> None:
    """The summary's count of cases takes Russian's three plural forms."""
    assert render.summary_text(report(AGED_20, read=read), "ru").startswith(words + ": 1 ")


def test_kazakh_summary_names_the_kinds_of_change() -> None:
    """Kazakh counts each kind of change in its words: мәртебесі, мандат, ескертпелер."""
    assert render.summary_text(report(AGED_20), "kk") == (
        "24 іс оқылды: 1 өзгерді (мәртебесі 1, мандат 1, ескертпелер 1), 23 өзгеріссіз"
    )


def test_grounds_and_next_steps_name_stages_in_the_language() -> None:
    """A ground's stage is a word outside English; a next step's actor and action stay codes."""
    arisen = {**GROUND, "stage": "arisen", "stage_date": "2027-04-10"}
    grounds = Difference(kind="grounds", before=[], after=[arisen])
    steps = Difference(kind="next_steps", before=[], after=[STEP])
    assert render.describe(grounds) == "grounds +9 arisen 2027-04-10"
    kazakh = f"негіздер +9 негіз туындады {day(dt.date(2027, 4, 10), 'kk')}"
    assert render.describe(grounds, "kk") == kazakh
    assert render.describe(steps, "ru") == "следующие шаги +systematic_failure: tec submit"


def test_an_ended_mandate_names_what_ended_it() -> None:
    """`began ..., ended ... by GROUND`; outside English the expiry of the term is in words."""
    ended = {"began": "2021-01-15", "ended": "2026-01-15", "ended_by": "term_expired"}
    mandate = Difference(kind="mandate", before={**ended, "ended": None}, after=ended)
    assert render.describe(mandate) == (
        "mandate began 2021-01-15 → began 2021-01-15, ended 2026-01-15 by term_expired"
    )
    assert render.describe(mandate, "ru").endswith(
        f"прекращён {day(dt.date(2026, 1, 15), 'ru')}: истечение срока полномочий"
    )


def test_items_that_stayed_but_changed_are_named_or_said_reordered() -> None:
    """A finding that changed in place names its changed fields; the same ones otherwise
    listed are reordered."""
    later = {**FINDING, "severity": "warning"}
    changed = Difference(kind="findings", before=[FINDING], after=[later])
    assert render.describe(changed) == "findings ineligible_age: severity changed"
    assert render.describe(changed, "kk") == "ескертпелер ineligible_age: severity өзгерді"
    two = [FINDING, {**FINDING, "severity": "warning"}]
    moved = Difference(kind="findings", before=two, after=two[::-1])
    assert render.describe(moved, "ru").endswith(
        ": изменены severity; ineligible_age: изменены severity"
    )
    same = Difference(kind="findings", before=[FINDING, FINDING], after=[FINDING])
    assert render.describe(same) == "findings reordered"
    assert render.describe(same, "ru") == "замечания изменён порядок"


def test_a_case_without_an_id_says_so_in_the_language() -> None:
    """A case file with no `case:` id reads `(no id)`, in the language."""
    nameless = change(("status", ACTIVE, CANDIDATE), case=None)
    assert render.case_line(nameless) == "twenty.yaml (no id)"
    assert render.case_line(nameless, "ru") == "twenty.yaml (без идентификатора)"


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_page_is_a_shared_template_in_the_language(lang: str) -> None:
    """The page extends the shared layout (its style sheet, `<html lang>`) and says what
    the text says."""
    page = render.html_page(report(AGED_20), lang)  # type: ignore[arg-type]
    assert f'<html lang="{lang}">' in page and "--line" in page  # the shared style.css
    assert render.summary_text(report(AGED_20), lang) in page  # type: ignore[arg-type]
    assert render.describe(AGED_20.differences[0], lang) in page  # type: ignore[arg-type]
    assert "minimum_age@2001-01-23 → minimum_age@2027-01-01" in page
