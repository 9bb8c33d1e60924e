"""Measure what users wait for: rule loading, cases per second, CLI wall time, memory.

Run with `make bench`. Figures go to stdout; they are measurements, not assertions,
so a slow CI machine cannot make the test suite flaky.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import maslihat

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 1)


def timed(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    """Median seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic(count: int) -> Iterator[maslihat.Case]:
    """Cases with a dozen events each, generated lazily (never all in memory)."""
    for index in range(count):
        events = [{"date": "2021-01-12", "type": "registered"}]
        events += [
            {
                "date": f"2021-{month:02d}-15",
                "type": "meeting",
                "body": "plenary",
                "attendance": "unexcused" if (index + month) % 3 else "present",
            }
            for month in range(2, 12)
        ]
        events.append({"date": "2022-02-01", "type": "resignation_filed"})
        yield maslihat.Case.model_validate(
            {
                "case": f"synthetic-{index}",
                "maslihat": {
                    "name": "Atyrau Regional Mäslihat",
                    "level": "region",
                    "territory": "230000000",
                    "seats": 31,
                },
                "deputy": {
                    "name": "S. Synthetic",
                    "born": "1980-01-01",
                    "citizenship": "KZ",
                    "residence": "231010000",
                },
                "events": events,
            }
        )


def main() -> None:
    """Print the measurements."""
    print(f"load_rules (bundled): {timed(maslihat.load_rules) * 1000:.1f} ms")
    rules = maslihat.load_rules()
    examples = [maslihat.load_case(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        for case in examples:
            maslihat.evaluate(case, as_of=AS_OF, rules=rules)
    elapsed = time.perf_counter() - start
    rate = rounds * len(examples) / elapsed
    print(f"evaluate, {len(examples)} examples x {rounds}: {rate:.0f} cases/s")
    count = 5000
    start = time.perf_counter()
    done = sum(1 for _ in maslihat.evaluate_many(synthetic(count), as_of=AS_OF, rules=rules))
    elapsed = time.perf_counter() - start
    print(
        f"evaluate_many, {done} synthetic cases of 12 events: {done / elapsed:.0f} cases/s "
        "(including building each case)"
    )
    for count in (1000, 10000):
        tracemalloc.start()
        for _ in maslihat.evaluate_many(synthetic(count), as_of=AS_OF, rules=rules):
            pass
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"evaluate_many, {count} cases streamed: peak traced memory {peak:.2f} MiB")
    cli = [
        sys.executable,
        "-m",
        "maslihat",
        "evaluate",
        str(ROOT / "examples" / sorted(p.name for p in (ROOT / "examples").glob("*.yaml"))[0]),
        "--as-of",
        AS_OF.isoformat(),
    ]
    wall = timed(lambda: subprocess.run(cli, check=True, capture_output=True))
    print(f"CLI wall time, one case (median of 5): {wall * 1000:.0f} ms")


if __name__ == "__main__":
    main()
