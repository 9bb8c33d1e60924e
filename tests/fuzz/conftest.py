"""Hypothesis profiles for the fuzz suite: bounded in `make test`, deep in `make fuzz`.

`make test` must stay fast, so each property runs a few dozen derandomised examples;
`make fuzz` (MASLIHAT_FUZZ=deep) runs enough examples for 100,000 generated inputs in
all, with a fresh random seed each time.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

DEEP_EXAMPLES = 20_000
"""Examples per property in the deep profile (five properties: 100,000 inputs)."""

settings.register_profile(
    "bounded",
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep",
    max_examples=DEEP_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("deep" if os.environ.get("MASLIHAT_FUZZ") == "deep" else "bounded")
