"""The command line: `main.py` holds the group and the evaluating commands.

Sibling modules (`audit.py`, `serve.py`) define their commands as plain click
commands, which the group loads by name only when one is called or listed, so no
module grows to hold them all and no command pays for another's imports.
"""
