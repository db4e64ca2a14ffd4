"""Wording rules over every prose field: discouraged terms, and contact details typed inline.

Each match is reported at its own line and column: the phrase is searched for in the raw
file text inside the value's span, with any run of spaces and line breaks allowed between
words, so it is found in folded and literal block scalars alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..findings import Finding
from ..loading import Location, Source
from ..resources import REGISTRY_DIR
from ..rules import RULES
from . import Context, contacts
from .fields import dotted


@dataclass(frozen=True)
class Term:
    id: str
    pattern: re.Pattern[str]
    triggers: frozenset[str]  # a text must hold one of these words for the pattern to be tried
    use: str
    why: str


@lru_cache(maxsize=4)
def load_terms(path: Path = REGISTRY_DIR / "terminology.yaml") -> tuple[Term, ...]:
    terms = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]:
        avoid = entry.get("avoid", [])
        phrases = [r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b" for phrase in avoid]
        phrases += [p.replace(" ", r"\s+") for p in entry.get("patterns", [])]
        triggers = {phrase.split()[0].lower() for phrase in avoid} | set(entry.get("triggers", []))
        pattern = re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)
        terms.append(Term(entry["id"], pattern, frozenset(triggers), entry["use"], entry["why"]))
    return tuple(terms)


_WORDS = re.compile(r"[a-z]+")


def words_in(text: str) -> frozenset[str]:
    return frozenset(_WORDS.findall(text.lower()))


def check_placeholders(ctx: Context) -> Iterator[Finding]:
    for location, value in ctx.prose:
        if "TODO" in value:
            yield RULES["placeholder"].at(
                ctx.source, location, f"{dotted(location)} still says TODO", "write the real text for this field"
            )


UNFINISHED = re.compile(
    r"not yet (?:confirmed|checked|verified)|check before use|unconfirmed|check which edition"
    r"|wording not yet checked|to be confirmed|\bTBC\b"
    r"|(?:could|can)(?:not| not|n't)? be (?:confirmed|verified)|(?:was|were|is|are) not (?:confirmed|verified)",
    re.IGNORECASE,
)
"""Checking notes that must never reach a printed pack: verification status belongs on the
verification page, for the people who maintain the content."""


def check_unfinished(ctx: Context) -> Iterator[Finding]:
    for location, value in ctx.prose:
        match = UNFINISHED.search(value)
        if match:
            yield RULES["unfinished"].at(
                ctx.source,
                location,
                f"{dotted(location)} says '{match.group(0)}': a pack must not ask the teacher to check its facts",
                "confirm the fact (and record it in the registry), or leave it out",
            )


def check_instructions(ctx: Context) -> Iterator[Finding]:
    for index, activity in enumerate(ctx.lesson.activities):
        if activity.pupil_task and activity.worksheet and activity.worksheet.instructions:
            yield RULES["two-instructions"].at(
                ctx.source,
                ("activities", index, "worksheet", "instructions"),
                f"activity '{activity.id}' has a pupil task and worksheet instructions: pupils would read both",
                "put everything pupils need in `pupil_task` and remove `instructions`",
            )


def check_terminology(ctx: Context) -> Iterator[Finding]:
    terms = load_terms()
    for location, value in ctx.prose:
        present = words_in(value)
        for term in terms:
            if term.triggers.isdisjoint(present):
                continue
            origin, there = ctx.source.locate(location)
            for start, matched in _matches(origin, there, term.pattern):
                yield RULES["terminology"].at_position(
                    origin,
                    origin.offset_position(start),
                    f"'{_squash(matched)}' is a term to avoid: use {term.use}",
                    term.why,
                    location,
                )


def check_inline_contacts(ctx: Context) -> Iterator[Finding]:
    hint = (
        "contact details come from registry/signposting.yaml: name the route's id under "
        "`signposting:`; for another organisation's resource, name it and say where to find it"
    )
    for location, value in ctx.prose:
        origin, there = ctx.source.locate(location)
        start, end = origin.spans.get(there, (0, 0))
        raw = origin.text[start:end] if end > start else ""
        exact = sorted({(offset, kind, what) for offset, kind, what in contacts.find(raw)})
        for offset, kind, what in exact:
            yield RULES["inline-contact"].at_position(
                origin,
                origin.offset_position(start + offset),
                f"{contacts.KINDS[kind]} is typed into the lesson: '{_squash(what)}'",
                hint,
                location,
            )
        if exact:
            continue
        for kind, what in dict.fromkeys(contacts.find_disguised(value)):
            yield RULES["inline-contact"].at(
                ctx.source,
                location,
                f"{contacts.KINDS[kind]} is typed into the lesson, disguised: '{_squash(what)[:60]}'",
                hint,
            )


_DROPPED_COMMENT = re.compile(r"[ \t]+#(?=\S)")


def check_dropped_hashtags(ctx: Context) -> Iterator[Finding]:
    """`source: Education People #LiveSkills` loses '#LiveSkills': YAML reads ' #' as a comment."""
    for location, _value in ctx.prose:
        origin, there = ctx.source.locate(location)
        text = origin.text
        _start, end = origin.spans.get(there, (0, 0))
        line_end = text.find("\n", end)
        match = _DROPPED_COMMENT.match(text, end, line_end if line_end != -1 else len(text))
        if match:
            yield RULES["yaml-hashtag"].at_position(
                origin,
                origin.offset_position(match.end() - 1),
                f"'{text[match.end() - 1 : line_end].strip()[:30]}' was read as a YAML comment and dropped",
                "put the whole value in double quotes, or use a block scalar (>-)",
            )


def _matches(source: Source, location: Location, pattern: re.Pattern[str], *, kinds: bool = False):  # noqa: ANN202
    """(offset, text) of each match in the raw file text of one value."""
    start, end = source.spans.get(location, (0, 0))
    for match in pattern.finditer(source.text, start, end):
        if kinds:
            yield match.start(), (match.lastgroup, match.group())
        else:
            yield match.start(), match.group()


def _squash(text: str) -> str:
    return " ".join(text.split())
