"""A case report is one self-contained page: nothing fetched, every part present."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import maslihat
from maslihat.engine.evaluate import evaluate_with_timeline
from maslihat.report import case_report_html
from maslihat.report.case import explanation_tree

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "22-atyrau-revision-commission.yaml"


def report(explain: bool = True) -> str:
    case = maslihat.load_case(EXAMPLE)
    result, entries = evaluate_with_timeline(case, as_of=dt.date(2023, 1, 1), explain=explain)
    return case_report_html(case, result, entries)


def test_the_page_fetches_nothing() -> None:
    """No script, no style sheet or image from elsewhere: links to the law only."""
    page = report()
    assert "<script" not in page
    assert not re.search(r"<link|<img|@import|url\(\s*['\"]?https?:", page)
    sources = re.findall(r'\b(?:src|href)="([^"]+)"', page)
    assert all(s.startswith(("https://zan.gov.kz/", "#")) for s in sources)


def test_the_page_holds_result_pictures_and_explanation() -> None:
    """The status in words, both SVGs, and the trace folded into <details>."""
    page = report()
    assert "terminated" in page and "Appointment to a revision commission" in page
    assert page.count("<svg") == 2
    assert 'class="entry' in page and "<details" in page
    assert "session_decision.vote.quorum" in page and "no_quorum" in page


def test_without_a_trace_the_page_says_so() -> None:
    """A result evaluated without an explanation still makes a page, and says why it has none."""
    assert "evaluated without one" in report(explain=False)


def test_an_explanation_is_folded_by_its_indentation() -> None:
    """Lines indented under a line are its children."""
    tree = explanation_tree(["✗ all", "  ✓ a", "  ✗ any", "    ✗ b", "  ✓ c"])
    assert [n.text for n in tree] == ["✗ all"]
    assert [n.text for n in tree[0].children] == ["✓ a", "✗ any", "✓ c"]
    assert [n.text for n in tree[0].children[1].children] == ["✗ b"]
