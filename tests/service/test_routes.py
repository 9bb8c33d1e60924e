"""The endpoints answer what the command line and the Python API answer, over real HTTP.

The catalogue's cases are the yardstick: each, on each of its dates, must get the
same result from POST /v1/evaluate as from `maslihat evaluate --json`, and the same
bytes as `maslihat.evaluate` in this process, one request at a time or a hundred at
once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

import maslihat
from maslihat.audit.casetests import case_test_files, load_case_test
from maslihat.audit.model import AuditReport
from maslihat.cli.main import main as cli
from maslihat.errors import CaseError, CaseTestError
from maslihat.service import create_app
from maslihat.source import load_document

CATALOGUE = Path(__file__).resolve().parents[1] / "catalogue"
JSON_LINES = {"Content-Type": "application/x-ndjson"}


@cache
def case_data(path: Path) -> dict[str, Any]:
    """The case of a case-test file as plain data, as its file writes it (do not change it)."""
    case = load_document(path, CaseTestError).data["case"]
    if isinstance(case, str):
        data: dict[str, Any] = load_document(path.parent / case, CaseError).data
        return data
    return dict(case)


@cache
def catalogue() -> tuple[tuple[Path, tuple[dt.date, ...]], ...]:
    """Each catalogue file with the as-of dates of its tests."""
    return tuple(
        (path, tuple(test.as_of for test in load_case_test(path).spec.tests))
        for path in case_test_files([CATALOGUE])
    )


def cli_json(*args: str) -> Any:
    """What `maslihat ARGS` prints, parsed as JSON."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def evaluated(data: dict[str, Any], as_of: dt.date, rules: maslihat.RuleSet) -> bytes:
    """The result the Python API gives for a case, as the service serialises it."""
    case = maslihat.Case.model_validate(data)
    return maslihat.evaluate(case, as_of=as_of, rules=rules).model_dump_json().encode()


def test_healthz_names_the_version_and_rules(http: httpx.Client, rules: maslihat.RuleSet) -> None:
    """GET /healthz says the service is up, its version and the rules' fingerprint."""
    response = http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": maslihat.__version__,
        "rules": rules.fingerprint,
    }


@pytest.mark.parametrize(("path", "dates"), catalogue(), ids=lambda v: getattr(v, "stem", ""))
def test_catalogue_results_over_http_equal_the_cli(
    path: Path,
    dates: tuple[dt.date, ...],
    http: httpx.Client,
    rules: maslihat.RuleSet,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """For every catalogue case and date, POST /v1/evaluate gives `maslihat evaluate --json`."""
    # The CLI would read the same bundled rules on every run; read them once instead.
    monkeypatch.setattr("maslihat.rules.loader.load_rules", lambda path=None, lang="en": rules)
    data = case_data(path)
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with ThreadPoolExecutor(max_workers=4) as pool:  # the server works while the CLI does
        asked = [
            pool.submit(http.post, "/v1/evaluate", params={"as_of": str(day)}, json=data)
            for day in dates
        ]
        expected = [
            cli_json("evaluate", str(case_file), "--as-of", str(day), "--json") for day in dates
        ]
    for day, answer, want in zip(dates, asked, expected, strict=True):
        response = answer.result()
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        assert response.json() == want, f"{path.name} as of {day}"


def test_evaluate_is_byte_for_byte_the_python_api(
    http: httpx.Client, rules: maslihat.RuleSet
) -> None:
    """The body of POST /v1/evaluate is `Result.model_dump_json()` of the API's result."""
    path, dates = catalogue()[0]
    data = case_data(path)
    response = http.post("/v1/evaluate", params={"as_of": dates[0].isoformat()}, json=data)
    assert response.content == evaluated(data, dates[0], rules)


def test_explain_adds_the_trace(http: httpx.Client) -> None:
    """?explain=true adds the trace that `--explain` gives; without it there is none."""
    path, dates = catalogue()[0]
    params = {"as_of": dates[0].isoformat()}
    plain = http.post("/v1/evaluate", params=params, json=case_data(path)).json()
    explained = http.post(
        "/v1/evaluate", params={**params, "explain": "true"}, json=case_data(path)
    ).json()
    assert "trace" not in plain
    assert explained["trace"] and all("citation" in entry for entry in explained["trace"])


def test_as_of_defaults_to_today(http: httpx.Client) -> None:
    """Without ?as_of the case is evaluated as of today, as on the command line."""
    path, _ = catalogue()[0]
    before = dt.date.today()
    answered = http.post("/v1/evaluate", json=case_data(path)).json()["as_of"]
    assert answered in (before.isoformat(), dt.date.today().isoformat())


def test_a_hundred_concurrent_requests_all_get_their_own_result(
    server: str, rules: maslihat.RuleSet
) -> None:
    """100 simultaneous POST /v1/evaluate of different cases all succeed, each correct."""
    work = [(case_data(path), day) for path, dates in catalogue() for day in dates][:100]
    assert len(work) == 100
    expected = [evaluated(data, day, rules) for data, day in work]

    async def send_all() -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=100)
        async with httpx.AsyncClient(base_url=server, timeout=30, limits=limits) as client:
            requests = [
                client.post("/v1/evaluate", params={"as_of": day.isoformat()}, json=data)
                for data, day in work
            ]
            return await asyncio.wait_for(asyncio.gather(*requests), timeout=60)

    responses = asyncio.run(send_all())
    assert [r.status_code for r in responses] == [200] * 100
    assert [r.content for r in responses] == expected


