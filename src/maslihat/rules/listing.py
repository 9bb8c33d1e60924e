"""Which rules are in force on a day, and the history of one rule: for people to read.

Every dated piece of the rule set (checks, grounds, procedures, restrictions, list
items, lifecycle transitions) is flattened into `RuleVersionInfo` records, so the
CLI, the HTTP service and the generated docs/interpretations.md read one list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from maslihat.i18n import N_, day, translator
from maslihat.model.common import Frozen
from maslihat.rules.ruleset import Edition, RuleSet, Version

Kind = Literal["check", "ground", "procedure", "restriction", "list_item", "transition"]


HEADINGS: dict[Kind, str] = {
    "check": N_("Eligibility"),
    "ground": N_("Grounds"),
    "procedure": N_("Procedures"),
    "restriction": N_("Restrictions"),
    "list_item": N_("Lists"),
    "transition": N_("Lifecycle"),
}
"""The heading of each kind of rule, where rules are listed by kind for people to read
(in English; marked for the catalogues, where the pages translate them)."""

KIND_WORDS: dict[str, str] = {
    "check": N_("check"),
    "ground": N_("ground"),
    "procedure": N_("procedure"),
    "restriction": N_("restriction"),
    "list_item": N_("list item"),
    "transition": N_("transition"),
}
BASIS_WORDS: dict[str, str] = {
    "read": N_("read"),
    "reported": N_("reported"),
    "inferred": N_("inferred"),
}
"""A rule version's kind and provenance in words, where a listing in another language
than English shows them (English and JSON show their codes)."""


class RuleVersionInfo(Frozen):
    """One version of one rule: what it is, when it is in force, and its provenance."""

    kind: Kind
    id: str
    title: str | None
    valid_from: dt.date
    valid_to: dt.date | None
    citation: str
    basis: str
    sources: tuple[str, ...]
    url: str | None
    window: tuple[dt.date, dt.date] | None = Field(
        default=None, description="When valid_from is a day chosen in this window (inferred)."
    )
    window_reason: str | None = None
    text: str
    interpretation: str | None
    provisions: tuple[str, ...]

    def in_force(self, day: dt.date) -> bool:
        """Whether this version is in force on `day`."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _info(kind: Kind, rule_id: str, title: str | None, version: Version[Any]) -> RuleVersionInfo:
    return RuleVersionInfo(
        kind=kind,
        id=rule_id,
        title=title,
        valid_from=version.valid_from,
        valid_to=version.valid_to,
        citation=version.citation,
        basis=version.basis,
        sources=version.sources,
        url=version.url,
        window=(version.window.earliest, version.window.latest) if version.window else None,
        window_reason=" ".join(version.window.reason.split()) if version.window else None,
        text=" ".join(version.text.split()),
        interpretation=" ".join(version.interpretation.split()) if version.interpretation else None,
        provisions=version.provisions,
    )


def all_versions(rules: RuleSet) -> Iterator[RuleVersionInfo]:
    """Every version of every dated rule, grouped by kind, in the law's order."""
    for check in rules.checks:
        yield from (_info("check", check.id, None, v) for v in check.versions)
    for ground in rules.grounds.values():
        title = f"{ground.subparagraph}. {ground.title}"
        yield from (_info("ground", ground.id, title, v) for v in ground.versions)
    for procedure in rules.procedures.values():
        yield from (
            _info("procedure", procedure.id, procedure.title, v) for v in procedure.versions
        )
    for restriction in rules.restrictions:
        yield from (_info("restriction", restriction.id, None, v) for v in restriction.versions)
    for entry in rules.lists.values():
        for item in entry.items:
            yield _info("list_item", f"{entry.id}.{item.rule}", None, item)
    for transitions in rules.lifecycle.transitions.values():
        yield from (_info("transition", t.rule, None, t) for t in transitions)


class EditionInForce(Frozen):
    """For one act, the edition we have read that stands for its text on a day."""

    id: str
    act: str = Field(description="The act, named in the listing's language (`Law 148-II`).")
    date: dt.date
    amended_by: str
    url: str
    standing: Literal["latest", "earliest_read"] = Field(
        description="latest: the latest edition read dated on or before the day; "
        "earliest_read: the day is older than every edition read, and the rules rest on "
        "this one (its `earlier` note says how)."
    )
    earlier: str | None = None


