"""The audit end to end: traceability, coverage, mutants, and what deleting a test reveals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import maslihat
from maslihat.audit.casetests import case_test_files, load_case_test
from maslihat.audit.model import AuditReport
from maslihat.audit.report import build_report, shortfalls
from maslihat.audit.suite import run_suite
from maslihat.cli.main import main

CATALOGUE = Path(__file__).resolve().parents[1] / "catalogue"
PAIR = ("eligibility-age-20-on-the-day.yaml", "eligibility-age-one-day-short.yaml")


def audit(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["audit", *args])
    return result.exit_code, result.stdout


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    """A two-file suite pinning the age of eligibility from both sides."""
    suite = tmp_path / "suite"
    suite.mkdir()
    for name in PAIR:
        shutil.copy(CATALOGUE / name, suite / name)
    return suite


def test_json_summary_has_the_counts_a_tool_gates_on(pair: Path) -> None:
    """`--json` has a summary with provisions, encoded, tested, conditions, covered."""
    code, out = audit(str(pair), "--json")
    summary = json.loads(out)["summary"]
    assert code == 0
    assert {"provisions", "encoded", "tested", "conditions", "covered", "mutants", "killed"} <= set(
        summary
    )
    assert summary["mutants"] is None  # not run unless asked
    assert 0 < summary["tested"] < summary["encoded"] <= summary["provisions"]


def test_deleting_a_test_names_the_condition_and_mutant_it_covered(pair: Path) -> None:
    """Without the 'one day short' test, the age check is never false and 20 → 19 survives."""
    _, out = audit(str(pair), "--mutants", "--json")
    before = AuditReport.model_validate_json(out)
    assert next(c for c in before.conditions if c.node == "checks.minimum_age@2001-01-23").covered
    (pair / PAIR[1]).unlink()
    _, out = audit(str(pair), "--mutants", "--json")
    after = AuditReport.model_validate_json(out)
    age = next(c for c in after.conditions if c.node == "checks.minimum_age@2001-01-23")
    assert age.seen_true and not age.seen_false
    survivors = [m for m in after.mutants or () if m.status == "survived"]
    assert any(m.description == "20 → 19" and "eligibility.yaml" in m.where for m in survivors)
    gaps = shortfalls(after)
    assert "condition checks.minimum_age@2001-01-23: never false" in gaps
    assert any("20 → 19" in gap for gap in gaps)


def test_fail_under_and_strict_gate(pair: Path) -> None:
    """`--fail-under` and `--strict` exit 1 when the suite falls short, 0 otherwise."""
    assert audit(str(pair), "--fail-under", "1")[0] == 0
    assert audit(str(pair), "--fail-under", "100")[0] == 1
    assert audit(str(pair), "--strict")[0] == 1


def test_reports_are_written(pair: Path, tmp_path: Path) -> None:
    """`--report` writes Markdown, or HTML for an .html name, self-contained."""
    audit(str(pair), "--report", str(tmp_path / "audit.md"))
    audit(str(pair), "--report", str(tmp_path / "audit.html"))
    markdown = (tmp_path / "audit.md").read_text(encoding="utf-8")
    page = (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert markdown.startswith("# Rule audit") and "## Traceability" in markdown
    assert page.lower().startswith("<!doctype html>") and "<script" not in page
    assert "Traceability" in page and 'class="source"' in page  # the rule files, annotated


def test_a_report_directory_gets_a_page_per_rule_file(pair: Path, tmp_path: Path) -> None:
    """`--report DIR` writes index.html and a page per rule file; not twice without --force."""
    folder = tmp_path / "pages"
    folder.mkdir()
    assert audit(str(pair), "--report", str(folder))[0] == 0
    names = {p.name for p in folder.iterdir()}
    assert {"index.html", "eligibility.html", "procedures.html"} <= names
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="eligibility.html"' in index
    page = (folder / "eligibility.html").read_text(encoding="utf-8")
    assert 'class="line covered"' in page and 'class="line uncovered"' in page
    result = CliRunner().invoke(main, ["audit", str(pair), "--report", str(folder)])
    assert result.exit_code == 2 and "index.html: exists; give --force" in result.stderr


def test_traceability_links_provisions_rules_and_tests(rules: maslihat.RuleSet, pair: Path) -> None:
    """A provision's rules are the versions that claim it; its tests, theirs."""
    loaded = [load_case_test(p) for p in case_test_files([pair])]
    report = build_report(rules, loaded, suite=run_suite(loaded, rules))
    age = next(p for p in report.provisions if p.id == "l148-5-eligibility")
    assert age.status == "traced" and "minimum_age@2001-01-23" in age.rules
    assert {t.split("::")[0] for t in age.tests} == {Path(n).stem for n in PAIR}
    resignation = next(p for p in report.provisions if p.id == "l148-20-3-8")
    assert resignation.status == "untested"
    declaratory = next(p for p in report.provisions if p.id == "l148-20-1")
    assert declaratory.status == "out_of_scope" and declaratory.reason


