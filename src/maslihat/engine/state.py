"""The state of the mandate that events change: folded in date order as the rules say.

A state fact is either a value (`basis`, set by `basis_changed`) or a collection
(`activities`, added to by `activity_started` and removed from by `activity_ended`,
matched on key fields). The rules declare which; this module only folds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from maslihat.rules.ruleset import StateDef


class StateFold:
    """Current values of the declared state facts."""

    def __init__(self, definitions: tuple[StateDef, ...]) -> None:
        self._definitions = definitions
        self.values: dict[str, Any] = {d.id: () if d.collection else None for d in definitions}

    def start(self, initial: dict[str, Any]) -> None:
        """Set the starting values (read from the case before any event)."""
        self.values.update(initial)

    def apply(self, event: Any) -> list[str]:
        """Fold one event in; return the ids of the facts it changed."""
        changed = []
        kind: str = event.type
        for definition in self._definitions:
            current = self.values[definition.id]
            if kind in definition.set:
                new = getattr(event, definition.set[kind].removeprefix("event."), None)
            elif kind in definition.add:
                item = _item(event, definition.add[kind])
                item["since"] = event.date
                new = (
                    (*current, item)
                    if not _contains(current, item, definition.add[kind])
                    else current
                )
            elif kind in definition.remove:
                keys = definition.remove[kind]
                target = _item(event, keys)
                new = tuple(i for i in current if {k: i[k] for k in keys} != target)
            else:
                continue
            if new != current:
                self.values[definition.id] = new
                changed.append(definition.id)
        return changed


def _item(event: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: getattr(event, key, None) for key in keys}


def _contains(
    items: tuple[dict[str, Any], ...], item: dict[str, Any], keys: tuple[str, ...]
) -> bool:
    return any(all(existing[k] == item[k] for k in keys) for existing in items)


def item_key(item: Any) -> str:
    """A stable key for an item of a collection, ignoring when it was added."""
    if isinstance(item, dict):
        return "/".join(f"{k}={v}" for k, v in sorted(item.items()) if k != "since")
    return "" if item is None else str(item)


def since(item: Any) -> dt.date | None:
    """When an item of a collection was added, if it records that."""
    return item.get("since") if isinstance(item, dict) else None
