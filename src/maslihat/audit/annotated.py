"""Rule files annotated with what the audit found, line by line, as coverage.py shows a module.

Each line where a condition starts is marked covered (seen true and false, every
child of an all/any seen deciding alone), MC/DC gap (seen both ways, but some child
never decided alone) or uncovered (not seen both ways); each mutant that survived is
shown under the line it changed. The positions come from the compiler
(`RuleSet.places`) and from the mutants' own `where`, so nothing here re-reads the
rules' structure.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from maslihat.audit.model import AuditReport, ConditionCoverage, MutantOutcome
from maslihat.i18n import DEFAULT_LANGUAGE, N_, Language, translator
from maslihat.rules.ruleset import RuleSet

Mark = Literal["covered", "gap", "uncovered", "plain"]
_WHERE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+)(?: |$)")


@dataclass
class Line:
    """One line of a rule file and what the audit says of it."""

    number: int
    text: str
    mark: Mark = "plain"
    notes: list[str] = field(default_factory=list)
    survivors: list[MutantOutcome] = field(default_factory=list)


@dataclass
class FileListing:
    """A rule file, its lines annotated, and its counts."""

    name: str
    page: str
    lines: list[Line]
    conditions: int = 0
    covered: int = 0
    gaps: int = 0
    survived: int = 0
    killed: int = 0

    @property
    def percentage(self) -> float:
        """Conditions seen both ways, as a percentage (100 when there are none)."""
        return round(100 * self.covered / self.conditions, 1) if self.conditions else 100.0


def _mark(condition: ConditionCoverage, lang: Language) -> tuple[Mark, str]:
    _ = translator(lang).gettext
    node = condition.node
    if not condition.covered:
        seen = (
            N_("{node}: seen true only")
            if condition.seen_true
            else N_("{node}: seen false only")
            if condition.seen_false
            else N_("{node}: never seen")
        )
        return "uncovered", _(seen).format(node=node)
    alone = [c.index for c in condition.children or () if not (c.decided and c.counterpart)]
    if alone:
        which = ", ".join(f"[{i}]" for i in alone)
        note = _("{node}: child {which} never decides it alone (MC/DC)")
        return "gap", note.format(node=node, which=which)
    return "covered", _("{node}: seen true and false").format(node=node)


_RANK: dict[Mark, int] = {"plain": 0, "covered": 1, "gap": 2, "uncovered": 3}


def file_listings(
    report: AuditReport, rules: RuleSet, lang: Language = DEFAULT_LANGUAGE
) -> list[FileListing]:
    """Each rule file holding a condition or a mutant, annotated (notes in `lang`), by name."""
    marks: dict[str, dict[int, list[tuple[Mark, str]]]] = defaultdict(lambda: defaultdict(list))
    for condition in report.conditions:
        place = rules.places.get(condition.node)
        if place is not None:
            marks[place[0]][place[1]].append(_mark(condition, lang))
    mutants: dict[str, dict[int, list[MutantOutcome]]] = defaultdict(lambda: defaultdict(list))
    for mutant in report.mutants or ():
        found = _WHERE.match(mutant.where)
        if found:
            mutants[found["file"]][int(found["line"])].append(mutant)
    return [
        _listing(path, marks.get(path, {}), mutants.get(path, {}))
        for path in sorted(set(marks) | set(mutants), key=lambda p: Path(p).name)
    ]


def _listing(
    path: str, marks: dict[int, list[tuple[Mark, str]]], mutants: dict[int, list[MutantOutcome]]
) -> FileListing:
    try:
        texts = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        texts = []
    name = Path(path).name
    listing = FileListing(
        name, f"{Path(path).stem}.html", [Line(n, t) for n, t in enumerate(texts, 1)]
    )
    for line in listing.lines:
        found = marks.get(line.number, [])
        if found:
            line.mark = max((m for m, _ in found), key=_RANK.__getitem__)
            line.notes = [note for _, note in found]
        listing.conditions += len(found)
        listing.covered += sum(m != "uncovered" for m, _ in found)
        listing.gaps += sum(m == "gap" for m, _ in found)
        here = mutants.get(line.number, [])
        line.survivors = [m for m in here if m.status == "survived"]
        listing.survived += len(line.survivors)
        listing.killed += sum(m.status == "killed" for m in here)
    return listing
