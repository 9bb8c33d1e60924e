"""JSON Schemas generated from the models, so editors and other tools can validate.

The committed copies under docs/schemas/ are what we publish; a test fails when they
differ from what the models generate, so they cannot drift from the code. `MODELS`
is the one registry: `maslihat schema NAME`, the published files and their tests all
read it, so a new schema is one entry here.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from maslihat.audit.casetests import CaseTestFile
from maslihat.model import Case, Result
from maslihat.rules.documents import RuleFile
from maslihat.whatif.amendment import AmendmentDoc

SCHEMA_BASE = "https://maslihat.invalid/schemas/"
MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "case": (Case, "validation"),
    "result": (Result, "serialization"),
    "rules": (RuleFile, "validation"),
    "case-test": (CaseTestFile, "validation"),
    "amendment": (AmendmentDoc, "validation"),
}
"""Schema name to the model it describes and the mode (input or output) it is for."""


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called `name` (see `MODELS`)."""
    model, mode = MODELS[name]
    generated = model.model_json_schema(mode=mode)  # type: ignore[arg-type]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{name}.schema.json",
        **generated,
    }


def schema_text(name: str) -> str:
    """The schema as the committed file holds it."""
    return json.dumps(schema(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
