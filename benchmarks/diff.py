"""Measure `diff`: cases per second over 10,000 generated cases, under an amendment.

Run with `.venv/bin/python benchmarks/diff.py`. The population is seeded: deputies
aged 18 to 23 when checked, registered 2025 to 2028, half with an election day, a few
with a run of absences; the amendment is the bundled minimum age of 21 from 2027. A
diff evaluates every case twice (no trace), and each changed case twice more with a
trace, so it is compared with one plain pass of `evaluate_many` over the same cases.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import maslihat

ROOT = Path(__file__).resolve().parents[1]
COUNT = 10_000
AS_OF = dt.date(2030, 1, 1)
ATYRAU = {"name": "Atyrau Regional Mäslihat", "level": "region", "territory": "230000000"}


def population(count: int, seed: int = 13) -> list[maslihat.Case]:
    """`count` seeded cases (see the module)."""
    rng, out = random.Random(seed), []
    for n in range(count):
        registered = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365))
        election = registered - dt.timedelta(days=rng.randrange(1, 10))
        checked = election if n % 2 else registered
        born = checked - dt.timedelta(days=rng.randrange(18 * 365, 23 * 366))
        first: dict[str, str] = {"date": registered.isoformat(), "type": "registered"}
        if n % 2:
            first["election_day"] = election.isoformat()
        events: list[dict[str, str]] = [first]
        if n % 5 == 0:
            events += [
                {
                    "date": (registered + dt.timedelta(days=30 * k)).isoformat(),
                    "type": "meeting",
                    "body": "plenary",
                    "attendance": "unexcused",
                }
                for k in range(1, 5)
            ]
        deputy = {"name": "D", "born": born.isoformat(), "citizenship": "KZ"}
        out.append(
            maslihat.Case.model_validate(
                {
                    "case": f"b{n}",
                    "maslihat": {**ATYRAU, "seats": 31},
                    "deputy": {**deputy, "residence": "231010000"},
                    "events": events,
                }
            )
        )
    return out


def main() -> None:
    """Print the figures."""
    rules = maslihat.load_rules()
    amendment = maslihat.load_amendment(ROOT / "examples/amendments/minimum-age-21.yaml")
    start = time.perf_counter()
    after = maslihat.apply_amendment(rules, amendment)
    applied = time.perf_counter() - start
    cases = population(COUNT)
    start = time.perf_counter()
    for _ in maslihat.evaluate_many(cases, as_of=AS_OF, rules=rules):
        pass
    plain = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    report = maslihat.diff(cases, rules, after, as_of=AS_OF)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"apply_amendment: {applied * 1000:.0f} ms")
    print(f"evaluate_many, one pass: {COUNT / plain:,.0f} cases/s ({plain:.1f} s)")
    print(
        f"diff: {COUNT / took:,.0f} cases/s ({took:.1f} s for {COUNT:,} cases, "
        f"{report.summary.changed:,} changed)"
    )
    print(f"diff, CPU time of this process: {COUNT / cpu:,.0f} cases/s ({cpu:.1f} s)")
    start = time.perf_counter()
    pooled = maslihat.diff(cases, rules, after, as_of=AS_OF, jobs=2)
    took_pooled = time.perf_counter() - start
    assert pooled == report, "the pool must not change the report"
    print(
        f"diff, jobs=2: {COUNT / took_pooled:,.0f} cases/s ({took_pooled:.1f} s; "
        f"{took / took_pooled:.2f}x one process)"
    )


if __name__ == "__main__":
    main()
