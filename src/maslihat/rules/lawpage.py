"""docs/law.md, generated: the law edition by edition, each provision beside its rules.

An auditor checks the rules against the law here without reading YAML. Generating the
page from the rule set (editions, provision wordings and the rule versions that claim
them) means it cannot drift from the rules: `maslihat rules --law` writes it, and a test
fails when the committed page is stale. `--law --lang ru` (or kk) gives the same page
in that language, from the rule files' texts and the catalogues; the committed page is
the English one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from maslihat.i18n import N_, day, translator
from maslihat.rules.citations import Locus
from maslihat.rules.documents import ProvisionDoc, ProvisionVersion
from maslihat.rules.editions import edition_label
from maslihat.rules.languages import Texts
from maslihat.rules.listing import BASIS_WORDS, RuleVersionInfo, all_versions
from maslihat.rules.ruleset import Edition, RuleSet

TITLE = N_("# The law and the rules that encode it")
INTRO = N_("""\
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
outside it ([interpretations.md](interpretations.md) gives the reasons).""")


def law_markdown(rules: RuleSet) -> str:
    """The whole page, in the rules' language (docs/law.md is the English one)."""
    _ = translator(rules.lang).gettext
    infos = list(all_versions(rules))
    lines = [_(TITLE), "", _(INTRO), "", _("## Editions read"), ""]
    lines += _editions_table(rules)
    for act in _acts(rules):
        name = _act(rules, act)
        lines += ["", _("## {act}: provisions").format(act=name), ""]
        lines += _provisions_table(rules, act, infos)
    lines += ["", _("## Edition by edition"), ""]
    for edition in _ordered(rules.editions.values()):
        lines += _edition_section(rules, edition, infos)
    return "\n".join(lines).rstrip() + "\n"


def _act(rules: RuleSet, act: str) -> str:
    """The act as the page's language names it (English: its id, as citations write it)."""
    return act if rules.lang == "en" else rules.acts.get(act, act)


def _said(rules: RuleSet, texts: Texts | None) -> str:
    """A text of the rule files, in the page's language, on one line."""
    return _one_line(texts[rules.lang]) if texts is not None else ""


def _acts(rules: RuleSet) -> list[str]:
    return list(dict.fromkeys(e.act for e in _ordered(rules.editions.values())))


def _ordered(editions: Iterable[Edition]) -> list[Edition]:
    order = {"Law 148-II": 0, "Constitution (1995)": 1, "Constitution (2026)": 2}
    return sorted(editions, key=lambda e: (order.get(e.act, 3), e.act, e.date))


def _editions_table(rules: RuleSet) -> list[str]:
    _ = translator(rules.lang).gettext
    rows = [
        _("| Edition | Produced by | Articles read | Official text | Read at |"),
        "|---|---|---|---|---|",
    ]
    for e in _ordered(rules.editions.values()):
        repo, _path, commit = e.mirror
        label = edition_label(e, _act(rules, e.act), rules.lang)
        rows.append(
            f"| `{e.id}` ({label}) | {e.amended_by} | {', '.join(e.articles)} "
            f"| [zan.gov.kz]({e.url}) | {repo} `{commit[:8]}` |"
        )
    return rows


def _period(rules: RuleSet, start: dt.date, end: dt.date | None) -> str:
    _ = translator(rules.lang).gettext
    template = _("{start} to {end}") if end else _("{start} on")
    return template.format(start=day(start, rules.lang), end=day(end, rules.lang))


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
    _ = translator(rules.lang).gettext
    rows = [
        _(
            "| Provision | What it says | Wording in force | Held by editions | Rules "
            "| Provenance |"
        ),
        "|---|---|---|---|---|---|",
    ]
    for p in (p for p in rules.provisions.values() if p.act == act):
        for pv in p.versions:
            when = _period(rules, pv.valid_from, pv.valid_to)
            if pv.window is not None:
                when += _(" (chosen in {earliest} to {latest})").format(
                    earliest=day(pv.window.earliest, rules.lang),
                    latest=day(pv.window.latest, rules.lang),
                )
            held = ", ".join(day(rules.editions[e].date, rules.lang) for e in pv.editions)
            used = ", ".join(_encoding(infos, p.id, pv)) or _scope(rules, p)
            note = f" {_said(rules, pv.note)}" if pv.note else ""
            basis = pv.basis if rules.lang == "en" else _(BASIS_WORDS[pv.basis])
            rows.append(
                f"| {_label(rules, p)} | {_said(rules, p.text)}{note} | {when} "
                f"| {held or _('none')} | {used} | {basis} |"
            )
    return rows


def _edition_section(rules: RuleSet, e: Edition, infos: list[RuleVersionInfo]) -> list[str]:
    _ = translator(rules.lang).gettext
    label = edition_label(e, _act(rules, e.act), rules.lang)
    lines = [
        f"### {label}",
        "",
        _("{act}. [Official text]({url}).").format(act=e.amended_by, url=e.url),
    ]
    if e.url_kk:
        lines[-1] += _(" [Kazakh text]({url}).").format(url=e.url_kk)
    lines += [
        _("- Entry into force, as the footnotes say: {act}: «{says}»").format(
            act=_one_line(n.act), says=_one_line(n.says)
        )
        for n in e.notes
    ]
    if e.earlier:
        lines.append(_("- Before this edition: {text}").format(text=_one_line(e.earlier)))
    lines += ["", _("| Provision | Wording | Rules in force then |"), "|---|---|---|"]
    for p in (p for p in rules.provisions.values() if p.act == e.act):
        held = p.held_by(e.id)
        if held is None:
            continue
        on = max(e.date, held.valid_from)
        in_force = [
            f"`{i.id}@{i.valid_from}`" for i in infos if p.id in i.provisions and i.in_force(on)
        ]
        ahead = (
            _(" (in force from {date})").format(date=day(held.valid_from, rules.lang))
            if held.valid_from > e.date
            else ""
        )
        lines.append(
            f"| {_label(rules, p)} | {_period(rules, held.valid_from, held.valid_to)}{ahead} "
            f"| {', '.join(in_force) or _scope(rules, p)} |"
        )
    return [*lines, ""]


def _label(rules: RuleSet, p: ProvisionDoc) -> str:
    """`l148-20-3-8` art. 20(3)(8); in Russian and Kazakh the place as their texts write it."""
    if rules.lang != "en":
        if not p.article[:1].isdigit():  # a provision spread over several articles
            various = translator(rules.lang).gettext("various articles")
            return f"`{p.id}` {various}"
        place = Locus(p.article, p.paragraph, None, p.subparagraph)
        return f"`{p.id}` {place.text(rules.lang)}"
    return (
        f"`{p.id}` art. {p.article}"
        + (f"({p.paragraph})" if p.paragraph else "")
        + (f"({p.subparagraph})" if p.subparagraph else "")
    )


def _scope(rules: RuleSet, p: ProvisionDoc) -> str:
    _ = translator(rules.lang).gettext
    if p.reason is None:
        return _("**no rule**")
    return _("out of scope: {reason}").format(reason=_said(rules, p.reason))


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "/")
