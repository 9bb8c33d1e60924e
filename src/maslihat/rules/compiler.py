"""Compile validated rule documents into a `RuleSet`, checking that they hang together.

Parsing (documents.py) guarantees each file has the right shape; compiling checks
what only the whole set can tell: ids are unique, every reference (finding code,
procedure, list, event type, fact) resolves, versions of a rule do not overlap.
All problems are collected, each located in its file, and raised together.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, get_args

from maslihat.errors import Issue
from maslihat.model import EVENT_MODELS
from maslihat.model.result import Stage
from maslihat.rules import conditions as c
from maslihat.rules import documents as doc
from maslihat.rules import syntax as s
from maslihat.rules.ruleset import (
    EntryWindow,
    FindingDef,
    Version,
    Versioned,
)
from maslihat.rules.scope import Scope
from maslihat.source import Document
from maslihat.source.document import Loc

T = TypeVar("T")
V = TypeVar("V", bound=doc.Cited)
STAGES = frozenset(get_args(Stage))


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
    issues: list[Issue] = field(default_factory=list)
    fact_docs: dict[str, tuple[s.FactDoc, Site]] = field(default_factory=dict)
    seen: dict[tuple[str, str], Site] = field(default_factory=dict)
    cited: list[tuple[doc.Cited, Site]] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)
    _entries: dict[str, list[tuple[Any, Site]]] = field(default_factory=dict)

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
                        self.problem(
                            site.at("id"), f"duplicate id {key!r} in {section} (first at {where})"
                        )
                        continue
                out.append((entry, site))
        return out

    # -- the pieces -------------------------------------------------------------------

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
                self.problem(
                    site,
                    f"versions {earlier.key} and {later.key} overlap: give the earlier a "
                    f"valid_to before {later.valid_from}",
                )
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
            citation=cited.citation,
            text=cited.text,
            basis=cited.basis,
            interpretation=cited.interpretation,
            body=body,
            sources=tuple(cited.source),
            provisions=tuple(cited.provisions),
            url=self.urls.get(cited.source[0]),
            window=EntryWindow(window.earliest, window.latest, window.reason) if window else None,
        )

    def condition(
        self, node: s.Condition | None, site: Site, nid: str, scope: Scope
    ) -> c.Condition:
        """Compile a condition tree, checking every fact it reads."""
        if node is None:
            return c.Always(nid)
        if isinstance(node, s.All | s.Any_):
            kind = "all" if isinstance(node, s.All) else "any"
            children = node.all if isinstance(node, s.All) else node.any
            return c.Combination(
                nid,
                kind,
                tuple(
                    self.condition(child, site.at(kind, i), f"{nid}.{kind}[{i}]", scope)
                    for i, child in enumerate(children)
                ),
            )
        if isinstance(node, s.Not):
            return c.Negation(nid, self.condition(node.not_, site.at("not"), f"{nid}.not", scope))
        self.fact(node.fact, site.at("fact"), scope)
        op = node.operator
        return c.Comparison(nid, node.fact, op, self.operand(node.operand, site.at(op), scope))

    def operand(self, value: Any, site: Site, scope: Scope) -> c.Operand:
        """Compile the right-hand side of a comparison."""
        if isinstance(value, s.FactRef):
            self.fact(value.fact, site.at("fact"), scope)
            return c.FactValue(value.fact, value.times)
        if isinstance(value, s.ListRef):
            if value.list not in self.list_ids:
                self.problem(site.at("list"), f"unknown list {value.list!r}")
            return c.ListItems(value.list, value.tagged)
        if isinstance(value, list):
            return c.Constant(frozenset(value))
        return c.Constant(value)

    def fact(
        self, path: str, site: Site, scope: Scope, visiting: frozenset[str] = frozenset()
    ) -> None:
        """Check that `path` can be read in `scope` (named facts: all they read, too)."""
        name = path.split(".")[0]
        if name not in self.fact_docs:
            problem = scope.problem(path)
            if problem:
                self.problem(site, problem)
            return
        if path != name:
            self.problem(site, f"named fact {name!r} has no fields")
        if name in visiting:
            self.problem(site, f"fact {name!r} is defined in terms of itself")
            return
        fact_doc, fact_site = self.fact_docs[name]
        inner = visiting | {name}
        if fact_doc.years_between:
            for p in (fact_doc.years_between.from_, fact_doc.years_between.to):
                self.fact(p, site, scope, inner)
        for p in fact_doc.sum or fact_doc.first_of or ():
            self.fact(p, site, scope, inner)
        if fact_doc.count:
            self.fact(fact_doc.count.items, site, scope, inner)
            if fact_doc.count.where:
                self.condition(fact_doc.count.where, fact_site, "", scope.with_root("item", None))
        if fact_doc.run_length:
            run = fact_doc.run_length
            for part in ("where", "among"):
                if (node := getattr(run, part)) is not None:
                    self.condition(
                        node, fact_site.at("run_length", part), "", scope.with_event(run.event)
                    )

    def provision_refs(self, ids: Sequence[str], site: Site) -> None:
        """Check that every provision a rule claims to encode is in the catalogue."""
        known = {p.id for _, rule_file in self.files for p in rule_file.provisions}
        for index, provision in enumerate(ids):
            if provision not in known:
                self.problem(site.at(index), f"unknown provision {provision!r}")

    @property
    def list_ids(self) -> frozenset[str]:
        """The ids of all lists declared in the files."""
        return frozenset(entry.id for _, rule_file in self.files for entry in rule_file.lists)

    def finding_ref(self, code: str, site: Site, findings: dict[str, FindingDef]) -> None:
        """Check that a finding code is declared."""
        if code not in findings:
            self.problem(site, f"unknown finding code {code!r}")

    def event_ref(self, event: str, site: Site) -> None:
        """Check that an event type exists."""
        if event not in EVENT_MODELS:
            self.problem(
                site, f"unknown event type {event!r}; known: {', '.join(sorted(EVENT_MODELS))}"
            )
