"""Running a suite of case tests while watching which rules and conditions it exercises.

One pass over the suite gives the audit all it needs: each test's outcome, the rule
versions its trace shows were applied, and, for every condition node, which values it
took and which child decided each `all`/`any` (the raw material of MC/DC).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from maslihat.audit.casetests import LoadedFile, Outcome, run_test
from maslihat.rules.conditions import Explanation
from maslihat.rules.ruleset import RuleSet

_VERSION_KEY = re.compile(r"^([a-z_]+@\d{4}-\d{2}-\d{2})")


@dataclass
class NodeTally:
    """What one condition node was seen to do across the suite."""

    values: set[bool] = field(default_factory=set)
    decided_by: set[int] = field(default_factory=set)  # all/any: children that settled it
    went_through: bool = False  # all/any: every child evaluated, none settled it
    tests: set[str] = field(default_factory=set)


@dataclass
class SuiteRun:
    """The outcomes of a suite and what it exercised."""

    outcomes: list[Outcome] = field(default_factory=list)
    exercised: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    nodes: dict[str, NodeTally] = field(default_factory=lambda: defaultdict(NodeTally))
    values_used: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    def files_exercising(self, rule: str) -> set[str]:
        """The case-test files (stems) with a test that applied some version of `rule`."""
        return {
            test.split("::")[0]
            for key, tests in self.exercised.items()
            if key.split("@")[0] == rule
            for test in tests
        }

    def observe(self, test_id: str, explained: Explanation) -> None:
        """Record one evaluation of one condition node."""
        tally = self.nodes[explained.node]
        tally.values.add(explained.value)
        tally.tests.add(test_id)
        if explained.kind in ("all", "any"):
            settles = explained.kind == "any"
            if explained.value is settles:
                tally.decided_by.add(len(explained.children) - 1)
            else:
                tally.went_through = True


def version_key(rule: str, version: str | None) -> str | None:
    """The `id@valid_from` of the rule version a trace entry names, if it names one."""
    match = _VERSION_KEY.match(version or rule)
    return match.group(1) if match else None


def run_suite(files: Iterable[LoadedFile], rules: RuleSet) -> SuiteRun:
    """Run every case test with the trace on, recording what each exercised."""
    suite = SuiteRun()
    transitions = {tv.rule: tv for tvs in rules.lifecycle.transitions.values() for tv in tvs}
    vocabularies = {f: entry for entry in rules.lists.values() for f in entry.validates}
    for loaded in files:
        for test in loaded.spec.tests:
            test_id = f"{loaded.path.stem}::{test.name}"
            outcome = run_test(loaded, test, rules, partial(suite.observe, test_id), explain=True)
            suite.outcomes.append(outcome)
            trace = outcome.result.trace if outcome.result and outcome.result.trace else ()
            for entry in trace:
                key = version_key(entry.rule, entry.version)
                name = entry.rule.removeprefix("lifecycle.")
                if key is None and name in transitions:
                    key = transitions[name].key
                if key is not None:
                    suite.exercised[key].add(test_id)
            for event in loaded.case.events:
                for (event_type, field_name), vocabulary in vocabularies.items():
                    if event.type == event_type:
                        item = f"{vocabulary.id}.{getattr(event, field_name)}"
                        suite.values_used[(vocabulary.id, item)].add(test_id)
    return suite
