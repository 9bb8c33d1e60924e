"""A diff report for people: a few lines per changed case in a terminal, or one HTML page.

Both say the same, from the same summaries of each difference (`describe`), in the
language asked for: the command line prints them, the page (`whatif_diff.html`, drawn
by the shared templates like every page of the program) lays them out in a table.

English reads statuses and stages by their codes (`termination_pending`), as the diff
did before languages came, and its dates stay ISO; another language names them in its
words (`status_words`, `stage_words`) and writes its dates with `day()`. Ids, codes of
findings, ground ids and rule versions stay codes in every language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from maslihat.i18n import (
    DEFAULT_LANGUAGE,
    N_,
    Language,
    day,
    number,
    stage_words,
    status_words,
    translator,
    worded,
)
from maslihat.report.templating import render as render_page
from maslihat.report.words import END_WORDS
from maslihat.whatif.diff import CaseDiff, Difference, DiffReport

KIND_WORDS = {
    "status": N_("status"),
    "mandate": N_("mandate"),
    "grounds": N_("grounds"),
    "findings": N_("findings"),
    "next_steps": N_("next steps"),
}
"""The words for each kind of difference (in English, its kind with spaces)."""


def kind_words(kind: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """A kind of difference as a person reads it: `next steps`."""
    return worded(KIND_WORDS, kind, lang, kind.replace("_", " "))


def _named(words: Callable[[str, Language], str], code: str, lang: Language) -> str:
    """A status or stage: its code in English (as before languages), else its words."""
    return code if lang == DEFAULT_LANGUAGE else words(code, lang)


def _day(value: Any, lang: Language) -> str:
    """A date of the report's JSON (ISO text) as `day()` writes it in `lang`."""
    if lang == DEFAULT_LANGUAGE or not value:
        return str(value or "")
    return day(dt.date.fromisoformat(str(value)), lang)


def _status(value: Any, lang: Language) -> str:
    words = _named(status_words, str(value["status"]), lang)
    if value["eligible"]:
        return words
    return f"{words} ({translator(lang).gettext('not eligible')})"


def _ended_by(code: str, lang: Language) -> str:
    return code if lang == DEFAULT_LANGUAGE else worded(END_WORDS, code, lang)


def _mandate(value: Any, lang: Language) -> str:
    _ = translator(lang).gettext
    if value is None:
        return _("none")
    began = _day(value["began"], lang)
    if not value["ended"]:
        return _("began {began}").format(began=began)
    return _("began {began}, ended {ended} by {ground}").format(
        began=began, ended=_day(value["ended"], lang), ground=_ended_by(value["ended_by"], lang)
    )


def _items(value: Any, kind: str, lang: Language) -> set[str]:
    if kind == "grounds":
        return {
            f"{g['subparagraph']} {_named(stage_words, g['stage'], lang)} "
            f"{_day(g['stage_date'], lang)}".rstrip()
            for g in value
        }
    if kind == "findings":
        return {f"{f['code']} {_day(f['date'], lang)}".rstrip() for f in value}
    return {f"{s['ground']}: {s['actor']} {s['action']}" for s in value}


def describe(difference: Difference, lang: Language = DEFAULT_LANGUAGE) -> str:
    """One line: `status active → candidate (not eligible)`, `findings +ineligible_age`."""
    kind, was, now = difference.kind, difference.before, difference.after
    words = kind_words(kind, lang)
    if kind == "status":
        return f"{words} {_status(was, lang)} → {_status(now, lang)}"
    if kind == "mandate":
        return f"{words} {_mandate(was, lang)} → {_mandate(now, lang)}"
    old, new = _items(was, kind, lang), _items(now, kind, lang)
    moved = [f"+{x}" for x in sorted(new - old)] + [f"-{x}" for x in sorted(old - new)]
    return f"{words} " + ("; ".join(moved) or _reworded(was, now, lang))


def _reworded(was: list[dict[str, Any]], now: list[dict[str, Any]], lang: Language) -> str:
    """`ineligible_age: citation, citation_url changed` for items that stayed but changed."""
    _ = translator(lang).gettext
    parts = []
    for old, new in zip(was, now, strict=False):
        fields = [k for k in new if old.get(k) != new[k]]
        if fields:
            name = new.get("code") or new.get("ground") or "?"
            parts.append(_("{name}: {fields} changed").format(name=name, fields=", ".join(fields)))
    return "; ".join(parts) or _("reordered")


def rules_line(change: CaseDiff) -> str:
    """`minimum_age@2001-01-23 → minimum_age@2027-01-01`: the versions responsible."""
    was = ", ".join(change.rules_before) or "-"
    now = ", ".join(change.rules_after) or "-"
    return f"{was} → {now}"


def summary_text(report: DiffReport, lang: Language = DEFAULT_LANGUAGE) -> str:
    """`24 cases read: 1 changed (status 1, findings 1), 23 unchanged`."""
    t, s = translator(lang), report.summary
    kinds = ", ".join(f"{kind_words(k, lang)} {number(n, lang)}" for k, n in s.by_kind.items())
    # English has said "1 cases read" since the diff came (docs/what-if.md runs it):
    # both its forms are the same, and each language words its own plural forms.
    read = t.ngettext("{n} cases read", "{n} cases read", s.read)
    changed = t.ngettext("{n} changed", "{n} changed", s.changed)
    unchanged = t.ngettext("{n} unchanged", "{n} unchanged", s.unchanged)
    return t.gettext("{read}: {changed}, {unchanged}").format(
        read=read.format(n=number(s.read, lang)),
        changed=changed.format(n=number(s.changed, lang)) + (f" ({kinds})" if kinds else ""),
        unchanged=unchanged.format(n=number(s.unchanged, lang)),
    )


def case_line(change: CaseDiff, lang: Language = DEFAULT_LANGUAGE) -> str:
    """`cases/2027-aged-20.yaml (whatif-aged-20)`: the file and the case's id."""
    if change.case:
        return f"{change.name} ({change.case})"
    return f"{change.name} {translator(lang).gettext('(no id)')}"


def text(report: DiffReport, lang: Language = DEFAULT_LANGUAGE) -> str:
    """The report as the terminal shows it, in `lang`."""
    _ = translator(lang).gettext
    lines = [
        _("as of {date}: rules {before}… → {after}…").format(
            date=day(report.as_of, lang), before=report.before[:15], after=report.after[:15]
        )
    ]
    for change in report.cases:
        lines.append(case_line(change, lang))
        lines.extend(f"  {describe(d, lang)}" for d in change.differences)
        lines.append("  " + _("rules: {versions}").format(versions=rules_line(change)))
    lines.append(summary_text(report, lang))
    return "\n".join(lines)


def html_page(report: DiffReport, lang: Language = DEFAULT_LANGUAGE) -> str:
    """The report as a self-contained HTML page, in `lang`."""
    return render_page(
        "whatif_diff.html",
        lang,
        report=report,
        summary=summary_text(report, lang),
        describe=lambda d: describe(d, lang),
        rules_line=rules_line,
    )
