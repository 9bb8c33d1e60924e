"""The case catalogue: small case files, each with the outcomes the law requires of it.

Unit tests pin how the engine works; the catalogue pins what it concludes, one
provision or boundary per file, in the case format users write. Each file in
tests/catalogue/ has an `about` (what it pins, citing the provision), a `case`
(contract v1, inline or a path relative to the file) and `tests`, each an as-of date
with the expected status and, optionally, eligibility, mandate, grounds, findings and
next steps. A later `maslihat test` command reads the same format, so the harness
validates it strictly: a misspelt expectation key would otherwise pass in silence.

tests/catalogue/bad/ holds malformed case files; expected.yaml says where the first
issue must point. Each is checked through the Python API and through the CLI, because
the contract promises both a located `CaseError` and a one-line message with exit 2.

A coverage test computes, from the catalogue files and the bundled rules, that every
ground reaches every stage its procedure has, every finding code is expected
somewhere and every event type of the contract is used by some case. The rules
come from the session-wide `rules` fixture (conftest.py), loaded once.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

import maslihat

CATALOGUE = Path(__file__).parent / "catalogue"
BAD = CATALOGUE / "bad"
BAD_AS_OF = dt.date(2024, 1, 1)

Date = Annotated[dt.date, Strict()]
from maslihat.model.result import Stage, Status  # noqa: E402  - the contract's own vocabularies

# -- the case-test file format ----------------------------------------------------------


class Closed(BaseModel):
    """A part of a case-test file: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class MandateExpect(Closed):
    """The mandate's dates and end; only the keys given are compared."""

    began: Date | None = None
    ended: Date | None = None
    ended_by: str | None = None


class GroundExpect(Closed):
    """A ground's stage and, when given, when it arose and reached that stage, and under what."""

    stage: Stage
    arose: Date | None = None
    stage_date: Date | None = None
    citation: str | None = None
    procedure: str | None = None


class FindingExpect(Closed):
    """A finding that must be present; the keys given besides `code` must match too."""

    code: str
    severity: Literal["violation", "warning", "info"] | None = None
    date: Date | None = None
    until: Date | None = None


class Expect(Closed):
    """What the result must say on the as-of date."""

    status: Status
    eligible: bool | None = None
    mandate: MandateExpect | None = None
    grounds: dict[str, Stage | GroundExpect] | None = None
    findings: list[str | FindingExpect] = Field(default_factory=list)
    no_findings: list[str] = Field(default_factory=list)
    next_steps: list[Annotated[str, Field(pattern=r"^[a-z_]+:[a-z_]+:[a-z_]+$")]] | None = None


class CaseTest(Closed):
    """One as-of date and the expected result."""

    name: Annotated[str, Field(min_length=1)]
    as_of: Date
    expect: Expect


class CatalogueFile(Closed):
    """A catalogue file: what it pins, the case, and at least one test."""

    about: Annotated[str, Field(min_length=1)]
    case: dict[str, Any] | str
    tests: Annotated[list[CaseTest], Field(min_length=1)]


def _yaml() -> YAML:
    # YAML 1.2: `on`/`yes`/`no` stay strings; dates become `datetime.date`.
    return YAML(typ="safe", pure=True)


@cache
def read_catalogue_file(path: Path) -> CatalogueFile:
    """Parse and validate one catalogue file; raise ValueError saying what is wrong."""
    try:
        data = _yaml().load(path.read_text(encoding="utf-8"))
        parsed = CatalogueFile.model_validate(data)
    except (YAMLError, ValidationError) as exc:
        raise ValueError(f"{path.name} is not a valid catalogue file:\n{exc}") from exc
    names = [test.name for test in parsed.tests]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"{path.name}: test names used twice: {duplicates}")
    return parsed


def case_of(path: Path, entry: CatalogueFile) -> maslihat.Case:
    """The file's case, read by the package's own loader (inline cases are re-serialised)."""
    if isinstance(entry.case, str):
        return maslihat.load_case(path.parent / entry.case)
    text = io.StringIO()
    _yaml().dump(entry.case, text)
    return maslihat.parse_case(text.getvalue(), name=f"{path.name}#case")


def catalogue_files() -> list[Path]:
    """Every catalogue file, in name order."""
    return sorted(CATALOGUE.glob("*.yaml"))


