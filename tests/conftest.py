"""Shared fixtures: the bundled rules loaded once, and a builder for small cases.

Most unit tests need a valid case with one or two interesting events; `build`
supplies the rest (an Atyrau deputy registered on 2021-01-12) so each test shows
only what it is about.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import maslihat
from maslihat.model.result import TEXT_FIELDS
from maslihat.rules.loader import bundled_rules_dir

ATYRAU = {
    "name": "Atyrau Regional Mäslihat",
    "level": "region",
    "territory": "230000000",
    "seats": 31,
}
DEPUTY = {
    "name": "A. Deputy",
    "born": "1985-03-14",
    "citizenship": "KZ",
    "residence": "231010000",
}

Build = Callable[..., maslihat.Case]


@pytest.fixture(scope="session", autouse=True)
def _private_rules_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled rule sets go to a directory of this test session, not the user's cache
    (the commands the tests start inherit it)."""
    if "MASLIHAT_CACHE_DIR" not in os.environ:
        os.environ["MASLIHAT_CACHE_DIR"] = str(tmp_path_factory.mktemp("rules-cache"))


@pytest.fixture(scope="session")
def rules() -> maslihat.RuleSet:
    """The bundled rule set."""
    return maslihat.load_rules()


@pytest.fixture
def build() -> Build:
    """Make a case from events, registered on 2021-01-12 (or `registered=DATE`, or None)."""

    def make(
        *events: dict[str, Any], registered: str | None = "2021-01-12", **deputy: Any
    ) -> maslihat.Case:
        first = [{"date": registered, "type": "registered"}] if registered else []
        listed = [*first, *events]
        return maslihat.Case.model_validate(
            {"case": "t", "maslihat": ATYRAU, "deputy": {**DEPUTY, **deputy}, "events": listed}
        )

    return make


@pytest.fixture
def run(rules: maslihat.RuleSet) -> Callable[..., maslihat.Result]:
    """Evaluate a case with the bundled rules as of a date (default 2024-01-01)."""

    def evaluate(case: maslihat.Case, as_of: str = "2024-01-01", **kw: Any) -> maslihat.Result:
        return maslihat.evaluate(case, as_of=dt.date.fromisoformat(as_of), rules=rules, **kw)

    return evaluate


@pytest.fixture
def rules_copy(tmp_path: Path) -> Callable[..., Path]:
    """Make copies of the bundled rules with files added or replaced (name without .yaml)."""
    counter = itertools.count()

    def make(**files: str) -> Path:
        target = tmp_path / f"rules-{next(counter)}"
        shutil.copytree(bundled_rules_dir(), target)
        for name, text in files.items():
            (target / f"{name}.yaml").write_text(text, encoding="utf-8")
        return target

    return make


@pytest.fixture
def edited(rules_copy: Callable[..., Path]) -> Callable[[str, str, str], Path]:
    """Make a copy of the bundled rules with `old` replaced once by `new` in one file."""

    def make(name: str, old: str, new: str) -> Path:
        target = rules_copy()
        path = target / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}.yaml"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return target

    return make


def _language_neutral(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: "<text>" if k in TEXT_FIELDS and v else _language_neutral(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_language_neutral(v) for v in value]
    return value


@pytest.fixture(scope="session")
def language_neutral() -> Callable[[Any], Any]:
    """A result's JSON with its text fields blanked: what every language must share."""
    return _language_neutral
