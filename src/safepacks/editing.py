"""Changes to a school's own files (its lessons, overlays and profile), written back with
their comments and layout kept, as the studio's forms make them.

Every change is checked before it is saved: text that no longer reads as YAML, or no
longer fits the lesson (or profile) model, is refused with the same findings the command
line prints, and the file on disk is left as it was. Lessons with check findings (a
reading age, a phone number typed in) are saved: those findings are shown next to the
field, and the lesson builds as a draft until they are fixed.

In an overlay, a change to a base activity is written as the overlay's own operation
(`replace`, `remove`, `add_after`, `minutes`, `order`), and a change to a field as that
field alone, so everything else still comes from the base lesson.
"""

from __future__ import annotations

import copy
import io
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .findings import Finding
from .loading import LoadError, load
from .output import atomic_write

Field = tuple[str | int, ...]


class EditRefused(Exception):
    """The change would leave the file unreadable or invalid; nothing was written."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


class YamlFile:
    """A YAML file held as a round-trip tree: edit `data`, then `save`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = _yaml().load(path.read_text(encoding="utf-8")) or CommentedMap()

    def text(self) -> str:
        buffer = io.StringIO()
        _yaml().dump(self.data, buffer)
        return buffer.getvalue()

    def set(self, field: Field, value: Any) -> None:
        """Set the value at `field`, making the mappings on the way."""
        node = self.data
        for key in field[:-1]:
            if isinstance(node, dict) and not isinstance(node.get(key), dict | list):
                node[key] = CommentedMap()
            node = node[key]
        node[field[-1]] = _plain(value)

    def remove(self, field: Field) -> None:
        """Remove the value at `field`, and any mapping left empty by that."""
        chain = [self.data]
        for key in field[:-1]:
            if not isinstance(chain[-1], dict) or key not in chain[-1]:
                return  # nothing there to remove
            chain.append(chain[-1][key])
        if isinstance(chain[-1], dict):
            chain[-1].pop(field[-1], None)
        for parent, key in zip(reversed(chain[:-1]), reversed(field[:-1]), strict=True):
            if isinstance(parent[key], dict) and not parent[key]:
                del parent[key]

    def save(self, check: Callable[[Path], list[Finding]]) -> None:
        """Write the file if `check` (given a copy of the new text) finds it readable and
        valid; otherwise raise EditRefused and leave the file as it was."""
        text = self.text()
        with tempfile.NamedTemporaryFile(
            "w", suffix=".yaml.tmp", dir=self.path.parent, delete=False, encoding="utf-8"
        ) as draft:
            draft.write(text)
        candidate = Path(draft.name)
        try:
            problems = check(candidate)
        finally:
            candidate.unlink(missing_ok=True)
        if problems:
            raise EditRefused([_renamed(f, candidate, self.path) for f in problems])
        atomic_write(self.path, text.encode("utf-8"))


def _renamed(finding: Finding, old: Path, new: Path) -> Finding:
    from dataclasses import replace

    return replace(finding, path=new) if finding.path == old else finding


