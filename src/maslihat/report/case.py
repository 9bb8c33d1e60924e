"""A case as a page: the result, the timeline and the lifecycle chart as SVG, the trace.

The page is self-contained (inline style and SVG, no script, nothing fetched), so it
can be saved, mailed, or shown in a sandboxed frame of the web page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from maslihat.engine.evaluate import bundled_rules, evaluate
from maslihat.engine.records import TimelineEntry
from maslihat.engine.verdicts import VERDICTS
from maslihat.i18n import DEFAULT_LANGUAGE, Language, translator
from maslihat.model import Case, Result
from maslihat.report.chart import chart
from maslihat.report.drawing import picture
from maslihat.report.templating import environment
from maslihat.report.timeline import TimelineStep, timeline_steps
from maslihat.report.words import ended_by_words
from maslihat.rules.ruleset import RuleSet


@dataclass
class TreeNode:
    """A line of an explanation and the lines under it (what a `<details>` folds)."""

    text: str
    children: list[TreeNode] = field(default_factory=list)


def explanation_tree(lines: list[str]) -> list[TreeNode]:
    """An explanation's lines, indented two spaces a level, as a tree."""
    roots: list[TreeNode] = []
    open_at: list[tuple[int, TreeNode]] = []
    for line in lines:
        depth = (len(line) - len(line.lstrip(" "))) // 2
        node = TreeNode(line.strip())
        while open_at and open_at[-1][0] >= depth:
            open_at.pop()
        (open_at[-1][1].children if open_at else roots).append(node)
        open_at.append((depth, node))
    return roots


def stage_history(
    case: Case, result: Result, steps: list[TimelineStep], rules: RuleSet
) -> dict[str, list[tuple[dt.date, str]]]:
    """Each ground's stages with the day it reached each, oldest first.

    The result gives only the stage a ground stands at on the as-of date; where it
    stood before is what the engine answers as of each earlier day on which a step
    could have moved it (a step on a ground, or a change of status), so the history
    is the engine's own, not a second reading of the procedure.
    """
    days = sorted(
        {
            s.date
            for s in steps
            if s.kind in ("event", "takes_effect")
            and s.date < result.as_of
            and (s.before != s.after or _names_a_ground(case, s.event))
        }
        if steps
        else set()
    )
    history: dict[str, list[tuple[dt.date, str]]] = {}
    for earlier in [*(evaluate(case, as_of=d, rules=rules) for d in days), result]:
        for ground in earlier.grounds:
            seen = history.setdefault(ground.ground, [])
            if ground.arose is not None and not seen and ground.stage_date > ground.arose:
                seen.append((ground.arose, "arisen"))
            if not seen or seen[-1][1] != ground.stage:
                seen.append((ground.stage_date, ground.stage))
    return history


def _names_a_ground(case: Case, event: int | None) -> bool:
    return event is not None and getattr(case.events[event], "ground", None) is not None


def _verdict_class(outcome: str, lang: Language) -> str:
    """The class an entry's verdict gives it (`met`, `arises`: the style marks them),
    known by its words in the result's language."""
    if lang == DEFAULT_LANGUAGE:
        return outcome.split(" ")[0]
    words = translator(lang).gettext
    return next((key for key in ("met", "arises") if outcome == words(VERDICTS[key])), "")


def case_report_parts(
    case: Case,
    result: Result,
    entries: list[TimelineEntry],
    rules: RuleSet | None = None,
    lang: Language = DEFAULT_LANGUAGE,
) -> dict[str, str]:
    """The page's parts, each a fragment of HTML: for a page that embeds them.

    `result_html`, `timeline_svg`, `chart_svg`, `steps_html` (the timeline as a
    table) and `trace_html` (the explanation, when `result` has a trace). The
    program's words are in `lang`; give the `result` evaluated in `lang` too.
    """
    rules = rules if rules is not None else bundled_rules()
    steps = timeline_steps(case, result, entries, rules, lang)
    stages = stage_history(case, result, steps, rules)
    moves = [(s.before, s.after) for s in steps if s.before != s.after and s.date <= result.as_of]
    env = environment(lang)
    trace = None
    if result.trace is not None:
        trace = [
            (entry, explanation_tree(entry.explanation), _verdict_class(entry.outcome, lang))
            for entry in result.trace
        ]
    context = {
        "case": case,
        "result": result,
        "steps": steps,
        "trace": trace,
        "ended_by": ended_by_words(result, lang),
    }
    drawn = picture(case, result, stages, lang)
    return {
        "result_html": env.get_template("result.html").render(**context),
        "timeline_svg": env.get_template("timeline.svg").render(p=drawn),
        "chart_svg": env.get_template("chart.svg").render(c=chart(moves, result.status, lang)),
        "steps_html": env.get_template("steps.html").render(**context),
        "trace_html": env.get_template("trace.html").render(**context),
    }


def case_report_html(
    case: Case,
    result: Result,
    entries: list[TimelineEntry],
    rules: RuleSet | None = None,
    lang: Language = DEFAULT_LANGUAGE,
) -> str:
    """The whole page for one case, in `lang` (give the `result` evaluated in `lang`).

    Give a result evaluated with `explain` for its trace.
    """
    parts = case_report_parts(case, result, entries, rules, lang)
    page = environment(lang).get_template("case.html")
    return page.render(result=result, case=case, **parts)
