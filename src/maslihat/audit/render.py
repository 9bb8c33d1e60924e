"""The audit report for people: a terminal summary, and Markdown or HTML files.

The HTML is drawn by the shared templates (`audit.html`, `audit_file.html`), like
every page of the program; the text and Markdown are built here.
"""

from __future__ import annotations

from itertools import groupby

from maslihat.audit.annotated import file_listings
from maslihat.audit.editions import wording_changes
from maslihat.audit.model import AuditReport, CellStatus, EditionCell, EditionRow
from maslihat.audit.report import STATUS_WORDS, shortfalls, status_words
from maslihat.i18n import DEFAULT_LANGUAGE, N_, Language, day, number, translator
from maslihat.report.templating import render as render_page
from maslihat.rules.languages import Texts
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

LEGEND = N_(
    "✓ held and encoded by a rule version in force on the day; "
    "○ held, out of scope (with a reason); "
    "✗ held, but no rule version in force encodes it (gap); "
    "! in force by the rules, but not in the edition (gap); "
    "? its article was not read in this edition; "
    "– not in force and not held; "
    "+ another wording than in the edition before, so each rule encoding it has a new version; "
    "* the edition shows the wording (or its end) ahead of its day, which is the day looked at."
)

_SUMMARY = (
    (
        N_("provisions"),
        N_("{tested} of {encoded} encoded provisions tested ({out_of_scope} out of scope)"),
    ),
    (N_("rules"), N_("{rules_tested} of {rule_versions} rule versions exercised by a case test")),
    (
        N_("conditions"),
        N_("{covered} of {conditions} seen true and false ({condition_coverage}%)"),
    ),
    (N_("MC/DC"), N_("{mcdc_covered} of {mcdc_obligations} all/any children decide alone")),
    (N_("case tests"), N_("{passed} of {tests} pass")),
    (N_("lint"), N_("{lint_errors} errors, {lint_warnings} warnings")),
    (
        N_("editions"),
        N_(
            "{edition_cells_ok} of {edition_cells} edition × provision cells followed by "
            "the rules ({edition_coverage}%), {edition_gaps} gaps"
        ),
    ),
)
_MUTANTS = (
    N_("mutants"),
    N_(
        "{killed} of {mutants} killed, {survived} survived, "
        "{equivalent} reviewed as equivalent, "
        "{in_window} inside a stated window, "
        "{stillborn} stillborn (rejected by the loader)"
    ),
)
"""The summary's rows: a name, and a sentence with the summary's counts in it."""


