"""The published JSON Schemas are current, valid, and accept the files they describe.

docs/schemas/ holds one file per entry of `maslihat.schemas.MODELS`; editors validate
case and rule files with them, so each must match the models and must accept every
case and rule file this repository holds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import maslihat
from maslihat.errors import CaseError, RulesError
from maslihat.rules.loader import rule_files
from maslihat.schemas import MODELS, schema_text
from maslihat.source import load_document

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "docs" / "schemas"


def published(name: str) -> dict[str, Any]:
    """The committed schema called `name`."""
    data: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return data


def validator(name: str) -> Draft202012Validator:
    """A validator for the committed schema, checking formats such as dates."""
    return Draft202012Validator(published(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_published_schema_is_current(name: str) -> None:
    """docs/schemas/NAME.schema.json is what the models generate now."""
    path = SCHEMAS / f"{name}.schema.json"
    assert path.exists() and path.read_text("utf-8") == schema_text(name), (
        f"stale: run .venv/bin/maslihat schema {name} > docs/schemas/{name}.schema.json"
    )


def test_every_published_schema_has_a_model() -> None:
    """No schema file is left behind by a model that was removed."""
    assert {p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.json")} == set(MODELS)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_published_schema_is_valid_json_schema(name: str) -> None:
    """Each schema is a valid JSON Schema (draft 2020-12) with its own $id."""
    Draft202012Validator.check_schema(published(name))
    assert published(name)["$id"].endswith(f"/{name}.schema.json")


@pytest.mark.parametrize("path", rule_files(maslihat.bundled_rules_dir()), ids=lambda p: p.name)
def test_rule_files_satisfy_the_rules_schema(path: Path) -> None:
    """Every bundled rule file is valid against rules.schema.json, as an editor would check."""
    data = load_document(path, RulesError).data or {}
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator("rules").iter_errors(data)]
    assert not errors


def test_case_files_satisfy_the_case_schema() -> None:
    """Every example case file is valid against case.schema.json."""
    check = validator("case")
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        errors = [e.message for e in check.iter_errors(load_document(path, CaseError).data)]
        assert not errors, path.name
