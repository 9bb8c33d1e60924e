"""Bad input gets a 422 naming the fields at fault; nothing a client sends gets a 500.

The malformed case files of tests/bad-input/ are sent as JSON and must be refused
with the field the command line names; Hypothesis then sends whatever it likes, from
random bytes to plausible cases with odd events. Faults planted inside the app (a
defect in the rules, an unexpected exception) must give a 500 problem without a trace.
A client too slow to send its body gets a 408; one that leaves, a line in the log.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.exceptions import RequestValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import maslihat
from maslihat.errors import CaseError, EvaluationError
from maslihat.model import EVENT_MODELS
from maslihat.service import create_app
from maslihat.service.problems import PROBLEM_TYPES, ServiceError, problem_for
from maslihat.source import parse_document

Call = Callable[..., httpx.Response]  # the `call` fixture of conftest.py
BAD = Path(__file__).resolve().parents[1] / "bad-input"
PROBLEM = "application/problem+json"
CASE = {
    "maslihat": {"name": "M", "level": "region", "territory": "230000000", "seats": 31},
    "deputy": {"name": "D", "born": "1985-03-14", "citizenship": "KZ", "residence": "231010000"},
    "events": [{"date": "2021-01-12", "type": "registered"}],
}


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The response is a problem+json of `status`, with a field and message for each error."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["type"].startswith("https://")
    assert "Traceback" not in response.text
    for error in body["errors"]:
        assert isinstance(error["field"], str) and error["message"]
        assert error["in"] in ("body", "query", "path")
    return body


def bad_files() -> list[Path]:
    """The malformed case files of tests/bad-input."""
    return sorted(p for p in BAD.iterdir() if p.is_file() and p.name != "expected.yaml")


def cli_words(path: Path) -> list[tuple[str, str]]:
    """Each issue the Python API (and so the CLI) finds in `path`: its field and message."""
    try:
        maslihat.check_case(maslihat.load_case(path), maslihat.load_rules())
    except CaseError as error:
        return sorted((issue.field, issue.message) for issue in error.issues)
    raise AssertionError(f"{path} is not a bad case")


def as_json_body(path: Path) -> tuple[bytes, bool]:
    """The file as a JSON body, and whether it could be carried over with its meaning."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return text.encode(), True
    try:
        data = parse_document(text, path.name, CaseError).data
    except CaseError:  # not even YAML: send it as it is
        return text.encode(), False
    return json.dumps(data).encode(), True


@pytest.mark.parametrize("path", bad_files(), ids=lambda path: path.name)
def test_bad_case_files_are_422_in_the_cli_words(path: Path, http: httpx.Client) -> None:
    """Each malformed case file, sent as JSON, is a 422 with the CLI's fields and words."""
    body, faithful = as_json_body(path)
    response = http.post("/v1/evaluate?as_of=2024-01-01", content=body)
    problem = assert_problem(response, 422)
    if not faithful:
        assert problem["errors"][0]["field"] == ""
        return
    got = sorted((e["field"], e["message"]) for e in problem["errors"])
    assert got == cli_words(path)
    if path.suffix == ".json" and got[0][0] == "":  # JSON syntax: the same position
        issue = parse_error(path)
        assert (problem["errors"][0]["line"], problem["errors"][0]["column"]) == (
            issue.line,
            issue.column,
        )


def parse_error(path: Path) -> maslihat.Issue:
    """The first issue reading `path` finds."""
    with pytest.raises(CaseError) as caught:
        maslihat.load_case(path)
    return caught.value.issues[0]


def test_a_field_path_names_the_value_not_the_union_tag(http: httpx.Client) -> None:
    """An error inside an event names `events[1].in_force`, as the contract writes it."""
    event = {"date": "2022-01-01", "type": "court_decision", "ruling": "conviction"}
    case = {**CASE, "events": [*CASE["events"], {**event, "in_force": "2021-12-01"}]}
    problem = assert_problem(http.post("/v1/evaluate", json=case), 422)
    assert [(e["field"], e["in"]) for e in problem["errors"]] == [("events[1].in_force", "body")]
    assert "earlier than the decision" in problem["errors"][0]["message"]
    assert problem["detail"].startswith("events[1].in_force: ")


def test_unknown_ground_is_422(http: httpx.Client) -> None:
    """A ground the rules do not define is the client's mistake: 422, not 500."""
    submission = {"date": "2022-01-01", "type": "commission_submission", "ground": "retirement"}
    case = {**CASE, "events": [*CASE["events"], submission]}
    problem = assert_problem(http.post("/v1/evaluate", json=case), 422)
    assert problem["errors"][0]["field"] == "events[1].ground"
    assert "unknown ground 'retirement'" in problem["errors"][0]["message"]