def _summary_rows(report: AuditReport, lang: Language = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    s = report.summary
    counts = {
        name: number(value, lang)
        for name, value in s.model_dump().items()
        if isinstance(value, int | float)
    }
    counts["passed"] = number(s.tests - s.tests_failed, lang)
    rows = [*_SUMMARY, _MUTANTS] if s.mutants is not None else _SUMMARY
    _ = translator(lang).gettext
    return [(_(name), _(sentence).format(**counts)) for name, sentence in rows]


def text(report: AuditReport, lang: Language = DEFAULT_LANGUAGE) -> str:
    """A terminal table and the list of shortfalls, in `lang`."""
    _ = translator(lang).gettext
    rows = _summary_rows(report, lang)
    width = max([10, *(len(name) for name, _value in rows)]) + 1
    lines = [_("Audit of rules {fingerprint}…").format(fingerprint=report.rules_fingerprint[:19])]
    lines += [f"  {name:<{width}} {value}" for name, value in rows]
    gaps = shortfalls(report, lang)
    lines.append(_("Shortfalls:") if gaps else _("Shortfalls: none"))
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


def html_page(
    report: AuditReport, rules: RuleSet | None = None, lang: Language = DEFAULT_LANGUAGE
) -> str:
    """The report as one self-contained HTML page (no scripts, no external files), in `lang`.

    With the `rules` audited, the page also lists each rule file as coverage.py lists
    a module: every condition line marked, every surviving mutant shown at its line.
    """
    listings = file_listings(report, rules, lang) if rules is not None else []
    report = _provisions_in(report, rules, lang)
    return render_page(
        "audit.html", lang, report=report, listings=listings, single=True, **_parts(report, lang)
    )


def html_pages(
    report: AuditReport, rules: RuleSet, lang: Language = DEFAULT_LANGUAGE
) -> dict[str, str]:
    """The report as a directory of pages: `index.html` and a page per rule file."""
    listings = file_listings(report, rules, lang)
    report = _provisions_in(report, rules, lang)
    parts = _parts(report, lang)
    pages = {
        "index.html": render_page(
            "audit.html", lang, report=report, listings=listings, single=False, **parts
        )
    }
    for listing in listings:
        pages[listing.page] = render_page("audit_file.html", lang, report=report, listing=listing)
    return pages


def _provisions_in(report: AuditReport, rules: RuleSet | None, lang: Language) -> AuditReport:
    """The report with its provisions' paraphrases and reasons in `lang`, from the rules
    (a report is measured once, in the language of the rules it was built with)."""
    if rules is None:
        return report

    def text(words: Texts | None, fallback: str | None) -> str | None:
        return " ".join(words[lang].split()) if words is not None else fallback

    provisions = []
    for p in report.provisions:
        held = rules.provisions.get(p.id)
        if held is not None:
            p = p.model_copy(
                update={"text": text(held.text, p.text), "reason": text(held.reason, p.reason)}
            )
        provisions.append(p)
    return report.model_copy(update={"provisions": provisions})


def _parts(report: AuditReport, lang: Language) -> dict[str, object]:
    return {
        "summary": _summary_rows(report, lang),
        "shortfalls": shortfalls(report, lang),
        "grids": _edition_grids(report, lang),
        "legend": translator(lang).gettext(LEGEND),
        "gaps": _edition_gaps(report, lang),
        "words": STATUS_WORDS,
    }


Grid = list[list[tuple[str, str]]]
"""Rows of cells, each its text and a note (an HTML title)."""


def _edition_grids(
    report: AuditReport, lang: Language = DEFAULT_LANGUAGE
) -> list[tuple[str, list[str], Grid]]:
    """For each act, a grid with a row per provision and a column per edition."""
    labels = {p.id: p.label for p in report.provisions}
    grids = []
    for act, group in groupby(report.editions.rows, key=lambda row: row.act):
        rows = list(group)
        header = [translator(lang).gettext("provision"), *(day(row.date, lang) for row in rows)]
        pairs = list(zip([None, *rows], rows, strict=False))
        grid = [
            [(f"{pid} ({labels.get(pid, pid).removeprefix(act + ', ')})", "")]
            + [
                _mark(row, row.cells[i], prev.cells[i] if prev else None, lang)
                for prev, row in pairs
            ]
            for i, pid in enumerate(cell.provision for cell in rows[0].cells)
        ]
        grids.append((act, header, grid))
    return grids


def _mark(
    row: EditionRow, cell: EditionCell, before: EditionCell | None, lang: Language
) -> tuple[str, str]:
    changed = "+" if before is not None and wording_changes(before, cell) else ""
    ahead = "*" if cell.day > row.date else ""
    _ = translator(lang).gettext
    note = _("{edition}, {provision}: {status} on {date}").format(
        edition=row.edition,
        provision=cell.provision,
        status=status_words(cell.status, lang),
        date=day(cell.day, lang),
    )
    if cell.rules:
        note += _(" by {rules}").format(rules=", ".join(cell.rules))
    return SYMBOLS[cell.status] + changed + ahead, note


def _edition_gaps(report: AuditReport, lang: Language = DEFAULT_LANGUAGE) -> list[str]:
    _ = translator(lang).gettext
    return [
        _("{kind}: edition {edition}, provision {provision}: {detail}").format(
            kind=status_words(g.kind, lang),
            edition=g.edition,
            provision=g.provision,
            detail=g.detail,
        )
        for g in report.editions.gaps
    ]
