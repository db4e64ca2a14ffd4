"""Which values in a lesson file are prose, and which of those pupils read (as the model's
field metadata declares: the same declarations the pupil views are projected from)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..loading import Location

NOT_PROSE = {
    "id",
    "kind",
    "schema",
    "topic",
    "key_stage",
    "guidance",
    "signposting",
    "risk_areas",
    "sensitivity",
    "file",
    "review",
    "extends",
    "fact",
    "delivery",
}


def _pupil_pattern() -> re.Pattern[str]:
    """Every location pupils read, from the model's `Shown` metadata (see `projection`)."""
    from ..model import Lesson
    from ..projection import field_paths

    dotted_paths = (".".join(path) for path in field_paths(Lesson, "pupil"))
    return re.compile("|".join("^" + re.escape(p).replace(r"\*", r"\d+") + "$" for p in sorted(set(dotted_paths))))


_PUPIL = _pupil_pattern()


def prose(data: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every string value that is text for people (not an id, a kind or a reference)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PROSE:
                yield from prose(value, (*location, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from prose(value, (*location, index))
    elif isinstance(data, str):
        yield location, data


def is_pupil_facing(location: Location) -> bool:
    return bool(_PUPIL.match(".".join(str(part) for part in location)))


def dotted(location: Location) -> str:
    """`activities[2].pupil_task`, counting list items from 1 as people do."""
    out = ""
    for part in location:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
