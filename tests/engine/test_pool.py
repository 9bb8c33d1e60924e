"""The process pool: input order, bounded memory, errors at their turn, fork and spawn.

`evaluate_many(jobs=N)` and `maslihat batch --jobs N` must give what one process gives,
byte for byte, so the tests compare the two on the catalogue and the examples.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import maslihat
from maslihat.audit.casetests import case_test_files, load_case_test
from maslihat.cli import main as cli
from maslihat.engine import evaluate as engine
from maslihat.engine.pool import cpu_count, ordered_map

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 1)
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _slow_square(number: int) -> int:
    """Later items finish first, so order must be restored, not merely kept."""
    time.sleep(0.002 * (number % 3))
    return number * number


def _fails_on_seven(number: int) -> int:
    if number == 7:
        raise ValueError("seven")
    return number


def _pid(_: int) -> int:
    return os.getpid()


def catalogue_cases() -> list[maslihat.Case]:
    """Every catalogue case, then every example."""
    files = [load_case_test(path).case for path in case_test_files([ROOT / "tests/catalogue"])]
    return files + [maslihat.load_case(path) for path in EXAMPLES]


def test_order_is_kept_when_later_items_finish_first() -> None:
    """Results come in input order although workers finish out of order."""
    results = list(ordered_map(_slow_square, range(40), jobs=2, chunk=1))
    assert results == [n * n for n in range(40)]


def test_work_is_spread_over_the_workers() -> None:
    """With two jobs, items are computed in two processes other than this one."""
    pids = set(ordered_map(_pid, range(64), jobs=2, chunk=1))
    assert os.getpid() not in pids
    assert len(pids) == 2


def test_one_job_or_one_chunk_stays_in_this_process() -> None:
    """jobs=1, or an input that fits in one chunk, starts no process."""
    assert set(ordered_map(_pid, range(10), jobs=1)) == {os.getpid()}
    assert set(ordered_map(_pid, range(3), jobs=2, chunk=4)) == {os.getpid()}


def test_an_error_is_raised_at_its_turn() -> None:
    """The items before a failing one are yielded first; then its exception is raised."""
    seen: list[int] = []
    with pytest.raises(ValueError, match="seven"):
        seen.extend(ordered_map(_fails_on_seven, range(20), jobs=2, chunk=2))
    assert seen == list(range(7))


def test_the_window_bounds_what_is_drawn_from_the_input() -> None:
    """At most window x chunk items beyond those yielded are ever drawn from the input."""
    drawn = 0

    def numbers() -> Iterator[int]:
        nonlocal drawn
        for number in range(100_000):
            drawn += 1
            yield number

    chunk, window = 4, 3
    results = ordered_map(_slow_square, numbers(), jobs=2, chunk=chunk, window=window)
    for taken, _ in enumerate(results, start=1):
        assert drawn <= taken + window * chunk
        if taken == 200:
            break
    results.close()
    assert drawn < 300


def test_bad_arguments_are_refused() -> None:
    """A job count, chunk or window below one is a programming error."""
    with pytest.raises(ValueError, match="at least 1"):
        list(ordered_map(_pid, range(3), jobs=0))


def test_cpu_count_is_positive() -> None:
    """The default --jobs is a usable number of processes."""
    assert cpu_count() >= 1


def test_evaluate_many_on_two_jobs_equals_one_job(rules: maslihat.RuleSet) -> None:
    """Every catalogue case and example gives the same result JSON with jobs=1 and jobs=2."""
    cases = catalogue_cases()
    one = [r.model_dump_json() for r in maslihat.evaluate_many(cases, as_of=AS_OF, rules=rules)]
    two = maslihat.evaluate_many(cases, as_of=AS_OF, rules=rules, jobs=2)
    assert [r.model_dump_json() for r in two] == one
    assert len(one) == len(cases) > 150


def test_evaluate_many_streams_a_hundred_thousand_cases(
    build: Callable[..., maslihat.Case], rules: maslihat.RuleSet
) -> None:
    """A generator of 100,000 cases is drawn from a window at a time, never materialised."""
    drawn = 0
    case = build({"date": "2022-02-01", "type": "resignation_filed"})

    def cases() -> Iterator[maslihat.Case]:
        nonlocal drawn
        for _ in range(100_000):
            drawn += 1
            yield case

    results = maslihat.evaluate_many(cases(), as_of=AS_OF, rules=rules, jobs=2)
    statuses = [next(results).status for _ in range(100)]
    results.close()
    assert set(statuses) == {"termination_pending"}
    assert drawn <= 100 + 2 * 4 * 16 + 16  # window of 4 chunks of 16 per job, plus one


def test_evaluate_many_raises_a_case_error_at_its_turn(
    build: Callable[..., maslihat.Case], rules: maslihat.RuleSet
) -> None:
    """A case that does not fit the rules raises CaseError, intact, after those before it."""
    good = build()
    bad = build({"date": "2022-01-01", "type": "commission_submission", "ground": "boredom"})
    cases = [good] * 20 + [bad] + [good] * 20
    seen: list[str] = []
    with pytest.raises(maslihat.CaseError) as caught:
        seen.extend(r.status for r in maslihat.evaluate_many(cases, as_of=AS_OF, jobs=2))
    assert len(seen) == 20
    assert caught.value.issues[0].field == "events[1].ground"
    assert "unknown ground 'boredom'" in str(caught.value)


def test_spawned_workers_evaluate_as_this_process_does(rules: maslihat.RuleSet) -> None:
    """With the spawn start method (macOS, Windows) the workers load the rules themselves."""
    cases = [maslihat.load_case(path) for path in EXAMPLES] * 2
    spawned = ordered_map(
        engine._evaluate_in_worker,
        cases,
        jobs=2,
        initializer=engine._start_worker,
        initargs=(None, AS_OF, "en"),
        context=multiprocessing.get_context("spawn"),
    )
    here = maslihat.evaluate_many(cases, as_of=AS_OF, rules=rules)
    assert [r.model_dump_json() for r in spawned] == [r.model_dump_json() for r in here]


def test_spawned_batch_workers_get_the_rules_pickled_once(rules: maslihat.RuleSet) -> None:
    """A spawned batch worker receives the parent's rule set and prints the same lines."""
    start = (rules, AS_OF, False, "en")
    spawned = ordered_map(
        cli._batch_case,
        EXAMPLES,
        jobs=2,
        initializer=cli._start_batch,
        initargs=start,
        chunk=2,
        context=multiprocessing.get_context("spawn"),
    )
    here = ordered_map(
        cli._batch_case, EXAMPLES, jobs=1, initializer=cli._start_batch, initargs=start
    )
    assert list(spawned) == list(here)


