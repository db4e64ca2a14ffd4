"""Readability of pupil-facing text, judged per field against the key stage's reading level.

Measure: the Flesch–Kincaid grade, a US school grade; reading age is about the grade plus 5.
Syllables are counted from Pyphen's hyphenation dictionary (British English), as textstat
does when a word is not in its pronouncing dictionary. textstat itself was tried: 0.7.8
spends about 3 s loading the CMU dictionary in every process, and later releases download
NLTK data on first use, which fails offline. Thresholds (see README): KS1 2, KS2 4, KS3 6, KS4 8, KS5 10 — that is,
reading ages of about 7, 9, 11, 13 and 15, the youngest pupils in each key stage. Fields
shorter than MIN_WORDS are skipped: a grade from one short sentence is mostly noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..findings import Finding
from ..model import KeyStage
from ..rules import RULES
from . import Context
from .fields import dotted, is_pupil_facing

MAX_GRADE = {KeyStage.KS1: 2.0, KeyStage.KS2: 4.0, KeyStage.KS3: 6.0, KeyStage.KS4: 8.0, KeyStage.KS5: 10.0}
MIN_WORDS = 12


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")


@lru_cache(maxsize=1)
def _hyphenator():  # noqa: ANN202
    import pyphen

    return pyphen.Pyphen(lang="en_GB")


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    return max(1, len(_hyphenator().positions(word.lower().strip("'’-"))) + 1)


def grade(text: str) -> float:
    """Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    return 0.39 * len(words) / sentences + 11.8 * sum(map(syllables, words)) / len(words) - 15.59


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]+|^\s*(?:[-+]|\d+[.)])\s+", re.MULTILINE)


def pupil_text(markdown: str) -> str:
    """The words of restricted Markdown, for scoring only (the renderers parse it properly)."""
    return _MARKUP.sub("", _LINK.sub(r"\1", markdown))


def check_readability(ctx: Context) -> Iterator[Finding]:
    limit = MAX_GRADE[ctx.lesson.key_stage]
    for location, value in ctx.prose:
        if not is_pupil_facing(location):
            continue
        if len(value.split()) < MIN_WORDS:
            continue
        text = pupil_text(value)
        score = grade(text)
        if score > limit:
            yield RULES["readability"].at(
                ctx.source,
                location,
                f"{dotted(location)} reads at grade {score:.1f} (reading age about {score + 5:.0f}); "
                f"{ctx.lesson.key_stage.value} text should be at most grade {limit:.0f}",
                "use shorter sentences and everyday words",
            )
