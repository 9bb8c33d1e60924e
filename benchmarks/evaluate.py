"""Measure each figure users wait for beside its floor, in one run, as a table.

Run with `make bench` (docs/performance.md explains each figure and its floor). The
machine may be shared, so absolute times drift; each figure is measured beside its
floor in the same run and judged by the ratio. These are measurements, not tests: a
slow machine cannot make the suite flaky.

Sizes: `MASLIHAT_BENCH_FILES` files for the batch (default 10,000),
`MASLIHAT_BENCH_STREAM` streamed cases for flat memory (default 20,000), and `--quick`
divides the sizes by ten (the stream by four) to check that the benchmark works. The
memory floor is the peak over 2,000 cases: the peak grows from 200 cases (0.44 MiB) to
2,000 (1.03 MiB) and then stays (0.88 MiB at 5,000), as bounded caches fill; which
caches, nobody has looked yet.

`MASLIHAT_BENCH_RSS=1000000` measures only the maximum resident size of the process
while `evaluate_many` streams that many cases (issue 10's million), at 1,000, 10,000,
100,000 and so on: without tracemalloc, but still a quarter of an hour or more, so
`make bench` leaves it out.
"""

from __future__ import annotations

import compileall
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hand_evaluator as hand

import maslihat
from maslihat.engine.run import Run

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 1)
QUICK = "--quick" in sys.argv
SCALE = 10 if QUICK else 1
FILES = int(os.environ.get("MASLIHAT_BENCH_FILES", 10_000)) // SCALE
STREAM = int(os.environ.get("MASLIHAT_BENCH_STREAM", 20_000)) // (4 if QUICK else 1)
RSS = int(os.environ.get("MASLIHAT_BENCH_RSS", 0))
"""Cases to stream for the maximum resident size (0: not measured)."""
BASELINE = 2_000
"""Streamed cases for the memory floor: enough to fill the caches that are bounded."""
EXAMPLE = ROOT / "examples" / "01-atyrau-resignation.yaml"


@dataclass
class Row:
    """One line of the table: a figure, its floor, and the target for their ratio."""

    figure: str
    value: float
    floor: float
    unit: str
    target: str  # "<= 5", ">= 1.8", or "" for a figure shown for information
    floor_name: str

    @property
    def ratio(self) -> float:
        """The figure over its floor."""
        return self.value / self.floor if self.floor else float("nan")

    def verdict(self) -> str:
        """met, missed, or info."""
        if not self.target:
            return "info"
        op, bound = self.target.split()
        held = self.ratio <= float(bound) if op == "<=" else self.ratio >= float(bound)
        return "met" if held else "missed"


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """The least seconds of `repeat` calls.

    On a machine shared with other work the others can only lengthen a time, so the
    least of several is the closest to what the work itself costs (the median moved
    by half from one run to the next under a load of eight on two cores).
    """
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def per_item(fn: Callable[[Any], object], items: list[Any], repeat: int = 5) -> float:
    """The least over `repeat` passes of the seconds per item of `fn` over `items`."""
    return timed(lambda: [fn(item) for item in items], repeat) / len(items)


def in_turn(
    fns: dict[str, Callable[[Any], object]], items: list[Any], passes: int = 7
) -> dict[str, float]:
    """Seconds per item of each function: each item's least over `passes`, averaged.

    The functions take turns, pass after pass, so a figure and its floor meet the same
    load; and each item is timed alone, so a pause of the process spoils one item's
    time in one pass, not a whole pass.
    """
    best = {name: [float("inf")] * len(items) for name in fns}
    clock = time.perf_counter
    for _ in range(passes):
        for name, fn in fns.items():
            row = best[name]
            for index, item in enumerate(items):
                start = clock()
                fn(item)
                row[index] = min(row[index], clock() - start)
    return {name: sum(row) / len(row) for name, row in best.items()}


