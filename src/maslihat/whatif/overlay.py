"""Apply an amendment to a rule set: change the rule documents, then compile them again.

The amendment's changes are made to the parsed rule files (never to the files on disk),
and the result goes through the one compiler (`compile_rules`), so an amended rule set
is checked exactly as rule files are: every reference, kind, overlap and citation.
What an amendment writes is validated by the rule files' own models; a problem in it is
reported at its line and column in the amendment file (an `Overlaid` document sends the
compiler's locations there), with exit 3. The new `RuleSet` gets its fingerprint from
its content, like any other: an amendment that changes nothing changes no fingerprint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from maslihat.errors import Issue, RulesError
from maslihat.rules import documents as doc
from maslihat.rules.assemble import compile_rules
from maslihat.rules.languages import Act
from maslihat.rules.ruleset import RuleSet
from maslihat.source import Document, issues_from_validation_error
from maslihat.source.paths import Loc, format_loc
from maslihat.whatif.amendment import AddEntry, Amendment, EndRule, NewVersion
from maslihat.wording import say

VERSION_MODELS: dict[str, type[doc.Cited]] = {
    "checks": doc.CheckVersion,
    "grounds": doc.GroundVersion,
    "procedures": doc.ProcedureVersion,
    "restrictions": doc.RestrictionVersion,
    "lists": doc.ListItem,
}
"""The model a version of a rule in each section is validated with."""
REWORDED = frozenset({"valid_from", "valid_to", "window", "interpretation", "citation", "text"})
"""What a new version never takes from the version it follows: its own dates and words."""
Files = Sequence[tuple[Document, doc.RuleFile]]


@dataclass(frozen=True)
class Overlaid(Document):
    """A rule file's document whose amended parts are located in the amendment file."""

    overlays: Mapping[Loc, tuple[Document, Loc]] = field(default_factory=dict)

    def _target(self, loc: Loc) -> tuple[Document, Loc] | None:
        for end in range(len(loc), 0, -1):
            if (hit := self.overlays.get(loc[:end])) is not None:
                return hit[0], (*hit[1], *loc[end:])
        return None

    def position(self, loc: Loc) -> tuple[int, int] | None:
        """The position in the amendment of an amended part, else in the rule file."""
        target = self._target(loc)
        return target[0].position(target[1]) if target else Document.position(self, loc)

    def issue(self, loc: Loc, message: str) -> Issue:
        """An issue in the amendment for an amended part, else in the rule file."""
        target = self._target(loc)
        return target[0].issue(target[1], message) if target else Document.issue(self, loc, message)


def apply_amendment(rules: RuleSet, amendment: Amendment) -> RuleSet:
    """`rules` as `amendment` would change them: a new, immutable `RuleSet`.

    Raises `RulesError` (located in the amendment file) if the amendment names rules
    that do not exist, or if the amended rules do not compile.
    """
    if not rules.files:
        raise RulesError([Issue(say("not_from_files"), "", rules.source)])
    files = overlay(rules.files, amendment)
    return compile_rules(files, source=f"{rules.source} + {amendment.document.file}")


def overlay(files: Files, amendment: Amendment) -> list[tuple[Document, doc.RuleFile]]:
    """The rule files with the amendment's changes made, ready to compile."""
    work = _Work(files, amendment.document)
    if amendment.spec.changes:  # an empty amendment leaves the rules as they are
        work.name_act(amendment.spec.act)
    for index, change in enumerate(amendment.spec.changes):
        at: Loc = ("changes", index)
        if isinstance(change, NewVersion):
            work.new_version(change, at)
        elif isinstance(change, EndRule):
            work.end(change, at)
        elif isinstance(change, AddEntry):
            work.add(change, at)
    return work.result()


def _sub_document(document: Document, at: Loc, data: Any) -> Document:
    """`data` standing at `at` in `document`, positions kept (for validation messages)."""
    n = len(at)
    positions = {loc[n:]: pos for loc, pos in document.positions.items() if loc[:n] == at}
    positions.setdefault((), document.position(at) or (1, 1))
    return Document(data, document.file, positions)


