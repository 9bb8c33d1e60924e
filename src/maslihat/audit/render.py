"""The audit report for people: a terminal summary, and Markdown or HTML files.

The HTML is drawn by the shared templates (`audit.html`, `audit_file.html`), like
every page of the program; the text and Markdown are built here.
"""

from __future__ import annotations

from itertools import groupby

from maslihat.audit.annotated import file_listings
from maslihat.audit.editions import wording_changes
from maslihat.audit.model import AuditReport, CellStatus, EditionCell, EditionRow
from maslihat.audit.report import shortfalls
from maslihat.report.templating import render as render_page
from maslihat.rules.ruleset import RuleSet

SYMBOLS: dict[CellStatus, str] = {
    "encoded": "✓",
    "out_of_scope": "○",
    "missing": "✗",
    "not_in_edition": "!",
    "not_read": "?",
    "absent": "–",
}
"""The mark of each status in the editions × provisions tables."""

LEGEND = (
    "✓ held and encoded by a rule version in force on the day; "
    "○ held, out of scope (with a reason); "
    "✗ held, but no rule version in force encodes it (gap); "
    "! in force by the rules, but not in the edition (gap); "
    "? its article was not read in this edition; "
    "– not in force and not held; "
    "+ another wording than in the edition before, so each rule encoding it has a new version; "
    "* the edition shows the wording (or its end) ahead of its day, which is the day looked at."
)


def _summary_rows(report: AuditReport) -> list[tuple[str, str]]:
    s = report.summary
    rows = [
        (
            "provisions",
            f"{s.tested} of {s.encoded} encoded provisions tested ({s.out_of_scope} out of scope)",
        ),
        ("rules", f"{s.rules_tested} of {s.rule_versions} rule versions exercised by a case test"),
        (
            "conditions",
            f"{s.covered} of {s.conditions} seen true and false ({s.condition_coverage}%)",
        ),
        ("MC/DC", f"{s.mcdc_covered} of {s.mcdc_obligations} all/any children decide alone"),
        ("case tests", f"{s.tests - s.tests_failed} of {s.tests} pass"),
        ("lint", f"{s.lint_errors} errors, {s.lint_warnings} warnings"),
        (
            "editions",
            f"{s.edition_cells_ok} of {s.edition_cells} edition × provision cells followed by "
            f"the rules ({s.edition_coverage}%), {s.edition_gaps} gaps",
        ),
    ]
    if s.mutants is not None:
        rows.append(
            (
                "mutants",
                f"{s.killed} of {s.mutants} killed, {s.survived} survived, "
                f"{s.equivalent} reviewed as equivalent, "
                f"{s.in_window} inside a stated window, "
                f"{s.stillborn} stillborn (rejected by the loader)",
            )
        )
    return rows


def text(report: AuditReport) -> str:
    """A terminal table and the list of shortfalls."""
    lines = [f"Audit of rules {report.rules_fingerprint[:19]}…"]
    lines += [f"  {name:<11} {value}" for name, value in _summary_rows(report)]
    gaps = shortfalls(report)
    lines.append("Shortfalls:" if gaps else "Shortfalls: none")
    lines += [f"  - {gap}" for gap in gaps]
    return "\n".join(lines)


def markdown(report: AuditReport) -> str:
    """A self-contained Markdown report: summary, shortfalls, and the traceability matrix."""
    lines = [
        f"# Rule audit\n\nRules `{report.rules_fingerprint}`.\n",
        "| measure | result |",
        "|---|---|",
    ]
    lines += [f"| {name} | {value} |" for name, value in _summary_rows(report)]
    gaps = shortfalls(report)
    lines += ["", "## Shortfalls", ""] + ([f"- {gap}" for gap in gaps] or ["None."])
    lines += [
        "",
        "## Traceability",
        "",
        "| provision | status | rules | case tests |",
        "|---|---|---|---|",
    ]
    for p in report.provisions:
        rules = ", ".join(f"`{r}`" for r in p.rules) or (p.reason or "")
        lines.append(
            f"| {p.label} — {p.text} | {p.status.replace('_', ' ')} | {rules} | {len(p.tests)} |"
        )
    lines += ["", "## Editions × provisions", ""]
    for act, header, grid in _edition_grids(report):
        lines += [f"### {act}", "", "| " + " | ".join(header) + " |"]
        lines += ["|" + "---|" * len(header)]
        lines += ["| " + " | ".join(text for text, _ in cells) + " |" for cells in grid]
        lines.append("")
    lines += [LEGEND, "", "Gaps:", ""]
    lines += [f"- {line}" for line in _edition_gaps(report)] or ["None."]
    if report.mutants is not None:
        lines += ["", "## Mutants", "", "| mutant | change | where | status |", "|---|---|---|---|"]
        lines += [f"| {m.id} | {m.description} | {m.where} | {m.status} |" for m in report.mutants]
    return "\n".join(lines) + "\n"


def html_page(report: AuditReport, rules: RuleSet | None = None) -> str:
    """The report as one self-contained HTML page (no scripts, no external files).

    With the `rules` audited, the page also lists each rule file as coverage.py lists
    a module: every condition line marked, every surviving mutant shown at its line.
    """
    listings = file_listings(report, rules) if rules is not None else []
    return render_page(
        "audit.html", report=report, listings=listings, single=True, **_parts(report)
    )


def html_pages(report: AuditReport, rules: RuleSet) -> dict[str, str]:
    """The report as a directory of pages: `index.html` and a page per rule file."""
    listings = file_listings(report, rules)
    pages = {
        "index.html": render_page(
            "audit.html", report=report, listings=listings, single=False, **_parts(report)
        )
    }
    for listing in listings:
        pages[listing.page] = render_page("audit_file.html", report=report, listing=listing)
    return pages


def _parts(report: AuditReport) -> dict[str, object]:
    return {
        "summary": _summary_rows(report),
        "shortfalls": shortfalls(report),
        "grids": _edition_grids(report),
        "legend": LEGEND,
        "gaps": _edition_gaps(report),
    }


Grid = list[list[tuple[str, str]]]
"""Rows of cells, each its text and a note (an HTML title)."""


def _edition_grids(report: AuditReport) -> list[tuple[str, list[str], Grid]]:
    """For each act, a grid with a row per provision and a column per edition."""
    labels = {p.id: p.label for p in report.provisions}
    grids = []
    for act, group in groupby(report.editions.rows, key=lambda row: row.act):
        rows = list(group)
        header = ["provision", *(row.date.isoformat() for row in rows)]
        pairs = list(zip([None, *rows], rows, strict=False))
        grid = [
            [(f"{pid} ({labels.get(pid, pid).removeprefix(act + ', ')})", "")]
            + [_mark(row, row.cells[i], prev.cells[i] if prev else None) for prev, row in pairs]
            for i, pid in enumerate(cell.provision for cell in rows[0].cells)
        ]
        grids.append((act, header, grid))
    return grids


def _mark(row: EditionRow, cell: EditionCell, before: EditionCell | None) -> tuple[str, str]:
    changed = "+" if before is not None and wording_changes(before, cell) else ""
    ahead = "*" if cell.day > row.date else ""
    note = f"{row.edition}, {cell.provision}: {cell.status.replace('_', ' ')} on {cell.day}"
    if cell.rules:
        note += " by " + ", ".join(cell.rules)
    return SYMBOLS[cell.status] + changed + ahead, note


def _edition_gaps(report: AuditReport) -> list[str]:
    return [
        f"{g.kind.replace('_', ' ')}: edition {g.edition}, provision {g.provision}: {g.detail}"
        for g in report.editions.gaps
    ]
