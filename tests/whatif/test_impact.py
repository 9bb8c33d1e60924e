"""`maslihat audit --amend`: the case tests an amendment would break, and what it touches."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from maslihat.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
AGE_21 = ROOT / "examples" / "amendments" / "minimum-age-21.yaml"
CATALOGUE = ROOT / "tests" / "catalogue"


def audit(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["audit", *args])
    return result.exit_code, result.output


def test_a_retroactive_age_21_breaks_the_tests_of_twenty_year_olds(tmp_path: Path) -> None:
    """Backdated to 2016, age 21 breaks exactly the catalogue's tests of deputies aged 20."""
    backdated = tmp_path / "age-21-2016.yaml"
    backdated.write_text(AGE_21.read_text("utf-8").replace("2027-01-01", "2016-01-01"), "utf-8")
    code, out = audit(str(CATALOGUE), "--amend", str(backdated), "--json")
    assert code == 0
    change = json.loads(out)["amendment"]
    assert change["versions"] == ["minimum_age@2001-01-23", "minimum_age@2016-01-01"]
    assert change["provisions"] == ["l148-5-eligibility"]
    broken = {b["test"].split("::")[0] for b in change["broken"]}
    assert broken == {
        "eligibility-age-20-on-the-day",
        "eligibility-born-29-february",
        "eligibility-without-registration",
    }
    assert audit(str(CATALOGUE), "--amend", str(backdated), "--strict")[0] == 1


def test_the_sample_from_2027_breaks_the_one_later_test() -> None:
    """Only one catalogue test checks an age after 2027 (a birthday in 2100): it breaks."""
    code, out = audit(str(CATALOGUE), "--amend", str(AGE_21))
    assert code == 0
    assert "provisions touched: l148-5-eligibility" in out
    assert "case tests it would break: 1\n    eligibility-born-29-february::" in out


def test_the_impact_is_in_the_audits_language() -> None:
    """`audit --amend --lang ru/kk`: the impact's headings and each broken test's problems
    in the language; the versions, provisions and test ids stay codes."""
    for lang, heading, problem in [
        ("ru", "контрольных дел, которые она нарушит: 1", "status: ожидалось"),
        ("kk", "ол бұзатын бақылау істері: 1", "status:"),
    ]:
        code, out = audit(str(CATALOGUE), "--amend", str(AGE_21), "--lang", lang)
        assert code == 0
        impact = out[out.index("\n\n" + {"ru": "Поправка", "kk": "Түзету"}[lang]) :]
        assert heading in impact
        assert "l148-5-eligibility" in impact
        assert "eligibility-born-29-february::" in impact
        assert problem in impact
        assert "expected" not in impact and "touched" not in impact


def test_a_bad_amendment_is_exit_3(tmp_path: Path) -> None:
    """The audit refuses a malformed amendment as diff does: located, exit 3."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("amendment: x\ntitle: t\nbill: b\nchanges: [{end: checks.nope}]\n", "utf-8")
    code, out = audit(str(CATALOGUE), "--amend", str(bad))
    assert code == 3 and f"{bad}:4:" in out
