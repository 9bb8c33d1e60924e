"""The presentation room: words, templates, the case report and its pictures.

The command line and the service both call these; neither draws a page of its own.
Names are imported when first asked for (PEP 562), so the command line can read the
words of `report.words` without loading the templates, the chart and jinja2.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from maslihat.report.case import case_report_html, case_report_parts, stage_history
    from maslihat.report.timeline import TimelineStep, timeline_steps

_HOME_OF = {
    "TimelineStep": "maslihat.report.timeline",
    "case_report_html": "maslihat.report.case",
    "case_report_parts": "maslihat.report.case",
    "stage_history": "maslihat.report.case",
    "timeline_steps": "maslihat.report.timeline",
}

__all__ = [
    "TimelineStep",
    "case_report_html",
    "case_report_parts",
    "stage_history",
    "timeline_steps",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its home module the first time it is asked for."""
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'maslihat.report' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
