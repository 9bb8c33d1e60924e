"""Auditing a rule set: case tests, traceability, condition coverage, lint and mutants."""