def test_batch_streams_one_line_per_case_in_order(
    http: httpx.Client, rules: maslihat.RuleSet
) -> None:
    """POST /v1/evaluate/batch answers each JSON line with its result, in order."""
    day = dt.date(2024, 1, 1)
    cases = [case_data(path) for path, _ in catalogue()]
    body = "\n".join(json.dumps(data) for data in cases) + "\n"
    response = http.post(
        "/v1/evaluate/batch", params={"as_of": day.isoformat()}, content=body, headers=JSON_LINES
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["line"] for line in lines] == list(range(1, len(cases) + 1))
    assert [line["result"] for line in lines] == [
        json.loads(evaluated(data, day, rules)) for data in cases
    ]


def test_batch_reports_a_bad_line_and_goes_on(http: httpx.Client) -> None:
    """A bad case in a batch gets an error on its line; blank lines are skipped, not lost."""
    good = json.dumps(case_data(catalogue()[0][0]))
    body = f"{good}\n\n{{not json\n{{}}\r\n{good}"
    response = http.post("/v1/evaluate/batch?as_of=2024-01-01", content=body, headers=JSON_LINES)
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [(line["line"], sorted(line)) for line in lines] == [
        (1, ["line", "result"]),
        (3, ["error", "line"]),
        (4, ["error", "line"]),
        (5, ["line", "result"]),
    ]
    assert lines[1]["error"]["status"] == 422
    assert lines[1]["error"]["errors"][0]["line"] == 1
    assert {e["field"] for e in lines[2]["error"]["errors"]} == {"maslihat", "deputy"}


def test_rules_in_force_are_those_the_cli_lists(http: httpx.Client) -> None:
    """GET /v1/rules?as_of= lists what `maslihat rules --json` lists for that date."""
    response = http.get("/v1/rules", params={"as_of": "2020-01-01"})
    assert response.status_code == 200
    body = response.json()
    assert body["as_of"] == "2020-01-01"
    assert body["fingerprint"] == response.headers["maslihat-rules-fingerprint"]
    assert body["rules"] == cli_json("rules", "--as-of", "2020-01-01", "--json")


def test_rule_history_is_what_the_cli_lists(http: httpx.Client) -> None:
    """GET /v1/rules/{id} lists every version, as `maslihat rules --history ID --json`."""
    body = http.get("/v1/rules/conviction").json()
    assert body["id"] == "conviction"
    assert body["versions"] == cli_json("rules", "--history", "conviction", "--json")
    assert len(body["versions"]) >= 2


def test_unknown_rule_is_404(http: httpx.Client) -> None:
    """GET /v1/rules/{id} for a rule that does not exist is a 404 problem."""
    response = http.get("/v1/rules/retirement")
    assert response.status_code == 404
    assert response.json()["detail"] == "no rule called 'retirement'"


def test_audit_without_case_tests_reports_the_rules_alone(http: httpx.Client) -> None:
    """GET /v1/audit on a server started without case tests: nothing is tested, lint is clean."""
    response = http.get("/v1/audit")
    assert response.status_code == 200
    report = AuditReport.model_validate_json(response.content)
    assert report.summary.tests == 0 and report.summary.tested == 0
    assert report.summary.lint_errors == 0 and report.summary.provisions > 0


def test_audit_with_case_tests_is_the_cli_report(
    call: Callable[..., httpx.Response], rules: maslihat.RuleSet
) -> None:
    """With case tests, GET /v1/audit answers what `maslihat audit --json` prints for them."""
    paths = [
        CATALOGUE / "eligibility-age-20-on-the-day.yaml",
        CATALOGUE / "ground-8-resignation.yaml",
    ]
    app = create_app(rules, case_tests=[load_case_test(p) for p in paths])
    served = AuditReport.model_validate_json(call(app, "GET", "/v1/audit").content)
    printed = CliRunner().invoke(cli, ["audit", *map(str, paths), "--json"]).stdout
    assert served == AuditReport.model_validate_json(printed)
    assert served.summary.tests == 7 and 0 < served.summary.tested < served.summary.encoded
