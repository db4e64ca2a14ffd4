"""Which values in a lesson file are prose, and which of those pupils read."""

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
}

# Patterns over a location written as dotted text, `*` standing for any list index.
_PUPIL_FIELDS = [
    "pupil_title",
    "learning_objective",
    "learning_outcomes.*.text",
    "keywords.*.definition",
    "activities.*.title",
    "activities.*.pupil_task",
    "activities.*.worksheet.instructions",
    "activities.*.worksheet.cards.*.title",
    "activities.*.worksheet.cards.*.story",
    "activities.*.worksheet.cards.*.questions.*",
    "activities.*.worksheet.statements.*.statement",
    "activities.*.worksheet.categories.*",
    "activities.*.worksheet.items.*.text",
    "activities.*.worksheet.questions.*.question",
    "activities.*.worksheet.questions.*.options.*",
]
_PUPIL = re.compile("|".join("^" + re.escape(pattern).replace(r"\*", r"\d+") + "$" for pattern in _PUPIL_FIELDS))


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
