"""The app as a whole: its OpenAPI document is valid and true, and every answer is marked.

The OpenAPI document is what clients in other languages generate code from, so it is
checked as OpenAPI 3.1, its schemas as JSON Schema 2020-12, and real responses
against the schemas it gives for them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.openapi.models import OpenAPI
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

import maslihat
import maslihat.service
from maslihat.service import create_app

CASE = {
    "maslihat": {"name": "M", "level": "region", "territory": "230000000", "seats": 31},
    "deputy": {"name": "D", "born": "1985-03-14", "citizenship": "KZ", "residence": "231010000"},
    "events": [
        {"date": "2021-01-12", "type": "registered"},
        {"date": "2022-02-01", "type": "resignation_filed"},
    ],
}
PATHS = {
    "/healthz",
    "/v1/audit",
    "/v1/diff",
    "/v1/evaluate",
    "/v1/evaluate/batch",
    "/v1/examples",
    "/v1/examples/{name}",
    "/v1/report",
    "/v1/timeline",
    "/v1/rules",
    "/v1/rules/{rule_id}",
}


@pytest.fixture(scope="module")
def document(http: httpx.Client) -> dict[str, Any]:
    """The OpenAPI document the server publishes."""
    response = http.get("/openapi.json")
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


def refs(value: Any) -> Iterator[str]:
    """Every `$ref` in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref":
                yield item
            else:
                yield from refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from refs(item)


def conforms(document: dict[str, Any], name: str, instance: Any) -> None:
    """Assert `instance` is valid against the document's component schema `name`."""
    schema = {**document, "$ref": f"#/components/schemas/{name}"}
    Draft202012Validator(schema).validate(instance)


def test_openapi_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    """/openapi.json is an OpenAPI 3.1 document with every endpoint, every $ref resolved."""
    validate(document)  # the OpenAPI Initiative's schema, via openapi-spec-validator
    OpenAPI.model_validate(document)
    assert document["openapi"].startswith("3.1.")
    assert set(document["paths"]) == PATHS
    schemas = document["components"]["schemas"]
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    names = {ref.removeprefix("#/components/schemas/") for ref in refs(document)}
    assert names <= set(schemas)


def test_openapi_documents_bodies_and_problems(document: dict[str, Any]) -> None:
    """The case body, the JSON-lines batch and the problem+json errors are all described."""
    evaluate = document["paths"]["/v1/evaluate"]["post"]
    assert evaluate["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Case"
    }
    assert set(evaluate["responses"]) == {"200", "408", "413", "415", "422", "500"}
    assert "application/problem+json" in evaluate["responses"]["422"]["content"]
    batch = document["paths"]["/v1/evaluate/batch"]["post"]
    assert "application/x-ndjson" in batch["requestBody"]["content"]
    assert batch["responses"]["200"]["content"]["application/x-ndjson"]["schema"] == {
        "$ref": "#/components/schemas/BatchLine"
    }
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_responses_conform_to_the_published_schemas(
    document: dict[str, Any], http: httpx.Client
) -> None:
    """Real answers of each endpoint are valid against the schemas the document gives."""
    conforms(document, "Case", CASE)
    conforms(document, "Result", http.post("/v1/evaluate?as_of=2024-01-01", json=CASE).json())
    conforms(document, "ProblemDetails", http.post("/v1/evaluate", json={}).json())
    conforms(document, "Health", http.get("/healthz").json())
    conforms(document, "RulesInForce", http.get("/v1/rules?as_of=2024-01-01").json())
    conforms(document, "RuleHistory", http.get("/v1/rules/resignation").json())
    batch = http.post("/v1/evaluate/batch", content=f"{json.dumps(CASE)}\n{{}}\n")
    for line in batch.text.splitlines():
        conforms(document, "BatchLine", json.loads(line))


def test_docs_page_is_served(http: httpx.Client) -> None:
    """GET /docs serves the interactive API page."""
    response = http.get("/docs")
    assert response.status_code == 200 and "swagger" in response.text.lower()


def test_every_answer_carries_the_rules_fingerprint(
    http: httpx.Client, rules: maslihat.RuleSet
) -> None:
    """Successes and errors alike say, in a header, which rules answered them."""
    answers = [
        http.get("/healthz"),
        http.post("/v1/evaluate", json=CASE),
        http.post("/v1/evaluate", json={}),
        http.get("/nowhere"),
        http.post("/v1/evaluate/batch", content=b"{}\n"),
    ]
    assert {r.headers["maslihat-rules-fingerprint"] for r in answers} == {rules.fingerprint}


def test_create_app_defaults_to_the_bundled_rules(rules: maslihat.RuleSet) -> None:
    """`create_app()` without arguments (as `uvicorn --factory` calls it) uses the bundled rules."""
    app = create_app()
    assert app.state.service.rules.fingerprint == rules.fingerprint
    assert app.state.service.max_body == 1024 * 1024


def test_the_service_exports_only_its_factory() -> None:
    """`maslihat.service` has one public name, `create_app` (docs/embedding.md)."""
    assert maslihat.service.__all__ == ["create_app"]
