"""The command line. Importing the package attaches every command to the `main` group.

`main.py` holds the group and the evaluating commands; sibling modules (`audit.py`)
define theirs on the same group, so no module grows to hold them all.
"""

from maslihat.cli import audit, diff, main, serve

__all__ = ["audit", "diff", "main", "serve"]
