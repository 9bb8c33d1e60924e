"""The command line and the service accept the same bytes, and refuse the rest alike.

Each body is sent to `/v1/evaluate` and written to a `.json` file for `maslihat
evaluate`: both must accept it (with the same result) or both refuse it, with the
same message. Both go through one reader (`maslihat.source`), so this pins that
nothing on either side (a decoder, a JSON parser's auto-detection) reads differently.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from fastapi import FastAPI

import maslihat
from maslihat.cli.main import main
from maslihat.service import create_app

Call = Callable[..., httpx.Response]  # the `call` fixture of conftest.py
AS_OF = "2024-01-01"
CASE: dict[str, Any] = {
    "case": "same-bytes 😀",
    "maslihat": {"name": "M", "level": "region", "territory": "230000000", "seats": 31},
    "deputy": {"name": "D", "born": "1985-03-14", "citizenship": "KZ", "residence": "231010000"},
    "events": [{"date": "2021-01-12", "type": "registered"}],
}
TEXT = json.dumps(CASE)  # ASCII, with 😀 as the surrogate pair "\ud83d\ude00"


def replaced(old: str, new: str) -> bytes:
    """The case's JSON with `old` replaced by `new`, as UTF-8."""
    return TEXT.replace(old, new).encode()


BODIES: dict[str, tuple[bytes, bool]] = {
    "surrogate-pair": (TEXT.encode(), True),
    "raw-utf8": (json.dumps(CASE, ensure_ascii=False).encode(), True),
    "utf8-bom": (codecs.BOM_UTF8 + TEXT.encode(), True),
    "utf16-bom": (TEXT.encode("utf-16"), False),
    "utf16-no-bom": (TEXT.encode("utf-16-le"), False),
    "utf32": (TEXT.encode("utf-32"), False),
    "bad-utf8": (TEXT.encode().replace(b"same-bytes", b"same\xffbytes"), False),
    "raw-del": (replaced("same-bytes", "same\x7fbytes"), False),
    "escaped-control": (replaced("same-bytes", "same\\u0001bytes"), False),
    "65-levels": (
        replaced('"case": "same', '"x": ' + "[" * 64 + "]" * 64 + ', "case": "same'),
        False,
    ),
    "21-digits": (replaced('"seats": 31', '"seats": ' + "1" * 21), False),
    "nan": (replaced('"seats": 31', '"seats": NaN'), False),
    "duplicate-key": (replaced('"seats": 31', '"seats": 31, "seats": 32'), False),
    "seats-true": (replaced('"seats": 31', '"seats": true'), False),
    "kato-number": (replaced('"230000000"', "230000000"), False),
    "trailing-comma": (replaced('"registered"}', '"registered"},'), False),
}


@pytest.fixture(scope="module")
def app(rules: maslihat.RuleSet) -> FastAPI:
    """The service, in this process, with the bundled rules."""
    return create_app(rules)


@pytest.mark.parametrize("name", sorted(BODIES))
def test_cli_and_http_agree_on_every_body(
    name: str, app: FastAPI, call: Call, tmp_path: Path
) -> None:
    """A body the service accepts, the CLI accepts with the same result; and vice versa."""
    body, good = BODIES[name]
    path = tmp_path / "case.json"
    path.write_bytes(body)
    cli = CliRunner().invoke(main, ["evaluate", str(path), "--as-of", AS_OF, "--json"])
    response = call(app, "POST", f"/v1/evaluate?as_of={AS_OF}", content=body)
    assert (cli.exit_code == 0, response.status_code == 200) == (good, good), (
        cli.output,
        response.text,
    )
    if good:
        assert json.loads(cli.stdout) == response.json()
    else:
        assert cli.exit_code == 2 and response.status_code == 422
        assert response.json()["errors"][0]["message"] in cli.stderr
