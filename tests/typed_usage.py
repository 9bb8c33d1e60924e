"""How a typed program uses maslihat: this file must pass `mypy --strict` and run.

tests/test_typed_usage.py type-checks it and runs `main`, so a change to the public
API that would break a typed caller, or that would no longer behave as this file
expects, fails the suite. Only names from `maslihat` itself are used: that is the
stable surface (docs/embedding.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

import maslihat

AS_OF = dt.date(2022, 6, 1)
CASE = """\
case: typed-001
maslihat: {name: Atyrau Regional Mäslihat, level: region, territory: "230000000", seats: 31}
deputy: {name: A. Deputy, born: 1985-03-14, citizenship: KZ, residence: "231010000"}
events:
  - {date: 2021-01-12, type: registered}
  - {date: 2022-02-01, type: resignation_filed}
"""


def generated(count: int) -> Iterator[maslihat.Case]:
    """Cases made one at a time, as a job reading a database would."""
    assembly = {"name": "M", "level": "region", "territory": "230000000", "seats": 31}
    for index in range(count):
        deputy = {"name": "D", "born": dt.date(1960 + index, 1, 1), "citizenship": "KZ"}
        yield maslihat.Case.model_validate(
            {
                "case": f"typed-{index}",
                "maslihat": assembly,
                "deputy": {**deputy, "residence": "231010000"},
                "events": [{"date": dt.date(2021, 1, 12), "type": "registered"}],
            }
        )


def statuses(
    cases: Iterable[maslihat.Case], rules: maslihat.RuleSet
) -> Iterator[tuple[str | None, str]]:
    """Each case's id and status, streamed."""
    for result in maslihat.evaluate_many(cases, as_of=AS_OF, rules=rules):
        yield result.case, result.status


def first_issue(text: str) -> maslihat.Issue | None:
    """Where a case text is wrong, or None if it is a valid case."""
    try:
        maslihat.parse_case(text, name="typed.yaml")
    except maslihat.CaseError as error:
        return error.issues[0]
    return None


def evaluated_in_threads(case: maslihat.Case, rules: maslihat.RuleSet) -> set[str]:
    """The result of one case evaluated in eight threads at once, as JSON texts."""

    def one(_: int) -> str:
        return maslihat.evaluate(case, as_of=AS_OF, rules=rules).model_dump_json()

    with ThreadPoolExecutor(max_workers=4) as pool:
        return set(pool.map(one, range(8)))


def main() -> dict[str, object]:
    """Use the API as an embedder would; return what the test checks."""
    rules: maslihat.RuleSet = maslihat.load_rules()
    case: maslihat.Case = maslihat.parse_case(CASE, name="typed.yaml")
    result: maslihat.Result = maslihat.evaluate(case, as_of=AS_OF, rules=rules)
    grounds: list[maslihat.GroundOutcome] = list(result.grounds)
    steps: list[maslihat.NextStep] = list(result.next_steps)
    timeline: list[maslihat.TimelineEntry] = maslihat.timeline(case, as_of=AS_OF, rules=rules)
    return {
        "status": result.status,
        "grounds": [(ground.ground, ground.stage) for ground in grounds],
        "next": [(step.actor, step.action) for step in steps],
        "steps": len(timeline),
        "streamed": dict(statuses(generated(3), rules)),
        "issue": first_issue(CASE.replace("1985-03-14", "1985-02-30")),
        "threads": evaluated_in_threads(case, rules),
        "json": result.model_dump_json(),
    }
