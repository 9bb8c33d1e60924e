"""docs/law.md, generated: the law edition by edition, each provision beside its rules.

An auditor checks the rules against the law here without reading YAML. Generating the
page from the rule set (editions, provision wordings and the rule versions that claim
them) means it cannot drift from the rules: `maslihat rules --law` writes it, and a test
fails when the committed page is stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from maslihat.rules.documents import ProvisionDoc, ProvisionVersion
from maslihat.rules.editions import edition_label
from maslihat.rules.listing import RuleVersionInfo, all_versions
from maslihat.rules.ruleset import Edition, RuleSet

INTRO = """\
# The law and the rules that encode it

This page is generated from the rule files (`maslihat rules --law > docs/law.md`); edit
the rules, not the page. It lists the consolidated editions of the law that the rules
were read from, then every provision the rules encode or leave out of scope, wording by
wording, with the editions that hold each wording and the rule versions that encode it,
and last the law edition by edition: what each edition holds and which rule versions were
in force on its date. Paraphrases are ours; each edition links to its official text.

Provenance: *read* means read in the Russian text of the editions named; *reported*
taken from a later text or its footnotes; *inferred* our reading where the text is
silent. A day marked "chosen in" a window is a day of entry into force that our texts do
not give: the rule takes a day in the window (inferred) and is tested on both sides
outside it ([interpretations.md](interpretations.md) gives the reasons).
"""


def law_markdown(rules: RuleSet) -> str:
    """The whole page."""
    infos = list(all_versions(rules))
    lines = [INTRO, "## Editions read", ""]
    lines += _editions_table(rules.editions.values())
    for act in _acts(rules):
        lines += ["", f"## {act}: provisions", ""]
        lines += _provisions_table(rules, act, infos)
    lines += ["", "## Edition by edition", ""]
    for edition in _ordered(rules.editions.values()):
        lines += _edition_section(rules, edition, infos)
    return "\n".join(lines).rstrip() + "\n"


def _acts(rules: RuleSet) -> list[str]:
    return list(dict.fromkeys(e.act for e in _ordered(rules.editions.values())))


def _ordered(editions: Iterable[Edition]) -> list[Edition]:
    order = {"Law 148-II": 0, "Constitution (1995)": 1, "Constitution (2026)": 2}
    return sorted(editions, key=lambda e: (order.get(e.act, 3), e.act, e.date))


def _editions_table(editions: Iterable[Edition]) -> list[str]:
    rows = [
        "| Edition | Produced by | Articles read | Official text | Read at |",
        "|---|---|---|---|---|",
    ]
    for e in _ordered(editions):
        repo, _path, commit = e.mirror
        rows.append(
            f"| `{e.id}` ({edition_label(e)}) | {e.amended_by} | {', '.join(e.articles)} "
            f"| [zan.gov.kz]({e.url}) | {repo} `{commit[:8]}` |"
        )
    return rows


def _period(start: dt.date, end: dt.date | None) -> str:
    return f"{start} to {end}" if end else f"{start} on"


def _encoding(infos: list[RuleVersionInfo], pid: str, pv: ProvisionVersion) -> list[str]:
    """The rule versions claiming `pid` whose period overlaps the wording's."""
    end = pv.valid_to or dt.date.max
    return [
        f"`{i.id}@{i.valid_from}`"
        for i in infos
        if pid in i.provisions
        and i.valid_from <= end
        and (i.valid_to or dt.date.max) >= pv.valid_from
    ]


def _provisions_table(rules: RuleSet, act: str, infos: list[RuleVersionInfo]) -> list[str]:
    rows = [
        "| Provision | What it says | Wording in force | Held by editions | Rules | Provenance |",
        "|---|---|---|---|---|---|",
    ]
    for p in (p for p in rules.provisions.values() if p.act == act):
        for pv in p.versions:
            when = _period(pv.valid_from, pv.valid_to)
            if pv.window is not None:
                when += f" (chosen in {pv.window.earliest} to {pv.window.latest})"
            held = ", ".join(str(rules.editions[e].date) for e in pv.editions) or "none"
            used = ", ".join(_encoding(infos, p.id, pv)) or _scope(p)
            note = f" {_one_line(pv.note)}" if pv.note else ""
            rows.append(
                f"| {_label(p)} | {_one_line(p.text)}{note} | {when} | {held} | {used} "
                f"| {pv.basis} |"
            )
    return rows


def _edition_section(rules: RuleSet, e: Edition, infos: list[RuleVersionInfo]) -> list[str]:
    lines = [f"### {edition_label(e)}", "", f"{e.amended_by}. [Official text]({e.url})."]
    if e.url_kk:
        lines[-1] += f" [Kazakh text]({e.url_kk})."
    lines += [
        f"- Entry into force, as the footnotes say: {_one_line(n.act)}: «{_one_line(n.says)}»"
        for n in e.notes
    ]
    if e.earlier:
        lines.append(f"- Before this edition: {_one_line(e.earlier)}")
    lines += ["", "| Provision | Wording | Rules in force then |", "|---|---|---|"]
    for p in (p for p in rules.provisions.values() if p.act == e.act):
        held = p.held_by(e.id)
        if held is None:
            continue
        day = max(e.date, held.valid_from)
        in_force = [
            f"`{i.id}@{i.valid_from}`" for i in infos if p.id in i.provisions and i.in_force(day)
        ]
        ahead = f" (in force from {held.valid_from})" if held.valid_from > e.date else ""
        lines.append(
            f"| {_label(p)} | {_period(held.valid_from, held.valid_to)}{ahead} "
            f"| {', '.join(in_force) or _scope(p)} |"
        )
    return [*lines, ""]


def _label(p: ProvisionDoc) -> str:
    return (
        f"`{p.id}` art. {p.article}"
        + (f"({p.paragraph})" if p.paragraph else "")
        + (f"({p.subparagraph})" if p.subparagraph else "")
    )


def _scope(p: ProvisionDoc) -> str:
    return f"out of scope: {_one_line(p.reason)}" if p.reason else "**no rule**"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "/")
