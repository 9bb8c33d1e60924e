"""Compile the rules proper (checks, grounds, procedures, restrictions, lifecycle) and
assemble the `RuleSet`; the declarations they refer to are compiled first
(declarations.py).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import get_args

from maslihat.errors import RulesError
from maslihat.lifecycle import TABLE, TRANSITIONS
from maslihat.model import EVENT_MODELS
from maslihat.model.result import Stage
from maslihat.rules import documents as doc
from maslihat.rules.compiler import Compiler, Site
from maslihat.rules.declarations import (
    check_fact_graph,
    check_template,
    compile_facts,
    compile_findings,
    compile_lists,
    compile_state,
    compile_types,
)
from maslihat.rules.editions import check_provision_editions, check_sources, compile_editions
from maslihat.rules.languages import DEFAULT_LANGUAGE, Language
from maslihat.rules.ruleset import (
    Check,
    FactNote,
    FindingDef,
    Ground,
    GroundBody,
    GuardDef,
    Lifecycle,
    ListDef,
    NextStepDef,
    OutcomeDef,
    Procedure,
    ProcedureBody,
    Restriction,
    RestrictionBody,
    RuleSet,
    StepDef,
    TransitionBody,
    TriggerDef,
    Version,
)
from maslihat.rules.scope import GROUND_FIELDS, Scope
from maslihat.source import Document
from maslihat.wording import say

STAGES = frozenset(get_args(Stage))


def compile_rules(
    files: Sequence[tuple[Document, doc.RuleFile]], source: str, lang: Language = DEFAULT_LANGUAGE
) -> RuleSet:
    """Compile parsed rule files into a rule set, or raise `RulesError` with every issue.

    The rule set's texts (titles, messages, next steps, citations) are in `lang`; its
    codes, ids and fingerprint are the same in every language.
    """
    k = Compiler(files, lang)
    editions = compile_editions(k)
    k.urls.update({e.id: e.url for e in editions.values()})
    for fact, site in k.entries("facts"):
        k.fact_docs[fact.id] = (fact, site)
    check_fact_graph(k)
    states = compile_state(k)
    k.types = compile_types(k)
    base = Scope.base(frozenset(state.id for state in states))
    findings = compile_findings(k, base)
    lists = compile_lists(k)
    facts = compile_facts(k, base)
    checks = _checks(k, base, findings)
    procedures = _procedures(k, base, findings)
    grounds = _grounds(k, base, procedures)
    restrictions = _restrictions(k, base, findings)
    lifecycle = _lifecycle(k, base, findings)
    check_provision_editions(k, editions)
    check_sources(k, editions)
    if k.issues:
        located = sorted(
            dict.fromkeys(k.issues), key=lambda i: (i.file or "", i.line or 0, i.column or 0)
        )
        raise RulesError(located)
    assert lifecycle is not None  # _lifecycle records an issue when it is missing
    triggers: dict[str, list[Ground]] = defaultdict(list)
    for ground in grounds.values():
        for event in sorted({t.event for v in ground.versions for t in v.body.triggers}):
            triggers[event].append(ground)
    return RuleSet(
        provisions={p.id: p for p, _ in k.entries("provisions")},
        facts=facts,
        state=states,
        lists=lists,
        findings=findings,
        checks=checks,
        grounds=dict(sorted(grounds.items(), key=lambda item: _order(item[1].subparagraph))),
        procedures=procedures,
        restrictions=restrictions,
        lifecycle=lifecycle,
        fingerprint=fingerprint(files),
        fact_notes={
            fid: FactNote(
                fd.id,
                k.say(fd.text),
                k.cite(fd.citation, site.at("citation")),
                k.say(fd.interpretation) if fd.interpretation else None,
            )
            for fid, (fd, site) in k.fact_docs.items()
        },
        source=source,
        editions=editions,
        lang=k.lang,
        triggers={event: tuple(gs) for event, gs in triggers.items()},
        vocabularies=_vocabularies(lists),
        places=dict(k.places),
        acts={act.id: k.say(act.name) for act, _ in k.entries("acts")},
        ground_events=frozenset(
            step.event
            for p in procedures.values()
            for v in p.versions
            for step in v.body.steps.values()
        ),
        files=tuple(files),
    )


def _vocabularies(
    lists: Mapping[str, ListDef],
) -> dict[str, tuple[tuple[str, str, frozenset[str]], ...]]:
    """Which event fields each list validates, by event type (for checking cases)."""
    found: dict[str, list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
    for entry in lists.values():
        for event_type, name in entry.validates:
            found[event_type].append((name, entry.title, entry.item_ids()))
    return {event_type: tuple(fields) for event_type, fields in found.items()}


def _order(subparagraph: str) -> tuple[int, ...]:
    """Sort 3, 3-1, 3-2, 4 as the law does."""
    return tuple(int(part) for part in subparagraph.split("-"))


def fingerprint(files: Sequence[tuple[Document, doc.RuleFile]]) -> str:
    """A digest of the rules' content, independent of file names, order and machine."""
    contents = sorted(
        json.dumps(
            rule_file.model_dump(mode="json", by_alias=True, exclude_defaults=True),
            sort_keys=True,
            ensure_ascii=False,
        )
        for _, rule_file in files
    )
    return "sha256:" + hashlib.sha256("\n".join(contents).encode()).hexdigest()


