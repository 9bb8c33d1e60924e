"""The words a person reads for the program's ids: event types, codes, rules.

Every output a person reads (evaluate, timeline, batch, the HTML pages) names an event
type or a rule through these functions, so each has one spelling everywhere, in each
language (statuses and stages: `maslihat.i18n.status_words`, `stage_words`). JSON
output keeps the ids of the contract.
"""

from __future__ import annotations

import re

from maslihat.engine.records import split_ref
from maslihat.i18n import DEFAULT_LANGUAGE, N_, Language, stage_words, translator, worded
from maslihat.model import Result
from maslihat.rules.ruleset import RuleSet

_OUTCOME = re.compile(r"^outcomes\[(\d+)\]$")

EVENT_WORDS = {
    "registered": N_("registered"),
    "position_taken": N_("position taken"),
    "court_decision": N_("court decision"),
    "death": N_("death"),
    "citizenship_terminated": N_("citizenship terminated"),
    "residence_changed": N_("residence changed"),
    "resignation_filed": N_("resignation filed"),
    "meeting": N_("meeting"),
    "maslihat_powers_ended": N_("maslihat powers ended"),
    "commission_submission": N_("commission submission"),
    "session_vote": N_("session vote"),
    "activity_started": N_("activity started"),
    "activity_ended": N_("activity ended"),
    "party_membership_ended": N_("party membership ended"),
    "party_ceased": N_("party ceased"),
    "recalled": N_("recalled"),
    "commission_decision": N_("commission decision"),
    "basis_changed": N_("basis changed"),
}
"""The words for the case file's event types (a test ties them to the contract's types);
in English each is its type with spaces, as before languages came."""


def event_words(event_type: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """An event type in words: `commission submission`."""
    return worded(EVENT_WORDS, event_type, lang, code_words(event_type, lang))


STEP_FORMS = {
    " takes effect": N_("{what} takes effect"),
    " may begin": N_("{what} may begin"),
    " ends": N_("{what} ends"),
}
"""The run's own names for a step that is not an event of the file: `court_decision takes
effect`, `single_mandate ends` (engine/run.py, engine/procedure.py)."""


def step_words(what: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """A step of the run in words: `court decision takes effect`, `single mandate ends`."""
    for suffix, form in STEP_FORMS.items():
        if what.endswith(suffix):
            subject = event_words(what.removesuffix(suffix), lang)
            return translator(lang).gettext(form).format(what=subject)
    return event_words(what, lang)


def code_words(code: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """A code with no words of its own (a finding's, a step's id) as a person reads it.

    English reads `no_quorum` as `no quorum`; another language shows the code itself,
    which is a name, rather than English words in its sentences.
    """
    return code.replace("_", " ") if lang == DEFAULT_LANGUAGE else code


def rule_words(rules: RuleSet, ref: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """What a rule reference names, in the rule files' own titles where they have one.

    `session_decision@2021-07-11.vote.quorum` reads "Session decision on the TEC's
    submission: vote, quorum"; `resignation@2001-01-23` reads "ground 8,
    Resignation"; `lifecycle.registration` reads "lifecycle: registration". Titles
    are those of `rules`, which should be in `lang`.
    """
    _ = translator(lang).gettext
    rule, version, part = split_ref(ref)
    base = rule.removesuffix(f".{part}") if part else rule
    if base == "lifecycle":
        return _("the lifecycle chart")
    if base.startswith("lifecycle."):
        step = code_words(base.removeprefix("lifecycle."), lang)
        return _("lifecycle: {step}").format(step=step)
    if base in rules.grounds:
        ground = rules.grounds[base]
        return _("ground {number}, {title}").format(number=ground.subparagraph, title=ground.title)
    if base in rules.procedures:
        return _procedure_words(rules, base, version, part, lang)
    kinds = {
        "eligibility": ({check.id for check in rules.checks}, N_("eligibility: {rule}")),
        "restriction": ({r.id for r in rules.restrictions}, N_("restriction: {rule}")),
    }
    form = next((form for items, form in kinds.values() if base in items), N_("rule: {rule}"))
    return _(form).format(rule=code_words(base, lang))


def _procedure_words(
    rules: RuleSet, base: str, version: str | None, part: str, lang: Language
) -> str:
    procedure = rules.procedures[base]
    if not part:
        return procedure.title
    step_id, _, rest = part.partition(".")
    words = f"{procedure.title}: {code_words(step_id, lang)}"
    match = _OUTCOME.match(rest)
    if match:
        body = next((v.body for v in procedure.versions if v.key == version), None)
        step = next((s for s in body.steps.values() if s.id == step_id), None) if body else None
        position = int(match.group(1))
        if step is not None and position < len(step.outcomes):
            return f"{words}, {stage_words(step.outcomes[position].stage, lang)}"
        return words
    return f"{words}, {code_words(rest, lang)}" if rest else words


END_WORDS = {"term_expired": N_("the expiry of the term")}
"""What ends a mandate that is not a ground, in words (outside English)."""


def ended_by_words(result: Result, lang: Language = DEFAULT_LANGUAGE) -> str:
    """What ended the mandate, in words: English reads its id (`term expired`); another
    language names the ground by its subparagraph and title, as the law does."""
    ended_by = result.mandate.ended_by if result.mandate else None
    if ended_by is None:
        return ""
    if lang == DEFAULT_LANGUAGE:
        return code_words(ended_by, lang)
    for ground in result.grounds:
        if ground.ground == ended_by:
            return f"{ground.subparagraph}) ({ground.title})"
    return worded(END_WORDS, ended_by, lang)
