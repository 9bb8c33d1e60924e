"""What each rule application concluded, as the trace words it, in every language.

The run notes a verdict for every rule it applies ("met", "arises", "ground
resignation submitted"); the trace of `--explain` shows it to a person, so it is worded
in the result's language. The run names a verdict by a key and its fields, never by
its words: the English words are here once, marked for the catalogues, and
`Verdict.text` puts them in a language. Codes inside a verdict (ground ids, finding
codes, event types) stay codes; statuses, stages and dates are worded as everywhere
else (`maslihat.i18n`). English is what the trace always said, word for word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from maslihat.i18n import DEFAULT_LANGUAGE, N_, Language, day, stage_words, status_words, translator

VERDICTS: dict[str, str] = {
    "met": N_("met"),
    "not_met": N_("not met"),
    "arises": N_("arises"),
    "does_not_arise": N_("does not arise"),
    "would_arise_later": N_("would arise on {date}, after the as-of date"),
    "would_arise_ended": N_("would arise, but the mandate has already ended"),
    "does_not_apply": N_("does not apply"),
    "ground_stage": N_("ground {ground} {stage}"),
    "not_stage": N_("not {stage}"),
    "breach_opens": N_("{finding} from {date}"),
    "breached": N_("breached ({item})"),
    "not_breached": N_("not breached ({item})"),
    "breached_state": N_("breached (state)"),
    "not_breached_state": N_("not breached (state)"),
    "after_as_of": N_("after the as-of date: not considered"),
    "before_mandate": N_("before the mandate: judged when it takes effect"),
    "not_allowed": N_("{code}: {event} not allowed when {status}"),
}
"""Each verdict's English template; `{fields}` are filled by `Verdict.text`."""

TRANSITION_WORDS: dict[str, str] = {"register": N_("register"), "expire": N_("expire")}
"""The lifecycle transitions a transition rule makes, in words (their ids in English)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """A verdict by key, with its fields: worded only when the trace is written."""

    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """The verdict in `lang`; in English the words the trace has always had."""
        fields = {name: _field(name, value, lang) for name, value in self.fields}
        if self.key == "transition":
            name = str(fields["transition"])
            words = TRANSITION_WORDS.get(name)
            if words is None or lang == DEFAULT_LANGUAGE:
                return name
            return translator(lang).gettext(words)
        template = VERDICTS[self.key]
        if lang != DEFAULT_LANGUAGE:
            template = translator(lang).gettext(template)
        return template.format(**fields)


def verdict(key: str, **fields: Any) -> Verdict:
    """The verdict `key` (one of `VERDICTS`, or `transition`) with its fields."""
    if key != "transition" and key not in VERDICTS:
        raise KeyError(f"no verdict {key!r}")
    return Verdict(key, tuple(fields.items()))


def _field(name: str, value: Any, lang: Language) -> Any:
    """A verdict's field as `lang` writes it: English keeps codes and ISO dates."""
    if isinstance(value, dt.date):
        return day(value, lang)
    if lang == DEFAULT_LANGUAGE:
        return value
    if name == "stage":
        return stage_words(value, lang)
    if name == "status":
        return status_words(value, lang)
    return value


DOES_NOT_ARISE = verdict("does_not_arise")
"""The verdict the run notes for a ground's trigger that does not hold."""
