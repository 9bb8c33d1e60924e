"""Compile the declarations the rules refer to: state, lists, findings, named facts.

They are compiled before the rules proper, which check their references against
them; message templates are checked here too, as facts readable where they are used.
"""

from __future__ import annotations

from maslihat.model import EVENT_MODELS
from maslihat.rules import derived as d
from maslihat.rules.compiler import Compiler, Site
from maslihat.rules.documents import StateDoc
from maslihat.rules.ruleset import Cite, FindingDef, ListDef, StateDef, Version
from maslihat.rules.scope import GROUND_FIELDS, Scope
from maslihat.rules.syntax import FactDoc, fact_reads
from maslihat.rules.template import FactTemplate
from maslihat.rules.types import Kind, Types, join
from maslihat.wording import say

MAX_FACT_DEPTH = 16
"""How many named facts may rest on one another: bounds compiling and evaluating alike."""


def compile_findings(k: Compiler, base: Scope) -> dict[str, FindingDef]:
    """Finding codes, with their message templates checked."""
    message_scope = (
        base.with_any_event()
        .with_root("check", frozenset({"date"}))
        .with_root("ground", GROUND_FIELDS)
        .with_root("mandate", frozenset({"status", "status_words"}))
        .with_root("item", None)
    )
    findings = {}
    for f, site in k.entries("findings"):
        for lang, message in f.message.items():
            check_template(k, message, site.at("message", lang), message_scope)
        citation = k.cite(f.citation, site.at("citation"))
        cite = Cite(citation, k.urls.get(f.source or "")) if citation else None
        findings[f.code] = FindingDef(f.code, f.severity, k.say(f.message), cite)
    return findings


def compile_facts(k: Compiler, base: Scope) -> dict[str, d.Derived]:
    """Named facts; what each reads is checked against everything a rule may read."""
    facts = {fid: _derived(k, fd, site) for fid, (fd, site) in k.fact_docs.items()}
    for fid, (_, site) in k.fact_docs.items():
        k.fact(fid, site, base.with_root("check", frozenset({"date"})).with_any_event())
    return facts


def check_template(k: Compiler, text: str, site: Site, scope: Scope) -> None:
    """Check every `${path}` of a message template as a fact readable in `scope`.

    Any other `$` (but `$$`, a dollar sign) would stop the evaluation when the message
    is filled in, so it is refused here.
    """
    for match in FactTemplate.pattern.finditer(text):
        if match["invalid"] is not None:
            k.problem(site, say("dollar"))
        elif path := match["named"] or match["braced"]:
            k.fact(path, site, scope)


def check_fact_graph(k: Compiler) -> None:
    """Named facts may not rest on themselves, by any path, nor nest past MAX_FACT_DEPTH.

    A depth-first walk with its own stack (no recursion, whatever the rules hold);
    facts on a cycle are noted in `k.cyclic` so that later checks do not follow them.
    """
    reads = {
        fid: sorted({p.split(".")[0] for p in fact_reads(fd)} & k.fact_docs.keys())
        for fid, (fd, _) in k.fact_docs.items()
    }
    depth: dict[str, int] = {}
    for start in reads:
        path, stack = [start], [iter(reads[start])]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                done = path.pop()
                stack.pop()
                depth[done] = 1 + max((depth.get(r, 0) for r in reads[done]), default=0)
            elif following in path:
                cycle = [*path[path.index(following) :], following]
                k.cyclic.update(cycle)
                message = say("fact_cycle", fact=repr(following), cycle=" → ".join(cycle))
                k.problem(k.fact_docs[following][1], message)
            elif following not in depth:
                path.append(following)
                stack.append(iter(reads[following]))
    for fid, levels in depth.items():
        if levels == MAX_FACT_DEPTH + 1:
            k.problem(k.fact_docs[fid][1], say("fact_chain", fact=repr(fid), limit=MAX_FACT_DEPTH))


def compile_types(k: Compiler) -> Types:
    """The kinds of the facts: state facts events add to are collections, set ones the
    kind of what sets them."""
    facts = {fid: fd for fid, (fd, _) in k.fact_docs.items()}
    plain = Types({}, facts)
    kinds: dict[str, Kind] = {}
    for state, _ in k.entries("state"):
        sources = [plain.kind(u.value, (u.event,)) for u in state.set if u.value]
        if state.initial:
            sources.append(plain.kind(state.initial, ()))
        kinds[state.id] = "collection" if state.add or state.remove else join(sources)
    return Types(kinds, facts)