def test_suggest_writes_a_witness_for_what_is_uncovered(pair: Path, tmp_path: Path) -> None:
    """`--suggest` writes a loadable case-test file that exercises the missing value."""
    (pair / PAIR[1]).unlink()
    result = CliRunner().invoke(main, ["audit", str(pair), "--suggest", str(tmp_path / "w")])
    witnesses = sorted((tmp_path / "w").glob("*.yaml"))
    assert witnesses, result.stderr
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith(f"audit --suggest: {len(witnesses)} witness files written to ")
    loaded = load_case_test(witnesses[0])
    assert loaded.spec.about.startswith("SUGGESTED WITNESS")


def test_bad_equivalence_file_is_a_located_error(pair: Path, tmp_path: Path) -> None:
    """A malformed list of equivalent mutants is refused with its line, exit 2."""
    bad = tmp_path / "eq.yaml"
    bad.write_text("- mutant: x\n  reasn: y\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(pair), "--mutants", "--equivalent", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2:3: [0].reasn: unknown key 'reasn'; did you mean 'reason'?" in result.stderr


def test_report_is_not_replaced_without_force(pair: Path, tmp_path: Path) -> None:
    """An existing --report file is refused (exit 2, one line, before the audit runs)."""
    path = tmp_path / "audit.md"
    path.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(pair), "--report", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {path}: exists; give --force to replace it\n"
    assert path.read_text(encoding="utf-8") == "mine"
    assert audit(str(pair), "--report", str(path), "--force")[0] == 0
    assert path.read_text(encoding="utf-8").startswith("# Rule audit")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/audit.md", "no directory {tmp}/missing"),
        ("link.md", "is a symbolic link; not written through it"),
    ],
)
def test_report_paths_that_cannot_be_written_are_one_line_exit_2(
    pair: Path, tmp_path: Path, name: str, message: str
) -> None:
    """A missing directory, a directory, or a link as the --report path: one line, exit 2."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "link.md").symlink_to(tmp_path / "target.md")
    path = tmp_path / name
    result = CliRunner().invoke(main, ["audit", str(pair), "--report", str(path), "--force"])
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: {message.format(tmp=tmp_path)}\n"
    assert not (tmp_path / "target.md").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_report_to_a_full_disk_is_one_line_exit_2(pair: Path) -> None:
    """Writing the report to /dev/full (no space left) is one line and exit 2, no traceback."""
    result = CliRunner().invoke(main, ["audit", str(pair), "--report", "/dev/full"])
    assert result.exit_code == 2
    assert result.stderr == "error: /dev/full: cannot write: No space left on device\n"


def test_suggest_refuses_a_link_in_its_directory_and_writes_nothing(
    pair: Path, tmp_path: Path
) -> None:
    """A link where a witness would go stops --suggest (even forced): none written, exit 2."""
    (pair / PAIR[1]).unlink()
    first = CliRunner().invoke(main, ["audit", str(pair), "--suggest", str(tmp_path / "w")])
    names = sorted(p.name for p in (tmp_path / "w").iterdir())
    assert first.exit_code == 0 and names, first.stderr
    again = CliRunner().invoke(main, ["audit", str(pair), "--suggest", str(tmp_path / "w")])
    assert again.exit_code == 2
    assert again.stderr.endswith("exists; give --force to replace it\n")
    shutil.rmtree(tmp_path / "w")
    (tmp_path / "w").mkdir()
    link = tmp_path / "w" / names[-1]
    link.symlink_to(tmp_path / "victim")
    args = ["audit", str(pair), "--suggest", str(tmp_path / "w"), "--force"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr == f"error: {link}: is a symbolic link; not written through it\n"
    assert sorted(p.name for p in (tmp_path / "w").iterdir()) == [names[-1]]
    assert not (tmp_path / "victim").exists()


@pytest.mark.parametrize(
    ("lang", "heading", "line"),
    [("en", "audit --strict: ", "  - provision "), ("ru", " недостат", "  - норма ")],
)
def test_strict_shortfalls_beside_json_are_in_the_language(
    lang: str, heading: str, line: str
) -> None:
    """`audit --json --strict --lang ru` counts and lists its shortfalls on stderr in
    Russian, with the language's plural; the JSON on stdout keeps its codes."""
    one = str(CATALOGUE / PAIR[0])
    result = CliRunner().invoke(main, ["audit", one, "--json", "--strict", "--lang", lang])
    assert result.exit_code == 1
    first, second = result.stderr.splitlines()[:2]
    assert first.startswith("audit --strict: ") and heading in first
    assert second.startswith(line)
    assert json.loads(result.stdout)["summary"]
