"""POST /v1/diff answers what `maslihat diff --amend FILE --json` prints, within limits."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from click.testing import CliRunner

from maslihat.cli.main import main as cli
from maslihat.errors import CaseError, RulesError
from maslihat.service.whatif import MAX_DIFF_CASES
from maslihat.source import load_document

ROOT = Path(__file__).resolve().parents[2]
AGE_21 = ROOT / "examples" / "amendments" / "minimum-age-21.yaml"
CASE = {
    "case": "aged-20-in-2027",
    "maslihat": {"name": "Atyrau", "level": "region", "territory": "230000000", "seats": 31},
    "deputy": {"name": "A.", "born": "2006-09-01", "citizenship": "KZ", "residence": "231010000"},
    "events": [{"date": "2027-03-20", "type": "registered", "election_day": "2027-03-14"}],
}


def test_the_same_report_as_the_command_line(http: httpx.Client, tmp_path: Path) -> None:
    """Over the examples and a case aged 20 in 2027, the body is the CLI's --json report."""
    (tmp_path / "twenty.json").write_text(json.dumps(CASE), encoding="utf-8")
    files = [*sorted((ROOT / "examples").glob("*.yaml")), tmp_path / "twenty.json"]
    args = ["diff", *map(str, files), "--amend", str(AGE_21), "--as-of", "2027-12-31", "--json"]
    printed = CliRunner().invoke(cli, args)
    assert printed.exit_code == 0, printed.output
    cases = {str(p): load_document(p, CaseError).data for p in files}
    body = {"amendment": load_document(AGE_21, RulesError).data, "cases": cases}
    answer = http.post("/v1/diff", params={"as_of": "2027-12-31"}, json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json() == json.loads(printed.output)
    assert answer.json()["summary"]["changed"] == 1


def test_a_bad_amendment_is_a_422_naming_the_field(http: httpx.Client) -> None:
    """A mistake in the amendment names its field under `amendment`."""
    amendment = load_document(AGE_21, RulesError).data
    amendment["changes"][0]["condition"]["fact"] = "agee"
    answer = http.post("/v1/diff", json={"amendment": amendment, "cases": {"a": CASE}})
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["field"] == "amendment.changes[0].condition.fact"
    assert answer.json()["type"].endswith("invalid-amendment")


def test_a_bad_case_is_a_422_naming_it(http: httpx.Client) -> None:
    """A bad case is named by the key the request gave it."""
    amendment = load_document(AGE_21, RulesError).data
    bad = {**CASE, "deputy": {**CASE["deputy"], "born": "2006-02-30"}}  # type: ignore[dict-item]
    answer = http.post("/v1/diff", json={"amendment": amendment, "cases": {"x": bad}})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "cases.x.deputy.born"


def test_too_many_cases_is_a_413(http: httpx.Client) -> None:
    """A diff holds at most MAX_DIFF_CASES cases: each is evaluated twice."""
    amendment = {"amendment": "e", "title": "t", "bill": "b"}
    cases = {f"c{n}": CASE for n in range(MAX_DIFF_CASES + 1)}
    answer = http.post("/v1/diff", json={"amendment": amendment, "cases": cases})
    assert answer.status_code == 413 and answer.json()["type"].endswith("too-many-cases")


def test_the_body_must_hold_both_keys(http: httpx.Client) -> None:
    """Anything but {amendment, cases} is a 422."""
    answer = http.post("/v1/diff", json={"cases": {}})
    assert answer.status_code == 422


ABSENCES = ROOT / "examples" / "amendments" / "absences-more-than-two.yaml"
ABSENT = {
    **CASE,
    "case": "three-absences",
    "deputy": {**CASE["deputy"], "born": "1980-05-01"},  # type: ignore[dict-item]
    "events": [
        {"date": "2026-01-12", "type": "registered"},
        *(
            {
                "date": f"2027-0{month}-10",
                "type": "meeting",
                "body": "plenary",
                "attendance": "unexcused",
            }
            for month in (2, 3, 4)
        ),
    ],
}


def test_a_next_steps_text_is_in_the_requests_language(
    http: httpx.Client, language_neutral: Callable[[Any], Any]
) -> None:
    """`?lang=kk`: the same keys, codes and dates; only a next step's `text` is in Kazakh."""
    body = {"amendment": load_document(ABSENCES, RulesError).data, "cases": {"a": ABSENT}}
    answers = {
        lang: http.post("/v1/diff", params={"as_of": "2027-12-31", "lang": lang}, json=body)
        for lang in ("en", "kk")
    }
    assert answers["kk"].headers["content-language"] == "kk"
    english, kazakh = (answers[lang].json() for lang in ("en", "kk"))
    assert language_neutral(kazakh) == language_neutral(english)
    [steps] = [d for d in kazakh["cases"][0]["differences"] if d["kind"] == "next_steps"]
    [english_steps] = [d for d in english["cases"][0]["differences"] if d["kind"] == "next_steps"]
    assert steps["after"][0]["text"] != english_steps["after"][0]["text"]