@pytest.mark.parametrize(
    ("query", "field"),
    [("as_of=2022-02-30", "as_of"), ("as_of=20220201", "as_of"), ("explain=maybe", "explain")],
)
def test_bad_query_parameters_are_422(query: str, field: str, http: httpx.Client) -> None:
    """A bad query parameter is a 422 naming it, `in: query`."""
    problem = assert_problem(http.post(f"/v1/evaluate?{query}", json=CASE), 422)
    assert [(e["field"], e["in"]) for e in problem["errors"]] == [(field, "query")]


def test_unknown_route_and_method_are_problems(http: httpx.Client) -> None:
    """The routing layer's 404 and 405 are problem+json like every other error."""
    assert_problem(http.get("/v2/evaluate"), 404)
    assert_problem(http.get("/v1/evaluate"), 405)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children),
    max_leaves=12,
)
GROUNDS = [  # the contract's stable ids
    "incompatible_position",
    "incapacity",
    "maslihat_terminated",
    "death",
    "citizenship_terminated",
    "conviction",
    "residence_outside_unit",
    "resignation",
    "systematic_failure",
]


def enum_words(schema: Any) -> set[str]:
    """Every string an `enum` or `const` of the case schema allows: plausible values."""
    if isinstance(schema, dict):
        found = {v for v in [*schema.get("enum", []), schema.get("const")] if isinstance(v, str)}
        return found.union(*map(enum_words, schema.values()))
    if isinstance(schema, list):
        return set().union(*map(enum_words, schema))
    return set()


WORDS = sorted(enum_words(maslihat.Case.model_json_schema()) | set(GROUNDS))
DATES = st.dates(dt.date(1990, 1, 1), dt.date(2035, 1, 1)).map(lambda day: day.isoformat())
VALUES = st.one_of(DATES, st.sampled_from(WORDS), st.integers(-2, 40), st.booleans(), JSON_VALUES)
EVENTS = st.one_of(
    [
        st.fixed_dictionaries(
            {"date": DATES, "type": st.just(kind)},
            optional={key: VALUES for key in model.model_fields if key not in ("date", "type")},
        )
        for kind, model in sorted(EVENT_MODELS.items())
    ]
)
CASES = st.builds(
    lambda events, extra: {**CASE, "events": [*CASE["events"], *events], **extra},
    st.lists(EVENTS, max_size=6),
    st.dictionaries(st.sampled_from(["case", "deputy", "maslihat", "x"]), JSON_VALUES, max_size=1),
)
BODIES = st.one_of(
    st.binary(max_size=200),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    CASES.map(lambda case: json.dumps(case).encode()),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=BODIES)
def test_no_body_gets_a_500(body: bytes, http: httpx.Client) -> None:
    """Whatever the body (bytes, any JSON, plausible cases), the answer is 200 or a 422."""
    response = http.post("/v1/evaluate?as_of=2030-01-01", content=body)
    if response.status_code != 200:
        problem = assert_problem(response, 422)
        assert problem["errors"], problem


