"""Audiences are views: functions from a resolved lesson to a Document."""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document
from ..resolve import ResolvedLesson
from .parent import parent_leaflet
from .pupil import pupil_handout
from .teacher import teacher_pack

View = Callable[[ResolvedLesson], Document]

VIEWS: dict[str, tuple[str, View]] = {
    "teacher": ("teacher-pack", teacher_pack),
    "pupil": ("pupil-handout", pupil_handout),
    "parent": ("parent-leaflet", parent_leaflet),
}
"""audience name → (output file stem, view)."""