@dataclass
class _Work:
    """The rule files being amended: their sections, and where amended parts came from."""

    files: Files
    source: Document
    sections: list[dict[str, list[Any]]] = field(default_factory=list)
    overlays: list[dict[Loc, tuple[Document, Loc]]] = field(default_factory=list)
    added: dict[str, list[Any]] = field(default_factory=dict)
    added_at: dict[Loc, tuple[Document, Loc]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def __post_init__(self) -> None:
        for _, rule_file in self.files:
            self.sections.append({name: list(getattr(rule_file, name)) for name in _sections()})
            self.overlays.append({})

    def name_act(self, act: Act) -> None:
        """Let citations name the bill: its act joins the acts the rules name, once."""
        if any(known.id == act.id for sections in self.sections for known in sections["acts"]):
            return
        self.added.setdefault("acts", []).append(act)

    # -- finding what a change names ----------------------------------------------------

    def _entry(self, section: str, key: str) -> tuple[int, int] | None:
        for f, sections in enumerate(self.sections):
            for i, entry in enumerate(sections[section]):
                if getattr(entry, "id", None) == key:
                    return f, i
        return None

    def _versions(self, ref: str, at: Loc, what: str) -> tuple[int, Loc, list[int]] | None:
        """The file, the list that holds the rule's versions, and their indexes in it."""
        section, key, *item = ref.split(".")
        found = self._entry(section, key)
        if found is None:
            self._problem((*at, what), say("no_such_entry", kind=section[:-1], key=repr(key)))
            return None
        f, i = found
        entry = self.sections[f][section][i]
        if section != "lists":
            return f, (section, i, "versions"), list(range(len(entry.versions)))
        indexes = [n for n, it in enumerate(entry.items) if it.id == item[0]]
        if not indexes:
            self._problem((*at, what), say("no_such_item", list=repr(key), item=repr(item[0])))
            return None
        return f, (section, i, "items"), indexes

    def _holder(self, f: int, loc: Loc) -> list[Any]:
        section, i, attr = loc
        return list(getattr(self.sections[f][str(section)][int(i)], str(attr)))

    def _store(self, f: int, loc: Loc, versions: list[Any]) -> None:
        section, i, attr = loc
        entries = self.sections[f][str(section)]
        entries[int(i)] = entries[int(i)].model_copy(update={str(attr): versions})

    def _problem(self, loc: Loc, message: str) -> None:
        self.issues.append(self.source.issue(loc, message))

    def _validated(self, model: type[BaseModel], data: dict[str, Any], at: Loc) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            sub = _sub_document(self.source, at, data)
            for issue in issues_from_validation_error(exc, sub):
                field_path = ".".join(p for p in (format_loc(at), issue.field) if p)
                self.issues.append(replace(issue, field=field_path))
            return None

    # -- the three kinds of change ------------------------------------------------------

    def new_version(self, change: NewVersion, at: Loc) -> None:
        """Add a version from `valid_from`; the version then in force ends the day before."""
        found = self._versions(change.version, at, "version")
        if found is None:
            return
        f, loc, indexes = found
        holder = self._holder(f, loc)
        olds = [holder[n] for n in indexes]
        start = change.valid_from
        if any(v.valid_from == start for v in olds):
            message = say("version_from", rule=change.version, day=start)
            self._problem((*at, "valid_from"), message)
            return
        before = [v for v in olds if v.valid_from < start]
        base = max(before, key=lambda v: v.valid_from) if before else olds[0]
        later = [v.valid_from for v in olds if v.valid_from > start]
        data = {
            k: v
            for k, v in base.model_dump(mode="json", by_alias=True, exclude_unset=True).items()
            if k not in REWORDED
        }
        data["basis"] = "inferred"
        data.update(
            change.model_dump(mode="json", by_alias=True, exclude={"version"}, exclude_none=True)
        )
        if change.valid_to is None and later:
            data["valid_to"] = (min(later) - dt.timedelta(days=1)).isoformat()
        version = self._validated(VERSION_MODELS[str(loc[0])], data, at)
        if version is None:
            return
        for n in indexes:
            v = holder[n]
            if v.in_force(start) and v.valid_from < start:
                holder[n] = v.model_copy(update={"valid_to": start - dt.timedelta(days=1)})
                self.overlays[f][(*loc, n, "valid_to")] = (self.source, (*at, "valid_from"))
        self.overlays[f][(*loc, len(holder))] = (self.source, at)
        self._store(f, loc, [*holder, version])

    def end(self, change: EndRule, at: Loc) -> None:
        """End the rule on `valid_to`: its version then in force ends, later ones go."""
        found = self._versions(change.end, at, "end")
        if found is None:
            return
        f, loc, indexes = found
        holder, last = self._holder(f, loc), change.valid_to
        if not any(holder[n].valid_from <= last for n in indexes):
            self._problem((*at, "valid_to"), say("nothing_to_end", rule=change.end, day=last))
            return
        kept: list[Any] = []
        for n, v in enumerate(holder):
            if n in indexes and v.valid_from > last:
                continue
            if n in indexes and (v.valid_to is None or v.valid_to > last):
                v = v.model_copy(update={"valid_to": last})
                self.overlays[f][(*loc, len(kept), "valid_to")] = (self.source, (*at, "valid_to"))
            kept.append(v)
        self._store(f, loc, kept)

    def add(self, change: AddEntry, at: Loc) -> None:
        """Add a rule to a section, or an item to a list."""
        section, *named = change.add.split(".")
        where = (*at, "entry")
        if named:
            found = self._entry("lists", named[0])
            if found is None:
                self._problem((*at, "add"), say("no_such_entry", kind="list", key=repr(named[0])))
                return
            item = self._validated(doc.ListItem, change.entry, where)
            if item is not None:
                f, i = found
                items = self._holder(f, ("lists", i, "items"))
                self.overlays[f][("lists", i, "items", len(items))] = (self.source, where)
                self._store(f, ("lists", i, "items"), [*items, item])
            return
        model = get_args(doc.RuleFile.model_fields[section].annotation)[0]
        entry = self._validated(model, change.entry, where)
        if entry is not None:
            entries = self.added.setdefault(section, [])
            self.added_at[(section, len(entries))] = (self.source, where)
            entries.append(entry)

    def result(self) -> list[tuple[Document, doc.RuleFile]]:
        """The amended files (and one of the amendment's new rules), or the issues found."""
        if self.issues:
            raise RulesError(self.issues)
        out = []
        for (document, rule_file), sections, overlays in zip(
            self.files, self.sections, self.overlays, strict=True
        ):
            if overlays or any(sections[s] != getattr(rule_file, s) for s in sections):
                document = _overlaid(document, overlays)
                rule_file = rule_file.model_copy(update=sections)
            out.append((document, rule_file))
        if self.added:
            extra = Overlaid(self.source.data, self.source.file, {}, self.added_at)
            out.append((extra, doc.RuleFile.model_validate({}).model_copy(update=self.added)))
        return out


def _sections() -> tuple[str, ...]:
    return tuple(n for n in doc.RuleFile.model_fields if n not in ("about", "lifecycle"))


def _overlaid(document: Document, overlays: Mapping[Loc, tuple[Document, Loc]]) -> Overlaid:
    earlier = document.overlays if isinstance(document, Overlaid) else {}
    return Overlaid(document.data, document.file, document.positions, {**earlier, **overlays})
