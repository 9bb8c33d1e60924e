"""Why an event that could be a ground is not one (or an activity not a breach), in one line.

A conviction for a negligent misdemeanour after 2015, or a permanent move within the
mäslihat's own unit, looks like a ground and is not; without a word, a reader sees a
conviction in the case and no ground in the result. The run already explains every
trigger it judges (`rules/conditions.py`); this module picks out the triggers that
were partly met (some part of an `all` held, another did not) and words the parts
that failed. A trigger none of whose parts held (a conviction judged as incapacity)
was never in question and says nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from maslihat.model.result import NotBreach, NotGround
from maslihat.rules.conditions import Combination, Condition, Explanation, Facts, show
from maslihat.rules.languages import language
from maslihat.rules.ruleset import Cite
from maslihat.wording import say_in


def near_miss(condition: Condition, facts: Facts) -> bool:
    """What `partly_met` says of the condition's explanation, found by tests alone.

    The engine does not explain conditions nobody reads; a failed trigger is explained
    only when this says the result will word it, which is rare.
    """
    if not isinstance(condition, Combination) or condition.kind != "all":
        return False
    # A failed `all` is explained up to its first false part, so a part held before
    # it exactly when the first part holds.
    return bool(condition.children) and condition.children[0].test(facts)


def partly_met(explanation: Explanation) -> bool:
    """Whether a false condition had a part that held: the event was a near miss."""
    if explanation.value or explanation.kind != "all":
        return False
    return any(child.value for child in explanation.children)


def failed_parts(explanation: Explanation) -> list[Explanation]:
    """The parts of a false `all` that did not hold (a `not` is shown as the part it negates)."""
    return [child for child in explanation.children if not child.value]


def _part(explanation: Explanation, lang: str) -> str:
    """One failed part: the test, and the facts it read; a failed `any`, each of its tests."""
    if explanation.kind == "all":
        return "; ".join(_part(part, lang) for part in failed_parts(explanation))
    if explanation.kind == "any" and explanation.children:
        return say_in(
            lang,
            "why_not_any",
            parts="; ".join(_part(child, lang) for child in explanation.children),
        )
    facts = "; ".join(f"{name} = {value}" for name, value in _shown(explanation).items())
    if explanation.kind == "not" and len(explanation.children) == 1:
        return say_in(
            lang, "why_not_negated", test=_test(explanation.children[0], lang), facts=facts
        )
    return say_in(lang, "why_not_part", test=_test(explanation, lang), facts=facts)


def _test(explanation: Explanation, lang: str) -> str:
    """What a node tests, in `lang`, without the facts a comparison appends after two spaces."""
    return explanation.said(language(lang)).partition("  (")[0]


def _shown(explanation: Explanation) -> dict[str, str]:
    return {name: show(value) for name, value in explanation.facts().items()}


def not_ground(
    explanation: Explanation,
    event: int,
    day: dt.date,
    rule: str,
    ground: str,
    cite: Cite,
    lang: str = "en",
) -> NotGround:
    """The line saying why event `event` did not make `ground` arise under version `rule`."""
    return NotGround(
        event=event,
        date=day,
        ground=ground,
        rule=rule,
        citation=cite.text,
        citation_url=cite.url,
        reason=reason(explanation, lang),
    )


def not_breach(
    explanation: Explanation,
    event: int,
    day: dt.date,
    rule: str,
    restriction: str,
    item: str,
    cite: Cite,
    lang: str = "en",
) -> NotBreach:
    """The line saying why `item` (an activity, say) is not a breach of `restriction`."""
    return NotBreach(
        event=event,
        date=day,
        restriction=restriction,
        item=item,
        rule=rule,
        citation=cite.text,
        citation_url=cite.url,
        reason=reason(explanation, lang),
    )


def item_label(item: Any) -> str:
    """An item as a reader knows it: its fields, `activity=paid_work/field=teaching`."""
    fields = item.model_dump() if hasattr(item, "model_dump") else item
    if not isinstance(fields, dict):
        return str(item)
    shown = (
        f"{name}={value if isinstance(value, str) else show(value)}"
        for name, value in fields.items()
        if name != "since" and value is not None
    )
    return "/".join(shown)


def reason(explanation: Explanation, lang: str) -> str:
    """The parts of a partly met condition that failed, worded in `lang`."""
    return "; ".join(_part(part, lang) for part in failed_parts(explanation))
