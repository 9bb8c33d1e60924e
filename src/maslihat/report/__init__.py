"""The presentation room: words, templates, the case report and its pictures.

The command line and the service both call these; neither draws a page of its own.
"""

from maslihat.report.case import case_report_html, case_report_parts, stage_history
from maslihat.report.timeline import TimelineStep, timeline_steps

__all__ = [
    "TimelineStep",
    "case_report_html",
    "case_report_parts",
    "stage_history",
    "timeline_steps",
]