def _plain(value: Any) -> Any:
    """Lists and mappings from a form, as round-trip nodes written in block style."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _plain(item)
        return node
    if isinstance(value, list):
        node = CommentedSeq(_plain(item) for item in value)
        node.fa.set_block_style()
        return node
    return value


class LessonFile(YamlFile):
    """A school's lesson file: its own lesson, or an overlay of another (`extends:`)."""

    @property
    def is_overlay(self) -> bool:
        return "extends" in self.data

    # --- activities -----------------------------------------------------------------

    def _changes(self) -> CommentedSeq:
        changes = self.data.get("activity_changes")
        if not isinstance(changes, list) or (not changes and changes.fa.flow_style()):
            fresh = CommentedSeq(changes or [])
            fresh.fa.set_block_style()
            self.data["activity_changes"] = changes = fresh
        return changes

    def _own(self, activity_id: str) -> dict | None:
        """The activity as this file holds it: in its own list, or added or replaced here."""
        if not self.is_overlay:
            return next((a for a in self.data.get("activities", []) if a.get("id") == activity_id), None)
        for change in self._changes():
            for key in ("with", "activity"):
                if isinstance(change.get(key), dict) and change[key].get("id") == activity_id:
                    return change[key]
        return None

    def _insert(self, change: dict) -> None:
        """A new operation, before the overlay's `minutes` and `order` (which name every id)."""
        changes = self._changes()
        at = next((n for n, c in enumerate(changes) if "minutes" in c or "order" in c), len(changes))
        changes.insert(at, _plain(change))

    def update_activity(self, activity_id: str, fields: dict, current: dict) -> None:
        """Change an activity's fields. `current` is the activity as the merged lesson has it
        now (an overlay's base activity is copied from it when it is first changed)."""
        own = self._own(activity_id)
        if own is not None:
            for key, value in fields.items():
                own[key] = _plain(value)
            return
        if set(fields) == {"minutes"}:  # base text keeps flowing in: only its time changes
            self._minutes()[activity_id] = fields["minutes"]
            return
        self._drop_minutes(activity_id)
        self._insert({"replace": activity_id, "with": {**copy.deepcopy(current), **fields}})

    def add_activity(self, after_id: str, activity: dict) -> None:
        if not self.is_overlay:
            activities = self.data["activities"]
            at = next(n for n, a in enumerate(activities) if a.get("id") == after_id)
            activities.insert(at + 1, _plain(activity))
            return
        self._insert({"add_after": after_id, "activity": activity})
        order = self._order()
        if order is not None:
            order.insert(order.index(after_id) + 1, activity["id"])

    def remove_activity(self, activity_id: str) -> None:
        if not self.is_overlay:
            activities = self.data["activities"]
            activities[:] = [a for a in activities if a.get("id") != activity_id]
            return
        changes = self._changes()
        added = next((n for n, c in enumerate(changes) if (c.get("activity") or {}).get("id") == activity_id), None)
        if added is not None:
            del changes[added]
        else:
            replaced = next((n for n, c in enumerate(changes) if c.get("replace") == activity_id), None)
            if replaced is not None:
                del changes[replaced]
            self._insert({"remove": activity_id})
        self._drop_minutes(activity_id)
        order = self._order()
        if order is not None and activity_id in order:
            order.remove(activity_id)

    def reorder(self, activity_ids: list[str]) -> None:
        if not self.is_overlay:
            by_id = {a.get("id"): a for a in self.data["activities"]}
            self.data["activities"][:] = [by_id[i] for i in activity_ids]
            return
        order = self._order()
        if order is None:
            self._changes().append(_plain({"order": list(activity_ids)}))
        else:
            order[:] = list(activity_ids)

    def _minutes(self) -> CommentedMap:
        changes = self._changes()
        for change in changes:
            if isinstance(change.get("minutes"), dict):
                return change["minutes"]
        at = next((n for n, c in enumerate(changes) if "order" in c), len(changes))
        changes.insert(at, _plain({"minutes": {}}))
        return changes[at]["minutes"]

    def _drop_minutes(self, activity_id: str) -> None:
        changes = self._changes()
        for n, change in enumerate(changes):
            if isinstance(change.get("minutes"), dict) and activity_id in change["minutes"]:
                del change["minutes"][activity_id]
                if not change["minutes"]:
                    del changes[n]
                return

    def _order(self) -> CommentedSeq | None:
        for change in self._changes():
            if isinstance(change.get("order"), list):
                return change["order"]
        return None


def readable(validate: Callable[[Path], tuple[Any, list[Finding]]]) -> Callable[[Path], list[Finding]]:
    """A save check: the file loads, and `validate` finds nothing that stops it being a
    lesson (or profile) at all; check findings do not stop a save."""

    def check(path: Path) -> list[Finding]:
        try:
            load(path)
        except LoadError as exc:
            return [exc.finding]
        model, findings = validate(path)
        return [] if model is not None else [f for f in findings if f.is_error]

    return check