def editions_in_force(rules: RuleSet, day: dt.date) -> list[EditionInForce]:
    """For each act a rule in force on `day` was read from, the edition standing for it."""
    cited = {rules.editions[s].act for info in in_force(rules, day) for s in info.sources}
    by_act: dict[str, list[Edition]] = {}
    for edition in sorted(rules.editions.values(), key=lambda e: e.date):
        if edition.act in cited:
            by_act.setdefault(edition.act, []).append(edition)
    out = []
    for editions in by_act.values():
        dated = [e for e in editions if e.date <= day]
        edition = dated[-1] if dated else editions[0]
        out.append(
            EditionInForce(
                id=edition.id,
                act=edition.act if rules.lang == "en" else rules.acts.get(edition.act, edition.act),
                date=edition.date,
                amended_by=edition.amended_by,
                url=edition.url,
                standing="latest" if dated else "earliest_read",
                earlier=None if dated else " ".join((edition.earlier or "").split()) or None,
            )
        )
    return out


def in_force(rules: RuleSet, day: dt.date) -> list[RuleVersionInfo]:
    """The rule versions in force on `day`."""
    return [info for info in all_versions(rules) if info.in_force(day)]


def history(rules: RuleSet, rule_id: str) -> list[RuleVersionInfo]:
    """Every version of the rule(s) called `rule_id`, oldest first."""
    found = [info for info in all_versions(rules) if info.id == rule_id]
    return sorted(found, key=lambda info: (info.kind, info.valid_from))


INTERPRETATIONS_INTRO = N_(
    "Where the law is silent or open to reading, the rule files say how we read it, next\n"
    "to the rule that relies on it. This page collects those readings. It is generated\n"
    "from the rules by `maslihat rules --interpretations`; a test fails when it is stale,\n"
    "so edit the rule files, not this page."
)
WINDOWS_INTRO = N_(
    "Where our texts do not give the day an amendment entered into force, the rule states\n"
    "the window of possible days, takes a day in it (inferred) and is tested on both sides\n"
    "outside the window, never inside it."
)


def interpretations_markdown(rules: RuleSet) -> str:
    """docs/interpretations.md: every reading the rules make where the law is open.

    In the rules' language: docs/ holds the English page, `--lang` gives the others.
    """
    _ = translator(rules.lang).gettext
    lines = [_("# Interpretations"), "", _(INTERPRETATIONS_INTRO), "", _("## Named facts"), ""]
    for note in rules.fact_notes.values():
        if note.interpretation:
            cite = f" ({note.citation})" if note.citation else ""
            lines += [f"### `{note.id}`{cite}", "", " ".join(note.interpretation.split()), ""]
    lines += _window_lines(rules)
    current = None
    for info in all_versions(rules):
        if not info.interpretation:
            continue
        if info.kind != current:
            current = info.kind
            lines += [f"## {_(HEADINGS[info.kind])}", ""]
        start, end = day(info.valid_from, rules.lang), day(info.valid_to, rules.lang)
        period = _("{start} to {end}") if info.valid_to else _("{start} on")
        name = f"`{info.id}`" + (f" — {info.title}" if info.title else "")
        basis = info.basis if rules.lang == "en" else _(BASIS_WORDS[info.basis])
        lines += [
            f"### {name}, {period.format(start=start, end=end)}",
            "",
            f"{info.citation} ({basis}). {info.interpretation}",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def _window_lines(rules: RuleSet) -> list[str]:
    """Days of entry into force chosen inside a window, where the texts give no day."""
    _ = translator(rules.lang).gettext
    lines = [_("## Days chosen in a window"), "", _(WINDOWS_INTRO), ""]
    windows: dict[tuple[dt.date, dt.date, dt.date], list[RuleVersionInfo]] = {}
    for info in all_versions(rules):
        if info.window is not None:
            windows.setdefault((info.valid_from, *info.window), []).append(info)
    for (chosen, earliest, latest), infos in sorted(windows.items()):
        reasons = list(dict.fromkeys(i.window_reason for i in infos if i.window_reason))
        names = ", ".join(sorted({f"`{i.id}`" for i in infos}))
        days = {"chosen": chosen, "earliest": earliest, "latest": latest}
        heading = _("### {chosen}, chosen in {earliest} to {latest}")
        lines += [
            heading.format(**{k: day(v, rules.lang) for k, v in days.items()}),
            "",
            " ".join(reasons) + _(" Rules: {names}.").format(names=names),
            "",
        ]
    return lines