@pytest.mark.parametrize("as_json", [False, True])
def test_batch_output_is_the_same_on_one_job_and_two(as_json: bool) -> None:
    """Over the examples and the catalogue (case-test files, so errors), output is identical."""
    args = ["batch", str(ROOT / "examples"), str(ROOT / "tests/catalogue"), "--as-of", "2026-11-01"]
    args += ["--json"] if as_json else []
    runner = CliRunner()
    one = runner.invoke(cli.main, [*args, "--jobs", "1"])
    two = runner.invoke(cli.main, [*args, "--jobs", "2"])
    assert (one.exit_code, one.stdout, one.stderr) == (two.exit_code, two.stdout, two.stderr)
    assert one.exit_code == 2
    assert len(one.stdout.splitlines()) == len(EXAMPLES)


def test_batch_goes_on_past_bad_files_in_the_middle(tmp_path: Path) -> None:
    """Bad files among good ones get their error line in place; the rest are evaluated."""
    good = EXAMPLES[0].read_text(encoding="utf-8")
    for index in range(12):
        text = "case: [unclosed\n" if index in (3, 8) else good
        (tmp_path / f"{index:02d}.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["batch", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 10
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert [Path(line.split(":")[1].strip()).name for line in errors] == ["03.yaml", "08.yaml"]
    assert result.stderr.splitlines()[-1].startswith("12 cases read:")


def test_batch_hands_out_up_to_32_files_a_task_and_a_small_batch_to_every_worker() -> None:
    """Big batches go 32 files a task; a small one is cut so each worker gets some."""
    assert cli.batch_chunk(10_000, 2) == cli.BATCH_CHUNK == 32
    assert cli.batch_chunk(100, 2) == 12  # four tasks in flight per worker
    assert cli.batch_chunk(12, 2) == 4  # never fewer than four: three files stay here
    assert cli.batch_chunk(0, 4) == 4
