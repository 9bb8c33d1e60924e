"""The words the workbench's script shows, and how it writes dates: from the catalogues.

The script draws the result of `POST /v1/evaluate` itself, so it cannot call gettext;
the page hands it, in a JSON block, every word it needs in the page's language: the
statuses', stages' and severities' words every output uses, its own labels (with
`{name}` where a value goes), the plural forms of its one counted word, and the form
`day()` writes a date in (a browser may know no Kazakh dates).
"""

from __future__ import annotations

import datetime as dt
from typing import get_args

from maslihat.i18n import (
    DEFAULT_LANGUAGE,
    N_,
    SEVERITY_WORDS,
    Language,
    day,
    severity_words,
    stage_words,
    status_words,
    translator,
)
from maslihat.model.result import Stage, Status


def script_words(lang: Language) -> dict[str, object]:
    """The words the workbench's script shows: for the result's ids, those of every other
    output; its own labels from the catalogues; and its language, for the API and dates."""
    _ = translator(lang).gettext
    from babel import Locale  # only for the pages, never the command line

    plural = Locale.parse(lang).plural_form
    errors = {plural(n): translator(lang).ngettext("{n} error", "{n} errors", n) for n in range(30)}
    return {
        "lang": lang,
        "dates": date_form(lang),
        "status": {status: status_words(status, lang) for status in get_args(Status)},
        "stage": {stage: stage_words(stage, lang) for stage in get_args(Stage)},
        "severity": {severity: severity_words(severity, lang) for severity in SEVERITY_WORDS},
        "errors": errors,
        "text": {key: _(message) for key, message in SCRIPT_WORDS.items()},
    }


def date_form(lang: Language) -> dict[str, object] | None:
    """How `day()` writes a date in `lang`, for the script to write the result's dates
    alike: a template with `{year}`, `{month}`, `{day}`, and the months' names as they
    stand in it (None for English, which keeps ISO dates). Read off Babel's own output,
    so the page and every other output agree (a browser's own dates may lack Kazakh)."""
    if lang == DEFAULT_LANGUAGE:
        return None
    from babel.dates import format_date

    sample = dt.date(2001, 11, 22)
    months = [format_date(dt.date(2001, m, 1), "MMMM", locale=lang) for m in range(1, 13)]
    template = day(sample, lang).replace("2001", "{year}").replace("22", "{day}")
    return {"template": template.replace(months[10], "{month}"), "months": months}


SCRIPT_WORDS = {
    "line": N_("line {line}"),
    "case_as_of": N_("{case}, as of {date}"),
    "as_of": N_("As of {date}"),
    "eligible": N_(" · eligible"),
    "not_eligible": N_(" · not eligible"),
    "mandate_from": N_(" · mandate from {date}"),
    "no_mandate": N_(" · no mandate"),
    "until": N_(" to {date}"),
    "ended_by": N_(" ({ground})"),
    "ground": N_("ground {number}, {title}"),
    "grounds": N_("Grounds"),
    "ground_column": N_("Ground"),
    "stage_column": N_("Stage"),
    "citation_column": N_("Citation"),
    "stage_on": N_("{stage} on {date}"),
    "arose": N_("arose {date}"),
    "findings": N_("Findings"),
    "next_steps": N_("Next steps"),
    "evaluated": N_("evaluated"),
    "empty": N_("empty"),
    "evaluating": N_("evaluating…"),
    "no_answer": N_("the service did not answer ({reason})"),
}
"""The workbench script's own words, `{name}` where a value goes (workbench.js `say`)."""
