"""The domain model: cases and their events going in, results coming out."""

from maslihat.model.case import Case, Deputy, Maslihat, OtherMandate
from maslihat.model.events import EVENT_MODELS, Event, EventBase
from maslihat.model.result import (
    Finding,
    GroundOutcome,
    Mandate,
    NextStep,
    Result,
    RulesInfo,
    TraceEntry,
)

__all__ = [
    "EVENT_MODELS",
    "Case",
    "Deputy",
    "Event",
    "EventBase",
    "Finding",
    "GroundOutcome",
    "Mandate",
    "Maslihat",
    "NextStep",
    "OtherMandate",
    "Result",
    "RulesInfo",
    "TraceEntry",
]
