"""`maslihat diff`: the report, its exit codes and its HTML page, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from maslihat.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
AGE_21 = str(ROOT / "examples" / "amendments" / "minimum-age-21.yaml")
CASE = """\
case: aged-20-in-2027
maslihat: {name: Atyrau Regional Mäslihat, level: region, territory: "230000000", seats: 31}
deputy: {name: A. Twenty, born: 2006-09-01, citizenship: KZ, residence: "231010000"}
events:
  - {date: 2027-03-20, type: registered, election_day: 2027-03-14}
"""


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "twenty.yaml").write_text(CASE, encoding="utf-8")
    return tmp_path / "cases"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", *args])
    return result.exit_code, result.output


def test_names_the_case_and_the_rule_versions(cases: Path) -> None:
    """A deputy aged 20 in 2027 is no longer registered; the diff says which versions decide."""
    code, out = run(str(cases), "--amend", AGE_21, "--as-of", "2027-12-31")
    assert code == 0
    assert "status active → candidate (not eligible)" in out
    assert "rules: minimum_age@2001-01-23 → minimum_age@2027-01-01" in out
    assert out.rstrip().endswith(
        "1 cases read: 1 changed (status 1, mandate 1, findings 1), 0 unchanged"
    )


def test_exit_code_says_whether_anything_changed(cases: Path) -> None:
    """`--exit-code` exits 1 on a change and 0 on none, as `git diff --exit-code` does."""
    assert run(str(cases), "--amend", AGE_21, "--as-of", "2027-12-31", "--exit-code")[0] == 1
    assert run(str(cases), "--amend", AGE_21, "--as-of", "2026-12-31", "--exit-code")[0] == 0


def test_a_malformed_amendment_is_exit_3_with_its_position(cases: Path, tmp_path: Path) -> None:
    """A mistake in the amendment is one line naming file, line and column; exit 3."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(AGE_21).read_text("utf-8").replace("fact: age", "fact: agee"), "utf-8")
    code, out = run(str(cases), "--amend", str(bad))
    assert code == 3
    assert out.startswith(f"error: {bad}:17:7: changes[0].condition.fact: unknown fact 'agee'")


def test_against_another_rules_directory(cases: Path) -> None:
    """`--against-rules` compares two directories; the same rules change nothing."""
    code, out = run(str(cases), "--against-rules", str(ROOT / "rules"), "--json")
    assert code == 0 and json.loads(out)["summary"]["changed"] == 0


def test_one_change_is_asked_for(cases: Path) -> None:
    """Neither --amend nor --against-rules, or both, is a usage error (exit 2)."""
    assert run(str(cases))[0] == 2
    assert run(str(cases), "--amend", AGE_21, "--against-rules", str(ROOT / "rules"))[0] == 2


def test_a_bad_case_file_is_reported_and_the_rest_diffed(cases: Path) -> None:
    """A bad case file gets its error line and exit 2; the other cases are still compared."""
    (cases / "broken.yaml").write_text("case: [\n", encoding="utf-8")
    code, out = run(str(cases), "--amend", AGE_21, "--as-of", "2027-12-31")
    assert code == 2
    assert "broken.yaml:" in out and "1 cases read: 1 changed" in out


def test_html_page(cases: Path, tmp_path: Path) -> None:
    """`--html FILE` writes a page with the changed case and the versions responsible."""
    page = tmp_path / "diff.html"
    code, _ = run(str(cases), "--amend", AGE_21, "--as-of", "2027-12-31", "--html", str(page))
    text = page.read_text("utf-8")
    assert code == 0 and "twenty.yaml" in text and "minimum_age@2027-01-01" in text
    assert run(str(cases), "--amend", AGE_21, "--html", str(page))[0] == 2  # no overwrite


def test_lang_prints_and_writes_the_report_in_the_language(cases: Path, tmp_path: Path) -> None:
    """`--lang kk` prints the report and writes the `--html` page in Kazakh."""
    page = tmp_path / "diff.html"
    args = (str(cases), "--amend", AGE_21, "--as-of", "2027-12-31", "--lang", "kk")
    code, out = run(*args, "--html", str(page))
    assert code == 0 and "cases read" not in out and "minimum_age@2027-01-01" in out
    text = page.read_text("utf-8")
    assert '<html lang="kk">' in text and "not eligible" not in text
    assert out.splitlines()[-1] in text  # the summary line, as printed
