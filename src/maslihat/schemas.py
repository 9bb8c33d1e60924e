"""JSON Schemas generated from the models, so editors and other tools can validate.

The committed copies under docs/schemas/ are what we publish; a test fails when they
differ from what the models generate, so they cannot drift from the code. `MODELS`
is the one registry: `maslihat schema NAME`, the published files and their tests all
read it, so a new schema is one entry here. Models are named, not imported, so that
listing the schemas (`maslihat schema --help`) builds none of them.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

SCHEMA_BASE = "https://maslihat.invalid/schemas/"
MODELS: dict[str, tuple[str, str]] = {
    "case": ("maslihat.model:Case", "validation"),
    "result": ("maslihat.model:Result", "serialization"),
    "rules": ("maslihat.rules.documents:RuleFile", "validation"),
    "case-test": ("maslihat.audit.casetests:CaseTestFile", "validation"),
    "amendment": ("maslihat.whatif.amendment:AmendmentDoc", "validation"),
}
"""Schema name to the model it describes (module:class) and the mode (input or output)."""


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called `name` (see `MODELS`)."""
    where, mode = MODELS[name]
    module, _, attribute = where.partition(":")
    model = getattr(importlib.import_module(module), attribute)
    generated = model.model_json_schema(mode=mode)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{name}.schema.json",
        **generated,
    }


def schema_text(name: str) -> str:
    """The schema as the committed file holds it."""
    return json.dumps(schema(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
