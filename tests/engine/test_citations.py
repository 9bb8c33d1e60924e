"""Every citation a result gives carries the official text of the edition it was read from.

A user must be able to open the law behind any answer in one click, so a citation
without its URL (a finding whose definition names no edition, a trace entry that lost
its version's source) is a defect, checked over every example and every catalogue case at
each of its test dates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import maslihat
from maslihat.audit.casetests import load_case_test

ROOT = Path(__file__).resolve().parents[2]
ZAN = "https://zan.gov.kz/"


def _examples() -> list[tuple[str, maslihat.Case, dt.date]]:
    return [
        (p.name, maslihat.load_case(p), dt.date(2026, 11, 30))
        for p in sorted((ROOT / "examples").glob("*.yaml"))
    ]


def _catalogue() -> list[tuple[str, maslihat.Case, dt.date]]:
    loaded = [load_case_test(p) for p in sorted((ROOT / "tests" / "catalogue").glob("*.yaml"))]
    return [(f"{f.path.stem}@{t.as_of}", f.case, t.as_of) for f in loaded for t in f.spec.tests]


def test_every_catalogue_citation_has_its_edition_url(rules: maslihat.RuleSet) -> None:
    """The same holds for every catalogue case at every one of its test dates."""
    for name, case, as_of in _catalogue():
        result = maslihat.evaluate(case, as_of=as_of, rules=rules, explain=True)
        assert not _without_url(result.model_dump(mode="json")), name


@pytest.mark.parametrize(("name", "case", "as_of"), _examples(), ids=lambda v: str(v)[:40])
def test_every_citation_has_its_edition_url(
    name: str, case: maslihat.Case, as_of: dt.date, rules: maslihat.RuleSet
) -> None:
    """Grounds, stage citations, findings and trace entries each carry a zan.gov.kz URL."""
    result = maslihat.evaluate(case, as_of=as_of, rules=rules, explain=True)
    data = result.model_dump(mode="json")
    assert _citations(data), f"{name} cites nothing"
    assert not _without_url(data), f"{name}: citations without the URL of their edition"


def _without_url(data: dict[str, Any]) -> list[str]:
    return [text for text, url in _citations(data) if not (url or "").startswith(ZAN)]


def _citations(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [
        *((g["citation"], g["citation_url"]) for g in data["grounds"]),
        *((g["stage_citation"], g["stage_citation_url"]) for g in data["grounds"]),
        *((f["citation"], f["citation_url"]) for f in data["findings"] if f["citation"]),
        *((t["citation"], t["citation_url"]) for t in data["trace"] if t["citation"]),
    ]