def compile_state(k: Compiler) -> tuple[StateDef, ...]:
    """State facts: what sets or adds to each, read from events that have those fields."""
    out = []
    case_scope = Scope.base(frozenset())
    for state, site in k.entries("state"):
        if state.initial is not None:
            k.fact(state.initial, site.at("initial"), case_scope)
        for kind in ("set", "add", "remove"):
            for i, update in enumerate(getattr(state, kind)):
                k.event_ref(update.event, site.at(kind, i, "event"))
                if update.value is not None:
                    if not update.value.startswith("event."):
                        k.problem(site.at(kind, i, "value"), say("state_from_event"))
                    k.fact(
                        update.value, site.at(kind, i, "value"), case_scope.with_event(update.event)
                    )
                for name in update.key or ():
                    k.fact(
                        f"event.{name}",
                        site.at(kind, i, "key"),
                        case_scope.with_event(update.event),
                    )
                if kind == "set" and update.value is None:
                    k.problem(site.at(kind, i), say("set_needs_value"))
                if kind != "set" and not update.key:
                    k.problem(site.at(kind, i), say("update_needs_key"))
        _collection_keys(k, state, site)
        out.append(
            StateDef(
                id=state.id,
                text=state.text,
                initial=state.initial,
                collection=bool(state.add or state.remove),
                set={u.event: u.value or "" for u in state.set},
                add={u.event: tuple(u.key or ()) for u in state.add},
                remove={u.event: tuple(u.key or ()) for u in state.remove},
            )
        )
    return tuple(out)


def _collection_keys(k: Compiler, state: StateDoc, site: Site) -> None:
    """A collection starts empty, and every update matches its items on the same keys."""
    updates = [
        (kind, i, u) for kind in ("add", "remove") for i, u in enumerate(getattr(state, kind))
    ]
    if not updates:
        return
    if state.initial is not None:
        k.problem(site.at("initial"), say("starts_empty"))
    first = sorted(updates[0][2].key or ())
    for kind, i, update in updates[1:]:
        if update.key and sorted(update.key) != first:
            message = say("same_keys", state=repr(state.id), keys=", ".join(first))
            k.problem(site.at(kind, i, "key"), message)


def compile_lists(k: Compiler) -> dict[str, ListDef]:
    """Lists, their dated items, and the event fields each list validates."""
    out = {}
    owners: dict[tuple[str, str], str] = {}
    for entry, site in k.entries("lists"):
        items = tuple(
            k.version(item.id, item, site.at("items", i), tuple(item.tags))
            for i, item in enumerate(entry.items)
        )
        for i, item in enumerate(items):
            for earlier in items[:i]:
                if earlier.rule == item.rule and _overlap(earlier, item):
                    message = say("item_overlap", item=repr(item.rule), key=earlier.key)
                    k.problem(site.at("items", i, "valid_from"), message)
        validates = tuple((v.split(".", 1)[0], v.split(".", 1)[1]) for v in entry.validates)
        for i, (event, name) in enumerate(validates):
            if event not in EVENT_MODELS or name not in EVENT_MODELS[event].model_fields:
                k.problem(site.at("validates", i), say("no_event_field", event=event, name=name))
            elif (event, name) in owners:
                owner = repr(owners[event, name])
                message = say("validated_twice", event=event, name=name, list=owner)
                k.problem(site.at("validates", i), message)
            owners[event, name] = entry.id
        # The list's title names it in case errors, in the language of the rules.
        out[entry.id] = ListDef(entry.id, k.say(entry.title), validates, items)
    return out


def _derived(k: Compiler, fact: FactDoc, site: Site) -> d.Derived:
    nid = f"facts.{fact.id}"
    if fact.years_between:
        yb = fact.years_between
        return d.YearsBetween(fact.id, yb.from_, yb.to, yb.leap_day)
    if fact.count:
        where = None
        if fact.count.where:
            where = k.condition(
                fact.count.where, site.at("count", "where"), f"{nid}.where", _UNCHECKED
            )
        return d.CountOf(fact.id, fact.count.items, where)
    if fact.run_length:
        run = fact.run_length
        k.event_ref(run.event, site.at("run_length", "event"))
        among = None
        if run.among is not None:
            among = k.condition(
                run.among, site.at("run_length", "among"), f"{nid}.among", _UNCHECKED
            )
        return d.RunLength(
            fact.id,
            run.event,
            k.condition(run.where, site.at("run_length", "where"), f"{nid}.where", _UNCHECKED),
            among,
        )
    if fact.sum:
        return d.SumOf(fact.id, tuple(fact.sum))
    return d.FirstOf(fact.id, tuple(fact.first_of or ()))


class _Unchecked(Scope):
    """Paths inside named facts are checked where the fact is used, not here."""

    checked = False

    def problem(self, path: str) -> str | None:
        return None


_UNCHECKED = _Unchecked()


def _overlap(a: Version[tuple[str, ...]], b: Version[tuple[str, ...]]) -> bool:
    return (b.valid_to is None or a.valid_from <= b.valid_to) and (
        a.valid_to is None or b.valid_from <= a.valid_to
    )
