"""Look up everything a lesson refers to, so views never see a dangling id."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, Severity
from .loading import Source
from .model import Lesson
from .registry import Registry, Route, Statement


@dataclass(frozen=True)
class ResolvedLesson:
    lesson: Lesson
    source: Source
    routes: tuple[Route, ...]
    statements: dict[str, Statement]  # every guidance id the outcomes cite
    guidance_titles: dict[str, str]  # statement id → short title of its document


def resolve(lesson: Lesson, source: Source, registry: Registry) -> tuple[ResolvedLesson, list[Finding]]:
    findings: list[Finding] = []
    routes: list[Route] = []
    for index, route_id in enumerate(lesson.signposting):
        route = registry.routes.get(route_id)
        if route is None:
            findings.append(
                _unknown(
                    source,
                    ("signposting", index),
                    "unknown-signposting",
                    f"no signposting route has the id '{route_id}'",
                    _suggest(route_id, registry.routes) or "see registry/signposting.yaml for the ids",
                )
            )
        else:
            routes.append(route)
    statements: dict[str, Statement] = {}
    titles: dict[str, str] = {}
    for o_index, outcome in enumerate(lesson.learning_outcomes):
        for g_index, ref in enumerate(outcome.guidance):
            found = registry.statements.get(ref)
            if found is None:
                findings.append(
                    _unknown(
                        source,
                        ("learning_outcomes", o_index, "guidance", g_index),
                        "unknown-guidance",
                        f"no guidance statement has the id '{ref}'",
                        _suggest(ref, registry.statements) or "see registry/guidance/ for the ids",
                    )
                )
                continue
            document, statement = found
            statements[ref] = statement
            titles[ref] = document.short_title
    return ResolvedLesson(lesson, source, tuple(routes), statements, titles), findings


def _suggest(wrong: str, known: dict[str, object]) -> str:
    import difflib

    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _unknown(source: Source, location: tuple, rule: str, message: str, hint: str) -> Finding:
    return Finding(source.path, source.position(location), Severity.error, rule, message, hint)
