"""Overlays: a school's version of a lesson that patches the base instead of copying it.

    extends: ks3-recognising-grooming        # the base lesson's id
    id: ks3-recognising-grooming-oakfield    # the overlay's own id
    title: ...                               # any lesson field given here replaces the base's
    activity_changes:
      - replace: spot-the-signs              # an activity id in the base
        with: {id: ..., title: ..., minutes: ..., teacher_notes: ...}
      - add_after: jay-story
        activity: {id: ..., ...}
      - remove: what-do-i-know
      - minutes: {ground-rules: 10, jay-story: 13}
      - order: [ground-rules, jay-story, …]    # every activity id, in the order wanted

A mapping given here (say `safeguarding: {distancing: ...}`) changes only the keys it gives;
text and lists replace the base's.

The result is a Source whose data is the merged lesson and whose `origins` point each part
at the file that holds it, so the base's improvements flow into every build of the overlay
(and make its review stale), and messages name the overlay's lines for the overlay's text.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Finding, Severity
from .loading import LoadError, Location, Source, load

if TYPE_CHECKING:
    from .workspace import LessonIndex

OPERATIONS = ("replace", "add_after", "remove", "minutes", "order")
MAX_DEPTH = 4  # an overlay of an overlay of… : a school needs one or two levels, never more
OVERLAY_KEYS = ("extends", "activity_changes")


def is_overlay(source: Source) -> bool:
    return isinstance(source.data, dict) and "extends" in source.data


def apply_overlay(overlay: Source, index: LessonIndex, _seen: tuple[Path, ...] = ()) -> Source:
    """The merged lesson, or LoadError naming the overlay's line and what is wrong. Base
    lessons are looked up by id in `index` (the school's lessons, then the bundled ones)."""
    data: dict[str, Any] = overlay.data
    base_id = data.get("extends")
    if not isinstance(base_id, str):
        raise _error(
            overlay, ("extends",), "`extends:` must name a lesson id", "e.g. extends: ks3-recognising-grooming"
        )
    candidates = [path for path in index.all.get(base_id, []) if path != overlay.path.resolve()]
    if len(candidates) > 1:
        raise _error(
            overlay,
            ("extends",),
            f"more than one lesson has the id '{base_id}': {', '.join(map(str, candidates))}",
            "give each lesson its own id, so it is clear which one this overlay changes",
        )
    base_path = candidates[0] if candidates else None
    if base_path is None:
        raise _error(
            overlay,
            ("extends",),
            f"no lesson has the id '{base_id}'",
            "check the id with `safepacks list --library` (bundled lessons) or `safepacks list` (your own)",
        )
    if base_path in _seen:
        raise _error(overlay, ("extends",), f"'{base_id}' extends itself through a chain of overlays", "")
    if len(_seen) >= MAX_DEPTH:
        raise _error(
            overlay, ("extends",), f"overlays may extend each other at most {MAX_DEPTH} deep", "extend the base lesson"
        )
    base = load(base_path)
    if is_overlay(base):
        base = apply_overlay(base, index, (*_seen, overlay.path.resolve()))
    if not isinstance(base.data, dict):
        raise _error(overlay, ("extends",), f"the base lesson '{base_id}' is not a lesson file", "")

    merged = {key: copy.deepcopy(value) for key, value in base.data.items() if key != "review"}
    origins: list[tuple[Location, Source, Location]] = [((), base, ())]
    for key, value in data.items():
        if key in OVERLAY_KEYS:
            origins.append(((key,), overlay, (key,)))
            continue
        merged[key] = _merged(merged.get(key), value)
        origins += [(where, overlay, where) for where in _given((key,), value, merged[key])]
    activities, activity_origins, minute_origins = _apply_changes(overlay, base, base_id, merged, data)
    merged["activities"] = activities
    origins += [(("activities", i), src, loc) for i, (src, loc) in enumerate(activity_origins)]
    origins += minute_origins
    return Source(
        overlay.path,
        merged,
        overlay.positions,
        overlay.key_positions,
        overlay.spans,
        overlay.text,
        tuple(origins),
        overlay.digest,
    )


def _merged(base: object, mine: object) -> object:
    """A mapping in the overlay changes only the keys it gives (so changing one safeguarding
    note keeps the others, and the base's later improvements to the rest flow in); anything
    else (text, a list) replaces the base's value."""
    if isinstance(base, dict) and isinstance(mine, dict):
        merged = {key: copy.deepcopy(value) for key, value in base.items()}
        for key, value in mine.items():
            merged[key] = _merged(base.get(key), value)
        return merged
    return copy.deepcopy(mine)


def _given(where: Location, mine: object, merged: object) -> list[Location]:
    """The locations the overlay supplies: each key of a merged mapping, down to where it
    replaces a value."""
    if isinstance(mine, dict) and isinstance(merged, dict):
        found = [where]  # the mapping itself, for messages about it as a whole
        for key, value in mine.items():
            found += _given((*where, key), value, merged.get(key))
        return found
    return [where]


def _apply_changes(overlay: Source, base: Source, base_id: str, merged: dict, data: dict):  # noqa: ANN202, C901
    activities = merged.get("activities") or []
    if not isinstance(activities, list) or not all(isinstance(a, dict) for a in activities):
        raise _error(overlay, ("extends",), f"the base lesson '{base_id}' has no list of activities", "")
    activities = list(activities)
    owner = overlay if "activities" in data else base  # a whole new list, or the base's
    origins: list[tuple[Source, Location]] = [(owner, ("activities", i)) for i in range(len(activities))]
    minute_origins: list[tuple[Location, Source, Location]] = []
    changes = data.get("activity_changes") or []
    if not isinstance(changes, list):
        raise _error(
            overlay, ("activity_changes",), "`activity_changes:` must be a list", "start each change with `- `"
        )

    def index_of(activity_id: object, where: Location) -> int:
        ids = [a.get("id") for a in activities]
        if activity_id not in ids:
            raise _error(
                overlay,
                where,
                f"the lesson '{base_id}' has no activity with the id '{activity_id}'",
                f"activity ids here: {', '.join(map(str, ids))}",
            )
        return ids.index(activity_id)

    for number, change in enumerate(changes):
        where: Location = ("activity_changes", number)
        if not isinstance(change, dict) or not any(op in change for op in OPERATIONS):
            raise _error(
                overlay, where, "each change needs one of: " + ", ".join(OPERATIONS), "see `safepacks new --from`"
            )
        if "remove" in change:
            i = index_of(change["remove"], (*where, "remove"))
            del activities[i], origins[i]
        elif "replace" in change:
            i = index_of(change["replace"], (*where, "replace"))
            activities[i] = _activity(overlay, change, "with", where)
            origins[i] = (overlay, (*where, "with"))
        elif "add_after" in change:
            i = index_of(change["add_after"], (*where, "add_after"))
            activities.insert(i + 1, _activity(overlay, change, "activity", where))
            origins.insert(i + 1, (overlay, (*where, "activity")))
        elif "order" in change:
            wanted = change["order"]
            ids = [a.get("id") for a in activities]
            if not isinstance(wanted, list) or sorted(map(str, wanted)) != sorted(map(str, ids)):
                raise _error(
                    overlay,
                    (*where, "order"),
                    "`order:` must list every activity id once, in the order wanted",
                    f"the activities here are: {', '.join(map(str, ids))}",
                )
            moved = [ids.index(activity_id) for activity_id in wanted]
            activities = [activities[i] for i in moved]
            origins = [origins[i] for i in moved]
        if "minutes" in change:
            if not isinstance(change["minutes"], dict):
                raise _error(
                    overlay,
                    (*where, "minutes"),
                    "`minutes:` maps activity ids to minutes",
                    "e.g. minutes: {jay-story: 12}",
                )
            for activity_id, minutes in change["minutes"].items():
                i = index_of(activity_id, (*where, "minutes", activity_id))
                activities[i] = {**activities[i], "minutes": minutes}
                minute_origins.append((("activities", i, "minutes"), overlay, (*where, "minutes", activity_id)))
    return activities, origins, minute_origins


def _activity(overlay: Source, change: dict, key: str, where: Location) -> dict:
    activity = change.get(key)
    if not isinstance(activity, dict):
        raise _error(overlay, where, f"this change needs `{key}:` with the new activity", "give it id, title, minutes…")
    return copy.deepcopy(activity)


def _error(source: Source, location: Location, message: str, hint: str) -> LoadError:
    path, position = source.place(location)
    return LoadError(Finding(path, position, Severity.error, "overlay", message, hint))
