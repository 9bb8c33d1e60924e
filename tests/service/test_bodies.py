"""Request bodies are bounded, declared as JSON or YAML, and read as strictly as case files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import yaml

from maslihat.errors import CaseError
from maslihat.service.bodies import MAX_BODY, case_from_json

PROBLEM = "application/problem+json"


def chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    """`total` bytes of spaces in pieces, so httpx sends them chunked, without a length."""
    while total > 0:
        yield b" " * min(size, total)
        total -= size


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The problem body of a response that must have `status`."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    return body


def test_a_body_declared_too_large_is_413(http: httpx.Client) -> None:
    """A Content-Length over the limit is refused with 413 before the body is read."""
    body = b" " * (MAX_BODY + 1)
    found = problem(http.post("/v1/evaluate", content=body), 413)
    assert found["detail"] == f"the body exceeds {MAX_BODY} bytes"


def test_a_chunked_body_growing_too_large_is_413(http: httpx.Client) -> None:
    """A body without a length is refused with 413 once it passes the limit."""
    response = http.post("/v1/evaluate", content=chunks(MAX_BODY + 1))
    problem(response, 413)


def test_a_body_at_the_limit_is_read(http: httpx.Client) -> None:
    """A body of exactly the limit is read (and here found to be no case)."""
    body = b"{}" + b" " * (MAX_BODY - 2)
    errors = problem(http.post("/v1/evaluate", content=body), 422)["errors"]
    assert {e["field"] for e in errors} >= {"maslihat", "deputy"}


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        ("text/plain", 415),
        ("application/x-www-form-urlencoded", 415),
        (None, 422),
        ("application/json; charset=utf-8", 422),
        ("Application/JSON", 422),
    ],
)
def test_content_type_must_be_json_when_given(
    content_type: str | None, status: int, http: httpx.Client
) -> None:
    """A body declared as anything but JSON is 415; undeclared or JSON, it is read."""
    headers = {"Content-Type": content_type} if content_type else {}
    assert http.post("/v1/evaluate", content=b"{}", headers=headers).status_code == status


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"case": "a", "case": "b"}', "duplicate key 'case'"),
        (b'{"case": NaN}', "NaN is not a JSON value"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"case": "\xff"}', "can't decode"),
        (b'{"seats": ' + b"9" * 5000 + b"}", "digits"),
        (b"", "a value was expected"),
        (b"{\n  'case': 1}", "a key in double quotes was expected"),
    ],
    ids=["duplicate", "nan", "deep", "utf8", "digits", "empty", "quotes"],
)
def test_what_is_not_strict_json_is_422(body: bytes, message: str, http: httpx.Client) -> None:
    """Duplicate keys, NaN, bad UTF-8, absurd nesting: each a 422 on the body as a whole."""
    errors = problem(http.post("/v1/evaluate", content=body), 422)["errors"]
    assert len(errors) == 1 and errors[0]["field"] == ""
    assert errors[0]["message"].startswith("not valid JSON: ") and message in errors[0]["message"]


def test_a_json_syntax_error_has_a_line_and_column() -> None:
    """A JSON syntax error says where it is, as the CLI does for a .json file."""
    with pytest.raises(CaseError) as caught:
        case_from_json(b'{\n  "case": "x",\n  "deputy": }')
    issue = caught.value.issues[0]
    assert (issue.line, issue.column, issue.field) == (3, 13, "")


def test_a_yaml_body_is_read_as_a_case_file_with_lines(http: httpx.Client) -> None:
    """A body declared application/yaml is read as a case file: each error has its line."""
    body = "case: y\nmaslihat: 3\ndeputy:\n  born: 1985-03-14\nevents: []\n"
    response = http.post("/v1/evaluate", content=body, headers={"Content-Type": "application/yaml"})
    errors = problem(response, 422)["errors"]
    assert {(e["field"], e["line"]) for e in errors} >= {("maslihat", 2), ("deputy.name", 3)}


def test_a_yaml_body_evaluates_as_its_json_does(http: httpx.Client) -> None:
    """The same case as YAML and as JSON gives the same result."""
    case = {
        "maslihat": {"name": "M", "level": "region", "territory": "230000000", "seats": 31},
        "deputy": {
            "name": "D",
            "born": "1985-03-14",
            "citizenship": "KZ",
            "residence": "231010000",
        },
        "events": [{"date": "2021-01-12", "type": "registered"}],
    }
    url = "/v1/evaluate?as_of=2022-01-01"
    as_json = http.post(url, json=case)
    as_yaml = http.post(
        url, content=yaml.safe_dump(case), headers={"Content-Type": "application/yaml"}
    )
    assert as_yaml.status_code == as_json.status_code == 200
    assert as_yaml.json() == as_json.json()


def test_a_batch_line_too_long_ends_the_batch(http: httpx.Client) -> None:
    """A batch line over the limit gets a 413 error on its line, and the batch stops there."""
    body = b'{"a": 1}\n' + b" " * (MAX_BODY + 1) + b'\n{"a": 2}\n'
    response = http.post("/v1/evaluate/batch", content=body)
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [(line["line"], line["error"]["status"]) for line in lines] == [(1, 422), (2, 413)]


def test_a_batch_must_be_json_lines(http: httpx.Client) -> None:
    """A batch declared as something other than JSON lines is refused before it starts."""
    response = http.post("/v1/evaluate/batch", content=b"{}", headers={"Content-Type": "text/csv"})
    assert problem(response, 415)["detail"] == "send application/jsonl or application/x-ndjson"
