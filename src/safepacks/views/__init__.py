"""Audiences are views: functions from a resolved lesson to a Document."""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document
from ..resolve import ResolvedLesson
from .pupil import pupil_handout
from .teacher import teacher_pack

View = Callable[[ResolvedLesson], Document]

VIEWS: dict[str, tuple[str, View]] = {
    "teacher": ("teacher-pack", teacher_pack),
    "pupil": ("pupil-handout", pupil_handout),
}
"""audience name → (output file stem, view)."""
