"""Compile validated rule documents into a `RuleSet`, checking that they hang together.

Parsing (documents.py) guarantees each file has the right shape; compiling checks
what only the whole set can tell: ids are unique, every reference (finding code,
procedure, list, event type, fact) resolves, versions of a rule do not overlap.
All problems are collected, each located in its file, and raised together.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, get_args

from maslihat.errors import Issue
from maslihat.model import EVENT_MODELS
from maslihat.model.result import Stage
from maslihat.rules import conditions as c
from maslihat.rules import documents as doc
from maslihat.rules import syntax as s
from maslihat.rules.citations import parse_citation
from maslihat.rules.languages import DEFAULT_LANGUAGE, Language, Texts
from maslihat.rules.ruleset import (
    EntryWindow,
    FindingDef,
    Version,
    Versioned,
)
from maslihat.rules.scope import Scope
from maslihat.rules.types import KATO_CONSTRAINT, Kind, Types
from maslihat.source import Document
from maslihat.source.document import Loc
from maslihat.wording import Said, say

T = TypeVar("T")
V = TypeVar("V", bound=doc.Cited)
STAGES = frozenset(get_args(Stage))
MAX_NESTING = 32
"""How deep `all`, `any` and `not` may nest: bounds compiling and evaluating alike."""
KATO_CODE = re.compile(str(KATO_CONSTRAINT.pattern))
WANTED: dict[str, tuple[frozenset[Kind], str]] = {
    "collection": (frozenset({"collection"}), "want_collection"),
    "date": (frozenset({"date"}), "kind_date"),
    "number": (frozenset({"number"}), "kind_number"),
    "territory": (frozenset({"territory"}), "want_territory"),
}
"""What a place in a rule needs, and the message that says it."""
KIND_WORDS: dict[Kind, str] = {
    "collection": "kind_collection",
    "date": "kind_date",
    "number": "kind_number",
    "territory": "kind_territory",
    "value": "kind_value",
    "unknown": "kind_unknown",
}
"""The message that names each kind of value, for a value of the wrong kind."""


@dataclass(frozen=True)
class Site:
    """Where a piece of a rule document stands: its file and path, for error messages."""

    document: Document
    loc: Loc

    def at(self, *parts: str | int) -> Site:
        """A site further down."""
        return Site(self.document, (*self.loc, *parts))

    def issue(self, message: str) -> Issue:
        """An issue located here."""
        return self.document.issue(self.loc, message)


@dataclass
class Compiler:
    """Turns the parsed files of one rule directory into a rule set."""

    files: Sequence[tuple[Document, doc.RuleFile]]
    lang: Language = DEFAULT_LANGUAGE
    issues: list[Issue] = field(default_factory=list)
    fact_docs: dict[str, tuple[s.FactDoc, Site]] = field(default_factory=dict)
    seen: dict[tuple[str, str], Site] = field(default_factory=dict)
    cited: list[tuple[doc.Cited, Site]] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)
    types: Types = field(default_factory=lambda: Types({}, {}))
    cyclic: set[str] = field(default_factory=set)
    places: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    _entries: dict[str, list[tuple[Any, Site]]] = field(default_factory=dict)
    _checked: set[tuple[str, int, Loc, Any]] = field(default_factory=set)
    _acts: dict[str, Texts] | None = None

    def problem(self, site: Site, message: str) -> None:
        """Record an issue and carry on, so that all problems are reported at once."""
        self.issues.append(site.issue(message))

    def entries(self, section: str) -> list[tuple[Any, Site]]:
        """Every rule of a section across the files, with its site; ids checked unique.

        Read once per section: later calls return the same list (and report nothing again).
        """
        if section not in self._entries:
            self._entries[section] = self._read_entries(section)
        return self._entries[section]

    def _read_entries(self, section: str) -> list[tuple[Any, Site]]:
        out = []
        for document, rule_file in self.files:
            for index, entry in enumerate(getattr(rule_file, section)):
                site = Site(document, (section, index))
                key = getattr(entry, "id", None) or getattr(entry, "code", None)
                if key is not None:
                    first = self.seen.setdefault((section, key), site)
                    if first is not site:
                        line, column = first.document.position(first.loc) or (0, 0)
                        where = f"{first.document.file}:{line}:{column}"
                        message = say("duplicate_id", id=repr(key), section=section, where=where)
                        self.problem(site.at("id"), message)
                        continue
                out.append((entry, site))
        return out

    # -- the pieces -------------------------------------------------------------------

    def say(self, texts: Texts) -> str:
        """A text of the rule files in the language being compiled."""
        return texts[self.lang]

    def cite(self, written: str | None, site: Site) -> str | None:
        """A citation in the language being compiled; one whose parts do not parse is refused.

        Every citation is parsed whatever the language, so a rule author learns of a
        citation that cannot be put in Russian or Kazakh from an English run too.
        """
        if written is None:
            return None
        if self._acts is None:
            self._acts = {act.id: act.name for act, _ in self.entries("acts")}
        try:
            citation = parse_citation(written, self._acts)
        except ValueError as exc:
            self.problem(site, say("citation_bad", written=repr(written), reason=exc.args[0]))
            return written
        return written if self.lang == "en" else citation.text(self.lang, self._acts)

    def versions(
        self, rule: str, docs: Sequence[V], site: Site, body: Callable[[V, Site, str], T]
    ) -> Versioned[T]:
        """Compile dated versions, checking they do not overlap."""
        compiled = []
        for index, version in enumerate(docs):
            vsite = site.at(index)
            key = f"{rule}@{version.valid_from.isoformat()}"
            compiled.append(self.version(rule, version, vsite, body(version, vsite, key)))
        ordered = sorted(compiled, key=lambda v: v.valid_from)
        for earlier, later in itertools.pairwise(ordered):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                message = say(
                    "versions_overlap", earlier=earlier.key, later=later.key, day=later.valid_from
                )
                self.problem(site, message)
        return Versioned(tuple(ordered))

    def version(self, rule: str, cited: doc.Cited, site: Site, body: T) -> Version[T]:
        """One compiled version of a rule; its sources are checked once editions are known."""
        self.provision_refs(cited.provisions, site.at("provisions"))
        self.cited.append((cited, site))
        window = cited.window
        return Version(
            rule=rule,
            valid_from=cited.valid_from,
            valid_to=cited.valid_to,
            citation=self.cite(cited.citation, site.at("citation")) or cited.citation,
            text=self.say(cited.text),
            basis=cited.basis,
            interpretation=self.say(cited.interpretation) if cited.interpretation else None,
            body=body,
            sources=tuple(cited.source),
            provisions=tuple(cited.provisions),
            url=self.urls.get(cited.source[0]),
            window=(
                EntryWindow(window.earliest, window.latest, self.say(window.reason))
                if window
                else None
            ),
        )

    def condition(
        self, node: s.Condition | None, site: Site, nid: str, scope: Scope, depth: int = 0
    ) -> c.Condition:
        """Compile a condition tree, checking every fact it reads and the kinds it needs."""
        line, column = site.document.position(site.loc) or (0, 0)
        self.places[nid] = (site.document.file, line, column)
        if node is None:
            return c.Always(nid)
        if depth >= MAX_NESTING and isinstance(node, s.All | s.Any_ | s.Not):
            self.problem(site, say("too_nested", limit=MAX_NESTING))
            return c.Always(nid)
        if isinstance(node, s.All | s.Any_):
            kind = "all" if isinstance(node, s.All) else "any"
            children = node.all if isinstance(node, s.All) else node.any
            return c.Combination(
                nid,
                kind,
                tuple(
                    self.condition(child, site.at(kind, i), f"{nid}.{kind}[{i}]", scope, depth + 1)
                    for i, child in enumerate(children)
                ),
            )
        if isinstance(node, s.Not):
            inner = self.condition(node.not_, site.at("not"), f"{nid}.not", scope, depth + 1)
            return c.Negation(nid, inner)
        self.fact(node.fact, site.at("fact"), scope)
        op = node.operator
        if op == "within":
            self.need(
                node.fact, site.at("fact"), scope, "territory", say("need_compares", name="within")
            )
        return c.Comparison(nid, node.fact, op, self.operand(node.operand, site.at(op), scope, op))

    def operand(self, value: Any, site: Site, scope: Scope, op: str = "eq") -> c.Operand:
        """Compile the right-hand side of a comparison."""
        if isinstance(value, s.FactRef):
            self.fact(value.fact, site.at("fact"), scope)
            if value.times is not None:
                self.need(
                    value.fact, site.at("fact"), scope, "number", say("need_scales", name="times")
                )
            if op in ("in", "not_in"):
                self.need(
                    value.fact, site.at("fact"), scope, "collection", say("need_looks_in", name=op)
                )
            if op == "within":
                self.need(
                    value.fact,
                    site.at("fact"),
                    scope,
                    "territory",
                    say("need_takes", name="within"),
                    True,
                )
            return c.FactValue(value.fact, value.times)
        if op == "within" and not (isinstance(value, str) and KATO_CODE.fullmatch(value)):
            self.problem(site, say("within_territory", value=c.show(value)))
        if isinstance(value, s.ListRef):
            if value.list not in self.list_ids:
                self.problem(site.at("list"), say("unknown_list", list=repr(value.list)))
            return c.ListItems(value.list, value.tagged)
        if isinstance(value, list):
            return c.Constant(frozenset(value))
        return c.Constant(value)

    def need(
        self, path: str, site: Site, scope: Scope, wanted: str, what: Said, strict: bool = False
    ) -> None:
        """Check that `path` holds a value of the kind wanted here.

        A fact whose kind cannot be known (`item.`, `check.`, `ground.`) passes unless
        `strict`: evaluation guards those values.
        """
        if not scope.checked or (path.split(".")[0] not in self.fact_docs and scope.problem(path)):
            return  # checked where the fact is used, or not readable here (reported as such)
        kinds, described = WANTED[wanted]
        found = self.types.kind(path, scope.event_types)
        if found in kinds or (found == "unknown" and not strict):
            return
        shown = say(KIND_WORDS[found])
        self.problem(site, say("need", what=what, described=say(described), path=path, shown=shown))

    def fact(self, path: str, site: Site, scope: Scope) -> None:
        """Check that `path` can be read in `scope` (named facts: all they read, too).

        A named fact is checked once per scope and site, so facts that share what they
        read cost no more than facts that do not; facts on a cycle are not followed.
        """
        name = path.split(".")[0]
        if name not in self.fact_docs:
            problem = scope.problem(path)
            if problem:
                self.problem(site, problem)
            return
        if path != name:
            self.problem(site, say("named_fact_fields", name=repr(name)))
        key = (name, id(site.document), site.loc, scope.key)
        if name not in self.cyclic and key not in self._checked:
            self._checked.add(key)
            self._named_fact(name, site, scope)

    def _named_fact(self, name: str, site: Site, scope: Scope) -> None:
        """Check what a named fact reads, and the kinds its definition needs, in `scope`."""
        fact_doc, at = self.fact_docs[name]
        if yb := fact_doc.years_between:
            for part, p in (("from", yb.from_), ("to", yb.to)):
                self.fact(p, site, scope)
                self.need(
                    p,
                    at.at("years_between", part),
                    scope,
                    "date",
                    say("need_needs", name="years_between"),
                )
        for i, p in enumerate(fact_doc.sum or ()):
            self.need(p, at.at("sum", i), scope, "number", say("need_adds", name="sum"))
        for p in fact_doc.sum or fact_doc.first_of or ():
            self.fact(p, site, scope)
        if count := fact_doc.count:
            self.fact(count.items, site, scope)
            self.need(
                count.items,
                at.at("count", "items"),
                scope,
                "collection",
                say("need_takes", name="count"),
                True,
            )
            if count.where:
                self.condition(
                    count.where, at.at("count", "where"), "", scope.with_root("item", None)
                )
        if run := fact_doc.run_length:
            for part in ("where", "among"):
                if (node := getattr(run, part)) is not None:
                    self.condition(node, at.at("run_length", part), "", scope.with_event(run.event))

    def provision_refs(self, ids: Sequence[str], site: Site) -> None:
        """Check that every provision a rule claims to encode is in the catalogue."""
        known = {p.id for _, rule_file in self.files for p in rule_file.provisions}
        for index, provision in enumerate(ids):
            if provision not in known:
                self.problem(site.at(index), say("unknown_provision", id=repr(provision)))

    @property
    def list_ids(self) -> frozenset[str]:
        """The ids of all lists declared in the files."""
        return frozenset(entry.id for _, rule_file in self.files for entry in rule_file.lists)

    def finding_ref(self, code: str, site: Site, findings: dict[str, FindingDef]) -> None:
        """Check that a finding code is declared."""
        if code not in findings:
            self.problem(site, say("unknown_finding", code=repr(code)))

    def event_ref(self, event: str, site: Site) -> None:
        """Check that an event type exists."""
        if event not in EVENT_MODELS:
            known = ", ".join(sorted(EVENT_MODELS))
            self.problem(site, say("unknown_event_type", event=repr(event), known=known))