def _checks(k: Compiler, base: Scope, findings: dict[str, FindingDef]) -> tuple[Check, ...]:
    scope = base.with_root("check", frozenset({"date"}))
    out = []
    for check, site in k.entries("checks"):
        k.finding_ref(check.finding, site.at("finding"), findings)
        versions = k.versions(
            check.id,
            check.versions,
            site.at("versions"),
            lambda v, vs, key: k.condition(v.condition, vs.at("condition"), f"checks.{key}", scope),
        )
        out.append(Check(check.id, check.finding, versions))
    return tuple(out)


def _outcome(k: Compiler, outcome: doc.Outcome, site: Site, nid: str, scope: Scope) -> OutcomeDef:
    if outcome.stage not in STAGES:
        stages = ", ".join(sorted(STAGES))
        k.problem(
            site.at("stage"), say("unknown_stage_of", stage=repr(outcome.stage), stages=stages)
        )
    return OutcomeDef(
        k.condition(outcome.when, site.at("when"), nid, scope),
        outcome.stage,
        outcome.ends_mandate,
        k.cite(outcome.citation, site.at("citation")),
    )


def _procedures(k: Compiler, base: Scope, findings: dict[str, FindingDef]) -> dict[str, Procedure]:
    def body(v: doc.ProcedureVersion, vs: Site, key: str) -> ProcedureBody:
        nid = f"procedures.{key}"
        steps = {}
        for i, step in enumerate(v.steps):
            ss, sid = vs.at("steps", i), f"{nid}.steps.{step.id}"
            k.event_ref(step.event, ss.at("event"))
            if step.event in EVENT_MODELS and "ground" not in EVENT_MODELS[step.event].model_fields:
                k.problem(ss.at("event"), say("no_ground_field", event=repr(step.event)))
            scope = base.with_event(step.event).with_root("ground", GROUND_FIELDS)
            guards = []
            for g, guard in enumerate(step.guards):
                k.finding_ref(guard.finding, ss.at("guards", g, "finding"), findings)
                cond = k.condition(
                    guard.condition,
                    ss.at("guards", g, "condition"),
                    f"{sid}.guards.{guard.id}",
                    scope,
                )
                citation = k.cite(guard.citation, ss.at("guards", g, "citation"))
                guards.append(GuardDef(guard.id, cond, guard.finding, guard.effect, citation))
            outcomes = tuple(
                _outcome(k, o, ss.at("outcomes", o_i), f"{sid}.outcomes[{o_i}]", scope)
                for o_i, o in enumerate(step.outcomes)
            )
            steps[step.event] = StepDef(step.id, step.event, tuple(guards), outcomes)
        for stage in v.next_steps:
            if stage not in STAGES:
                k.problem(vs.at("next_steps", stage), say("unknown_stage", stage=repr(stage)))
        for stage, due in v.next_steps.items():
            for lang, text in due.text.items():
                check_template(
                    k,
                    text,
                    vs.at("next_steps", stage, "text", lang),
                    base.with_root("ground", GROUND_FIELDS),
                )
        next_steps = {
            st: NextStepDef(n.actor, n.action, k.say(n.text)) for st, n in v.next_steps.items()
        }
        on_arising = _outcome(k, v.on_arising, vs.at("on_arising"), f"{nid}.on_arising", base)
        return ProcedureBody(on_arising, steps, next_steps)

    return {
        p.id: Procedure(
            p.id, k.say(p.title), k.versions(p.id, p.versions, site.at("versions"), body)
        )
        for p, site in k.entries("procedures")
    }


