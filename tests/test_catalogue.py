"""The case catalogue reaches every ground, stage, finding code and event type.

tests/catalogue/ holds case-test files (the format of `maslihat.audit.casetests`):
small cases, one provision or boundary each, with the outcomes the law requires.
The pytest plugin (`maslihat.audit.pytest_plugin`, configured in pyproject.toml) runs
each test in them as a test item; this module checks that the catalogue as a whole
is complete, from the catalogue files themselves and the bundled rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import maslihat
from maslihat.audit.casetests import LoadedFile, case_test_files, load_case_test

CATALOGUE = Path(__file__).parent / "catalogue"


def catalogue() -> list[LoadedFile]:
    """Every catalogue file, loaded (a malformed one fails the test that asks)."""
    return [load_case_test(path) for path in case_test_files([CATALOGUE])]


@dataclass(frozen=True)
class Coverage:
    """What the catalogue reaches: (ground, stage) pairs, finding codes, event types."""

    stages: set[tuple[str, str]]
    findings: set[str]
    events: set[str]


def catalogue_coverage() -> Coverage:
    """Collect, from the catalogue files, what their cases and expectations reach."""
    coverage = Coverage(set(), set(), set())
    for loaded in catalogue():
        coverage.events.update(event.type for event in loaded.case.events)
        for test in loaded.spec.tests:
            grounds = test.expect.grounds or {}
            coverage.stages.update(
                (g, v if isinstance(v, str) else v.stage) for g, v in grounds.items()
            )
            coverage.findings.update(
                f if isinstance(f, str) else f.code for f in test.expect.findings
            )
    return coverage


def required_stages(rules: maslihat.RuleSet) -> set[tuple[str, str]]:
    """Every stage each ground can reach under the procedures its versions give it."""
    required = set()
    for ground in rules.grounds.values():
        for version in ground.versions:
            for pv in rules.procedures[version.body.procedure].versions:
                body = pv.body
                stages = {body.on_arising.stage} | {
                    outcome.stage for step in body.steps.values() for outcome in step.outcomes
                }
                required.update((ground.id, stage) for stage in stages)
    return required


def contract_event_types() -> set[str]:
    """The event types of the case format, from the published case schema."""
    schema = maslihat.Case.model_json_schema()
    return set(schema["properties"]["events"]["items"]["discriminator"]["mapping"])


def test_catalogue_files_are_well_formed() -> None:
    """Every catalogue file loads strictly, says what it pins, and has at least one test."""
    loaded = catalogue()
    assert len(loaded) >= 70
    assert all(entry.spec.about.strip() and entry.spec.tests for entry in loaded)


def test_catalogue_coverage(rules: maslihat.RuleSet) -> None:
    """The catalogue takes every ground through its stages, and uses every code and event."""
    coverage = catalogue_coverage()
    required = required_stages(rules)
    assert {g for g, _ in required} == set(rules.grounds)
    missing = {
        "ground stages": sorted(required - coverage.stages),
        "finding codes": sorted(set(rules.findings) - coverage.findings),
        "event types": sorted(contract_event_types() - coverage.events),
    }
    assert not any(missing.values()), f"the catalogue does not reach: {missing}"
