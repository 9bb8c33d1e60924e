"""Editions × provisions: does each wording an edition holds reach the rules, on its day?

Traceability asks whether a provision is encoded at all; it cannot see a provision
that changes, appears or disappears between two editions while the rules go on as
before. So each edition we read is held against the rules as they stand on its day:
every provision it holds must be encoded by a rule version in force then (or be out
of scope, with a reason); a provision the rules hold in force must be in the edition;
and where the wording changes from one edition to the next, every rule encoding it
must change version in between. Each shortfall is a gap, which `--strict` refuses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import pairwise

from maslihat.audit.model import CellStatus, EditionCell, EditionGap, EditionRow, EditionTable
from maslihat.rules.documents import ProvisionDoc
from maslihat.rules.languages import Language
from maslihat.rules.listing import RuleVersionInfo, all_versions
from maslihat.rules.ruleset import Edition, RuleSet

RuleVersions = dict[tuple[str, str], list[RuleVersionInfo]]
"""Each rule, `(kind, id)`, with its versions oldest first."""


def edition_table(rules: RuleSet) -> EditionTable:
    """Every edition (by act, then date) against every provision of its act, and the gaps."""
    versions: RuleVersions = defaultdict(list)
    for info in all_versions(rules):
        versions[(info.kind, info.id)].append(info)
    editions = sorted(rules.editions.values(), key=lambda e: (e.act, e.date))
    provisions = list(rules.provisions.values())
    rows = [_row(edition, provisions, versions, rules.lang) for edition in editions]
    gaps = [gap for row in rows for gap in _cell_gaps(row, rules.provisions)]
    for before, after in pairwise(rows):
        if before.act == after.act:
            gaps += _boundary_gaps(before, after, versions)
    return EditionTable(rows=rows, gaps=gaps)


def _row(
    edition: Edition, provisions: Collection[ProvisionDoc], versions: RuleVersions, lang: Language
) -> EditionRow:
    return EditionRow(
        edition=edition.id,
        act=edition.act,
        date=edition.date,
        cells=[_cell(edition, p, versions, lang) for p in provisions if p.act == edition.act],
    )


def _cell(
    edition: Edition, provision: ProvisionDoc, versions: RuleVersions, lang: Language
) -> EditionCell:
    """What the edition holds of the provision, and what the rules make of it on its day
    (its reason for being out of scope in `lang`)."""
    held = provision.held_by(edition.id)
    if held is None:
        status, day = _unheld(edition, provision)
        return EditionCell(provision=provision.id, status=status, day=day)
    day = max(edition.date, held.valid_from)
    if provision.scope == "out_of_scope":
        return EditionCell(
            provision=provision.id,
            status="out_of_scope",
            day=day,
            wording=held.valid_from,
            reason=" ".join(provision.reason[lang].split()) if provision.reason else "",
        )
    encoding = [_key(v) for v in _in_force(versions, day) if provision.id in v.provisions]
    return EditionCell(
        provision=provision.id,
        status="encoded" if encoding else "missing",
        day=day,
        wording=held.valid_from,
        rules=encoding,
    )


def _unheld(edition: Edition, provision: ProvisionDoc) -> tuple[CellStatus, dt.date]:
    """A provision the edition does not hold: a gap if the rules have it in force then.

    An edition shows only the articles read from it, so of a provision of another
    article the table cannot say what the edition holds: `not_read`. An edition whose
    entry-into-force note shows the provision gone ahead of its day rightly lacks it;
    the day looked at is then the day it goes.
    """
    current = next((v for v in provision.versions if v.in_force(edition.date)), None)
    if current is None:
        return "absent", edition.date
    if provision.id in edition.ahead:
        gone = current.valid_to + dt.timedelta(days=1) if current.valid_to else edition.date
        return "absent", gone
    if provision.article not in edition.articles:
        return "not_read", edition.date
    return "not_in_edition", edition.date


def _cell_gaps(row: EditionRow, provisions: Mapping[str, ProvisionDoc]) -> Iterator[EditionGap]:
    for cell in row.cells:
        if cell.status == "missing":
            detail = (
                f"the edition holds the wording in force from {cell.wording}, but no rule "
                f"version in force on {cell.day} encodes it"
            )
        elif cell.status == "not_in_edition":
            current = next(v for v in provisions[cell.provision].versions if v.in_force(row.date))
            detail = (
                f"the wording in force from {current.valid_from} is in force on {row.date}, "
                "but the edition does not hold it"
            )
        else:
            continue
        yield EditionGap(
            kind=cell.status, edition=row.edition, provision=cell.provision, detail=detail
        )


def _boundary_gaps(
    before: EditionRow, after: EditionRow, versions: RuleVersions
) -> Iterator[EditionGap]:
    """Where the wording changes between two editions, each rule encoding it must too.

    A rule is held to this when its version in force on either day encodes the
    provision; one that encodes it on neither day (or is in force on neither) has
    nothing to follow. With one version on both days, "either" is that version.
    """
    for old, new in zip(before.cells, after.cells, strict=True):
        if not wording_changes(old, new):
            continue
        for (kind, rule), infos in versions.items():
            version = _at(infos, old.day)
            if version is None or version != _at(infos, new.day):
                continue
            if old.provision in version.provisions:
                yield EditionGap(
                    kind="no_boundary",
                    edition=after.edition,
                    provision=old.provision,
                    earlier=before.edition,
                    rule=f"{kind} {rule}",
                    detail=(
                        f"the wording changes between {before.edition} ({old.day}) and "
                        f"{after.edition} ({new.day}), but {kind} {rule} has one version "
                        f"on both days ({_key(version)})"
                    ),
                )


def wording_changes(old: EditionCell, new: EditionCell) -> bool:
    """Whether a provision's wording differs between two editions (another, or none).

    A cell of an article not read says nothing of the wording, so it changes nothing.
    """
    return old.wording != new.wording and "not_read" not in (old.status, new.status)


def _in_force(versions: RuleVersions, day: dt.date) -> Iterator[RuleVersionInfo]:
    """Each rule's version in force on `day`, for the rules that have one."""
    for infos in versions.values():
        if (version := _at(infos, day)) is not None:
            yield version


def _at(infos: Sequence[RuleVersionInfo], day: dt.date) -> RuleVersionInfo | None:
    return next((v for v in infos if v.in_force(day)), None)


def _key(info: RuleVersionInfo) -> str:
    """`id@valid_from`, as traceability names rule versions."""
    return f"{info.id}@{info.valid_from.isoformat()}"
