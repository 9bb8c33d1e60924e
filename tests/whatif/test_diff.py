"""The diff changes exactly the cases the law changes: proved on a generated population."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

import maslihat
from maslihat.cli.diff import read_case
from maslihat.cli.main import case_files

ROOT = Path(__file__).resolve().parents[2]
AMENDMENTS = ROOT / "examples" / "amendments"
FROM = dt.date(2027, 1, 1)
ATYRAU = {
    "name": "Atyrau Regional Mäslihat",
    "level": "region",
    "territory": "230000000",
    "seats": 31,
}


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years, a 29 February birthday falling on 28 February in a common year."""
    birthday = (born.month, born.day)
    if birthday == (2, 29) and not (day.year % 4 == 0 and (day.year % 100 or day.year % 400 == 0)):
        birthday = (2, 28)
    return day.year - born.year - ((day.month, day.day) < birthday)


def population(seed: int, size: int) -> list[tuple[maslihat.Case, dt.date]]:
    """Deputies aged 18 to 23 when checked, registered 2025 to 2028, some with an election day."""
    rng = random.Random(seed)
    out = []
    for n in range(size):
        registered = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365))
        election = (
            registered - dt.timedelta(days=rng.randrange(1, 10)) if rng.random() < 0.5 else None
        )
        checked = election or registered
        born = checked - dt.timedelta(days=rng.randrange(18 * 365, 23 * 366))
        if rng.random() < 0.05:
            born = dt.date(checked.year - 20 - (checked < dt.date(checked.year, 3, 1)), 2, 28)
        event = {"date": registered.isoformat(), "type": "registered"}
        if election:
            event["election_day"] = election.isoformat()
        deputy = {
            "name": "D",
            "born": born.isoformat(),
            "citizenship": "KZ" if rng.random() < 0.9 else "RU",
            "residence": "231010000",
        }
        case = maslihat.Case.model_validate(
            {"case": f"g{n}", "maslihat": ATYRAU, "deputy": deputy, "events": [event]}
        )
        out.append((case, checked))
    return out


def test_minimum_age_21_changes_exactly_those_aged_20(rules: maslihat.RuleSet) -> None:
    """Changed cases are those whose deputy is 20 on a check day from 2027-01-01, no other."""
    after = maslihat.apply_amendment(
        rules, maslihat.load_amendment(AMENDMENTS / "minimum-age-21.yaml")
    )
    people = population(seed=13, size=600)
    report = maslihat.diff([c for c, _ in people], rules, after, as_of=dt.date(2030, 1, 1))
    expected = {
        case.case
        for case, checked in people
        if checked >= FROM and age_on(case.deputy.born, checked) == 20
    }
    assert {c.case for c in report.cases} == expected
    assert 20 < len(expected) < 300  # the population holds both kinds
    for change in report.cases:
        assert "findings" in {d.kind for d in change.differences}
        assert change.rules_after == ("minimum_age@2027-01-01",)
        assert change.rules_before == ("minimum_age@2001-01-23",)
    assert report.summary.read == 600
    assert report.summary.changed + report.summary.unchanged == 600


@pytest.mark.parametrize("directory", ["tests/catalogue", "examples"])
def test_an_empty_amendment_changes_no_case(rules: maslihat.RuleSet, directory: str) -> None:
    """Over the catalogue and the examples, an amendment with no changes changes nothing."""
    empty = maslihat.parse_amendment("amendment: empty\ntitle: Nothing\nbill: None\n")
    cases = {str(p): read_case(p) for p in case_files((ROOT / directory,))}
    for day in (dt.date(2021, 6, 1), dt.date(2030, 1, 1)):
        report = maslihat.diff(cases, rules, maslihat.apply_amendment(rules, empty), as_of=day)
        assert report.cases == () and report.summary.unchanged == len(cases) > 20


def test_ground_9_on_the_third_absence(rules: maslihat.RuleSet, build: object) -> None:
    """From 2027 ground 9 arises on the third unexcused absence in a row: the diff says so."""
    after = maslihat.apply_amendment(
        rules, maslihat.load_amendment(AMENDMENTS / "absences-more-than-two.yaml")
    )
    meetings = [
        {"date": f"2027-0{m}-10", "type": "meeting", "body": "plenary", "attendance": "unexcused"}
        for m in (2, 3, 4)
    ]
    case = build(*meetings)  # type: ignore[operator]
    report = maslihat.diff({"three": case}, rules, after, as_of=dt.date(2027, 6, 1))
    [change] = report.cases
    assert "grounds" in {d.kind for d in change.differences}
    assert "systematic_failure@2027-01-01" in change.rules_after
