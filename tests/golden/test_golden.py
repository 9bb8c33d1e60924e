"""Every catalogue case and example still evaluates to what the golden file holds.

Speed work must not change an answer unnoticed. `results.jsonl` holds, for every case
test of the catalogue at its own as-of date and for every example at two dates, the
full result with its trace (`explain=True`) and a digest of the condition nodes the
coverage audit observed. The tests compare the engine with it line by line; after a
deliberate change of results, rewrite it with `python tests/golden/test_golden.py`
and review the diff.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import maslihat
from maslihat.audit.casetests import case_test_files, load_case_test
from maslihat.rules.conditions import Explanation

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("results.jsonl")
EXAMPLE_DAYS = (dt.date(2021, 12, 20), dt.date(2026, 11, 1))


def _entry(name: str, case: maslihat.Case, day: dt.date, rules: maslihat.RuleSet) -> str:
    observed: set[tuple[str, bool]] = set()

    def observe(explained: Explanation) -> None:
        observed.add((explained.node, explained.value))

    try:
        result: Any = maslihat.evaluate(
            case, as_of=day, rules=rules, explain=True, observer=observe
        ).model_dump(mode="json")
    except maslihat.MaslihatError as error:
        result = {"error": f"{type(error).__name__}: {error}"}
    plain = maslihat.evaluate(case, as_of=day, rules=rules) if "error" not in result else None
    digest = hashlib.sha256(json.dumps(sorted(observed)).encode()).hexdigest()[:16]
    line = {
        "case": name,
        "as_of": day.isoformat(),
        "result": result,
        "plain_equals_explained": plain is not None
        and plain.model_dump(mode="json") == {k: v for k, v in result.items() if k != "trace"},
        "observed": f"{len(observed)}:{digest}",
    }
    return json.dumps(line, ensure_ascii=False, sort_keys=True)


def entries(rules: maslihat.RuleSet) -> Iterator[str]:
    """Every golden line, in a fixed order."""
    for path in case_test_files([ROOT / "tests" / "catalogue"]):
        loaded = load_case_test(path)
        for test in loaded.spec.tests:
            name = f"{path.relative_to(ROOT).as_posix()}::{test.name}"
            yield _entry(name, loaded.case, test.as_of, rules)
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        case = maslihat.load_case(path)
        for day in EXAMPLE_DAYS:
            yield _entry(path.relative_to(ROOT).as_posix(), case, day, rules)


def main() -> None:  # pragma: no cover - run by hand
    """Rewrite the golden file from the engine as it is now."""
    rules = maslihat.load_rules()
    GOLDEN.write_text("".join(f"{line}\n" for line in entries(rules)), encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(ROOT)}", file=sys.stderr)


def test_results_match_the_golden_file(rules: maslihat.RuleSet) -> None:
    """Each golden line is reproduced exactly, in the same order, and none is missing."""
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    actual = list(entries(rules))
    differing = [
        json.loads(want)["case"] + " @ " + json.loads(want)["as_of"]
        for want, got in zip(expected, actual, strict=False)
        if want != got
    ]
    assert not differing, f"{len(differing)} results differ from the golden file: {differing[:5]}"
    assert len(actual) == len(expected)


def test_plain_results_equal_explained_results_without_the_trace() -> None:
    """Explaining adds the trace and changes nothing else, for every golden case."""
    lines = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert all(line["plain_equals_explained"] for line in lines if "error" not in line["result"])


if __name__ == "__main__":
    main()
