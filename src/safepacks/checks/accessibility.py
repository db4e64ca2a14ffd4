"""Accessibility rules: every picture says what it shows, and exists."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..loading import Location
from ..model import Illustration, Lesson, ScenarioCards
from ..resources import IMAGES_DIR
from ..rules import RULES
from . import Context


def _pictures(lesson: Lesson) -> Iterator[tuple[Location, Illustration]]:
    for index, activity in enumerate(lesson.activities):
        if activity.illustration:
            yield ("activities", index, "illustration"), activity.illustration
        if isinstance(activity.worksheet, ScenarioCards):
            for number, card in enumerate(activity.worksheet.cards):
                if card.illustration:
                    yield ("activities", index, "worksheet", "cards", number, "illustration"), card.illustration


def check_images(ctx: Context) -> Iterator[Finding]:
    for location, picture in _pictures(ctx.lesson):
        if not picture.alt.strip():
            yield RULES["image-alt"].at(
                ctx.source,
                location,
                f"the picture '{picture.file}' has no alt text",
                "add `alt:` saying what the picture shows, for pupils using a screen reader",
            )
        if not (IMAGES_DIR / picture.file).is_file():
            yield RULES["image-missing"].at(
                ctx.source,
                (*location, "file"),
                f"there is no picture called '{picture.file}' among the bundled images",
                "check the file name against the images listed in the bundled images' README",
            )
