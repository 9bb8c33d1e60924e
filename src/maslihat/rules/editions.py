"""The editions of the law the rules were read from, and the checks that tie rules to them.

`basis: read` is a claim about a text, so it is checked like any reference: every rule
version's `source` names editions listed in rules/editions.yaml, and a version marked
`read` must name an edition that holds the wording it encodes (provisions.yaml says,
for each wording of each provision, which editions hold it). A wording older than the
first edition of its act that we have read rests on that edition's `earlier` note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from maslihat.i18n import day, translator
from maslihat.rules import documents as doc
from maslihat.rules.compiler import Compiler, Site
from maslihat.rules.languages import Language
from maslihat.rules.ruleset import Edition, EditionNoteDef
from maslihat.wording import say


def compile_editions(k: Compiler) -> dict[str, Edition]:
    """The editions, with their dates checked against each other."""
    editions = {
        e.id: Edition(
            id=e.id,
            act=e.act,
            date=e.date,
            amended_by=k.say(e.amended_by),
            url=e.url,
            url_kk=e.url_kk,
            mirror=(e.mirror.repo, e.mirror.path, e.mirror.commit),
            articles=tuple(e.articles),
            notes=tuple(EditionNoteDef(k.say(n.act), n.says, tuple(n.provisions)) for n in e.notes),
            earlier=k.say(e.earlier) if e.earlier else None,
        )
        for e, _ in k.entries("editions")
    }
    for e, site in k.entries("editions"):
        first = min((x for x in editions.values() if x.act == e.act), key=lambda x: x.date)
        if e.earlier is not None and first.id != e.id:
            k.problem(site.at("earlier"), say("earliest_only", act=e.act, first=first.id))
        for i, note in enumerate(e.notes):
            k.provision_refs(note.provisions, site.at("notes", i, "provisions"))
    return editions


def check_provision_editions(k: Compiler, editions: dict[str, Edition]) -> None:
    """Each wording of a provision is held by editions of its act dated in its period."""
    for provision, site in k.entries("provisions"):
        holders: dict[str, int] = {}
        for v, version in enumerate(provision.versions):
            for i, ref in enumerate(version.editions):
                where = site.at("versions", v, "editions", i)
                edition = _known(k, ref, where, editions)
                if edition is None:
                    continue
                if edition.act != provision.act:
                    message = say("edition_of_act", ref=ref, act=edition.act, other=provision.act)
                    k.problem(where, message)
                elif not _shows(edition, version, provision.id):
                    k.problem(where, _outside(edition, version))
                if ref in holders:
                    message = say("holds_wording", ref=ref, index=holders[ref], id=provision.id)
                    k.problem(where, message)
                holders[ref] = v


def check_sources(k: Compiler, editions: dict[str, Edition]) -> None:
    """Every cited version's sources exist; `read` versions' sources hold their wording."""
    provisions = {p.id: p for p, _ in k.entries("provisions")}
    for finding, site in k.entries("findings"):
        if finding.source is not None:
            _known(k, finding.source, site.at("source"), editions)
    for version, site in k.cited:
        sources = [
            e
            for i, ref in enumerate(version.source)
            if (e := _known(k, ref, site.at("source", i), editions))
        ]
        if len(sources) != len(version.source):
            continue
        _rests_on_earlier(k, version, sources, editions, site)
        if version.basis == "read":
            _read_where_claimed(k, version, sources, provisions, site)


def _read_where_claimed(
    k: Compiler,
    version: doc.Cited,
    sources: Sequence[Edition],
    provisions: dict[str, doc.ProvisionDoc],
    site: Site,
) -> None:
    """A `read` version's sources existed in its period and hold each wording it encodes."""
    for i, edition in enumerate(sources):
        if version.valid_to is not None and edition.date > version.valid_to:
            message = say("edition_after", id=edition.id, date=edition.date, end=version.valid_to)
            k.problem(site.at("source", i), message)
    for j, pid in enumerate(version.provisions):
        provision = provisions.get(pid)
        if provision is None:
            continue  # reported by provision_refs
        of_act = [e for e in sources if e.act == provision.act]
        if not of_act:
            k.problem(site.at("provisions", j), say("basis_no_source", act=provision.act, id=pid))
        elif not any(_holds(provision, e, version) for e in of_act):
            named = ", ".join(e.id for e in of_act)
            message = say("basis_not_held", editions=named, id=pid, day=version.valid_from)
            k.problem(site.at("provisions", j), message)


def _holds(provision: doc.ProvisionDoc, edition: Edition, version: doc.Dated) -> bool:
    """Whether `edition` holds a wording of `provision` in force during `version`."""
    return any(edition.id in pv.editions and _overlap(pv, version) for pv in provision.versions)


def _rests_on_earlier(
    k: Compiler,
    version: doc.Cited,
    sources: Sequence[Edition],
    editions: dict[str, Edition],
    site: Site,
) -> None:
    """A version older than its act's first edition needs that edition's `earlier` note."""
    for i, edition in enumerate(sources):
        first = min((e for e in editions.values() if e.act == edition.act), key=lambda e: e.date)
        if version.valid_from < first.date and first.earlier is None:
            message = say(
                "before_first_edition", day=version.valid_from, act=edition.act, first=first.id
            )
            k.problem(site.at("source", i), message)


def _known(k: Compiler, ref: str, site: Site, editions: dict[str, Edition]) -> Edition | None:
    edition = editions.get(ref)
    if edition is None:
        known = ", ".join(sorted(editions))
        k.problem(site, say("unknown_edition", ref=repr(ref), known=known))
    return edition


def _shows(edition: Edition, period: doc.Dated, *provisions: str) -> bool:
    """Whether the edition is dated in the period, or shows it ahead of its day."""
    if period.valid_to is not None and edition.date > period.valid_to:
        return False
    return period.valid_from <= edition.date or bool(edition.ahead & set(provisions))


def _overlap(a: doc.Dated, b: doc.Dated) -> bool:
    end_a, end_b = a.valid_to or dt.date.max, b.valid_to or dt.date.max
    return a.valid_from <= end_b and b.valid_from <= end_a


def _outside(edition: Edition, period: doc.Dated) -> str:
    until = period.valid_to or say("onwards")
    return say(
        "edition_outside", id=edition.id, date=edition.date, start=period.valid_from, until=until
    )


def edition_label(edition: Edition, act: str | None = None, lang: Language = "en") -> str:
    """`Law 148-II, edition of 2014-11-07`, in `lang` (`act`: the act's name in it)."""
    template = translator(lang).gettext("{act}, edition of {date}")
    return template.format(act=act or edition.act, date=day(edition.date, lang))