def test_an_evaluation_defect_is_a_500_problem_without_a_trace(
    call: Call, rules: maslihat.RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An EvaluationError (a defect in the rules) is a 500 problem naming it, no traceback."""

    def defect(*args: Any, **kwargs: Any) -> None:
        raise EvaluationError("checks.born_by_cutoff@2021-01-01: cannot compare 1985-03-14 ≤ 2001")

    monkeypatch.setattr("maslihat.service.routes.evaluate", defect)
    response = call(create_app(rules), "POST", "/v1/evaluate", json=CASE)
    problem = assert_problem(response, 500)
    assert problem["type"].endswith("/evaluation-defect")
    assert problem["detail"].startswith("checks.born_by_cutoff@2021-01-01: cannot compare")


def test_an_unexpected_error_is_a_bare_500(
    call: Call, rules: maslihat.RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception nobody expected is a 500 problem that reveals nothing of it."""

    def crash(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("maslihat.service.routes.evaluate", crash)
    app = create_app(rules)
    response = call(app, "POST", "/v1/evaluate", json=CASE)
    problem = assert_problem(response, 500)
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert response.headers["maslihat-rules-fingerprint"] == rules.fingerprint
    batch = call(app, "POST", "/v1/evaluate/batch", content=f"{json.dumps(CASE)}\n" * 2)
    assert [json.loads(line)["error"]["status"] for line in batch.text.splitlines()] == [500, 500]
    assert problem["type"].endswith("/internal-error")


def test_problem_for_maps_each_kind_of_error() -> None:
    """Each exception the service meets maps to its status; anything else to 500."""
    issue = maslihat.Issue(message="unknown key", field="deputy.x")
    validation = RequestValidationError([{"loc": ("query", "as_of"), "msg": "bad", "type": "x"}])
    cases = {
        CaseError([issue]): 422,
        validation: 422,
        ServiceError(413, "body-too-large", "Too large", "too large"): 413,
        EvaluationError("defect"): 500,
        KeyError("x"): 500,
    }
    assert {type(e).__name__: problem_for(e).details.status for e in cases} == {
        type(e).__name__: status for e, status in cases.items()
    }


async def stalling(*chunks: bytes) -> AsyncIterator[bytes]:
    """A request body that sends `chunks`, then nothing more for a minute."""
    for chunk in chunks:
        yield chunk
    await asyncio.sleep(60)


def test_a_body_that_does_not_arrive_in_time_is_a_408_problem(
    call: Call, rules: maslihat.RuleSet
) -> None:
    """A body not received within the body timeout is answered 408 `body-timeout`."""
    app = create_app(rules, body_timeout=0.2)
    response = call(app, "POST", "/v1/evaluate", content=stalling(b'{"case": '))
    problem = assert_problem(response, 408)
    assert problem["type"].endswith("/body-timeout")
    assert problem["detail"] == "the body did not arrive within 0.2 s"


def test_a_batch_line_that_does_not_arrive_in_time_ends_the_stream_with_a_408_line(
    call: Call, rules: maslihat.RuleSet
) -> None:
    """In a batch, the lines received are answered, then the late one gets a 408 error."""
    app = create_app(rules, body_timeout=0.2)
    body = stalling(json.dumps(CASE).encode() + b"\n", b'{"case": ')
    response = call(app, "POST", "/v1/evaluate/batch?as_of=2022-01-01", content=body)
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["line"] for line in lines] == [1, 2]
    assert lines[0]["result"]["status"] == "active"
    assert lines[1]["error"]["status"] == 408
    assert lines[1]["error"]["detail"] == "line 2 did not arrive within 0.2 s"


def test_a_client_gone_mid_body_is_one_info_record_and_no_answer(
    rules: maslihat.RuleSet, caplog: pytest.LogCaptureFixture
) -> None:
    """A disconnect while the body is read is logged once, at info, and nothing is sent."""
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/v1/evaluate",
        "raw_path": b"/v1/evaluate",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json")],
        "client": ("127.0.0.1", 5555),
        "server": ("127.0.0.1", 8000),
        "scheme": "http",
        "http_version": "1.1",
        "root_path": "",
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    with caplog.at_level(logging.INFO, logger="maslihat.service"):
        asyncio.run(create_app(rules)(scope, receive, send))
    assert sent == []
    assert [(r.levelname, r.getMessage(), r.exc_info) for r in caplog.records] == [
        (
            "INFO",
            "127.0.0.1:5555 - POST /v1/evaluate: the client disconnected before its request"
            " body was complete",
            None,
        )
    ]


def test_a_problem_is_answered_in_the_language_asked_for(http: httpx.Client) -> None:
    """`?lang=` or Accept-Language: title, detail and messages in it, `Content-Language`
    naming it; type, status, fields and keys as in English."""
    case = {**CASE, "events": [{"date": "2021-02-30", "type": "registered"}]}
    english = http.post("/v1/evaluate", json=case)
    russian = http.post("/v1/evaluate", json=case, headers={"Accept-Language": "ru-RU"})
    kazakh = http.post("/v1/evaluate?lang=kk", json=case, headers={"Accept-Language": "ru"})
    assert english.headers["content-language"] == "en"
    assert (russian.headers["content-language"], kazakh.headers["content-language"]) == ("ru", "kk")
    bodies = [assert_problem(reply, 422) for reply in (english, russian, kazakh)]
    assert {body["type"] for body in bodies} == {PROBLEM_TYPES + "invalid-case"}
    assert len({tuple((e["field"], e["in"]) for e in body["errors"]) for body in bodies}) == 1
    assert bodies[1]["title"] == "Дело не прошло проверку"
    assert bodies[2]["errors"][0]["message"] == (
        "2021-02-30 күнтізбелік күн емес: 2021 жылғы ақпан айында 28 күн бар"  # noqa: RUF001
    )
    assert bodies[2]["detail"] == "events[0].date: " + bodies[2]["errors"][0]["message"]


def test_a_query_mistake_and_a_wrong_media_type_in_russian(http: httpx.Client) -> None:
    """A bad `as_of` (422, in query) and a body of another type (415), in Russian."""
    headers = {"Accept-Language": "ru"}
    bad_day = assert_problem(
        http.post("/v1/evaluate?as_of=2022-13-01", json=CASE, headers=headers), 422
    )
    assert (
        bad_day["errors"][0]["message"] == "2022-13-01 — не календарная дата: месяца 13 не бывает"
    )
    media = {**headers, "Content-Type": "text/csv"}
    refused = assert_problem(http.post("/v1/evaluate", content=b"x", headers=media), 415)
    assert refused["detail"] == "отправьте application/json или application/yaml"


def test_batch_error_lines_are_in_the_language_of_the_request(http: httpx.Client) -> None:
    """A bad line of a batch is a problem in the batch's language."""
    lines = b'{"case": 1}\n'
    reply = http.post(
        "/v1/evaluate/batch?lang=kk",
        content=lines,
        headers={"Content-Type": "application/x-ndjson"},
    )
    error = json.loads(reply.text.splitlines()[0])["error"]
    assert error["title"] == "Іс тексеруден өтпеді"  # noqa: RUF001
    assert error["type"] == PROBLEM_TYPES + "invalid-case"