def _grounds(k: Compiler, base: Scope, procedures: dict[str, Procedure]) -> dict[str, Ground]:
    out: dict[str, Ground] = {}
    labels: dict[str, str] = {}

    def body(v: doc.GroundVersion, vs: Site, key: str) -> GroundBody:
        if v.procedure not in procedures:
            k.problem(vs.at("procedure"), say("unknown_procedure", procedure=repr(v.procedure)))
        triggers = []
        for i, t in enumerate(v.triggers):
            ts = vs.at("triggers", i)
            k.event_ref(t.event, ts.at("event"))
            scope = base.with_event(t.event)
            k.fact(t.arises_on, ts.at("arises_on"), scope)
            k.need(
                t.arises_on,
                ts.at("arises_on"),
                scope,
                "date",
                say("need_is", name="arises_on"),
                strict=True,
            )
            when = k.condition(t.when, ts.at("when"), f"grounds.{key}.triggers[{i}]", scope)
            triggers.append(TriggerDef(t.event, when, t.arises_on))
        return GroundBody(v.procedure, tuple(triggers))

    for g, site in k.entries("grounds"):
        if g.label in labels:
            taken = say("ground_taken", label=g.label, id=repr(labels[g.label]))
            k.problem(site.at("number"), taken)
        labels[g.label] = g.id
        versions = k.versions(g.id, g.versions, site.at("versions"), body)
        out[g.id] = Ground(g.id, g.number, g.label, k.say(g.title), versions)
    return out


def _restrictions(
    k: Compiler, base: Scope, findings: dict[str, FindingDef]
) -> tuple[Restriction, ...]:
    out = []
    for r, site in k.entries("restrictions"):
        k.finding_ref(r.finding, site.at("finding"), findings)

        def body(v: doc.RestrictionVersion, vs: Site, key: str) -> RestrictionBody:
            scope = base.with_root("check", frozenset({"date"}))
            if v.for_each:
                k.fact(v.for_each, vs.at("for_each"), scope)
                k.need(
                    v.for_each,
                    vs.at("for_each"),
                    scope,
                    "collection",
                    say("need_takes", name="for_each"),
                    True,
                )
                scope = scope.with_root("item", None)
            for name in ("ends_on", "begins_on"):
                if (path := getattr(v, name)) is not None:
                    k.fact(path, vs.at(name), scope)
                    k.need(path, vs.at(name), scope, "date", say("need_is", name=name))
            return RestrictionBody(
                v.for_each,
                k.condition(v.condition, vs.at("condition"), f"restrictions.{key}", scope),
                v.ends_on,
                v.begins_on,
            )

        out.append(
            Restriction(r.id, r.finding, k.versions(r.id, r.versions, site.at("versions"), body))
        )
    return tuple(out)


def _lifecycle(k: Compiler, base: Scope, findings: dict[str, FindingDef]) -> Lifecycle | None:
    found = [
        (rf.lifecycle, Site(document, ("lifecycle",))) for document, rf in k.files if rf.lifecycle
    ]
    if len(found) != 1:
        site = found[1][1] if found else Site(k.files[0][0], ()) if k.files else None
        if site is not None:
            k.problem(site, say("one_lifecycle", count=len(found)))
        return None
    life, site = found[0]
    for name in ("outside_mandate", "not_allowed"):
        k.finding_ref(getattr(life, name), site.at(name), findings)
    transitions: dict[str, list[Version[TransitionBody]]] = defaultdict(list)
    for i, t in enumerate(life.transitions):
        ts = site.at("transitions", i)
        k.event_ref(t.event, ts.at("event"))
        if t.transition not in TRANSITIONS:
            known = ", ".join(sorted(TRANSITIONS))
            message = say("no_transition", transition=repr(t.transition), known=known)
            k.problem(ts.at("transition"), message)
        scope = base.with_event(t.event)
        for j, path in enumerate(t.eligibility_on or ()):
            k.fact(path, ts.at("eligibility_on", j), scope)
            k.need(
                path,
                ts.at("eligibility_on", j),
                scope,
                "date",
                say("need_is", name="eligibility_on"),
                True,
            )
        when = k.condition(t.when, ts.at("when"), f"lifecycle.{t.id}", scope)
        eligibility = tuple(t.eligibility_on) if t.eligibility_on is not None else None
        body = TransitionBody(t.event, when, t.transition, eligibility)
        transitions[t.event].append(k.version(t.id, t, ts, body))
    return Lifecycle(
        {e: tuple(ts) for e, ts in transitions.items()},
        life.outside_mandate,
        life.not_allowed,
        life.ended_by_term,
        TABLE,
    )