def catalogue_items() -> list[Any]:
    """One pytest parameter per (file, test); a file that does not parse is one item."""
    items = []
    for path in catalogue_files():
        try:
            tests = [test.name for test in read_catalogue_file(path).tests]
        except ValueError:
            tests = ["<invalid file>"]
        items.extend(pytest.param(path, name, id=f"{path.stem}::{name}") for name in tests)
    return items


# -- comparing a result with an expectation ---------------------------------------------


def _iso(value: dt.date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def unknown_names(expect: Expect, rules: maslihat.RuleSet) -> list[str]:
    """Ground ids and finding codes the expectation names that the rules do not define."""
    codes = [f if isinstance(f, str) else f.code for f in expect.findings]
    wrong = [
        f"finding code {c!r}" for c in [*codes, *expect.no_findings] if c not in rules.findings
    ]
    wrong += [f"ground {g!r}" for g in expect.grounds or {} if g not in rules.grounds]
    return wrong


def _finding_matches(wanted: FindingExpect, found: dict[str, Any]) -> bool:
    given = wanted.model_fields_set - {"code"}
    return found["code"] == wanted.code and all(
        found[key] == (_iso(value) if key in ("date", "until") else value)
        for key, value in wanted.model_dump(include=given).items()
    )


def _compare_mandate(wanted: MandateExpect | None, found: dict[str, Any] | None) -> list[str]:
    if wanted is None or found is None:
        return [] if wanted is found else [f"mandate: expected {wanted}, got {found}"]
    want = wanted.model_dump(mode="json", include=wanted.model_fields_set)
    got = {key: found[key] for key in want}
    return [] if want == got else [f"mandate: expected {want}, got {got}"]


def _compare_grounds(expect: Expect, actual: dict[str, Any]) -> list[str]:
    if expect.grounds is None:
        return []
    found = {g["ground"]: g for g in actual["grounds"]}
    problems = []
    stages = {k: v if isinstance(v, str) else v.stage for k, v in expect.grounds.items()}
    actual_stages = {k: g["stage"] for k, g in found.items()}
    if stages != actual_stages:
        problems.append(f"grounds: expected {stages}, got {actual_stages}")
    for ground, wanted in expect.grounds.items():
        if isinstance(wanted, str) or ground not in found:
            continue
        for key in sorted(wanted.model_fields_set - {"stage"}):
            want, got = _iso(getattr(wanted, key)), found[ground][key]
            if want != got:
                problems.append(f"grounds.{ground}.{key}: expected {want}, got {got}")
    return problems


def _compare_findings(expect: Expect, actual: dict[str, Any]) -> list[str]:
    problems = []
    codes = [f["code"] for f in actual["findings"]]
    for wanted in expect.findings:
        if isinstance(wanted, str):
            if wanted not in codes:
                problems.append(f"findings: expected {wanted!r}, got codes {codes}")
        elif not any(_finding_matches(wanted, f) for f in actual["findings"]):
            want = wanted.model_dump(mode="json", include=wanted.model_fields_set)
            got = [
                {k: f[k] for k in want if k in f}
                for f in actual["findings"]
                if f["code"] == wanted.code
            ]
            problems.append(f"findings: expected {want}, got {got or 'none with that code'}")
    problems += [
        f"no_findings: {code!r} must be absent, got codes {codes}"
        for code in expect.no_findings
        if code in codes
    ]
    return problems


def compare(expect: Expect, actual: dict[str, Any]) -> list[str]:
    """Every way `actual` (a result as JSON data) differs from `expect`; empty if none."""
    problems = []
    if actual["status"] != expect.status:
        problems.append(f"status: expected {expect.status}, got {actual['status']}")
    if expect.eligible is not None and actual["eligible"] != expect.eligible:
        problems.append(f"eligible: expected {expect.eligible}, got {actual['eligible']}")
    if "mandate" in expect.model_fields_set:
        problems += _compare_mandate(expect.mandate, actual["mandate"])
    problems += _compare_grounds(expect, actual)
    problems += _compare_findings(expect, actual)
    if expect.next_steps is not None:
        steps = [f"{s['actor']}:{s['action']}:{s['ground']}" for s in actual["next_steps"]]
        if steps != expect.next_steps:
            problems.append(f"next_steps: expected {expect.next_steps}, got {steps}")
    return problems


def summary(actual: dict[str, Any]) -> str:
    """The parts of a result the catalogue speaks about, as YAML, for failure messages."""
    brief = {
        "status": actual["status"],
        "eligible": actual["eligible"],
        "mandate": actual["mandate"],
        "grounds": {
            g["ground"]: {k: g[k] for k in ("stage", "arose", "stage_date")}
            for g in actual["grounds"]
        },
        "findings": [
            {k: f[k] for k in ("code", "date", "until", "event")} for f in actual["findings"]
        ],
        "next_steps": [f"{s['actor']}:{s['action']}:{s['ground']}" for s in actual["next_steps"]],
    }
    yaml = _yaml()
    yaml.sort_base_mapping_type_on_output = False
    text = io.StringIO()
    yaml.dump(brief, text)
    return text.getvalue()


# -- the catalogue ----------------------------------------------------------------------


@pytest.mark.parametrize(("path", "name"), catalogue_items())
def test_catalogue_case(path: Path, name: str, rules: maslihat.RuleSet) -> None:
    """Each catalogue test's expected outcome holds for its case on its as-of date."""
    try:
        entry = read_catalogue_file(path)
    except ValueError as exc:
        pytest.fail(str(exc), pytrace=False)
    test = next(t for t in entry.tests if t.name == name)
    unknown = unknown_names(test.expect, rules)
    if unknown:
        pytest.fail(f"{path.name} [{name}] names what the rules lack: {unknown}", pytrace=False)
    result = maslihat.evaluate(case_of(path, entry), as_of=test.as_of, rules=rules)
    actual = result.model_dump(mode="json")
    problems = compare(test.expect, actual)
    if problems:
        pytest.fail(
            f"{path.name} [{name}] as of {test.as_of}:\n  "
            + "\n  ".join(problems)
            + f"\n\nactual result:\n{summary(actual)}",
            pytrace=False,
        )


def test_catalogue_files_are_well_formed() -> None:
    """Every catalogue file parses strictly, says what it pins, and has at least one test."""
    assert catalogue_files(), "the catalogue is empty"
    errors = []
    for path in catalogue_files():
        try:
            entry = read_catalogue_file(path)
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if not entry.about.strip() or not entry.tests:
            errors.append(f"{path.name}: needs an `about` and at least one test")
    assert not errors, "\n\n".join(errors)


def test_catalogue_format_rejects_unknown_keys(tmp_path: Path) -> None:
    """A misspelt key in a catalogue file is an error, not an expectation silently skipped."""
    path = tmp_path / "typo.yaml"
    path.write_text(
        "about: A typo.\n"
        "case: x.yaml\n"
        "tests:\n"
        "  - name: typo\n"
        "    as_of: 2022-01-01\n"
        "    expect: {status: active, finding: [ineligible_age]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="finding"):
        read_catalogue_file(path)


RESIGNED = """\
maslihat: {name: M, level: district, territory: "234400000", seats: 15}
deputy: {name: D, born: 1985-03-14, citizenship: KZ, residence: "234430100"}
events:
  - {date: 2021-01-12, type: registered}
  - {date: 2022-02-01, type: resignation_filed}
"""


def test_catalogue_case_may_live_in_its_own_file(tmp_path: Path) -> None:
    """A `case` given as a string is a case file path relative to the catalogue file."""
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "resigned.yaml").write_text(RESIGNED, encoding="utf-8")
    path = tmp_path / "by-path.yaml"
    path.write_text(
        "about: By path.\ncase: cases/resigned.yaml\n"
        "tests: [{name: t, as_of: 2022-03-01, expect: {status: termination_pending}}]\n",
        encoding="utf-8",
    )
    case = case_of(path, read_catalogue_file(path))
    assert [event.type for event in case.events] == ["registered", "resignation_filed"]


def test_compare_names_every_difference(rules: maslihat.RuleSet) -> None:
    """Each expectation that a result does not meet is reported, so no check is vacuous."""
    result = maslihat.evaluate(
        maslihat.parse_case(RESIGNED), as_of=dt.date(2022, 3, 1), rules=rules
    )
    wrong = Expect.model_validate(
        {
            "status": "active",
            "eligible": False,
            "mandate": {"began": dt.date(2021, 1, 13)},
            "grounds": {"resignation": {"stage": "arisen", "arose": dt.date(2022, 2, 2)}},
            "findings": ["ineligible_age", {"code": "ineligible_age", "date": None}],
            "no_findings": [],
            "next_steps": ["session:vote:resignation"],
        }
    )
    problems = compare(wrong, result.model_dump(mode="json"))
    reported = [problem.split(":")[0] for problem in problems]
    assert reported == [
        "status",
        "eligible",
        "mandate",
        "grounds.resignation.arose",
        "findings",
        "findings",
        "next_steps",
    ]
    right = Expect.model_validate(
        {
            "status": "termination_pending",
            "grounds": {"resignation": "arisen"},
            "no_findings": ["ineligible_age"],
        }
    )
    assert compare(right, result.model_dump(mode="json")) == []


@dataclass(frozen=True)
class Coverage:
    """What the catalogue reaches: (ground, stage) pairs, finding codes, event types."""

    stages: set[tuple[str, str]]
    findings: set[str]
    events: set[str]


def catalogue_coverage() -> Coverage:
    """Collect, from the catalogue files, what their cases and expectations reach."""
    coverage = Coverage(set(), set(), set())
    for path in catalogue_files():
        entry = read_catalogue_file(path)
        coverage.events.update(event.type for event in case_of(path, entry).events)
        for test in entry.tests:
            grounds = test.expect.grounds or {}
            coverage.stages.update(
                (g, v if isinstance(v, str) else v.stage) for g, v in grounds.items()
            )
            coverage.findings.update(
                f if isinstance(f, str) else f.code for f in test.expect.findings
            )
    return coverage


def required_stages(rules: maslihat.RuleSet) -> set[tuple[str, str]]:
    """Every stage each ground can reach under the procedure its rules give it."""
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


# -- bad input --------------------------------------------------------------------------


class BadExpect(Closed):
    """Where the first issue of a malformed case file must point, and what it says."""

    line: int
    column: int
    field: str
    message: Annotated[str, Field(min_length=1)]


def bad_expectations() -> dict[str, BadExpect]:
    """tests/catalogue/bad/expected.yaml, validated."""
    data = _yaml().load((BAD / "expected.yaml").read_text(encoding="utf-8"))
    return {name: BadExpect.model_validate(value) for name, value in data.items()}


def bad_files() -> list[str]:
    """The malformed case files, by name."""
    return sorted(p.name for p in BAD.iterdir() if p.is_file() and p.name != "expected.yaml")


@dataclass(frozen=True)
class CliRun:
    """What one run of the CLI printed and returned."""

    code: int
    stdout: str
    stderr: str


def run_cli(name: str) -> CliRun:
    """Run `maslihat evaluate` on one bad file in a fresh interpreter, as a user would."""
    command = [sys.executable, "-m", "maslihat", "evaluate", str(BAD / name)]
    done = subprocess.run(
        [*command, "--as-of", BAD_AS_OF.isoformat()],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return CliRun(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def bad_cli_runs() -> dict[str, CliRun]:
    """The CLI run on every bad file, in parallel where there are cores to spare."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(zip(bad_files(), pool.map(run_cli, bad_files()), strict=True))


def test_bad_catalogue_is_complete() -> None:
    """Every malformed case file has an expectation, and every expectation a file."""
    assert set(bad_expectations()) == set(bad_files())


@pytest.mark.parametrize("name", bad_files())
def test_bad_case_raises_located_case_error(name: str, rules: maslihat.RuleSet) -> None:
    """Loading and evaluating a malformed case raises CaseError located at the mistake."""
    expected = bad_expectations()[name]
    path = BAD / name
    with pytest.raises(maslihat.CaseError) as caught:
        maslihat.evaluate(maslihat.load_case(path), as_of=BAD_AS_OF, rules=rules)
    first = caught.value.issues[0]
    got = (first.file, first.line, first.column, first.field)
    assert got == (str(path), expected.line, expected.column, expected.field), first
    assert expected.message in first.message


@pytest.mark.parametrize("name", bad_files())
def test_bad_case_cli_reports_one_line(name: str, bad_cli_runs: dict[str, CliRun]) -> None:
    """The CLI reports a malformed case on one stderr line, exit 2, no output, no traceback."""
    expected = bad_expectations()[name]
    run = bad_cli_runs[name]
    where = f"error: {BAD / name}:{expected.line}:{expected.column}: "
    prefix = where + (f"{expected.field}:" if expected.field else "")
    assert run.code == 2, run
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(prefix), (lines[0], prefix)
    assert expected.message in lines[0]
