"""A diff report for people: a few lines per changed case in a terminal, or one HTML page.

Both say the same, from the same summaries of each difference (`describe`): the
command line prints them, the page lays them out in a table.
"""

from __future__ import annotations

from typing import Any

import jinja2

from maslihat.whatif.diff import CaseDiff, Difference, DiffReport


def _status(value: Any) -> str:
    return str(value["status"]) + ("" if value["eligible"] else " (not eligible)")


def _mandate(value: Any) -> str:
    if value is None:
        return "none"
    end = f", ended {value['ended']} by {value['ended_by']}" if value["ended"] else ""
    return f"began {value['began']}{end}"


def _items(value: Any, kind: str) -> set[str]:
    if kind == "grounds":
        return {f"{g['subparagraph']} {g['stage']} {g['stage_date']}" for g in value}
    if kind == "findings":
        return {f"{f['code']} {f['date'] or ''}".rstrip() for f in value}
    return {f"{s['ground']}: {s['actor']} {s['action']}" for s in value}


def describe(difference: Difference) -> str:
    """One line: `status active → candidate (not eligible)`, `findings +ineligible_age`."""
    kind, was, now = difference.kind, difference.before, difference.after
    if kind == "status":
        return f"status {_status(was)} → {_status(now)}"
    if kind == "mandate":
        return f"mandate {_mandate(was)} → {_mandate(now)}"
    old, new = _items(was, kind), _items(now, kind)
    moved = [f"+{x}" for x in sorted(new - old)] + [f"-{x}" for x in sorted(old - new)]
    return f"{kind.replace('_', ' ')} " + ("; ".join(moved) or _reworded(was, now))


def _reworded(was: list[dict[str, Any]], now: list[dict[str, Any]]) -> str:
    """`ineligible_age: citation, citation_url` for items that stayed but changed."""
    parts = []
    for old, new in zip(was, now, strict=False):
        fields = [k for k in new if old.get(k) != new[k]]
        if fields:
            name = new.get("code") or new.get("ground") or "?"
            parts.append(f"{name}: {', '.join(fields)} changed")
    return "; ".join(parts) or "reordered"


def rules_line(change: CaseDiff) -> str:
    """`minimum_age@2001-01-23 → minimum_age@2027-01-01`: the versions responsible."""
    was = ", ".join(change.rules_before) or "-"
    now = ", ".join(change.rules_after) or "-"
    return f"{was} → {now}"


def summary_text(report: DiffReport) -> str:
    """`24 cases read: 1 changed (status 1, findings 1), 23 unchanged`."""
    s = report.summary
    kinds = ", ".join(f"{kind.replace('_', ' ')} {n}" for kind, n in s.by_kind.items())
    changed = f"{s.changed} changed" + (f" ({kinds})" if kinds else "")
    return f"{s.read} cases read: {changed}, {s.unchanged} unchanged"


def text(report: DiffReport) -> str:
    """The report as the terminal shows it."""
    lines = [f"as of {report.as_of}: rules {report.before[:15]}… → {report.after[:15]}…"]
    for change in report.cases:
        lines.append(f"{change.name} ({change.case or 'no id'})")
        lines.extend(f"  {describe(d)}" for d in change.differences)
        lines.append(f"  rules: {rules_line(change)}")
    lines.append(summary_text(report))
    return "\n".join(lines)


PAGE = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>What the change changes</title>
<style>body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:.3em;
vertical-align:top;text-align:left}table{border-collapse:collapse}</style></head><body>
<h1>What the change changes, as of {{ report.as_of }}</h1>
<p>Rules {{ report.before }} → {{ report.after }}</p>
<p>{{ summary }}</p>
{% if report.cases %}<table><tr><th>case</th><th>differences</th><th>rules responsible</th></tr>
{% for change in report.cases %}<tr>
<td>{{ change.name }}<br><small>{{ change.case or "" }}</small></td>
<td><ul>{% for d in change.differences %}<li>{{ describe(d) }}</li>{% endfor %}</ul></td>
<td>{{ rules_line(change) }}</td></tr>
{% endfor %}</table>{% endif %}
</body></html>
"""
)


def html_page(report: DiffReport) -> str:
    """The report as a self-contained HTML page."""
    return PAGE.render(
        report=report, summary=summary_text(report), describe=describe, rules_line=rules_line
    )