def synthetic_document(index: int, meetings: int = 10) -> dict[str, Any]:
    """A case as a document: registration, `meetings` meetings, then a resignation."""
    events: list[dict[str, Any]] = [{"date": "2021-01-12", "type": "registered"}]
    start = dt.date(2021, 2, 1)
    events += [
        {
            "date": (start + dt.timedelta(days=k * 30 // max(1, meetings // 10))).isoformat(),
            "type": "meeting",
            "body": "plenary",
            "attendance": "unexcused" if (index + k) % 3 else "present",
        }
        for k in range(meetings)
    ]
    last = dt.date.fromisoformat(events[-1]["date"]) + dt.timedelta(days=1)
    events.append({"date": last.isoformat(), "type": "resignation_filed"})
    return {
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


def synthetic(count: int) -> Iterator[maslihat.Case]:
    """Cases with a dozen events each, generated lazily (never all in memory)."""
    for index in range(count):
        yield maslihat.Case.model_validate(synthetic_document(index))


def end_to_end(rules: maslihat.RuleSet) -> list[Row]:
    """Validate and evaluate (no trace) beside validation alone and the hand floor."""
    documents = [synthetic_document(i) for i in range(300 // SCALE)]
    validate = maslihat.Case.model_validate
    for doc in documents[:50]:  # the floor must give the engine's answers on these cases
        case = validate(doc)
        ours = hand.evaluate(case, AS_OF)
        result = maslihat.evaluate(case, as_of=AS_OF, rules=rules)
        assert ours is not None, doc["case"]
        assert ours.status == result.status, doc["case"]
        assert [g[2] for g in ours.ground_rows()] == [g.stage for g in result.grounds]
    times = in_turn(
        {
            "validation": validate,
            "hand": lambda doc: hand.evaluate(validate(doc), AS_OF),
            "engine": lambda doc: maslihat.evaluate(validate(doc), as_of=AS_OF, rules=rules),
        },
        documents,
    )
    validation, handwritten, engine = times["validation"], times["hand"], times["engine"]
    us = 1e6
    return [
        Row("validation alone, 12-event case", validation * us, validation * us, "µs", "",
            "itself"),
        Row("hand-written evaluation + validation", handwritten * us, validation * us, "µs", "",
            "validation"),
        Row("engine: validate + evaluate, no trace", engine * us, validation * us, "µs", "<= 5",
            "validation"),
        Row("engine beside the hand-written floor", engine * us, handwritten * us, "µs", "",
            "hand-written"),
    ]  # fmt: skip


def one_condition(rules: maslihat.RuleSet) -> list[Row]:
    """The minimum-age condition: the engine's compiled node, zen-engine's, plain Python."""
    check = next(c for c in rules.checks if c.id == "minimum_age")
    node = check.versions.at(AS_OF).body  # type: ignore[union-attr]
    call = node.test  # the value alone, as the engine asks when nothing is traced
    case = maslihat.Case.model_validate(synthetic_document(0))
    run = Run(case, AS_OF, rules, False)
    days = [dt.date(1995, 1, 1) + dt.timedelta(days=k) for k in range(20_000 // SCALE)]
    # A situation remembers the facts it computed: each pass gets fresh ones, as each
    # check of a real case does, so `age` is computed in every call timed.
    passes = [[run.situation(day, check={"date": day}) for day in days] for _ in range(5)]
    engine = min(per_item(call, fresh, repeat=1) for fresh in passes)
    situations = [run.situation(day, check={"date": day}) for day in days]
    born = case.deputy.born
    plain = per_item(lambda day: hand.age(born, day) >= 20, days)
    rows = [Row("plain Python: age(born, day) >= 20", plain * 1e6, plain * 1e6, "µs", "", "itself")]
    try:
        import zen  # type: ignore[import-not-found]  # zen-engine, a dev extra
    except ImportError:
        print("zen-engine is not installed (pip install zen-engine): its row is skipped")
        rows.append(Row("engine: one compiled condition", engine * 1e6, plain * 1e6, "µs", "",
                        "plain Python"))  # fmt: skip
        return rows
    expression = zen.compile_expression("d(date).diff(d(born), 'year') >= 20")
    contexts = [{"born": born.isoformat(), "date": day.isoformat()} for day in days]
    assert [expression.evaluate(c) for c in contexts] == [call(s) for s in situations]
    zen_time = per_item(expression.evaluate, contexts)
    rows += [
        Row("zen-engine compiled expression", zen_time * 1e6, zen_time * 1e6, "µs", "", "itself"),
        Row("engine: one compiled condition", engine * 1e6, zen_time * 1e6, "µs", "<= 2",
            "zen-engine"),
    ]  # fmt: skip
    return rows


def start_up() -> list[Row]:
    """`maslihat evaluate` on one case beside importing pydantic and statemachine."""
    python = sys.executable
    # The floor's libraries start from their bytecode, as an installed package does (pip
    # compiles it on install; an editable install writes it on first import). Where
    # PYTHONDONTWRITEBYTECODE is set, as on the project's machines, every timed start
    # would compile the package's fifty modules from source, which no user's start does.
    compileall.compile_dir(Path(maslihat.__file__).parent, quiet=1)

    commands = {
        "bare": ["-c", "pass"],
        "imports": ["-c", "import pydantic, statemachine"],
        "cli": ["-m", "maslihat", "evaluate", str(EXAMPLE), "--as-of", AS_OF.isoformat()],
    }
    walls = {name: float("inf") for name in commands}
    for _ in range(7):  # in turn, so that the figure and its floor meet the same load
        for name, args in commands.items():
            start = time.perf_counter()
            subprocess.run([python, *args], check=True, capture_output=True)
            walls[name] = min(walls[name], time.perf_counter() - start)
    bare, imports, cli = walls["bare"], walls["imports"], walls["cli"]
    ms = 1e3
    return [
        Row("python -c pass", bare * ms, bare * ms, "ms", "", "itself"),
        Row("python -c 'import pydantic, statemachine'", imports * ms, imports * ms, "ms", "",
            "itself"),
        Row("maslihat evaluate, one case (wall)", cli * ms, imports * ms, "ms", "<= 1.5",
            "the imports"),
    ]  # fmt: skip


def batch() -> list[Row]:
    """`maslihat batch` over FILES files with --jobs 1 and --jobs 2 (files per second)."""
    example = EXAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as directory:
        for index in range(FILES):
            Path(directory, f"{index:05d}.yaml").write_text(example, encoding="utf-8")
        rates, cpu = {1: 0.0, 2: 0.0}, {1: float("inf"), 2: float("inf")}
        for _ in range(2):  # in turn; the best of two of each
            for jobs in (1, 2):
                command = [sys.executable, "-m", "maslihat", "batch", directory]
                command += ["--jobs", str(jobs), "--as-of", AS_OF.isoformat()]
                used = _children_cpu()
                start = time.perf_counter()
                subprocess.run(
                    command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
                rates[jobs] = max(rates[jobs], FILES / (time.perf_counter() - start))
                cpu[jobs] = min(cpu[jobs], (_children_cpu() - used) / FILES * 1e3)
    return [
        Row(f"batch, {FILES} files, --jobs 1", rates[1], rates[1], "files/s", "", "itself"),
        Row(f"batch, {FILES} files, --jobs 2", rates[2], rates[1], "files/s", ">= 1.8",
            "--jobs 1"),
        Row("batch CPU per file, --jobs 1 (all processes)", cpu[1], cpu[1], "ms", "", "itself"),
        Row("batch CPU per file, --jobs 2 (all processes)", cpu[2], cpu[1], "ms", "",
            "--jobs 1"),
    ]  # fmt: skip


def _children_cpu() -> float:
    """CPU seconds (user and system) of the finished child processes and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def linear_and_flat(rules: maslihat.RuleSet) -> list[Row]:
    """Cost per event from 100 to 10,000 events; peak memory over streamed cases."""
    small = [maslihat.Case.model_validate(synthetic_document(i, 100)) for i in range(20)]
    large = [maslihat.Case.model_validate(synthetic_document(0, 10_000 // SCALE))]

    def per_event(cases: list[maslihat.Case]) -> float:
        events = sum(len(c.events) for c in cases)
        return per_item(lambda c: maslihat.evaluate(c, as_of=AS_OF, rules=rules), cases, 3) * (
            len(cases) / events
        )

    few, many = per_event(small), per_event(large)
    # The engine fills a few caches on first use (fact paths, a list's items per period):
    # warm them first, so each peak below is what streaming itself holds, not theirs.
    for _ in maslihat.evaluate_many(synthetic(200), as_of=AS_OF, rules=rules):
        pass
    peaks = []
    for count in (min(BASELINE, STREAM), STREAM):
        tracemalloc.start()
        for _ in maslihat.evaluate_many(synthetic(count), as_of=AS_OF, rules=rules):
            pass
        peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
        tracemalloc.stop()
    return [
        Row("per event, 100-event cases", few * 1e6, few * 1e6, "µs", "", "itself"),
        Row(f"per event, one {len(large[0].events)}-event case", many * 1e6, few * 1e6, "µs",
            "<= 1.5", "100 events"),
        Row(f"peak memory, {STREAM} cases streamed", peaks[1], peaks[0], "MiB", "<= 1.2",
            f"{min(BASELINE, STREAM)} cases"),
    ]  # fmt: skip


def resident(rules: maslihat.RuleSet) -> list[Row]:
    """The process's maximum resident size after 1,000, 10,000, ... and RSS streamed cases."""
    marks = [n for n in (1_000, 10_000, 100_000, 1_000_000) if n < RSS] + [RSS]
    sizes: dict[int, float] = {}
    start = time.perf_counter()
    streamed = maslihat.evaluate_many(synthetic(RSS), as_of=AS_OF, rules=rules)
    for count, _ in enumerate(streamed, start=1):
        if count in marks:
            # ru_maxrss is the high-water mark so far, in KiB on Linux
            sizes[count] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            elapsed = time.perf_counter() - start
            print(f"{count:>10,} cases: {sizes[count]:.1f} MiB, {elapsed:,.0f} s", flush=True)
    first = marks[0]
    return [
        Row(f"maximum resident size, {n:,} streamed cases", size, sizes[first], "MiB",
            "<= 1.2" if n != first else "", f"{first:,} cases" if n != first else "itself")
        for n, size in sizes.items()
    ]  # fmt: skip


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| figure | value | floor | ratio | target | |",
        "|---|---:|---|---:|---|---|",
    ]
    for r in rows:
        value = f"{r.value:,.1f} {r.unit}" if r.value < 1e4 else f"{r.value:,.0f} {r.unit}"
        floor = "—" if r.floor_name == "itself" else f"{r.floor_name} ({r.floor:,.1f} {r.unit})"
        ratio = "—" if r.floor_name == "itself" else f"{r.ratio:.2f}×"
        target = f"{r.target}×" if r.target else ""
        verdict = "" if r.floor_name == "itself" else r.verdict()
        lines.append(f"| {r.figure} | {value} | {floor} | {ratio} | {target} | {verdict} |")
    return "\n".join(lines)


def main() -> None:
    """Measure every figure, then print the table."""
    print(f"load_rules (bundled): {timed(maslihat.load_rules) * 1000:.1f} ms")
    rules = maslihat.load_rules()
    if RSS:  # a long measurement of its own
        print(table(resident(rules)))
        return
    rows: list[Row] = []
    for section in (end_to_end, one_condition, linear_and_flat):
        rows += section(rules)
    rows += start_up() + batch()
    print(table(rows))


if __name__ == "__main__":
    main()
