"""Every citation a result gives carries the official text of the edition it was read from.

A user must be able to open the law behind any answer in one click, so a citation
without its URL (a finding whose definition names no edition, a trace entry that lost
its version's source) is a defect, checked over every bundled example.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import maslihat

ROOT = Path(__file__).resolve().parents[2]


def _case_files() -> list[Path]:
    return sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", _case_files(), ids=lambda p: p.name)
def test_every_citation_has_its_edition_url(path: Path, rules: maslihat.RuleSet) -> None:
    """Grounds, stage citations, findings and trace entries each carry a zan.gov.kz URL."""
    case = maslihat.load_case(path)
    result = maslihat.evaluate(case, as_of=dt.date(2026, 11, 30), rules=rules, explain=True)
    data = result.model_dump(mode="json")
    cited = [
        *((g["citation"], g["citation_url"]) for g in data["grounds"]),
        *((g["stage_citation"], g["stage_citation_url"]) for g in data["grounds"]),
        *((f["citation"], f["citation_url"]) for f in data["findings"] if f["citation"]),
        *((t["citation"], t["citation_url"]) for t in data["trace"] if t["citation"]),
    ]
    assert cited, "the example cites nothing"
    missing = [text for text, url in cited if not (url or "").startswith("https://zan.gov.kz/")]
    assert not missing, f"citations without the URL of their edition: {missing}"
