"""The audit report for people: a terminal summary, and Markdown or HTML files."""

from __future__ import annotations

import html

from maslihat.audit.model import AuditReport
from maslihat.audit.report import shortfalls


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
    ]
    if s.mutants is not None:
        rows.append(
            (
                "mutants",
                f"{s.killed} of {s.mutants} killed, {s.survived} survived, "
                f"{s.equivalent} reviewed as equivalent, "
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
    if report.mutants is not None:
        lines += ["", "## Mutants", "", "| mutant | change | where | status |", "|---|---|---|---|"]
        lines += [f"| {m.id} | {m.description} | {m.where} | {m.status} |" for m in report.mutants]
    return "\n".join(lines) + "\n"


def html_page(report: AuditReport) -> str:
    """The same report as one self-contained HTML page (no scripts, no external files)."""

    def row(cells: list[str]) -> str:
        return "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"

    parts = [
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>Rule audit</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}</style>",
        f"<h1>Rule audit</h1><p>Rules <code>{html.escape(report.rules_fingerprint)}</code></p>",
        "<table>" + "".join(row([n, v]) for n, v in _summary_rows(report)) + "</table>",
        "<h2>Shortfalls</h2><ul>"
        + "".join(f"<li>{html.escape(g)}</li>" for g in shortfalls(report))
        + "</ul>",
        "<h2>Traceability</h2><table>"
        + row(["provision", "status", "rules", "case tests"])
        + "".join(
            row(
                [
                    f"{p.label} — {p.text}",
                    p.status,
                    ", ".join(p.rules) or (p.reason or ""),
                    str(len(p.tests)),
                ]
            )
            for p in report.provisions
        )
        + "</table>",
    ]
    if report.mutants is not None:
        parts.append(
            "<h2>Mutants</h2><table>"
            + "".join(row([m.id, m.description, m.where, m.status]) for m in report.mutants)
            + "</table>"
        )
    return "".join(parts) + "</html>\n"
