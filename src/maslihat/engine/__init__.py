"""Evaluating a case against a rule set: the engine that drives the lifecycle chart."""
