"""Case-test files: a case, dates, and what the law must conclude on each.

The format is what auditors and rule authors write to pin behaviour; `maslihat test`,
the pytest plugin and `maslihat audit` all read it through this module. Files are
read with positions, so a mistake in one names its line, like any other input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StrictBool, ValidationError

from maslihat.audit.mismatches import Mismatch
from maslihat.engine.evaluate import evaluate
from maslihat.engine.situation import Observer
from maslihat.errors import CaseError, CaseTestError, EvaluationError
from maslihat.model import Case, Result
from maslihat.model.common import Frozen, IsoDate
from maslihat.model.result import Severity, Stage, Status
from maslihat.rules.ruleset import RuleSet
from maslihat.source import Document, issues_from_validation_error, load_document
from maslihat.source.cases import case_from_document
from maslihat.wording import say

CASE_TEST_SUFFIXES = (".yaml", ".yml", ".json")


class MandateExpect(Frozen):
    """The mandate's dates and end; only the keys given are compared."""

    began: IsoDate | None = None
    ended: IsoDate | None = None
    ended_by: str | None = None


class GroundExpect(Frozen):
    """A ground's stage and, when given, when it arose and reached it, and under what."""

    stage: Stage
    arose: IsoDate | None = None
    stage_date: IsoDate | None = None
    stage_citation: str | None = None
    citation: str | None = None
    procedure: str | None = None


class FindingExpect(Frozen):
    """A finding that must be present; the keys given besides `code` must match too."""

    code: str
    severity: Severity | None = None
    date: IsoDate | None = None
    until: IsoDate | None = None
    citation: str | None = Field(
        default=None, description="The provision the finding cites, when the version matters."
    )


NextStepText = Annotated[str, Field(pattern=r"^[a-z_]+:[a-z_]+:[a-z_]+$")]


class Expect(Frozen):
    """What the result must say on the as-of date."""

    status: Status
    eligible: StrictBool | None = None
    mandate: MandateExpect | None = None
    grounds: dict[str, Stage | GroundExpect] | None = Field(
        default=None, description="When given: exactly these grounds, at these stages."
    )
    findings: list[str | FindingExpect] = Field(default_factory=list)
    no_findings: list[str] = Field(default_factory=list)
    next_steps: list[NextStepText] | None = Field(
        default=None, description="When given: exactly these, as actor:action:ground."
    )


class CaseTest(Frozen):
    """One as-of date and the expected result."""

    name: Annotated[str, Field(min_length=1)]
    as_of: IsoDate
    expect: Expect


class CaseTestFile(Frozen):
    """A file of case tests: what it pins, the case (inline or a path), the tests."""

    about: Annotated[str, Field(min_length=1)]
    case: dict[str, Any] | str
    tests: Annotated[list[CaseTest], Field(min_length=1)]


@dataclass(frozen=True)
class LoadedFile:
    """A validated case-test file with its case, ready to run."""

    path: Path
    spec: CaseTestFile
    case: Case


@dataclass(frozen=True)
class Outcome:
    """How one case test went: its problems (none if it passed) and the result."""

    path: Path
    name: str
    problems: tuple[str, ...]
    result: Result | None

    @property
    def passed(self) -> bool:
        """Whether the result met every expectation."""
        return not self.problems

    @property
    def id(self) -> str:
        """`file-stem::test name`, as reports and pytest name it."""
        return f"{self.path.stem}::{self.name}"


def _sub_document(document: Document, key: str) -> Document:
    """The part of a document under `key`, positions kept."""
    positions = {loc[1:]: pos for loc, pos in document.positions.items() if loc[:1] == (key,)}
    positions.setdefault((), document.positions.get((key,), (1, 1)))
    return Document(document.data[key], document.file, positions)


def _case_path(file: Path, named: str, document: Document) -> Path:
    """The case file `case:` names, which must be in the test file's directory or below.

    A case-test file may come from anyone (a pull request, a shared suite), and what it
    names is read and, in a failing test, shown: `case: ../../../../etc/passwd` must
    not read that file. Links are followed before the check, so none leads out either.
    """
    home, path = file.parent, file.parent / named
    try:
        inside = path.resolve().is_relative_to(home.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if not inside:
        message = say("case_outside", named=repr(named), home=home)
        raise CaseTestError([document.issue(("case",), message)])
    return path


def load_case_test(path: str | Path) -> LoadedFile:
    """Read and validate a case-test file and its case; raise `CaseTestError` if bad."""
    file = Path(path)
    document = load_document(file, CaseTestError)
    try:
        spec = CaseTestFile.model_validate(document.data)
    except ValidationError as exc:
        raise CaseTestError(issues_from_validation_error(exc, document, CaseTestFile)) from None
    names = [test.name for test in spec.tests]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise CaseTestError([document.issue(("tests",), say("test_names_twice", names=twice))])
    try:
        if isinstance(spec.case, str):
            named = _case_path(file, spec.case, document)
            case = case_from_document(load_document(named, CaseError))
        else:
            case = case_from_document(_sub_document(document, "case"))
    except CaseError as exc:
        raise CaseTestError(list(exc.issues)) from None
    return LoadedFile(file, spec, case)


def case_test_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files named, and the case-test files under the directories named, in order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in CASE_TEST_SUFFIXES)
        else:
            yield path


