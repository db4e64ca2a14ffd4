"""Accessibility rules: every picture says what it shows, and exists."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..resources import IMAGES_DIR
from . import Context
from .rules import RULES


def check_images(ctx: Context) -> Iterator[Finding]:
    for index, activity in enumerate(ctx.lesson.activities):
        picture = activity.illustration
        if picture is None:
            continue
        location = ("activities", index, "illustration")
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
                f"there is no picture called '{picture.file}' in assets/images/",
                "check the file name, or add the SVG (and a PNG of the same name for Word)",
            )
