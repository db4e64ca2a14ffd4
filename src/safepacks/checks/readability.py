"""Readability of pupil-facing text, judged per field against the key stage's reading level.

Measure: the Flesch–Kincaid grade (textstat), a US school grade; reading age is about the
grade plus 5. Thresholds (see README): KS1 2, KS2 4, KS3 6, KS4 8, KS5 10 — that is,
reading ages of about 7, 9, 11, 13 and 15, the youngest pupils in each key stage. Fields
shorter than MIN_WORDS are skipped: a grade from one short sentence is mostly noise.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import plain_text
from ..findings import Finding
from ..model import KeyStage
from ..richtext import inlines
from . import Context
from .fields import dotted, is_pupil_facing, prose
from .rules import RULES

MAX_GRADE = {KeyStage.KS1: 2.0, KeyStage.KS2: 4.0, KeyStage.KS3: 6.0, KeyStage.KS4: 8.0, KeyStage.KS5: 10.0}
MIN_WORDS = 12


def grade(text: str) -> float:
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def pupil_text(markdown: str) -> str:
    return plain_text(inlines(markdown))


def check_readability(ctx: Context) -> Iterator[Finding]:
    limit = MAX_GRADE[ctx.lesson.key_stage]
    for location, value in prose(ctx.source.data):
        if not is_pupil_facing(location):
            continue
        text = pupil_text(value)
        if len(text.split()) < MIN_WORDS:
            continue
        score = grade(text)
        if score > limit:
            yield RULES["readability"].at(
                ctx.source,
                location,
                f"{dotted(location)} reads at grade {score:.1f} (reading age about {score + 5:.0f}); "
                f"{ctx.lesson.key_stage.value} text should be at most grade {limit:.0f}",
                "use shorter sentences and everyday words",
            )
