"""A new ground is a new block of YAML: no code changes, same detection and procedure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

import maslihat

TENTH_GROUND = """\
acts:
  - id: Hypothetical Law 1-X
    name: {en: Hypothetical Law 1-X, ru: Гипотетический закон 1-X, kk: 1-X гипотетикалық заңы}
provisions:
  - id: hypothetical-1
    act: Hypothetical Law 1-X
    article: "1"
    text: {en: A deputy appointed a prosecutor loses the mandate., ru: (ru), kk: (kk)}
    versions:
      - {valid_from: 2020-01-01, basis: inferred, note: {en: made up, ru: (ru), kk: (kk)}}
grounds:
  - id: prosecutor_appointment
    number: 11
    title:
      en: Appointment as a prosecutor
      ru: Назначение прокурором
      kk: Прокурор болып тағайындалу
    versions:
      - valid_from: 2020-01-01
        citation: Hypothetical Law 1-X, art. 1
        basis: inferred
        source: l148-2026-07-14
        provisions: [hypothetical-1]
        text:
          en: A deputy appointed a prosecutor loses the mandate (a made-up provision).
          ru: Депутат, назначенный прокурором, утрачивает мандат (вымышленная норма).
          kk: Прокурор болып тағайындалған депутат мандатын жоғалтады (ойдан шығарылған норма).
        procedure: session_decision
        triggers:
          - event: position_taken
            when:
              fact: event.category
              eq: prosecutor
"""

PROSECUTOR = """\
      - id: prosecutor
        title: {en: Prosecutor, ru: Прокурор, kk: Прокурор}
        valid_from: 2020-01-01
        citation: Hypothetical Law 1-X, art. 1
        basis: inferred
        source: l148-2026-07-14
        provisions: [hypothetical-1]
        text: {en: A made-up category for this test., ru: (ru), kk: (kk)}
"""

CASE = {
    "case": "tenth",
    "maslihat": {
        "name": "Karaganda Regional Mäslihat",
        "level": "region",
        "territory": "350000000",
        "seats": 38,
    },
    "deputy": {
        "name": "K. Test",
        "born": "1980-05-05",
        "citizenship": "KZ",
        "residence": "351010000",
    },
    "events": [
        {"date": "2021-01-12", "type": "registered"},
        {"date": "2022-03-01", "type": "position_taken", "category": "prosecutor"},
        {"date": "2022-03-10", "type": "commission_submission", "ground": "prosecutor_appointment"},
        {
            "date": "2022-03-20",
            "type": "session_vote",
            "ground": "prosecutor_appointment",
            "present": 30,
            "in_favour": 25,
        },
    ],
}


def test_tenth_ground_from_yaml_alone(rules_copy: Callable[..., Path]) -> None:
    """A ground added as YAML is detected, submitted and decided like the nine."""
    target = rules_copy(tenth=TENTH_GROUND)
    positions = target / "positions.yaml"
    positions.write_text(positions.read_text(encoding="utf-8") + PROSECUTOR, encoding="utf-8")
    rules = maslihat.load_rules(target)
    case = maslihat.Case.model_validate(CASE)
    pending = maslihat.evaluate(case, as_of=dt.date(2022, 3, 15), rules=rules)
    assert pending.status == "termination_pending"
    assert [(g.ground, g.number, g.stage) for g in pending.grounds] == [
        ("prosecutor_appointment", 11, "submitted")
    ]
    assert [s.text for s in pending.next_steps] == [
        "Mäslihat session to vote on ground 11 (Appointment as a prosecutor)"
    ]
    decided = maslihat.evaluate(case, as_of=dt.date(2022, 4, 1), rules=rules)
    assert decided.status == "terminated"
    assert decided.mandate is not None and decided.mandate.ended_by == "prosecutor_appointment"
    assert decided.grounds[0].citation == "Hypothetical Law 1-X, art. 1"


def test_the_bundled_rules_do_not_know_the_tenth_ground() -> None:
    """Without the YAML block the same case is bad input: the category is unknown."""
    case = maslihat.Case.model_validate(CASE)
    with pytest.raises(maslihat.CaseError, match="unknown position category 'prosecutor'"):
        maslihat.evaluate(case, as_of=dt.date(2022, 4, 1))
