"""What if the law changes: amendments laid over a rule set, and the cases they change.

A rule-set operation beside `audit/`, not a second engine: an amendment is applied to
the rule documents and compiled by the one compiler (`overlay.py`); the diff evaluates
cases with the one engine under both rule sets and compares the results (`diff.py`).
"""