def unknown_names(expect: Expect, rules: RuleSet) -> list[Mismatch]:
    """Ground ids and finding codes the expectation names that the rules do not define."""
    codes = [f if isinstance(f, str) else f.code for f in expect.findings]
    wrong = [
        Mismatch("test_unknown_finding", code=repr(c))
        for c in [*codes, *expect.no_findings]
        if c not in rules.findings
    ]
    wrong += [
        Mismatch("test_unknown_ground", ground=repr(g))
        for g in expect.grounds or {}
        if g not in rules.grounds
    ]
    return wrong


def run_test(
    loaded: LoadedFile,
    test: CaseTest,
    rules: RuleSet,
    observer: Observer | None = None,
    explain: bool = False,
) -> Outcome:
    """Evaluate one case test; a case or rule defect counts as a failure, not a crash."""
    unknown = unknown_names(test.expect, rules)
    if unknown:
        return Outcome(loaded.path, test.name, (Mismatch("test_unknown", names=unknown),), None)
    try:
        result = evaluate(
            loaded.case, as_of=test.as_of, rules=rules, explain=explain, observer=observer
        )
    except (CaseError, EvaluationError) as exc:
        return Outcome(loaded.path, test.name, (Mismatch("error", error=exc),), None)
    return Outcome(loaded.path, test.name, tuple(compare(test.expect, result)), result)


def run_file(
    loaded: LoadedFile, rules: RuleSet, observer: Observer | None = None, explain: bool = False
) -> list[Outcome]:
    """Run every test of a loaded file."""
    return [run_test(loaded, test, rules, observer, explain) for test in loaded.spec.tests]


# -- comparing ---------------------------------------------------------------------------


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _differs(field: str, expected: Any, got: Any) -> Mismatch:
    return Mismatch("test_differs", field=field, expected=expected, got=got)


def _mandate(wanted: MandateExpect | None, found: dict[str, Any] | None) -> list[Mismatch]:
    if wanted is None or found is None:
        both_none = wanted is None and found is None
        return [] if both_none else [_differs("mandate", _dump(wanted), found)]
    want = _dump(wanted)
    got = {key: found[key] for key in want}
    return [] if want == got else [_differs("mandate", want, got)]


def _dump(model: Frozen | None) -> Any:
    return None if model is None else model.model_dump(mode="json", include=model.model_fields_set)


def _grounds(expect: Expect, actual: dict[str, Any]) -> list[Mismatch]:
    if expect.grounds is None:
        return []
    found = {g["ground"]: g for g in actual["grounds"]}
    stages = {k: v if isinstance(v, str) else v.stage for k, v in expect.grounds.items()}
    got = {k: g["stage"] for k, g in found.items()}
    problems = [] if stages == got else [_differs("grounds", stages, got)]
    for ground, wanted in expect.grounds.items():
        if isinstance(wanted, GroundExpect) and ground in found:
            for key, want in _dump(wanted).items():
                if key != "stage" and found[ground][key] != want:
                    problems.append(_differs(f"grounds.{ground}.{key}", want, found[ground][key]))
    return problems


def _findings(expect: Expect, actual: dict[str, Any]) -> list[Mismatch]:
    codes = [f["code"] for f in actual["findings"]]
    problems = []
    for wanted in expect.findings:
        want = {"code": wanted} if isinstance(wanted, str) else _dump(wanted)
        if not any(all(f.get(k) == v for k, v in want.items()) for f in actual["findings"]):
            same = [
                {k: f[k] for k in want} for f in actual["findings"] if f["code"] == want["code"]
            ]
            problems.append(_differs("findings", want, same or codes))
    problems += [
        Mismatch("test_present", field="no_findings", code=repr(c))
        for c in expect.no_findings
        if c in codes
    ]
    return problems


def compare(expect: Expect, result: Result) -> list[Mismatch]:
    """Every way `result` differs from `expect`; empty if none."""
    actual = result.model_dump(mode="json")
    problems = []
    if actual["status"] != expect.status:
        problems.append(_differs("status", expect.status, actual["status"]))
    if expect.eligible is not None and actual["eligible"] != expect.eligible:
        problems.append(_differs("eligible", expect.eligible, actual["eligible"]))
    if "mandate" in expect.model_fields_set:
        problems += _mandate(expect.mandate, actual["mandate"])
    problems += _grounds(expect, actual)
    problems += _findings(expect, actual)
    if expect.next_steps is not None:
        steps = [f"{s['actor']}:{s['action']}:{s['ground']}" for s in actual["next_steps"]]
        if steps != expect.next_steps:
            problems.append(_differs("next_steps", expect.next_steps, steps))
    return problems
