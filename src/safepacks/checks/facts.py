"""Facts rules: every figure a teacher pack prints comes from the facts registry, confirmed,
suited to the key stage and not out of date; background without a cited fact holds no figures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..rules import RULES
from . import Context

MAX_AGE_YEARS = 5  # a statistic older than this is reported: look for newer figures

# A percentage, a number with a thousands separator, a number of three or more digits that is
# not a year, or "twice"/"N times" (as in "eight times more"). Ages, year groups and small
# counts ("two cards", "Year 7", "under 18") are not statistics.
_FIGURE = re.compile(
    r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b)"
    r"|\b\d{1,3}(?:,\d{3})+\b"
    r"|\b(?!(?:19|20)\d{2}\b|999\b|101\b|111\b)\d{3,}\b"  # not a year, nor an emergency number
    r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+times\s+(?:more|as|higher|the)\b"
    r"|\b(?:doubled|tripled|halved)\b",
    re.IGNORECASE,
)


def check_facts(ctx: Context) -> Iterator[Finding]:
    lesson = ctx.lesson
    for index, note in enumerate(lesson.background):
        where = ("background", index)
        if note.fact is None:
            match = _FIGURE.search(note.text or "")
            if match:
                yield RULES["uncited-number"].at(
                    ctx.source,
                    (*where, "text"),
                    f"'{match.group(0)}' looks like a statistic, but this note cites no fact",
                    "register the figure in registry/facts.yaml with its source, and cite it with `fact:`",
                )
            continue
        fact = ctx.resolved.facts.get(note.fact)
        if fact is None:  # reported by resolve as unknown-fact
            continue
        at = (*where, "fact")
        if note.text and _FIGURE.search(note.text):
            yield RULES["uncited-number"].at(
                ctx.source,
                (*where, "text"),
                "the note on using this fact gives a figure of its own",
                "put every figure in the fact's claim, where its source is printed with it",
            )
        if not fact.verified:
            yield RULES["fact-unverified"].at(
                ctx.source,
                at,
                f"the fact '{fact.id}' has not been confirmed on the page it was read from",
                "confirm it and set `verified: true` in registry/facts.yaml, or leave it out of the lesson",
            )
        if lesson.key_stage not in fact.key_stages:
            suits = ", ".join(k.value for k in fact.key_stages)
            yield RULES["fact-key-stage"].at(
                ctx.source, at, f"the fact '{fact.id}' is marked for {suits}, not {lesson.key_stage.value}", ""
            )
        if fact.kind == "statistic" and fact.year and ctx.today.year - fact.year > MAX_AGE_YEARS:
            yield RULES["fact-old"].at(
                ctx.source,
                at,
                f"'{fact.id}' comes from {fact.year}, more than {MAX_AGE_YEARS} years ago",
                "look for a newer figure from the same publisher",
            )
        if not fact.primary:
            yield RULES["fact-secondary"].at(
                ctx.source,
                at,
                f"'{fact.id}' was read on a copy ({fact.read}), not on {fact.publisher}'s own page",
                "find the figure on the publisher's own site and update `read:` and `primary:`",
            )
