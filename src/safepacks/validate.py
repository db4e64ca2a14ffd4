"""Turn loaded data into a typed `Lesson`, or into findings that say where and how to fix it."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .findings import Finding, Severity
from .loading import Location, Source
from .model import Lesson, activity_minutes

_YAML_SURPRISES = {True: "yes/true/on", False: "no/false/off"}


def validate_lesson(source: Source) -> tuple[Lesson | None, list[Finding]]:
    """Every problem in the file at once, as in Pelican's `is_valid`: not just the first."""
    if not isinstance(source.data, dict):
        return None, [
            _finding(
                source,
                (),
                "schema",
                f"a lesson file must be a set of `key: value` lines (a mapping), not {_kind(source.data)}",
                "start from `safepacks new` or copy one of the bundled lessons",
            )
        ]
    try:
        lesson = Lesson.model_validate(source.data)
    except ValidationError as exc:
        return None, schema_findings(source, exc)
    return lesson, _timing_findings(source, lesson)


def schema_findings(source: Source, exc: ValidationError) -> list[Finding]:
    """pydantic's errors, each placed at its line and column in the file and explained."""
    return [_from_pydantic(source, error) for error in exc.errors()]


def _timing_findings(source: Source, lesson: Lesson) -> list[Finding]:
    total = activity_minutes(lesson)
    if total == lesson.duration_minutes:
        return []
    parts = " + ".join(str(a.minutes) for a in lesson.activities)
    location: Location = ("duration_minutes",)
    if source.locate(location)[0].path != source.path and ("activity_changes",) in source.positions:
        location = ("activity_changes",)  # an overlay's changes broke the base's timings
    return [
        _finding(
            source,
            location,
            "timings",
            f"the activities add up to {total} minutes ({parts}) but duration_minutes is {lesson.duration_minutes}",
            "change an activity's `minutes` or `duration_minutes` so they agree",
        )
    ]


def _from_pydantic(source: Source, error: dict[str, Any]) -> Finding:
    location: Location = tuple(error["loc"])
    # Discriminated unions add the tag to the location ("worksheet", "quiz", "questions"…);
    # drop it so the position lookup finds the real key.
    location = tuple(
        part
        for i, part in enumerate(location)
        if not (i and location[i - 1] == "worksheet" and part in _WORKSHEET_KINDS)
    )
    kind, value = error["type"], error.get("input")
    field = _describe(location)
    if kind == "missing":
        return _finding(
            source,
            location[:-1],
            "schema",
            f"{field} is missing",
            f"add `{location[-1]}:` here (see `safepacks schema` for what it holds)",
        )
    if kind == "extra_forbidden":
        return Finding(
            source.locate(location)[0].path,
            _key_position(source, location),
            Severity.error,
            "schema",
            f"unknown key '{location[-1]}'",
            "check the spelling; `safepacks schema` lists every key a lesson may have",
        )
    if kind == "string_type" and isinstance(value, bool | int | float | type(None)):
        shown = _YAML_SURPRISES.get(value, repr(value)) if isinstance(value, bool) else value
        return _finding(
            source,
            location,
            "schema",
            f"{field} should be text, but YAML read it as {_kind(value)} ({shown})",
            'put the text in quotes, e.g. "yes" or "12:30"',
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _finding(
            source,
            location,
            "schema",
            f"{field} should be a whole number, not {value!r}",
            "write digits only, e.g. 10",
        )
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        return _finding(
            source,
            location,
            "schema",
            f"{field}: unknown worksheet kind",
            f"use `kind:` with one of {', '.join(_WORKSHEET_KINDS)}",
        )
    message = error["msg"].removeprefix("Value error, ")
    return _finding(source, location, "schema", f"{field}: {message}", _hint(kind))


_WORKSHEET_KINDS = ("scenario-cards", "true-false", "sorting", "quiz")


def _hint(kind: str) -> str:
    if kind.startswith("enum") or kind == "literal_error":
        return "use one of the values listed"
    if kind in ("string_pattern_mismatch",):
        return "use lower-case letters, digits and hyphens, e.g. ks3-recognising-grooming"
    if kind in ("too_short", "string_too_short"):
        return "this cannot be empty"
    if kind.startswith("int") or kind.startswith("greater") or kind.startswith("less"):
        return "write a whole number in the range given"
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        return "check the indentation and the `- ` list markers against a bundled lesson"
    return "see `safepacks schema` for what this field holds"


def _describe(location: Location) -> str:
    if not location:
        return "the lesson"
    text = ""
    for part in location:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"'{text}'"


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _finding(source: Source, location: Location, rule: str, message: str, hint: str) -> Finding:
    path, position = source.place(location)
    return Finding(path, position, Severity.error, rule, message, hint, tuple(location))


def _key_position(source: Source, location: Location):  # noqa: ANN202
    origin, there = source.locate(location)
    return origin.key_position(there)
