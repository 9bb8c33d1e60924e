"""The benchmark's hand-written floor gives the engine's answers, or the floor is a fake.

benchmarks/hand_evaluator.py encodes the bundled rules as plain Python so that the
benchmark can say how far the engine is from what hand-written code costs. A floor
that answers differently would flatter the engine, so this test runs it beside the
engine on every catalogue case and example it claims, at every test date and every
event date, and compares status, eligibility, mandate, grounds with their stages and
dates, and findings. It must claim a substantial part of the catalogue.

What it declines, and why (see its docstring): other mandates and outside activities
(restrictions that open and close findings over a period), positions, parties, recalls
and TEC records (grounds 1, 3-1 to 3-4, 10 and the voters' recall, each with its own
lists or procedure), an early end of the mäslihat (ground 3, by operation of law) and
events before 2001-01-23. Those are the engine's longer paths; the benchmark's synthetic
cases use none of them.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import maslihat
from maslihat.audit.casetests import case_test_files, load_case_test

ROOT = Path(__file__).resolve().parents[1]


def _hand() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "hand_evaluator", ROOT / "benchmarks" / "hand_evaluator.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


hand = _hand()


def _cases() -> list[tuple[str, maslihat.Case, set[dt.date]]]:
    """Every catalogue case with its test dates and event dates; every example likewise."""
    found = []
    for path in case_test_files([ROOT / "tests" / "catalogue"]):
        loaded = load_case_test(path)
        days = {test.as_of for test in loaded.spec.tests}
        found.append((path.name, loaded.case, days))
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        found.append((path.name, maslihat.load_case(path), {dt.date(2026, 11, 1)}))
    return [
        (
            name,
            case,
            days | {e.date for e in case.events} | {e.date - dt.timedelta(1) for e in case.events},
        )
        for name, case, days in found
    ]


def _engine_view(result: maslihat.Result) -> object:
    mandate = result.mandate
    return (
        result.status,
        result.eligible,
        (mandate.began, mandate.ended, mandate.ended_by) if mandate else (None, None, None),
        [(g.ground, g.arose, g.stage, g.stage_date) for g in result.grounds],
        [(f.code, f.severity, f.date, f.event) for f in result.findings],
    )


def _hand_view(outcome: object) -> object:
    return (
        outcome.status,  # type: ignore[attr-defined]
        bool(outcome.eligible),  # type: ignore[attr-defined]
        (outcome.began, outcome.ended, outcome.ended_by),  # type: ignore[attr-defined]
        outcome.ground_rows(),  # type: ignore[attr-defined]
        sorted(outcome.findings, key=lambda f: (f[2] is None, f[2])),  # type: ignore[attr-defined]
    )


def test_the_hand_evaluator_agrees_with_the_engine(rules: maslihat.RuleSet) -> None:
    """On every claimed case and date: the same status, mandate, grounds and findings."""
    cases = _cases()
    claimed = [(name, case, days) for name, case, days in cases if hand.claims(case)]
    compared = 0
    for name, case, days in claimed:
        for day in sorted(days):
            engine = _engine_view(maslihat.evaluate(case, as_of=day, rules=rules))
            assert _hand_view(hand.evaluate(case, day)) == engine, f"{name} as of {day}"
            compared += 1
    assert len(claimed) >= len(cases) // 2, f"claims only {len(claimed)} of {len(cases)}"
    assert compared > 500


def test_it_declines_what_it_does_not_encode(build: Callable[..., maslihat.Case]) -> None:
    """A case with a position taken is not claimed: the floor never guesses."""
    case = build({"date": "2022-01-01", "type": "position_taken", "category": "akim"})
    assert hand.claims(case) is False
    assert hand.evaluate(case, dt.date(2022, 6, 1)) is None
