"""Look up everything a lesson refers to, so views never see a dangling id."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .checks.rules import RULES
from .findings import Finding
from .loading import Source
from .model import Lesson
from .registry import Audience, Registry, Route, Statement
from .school import School


@dataclass(frozen=True)
class ResolvedLesson:
    lesson: Lesson
    source: Source
    routes: tuple[Route, ...]
    statements: dict[str, Statement]  # every guidance id the outcomes cite
    guidance_titles: dict[str, str]  # statement id → short title of its document
    reviewed_against: tuple[str, ...] = ()  # short titles of the guidance the review names
    standing_routes: tuple[Route, ...] = ()  # routes shown to some audience in every lesson
    school: School | None = None  # whose packs these are, and their DSL

    @property
    def source_files(self) -> tuple[Path, ...]:
        """Every file the lesson's text comes from (the cache key is made from these)."""
        return self.source.files

    def routes_for(self, audience: Audience) -> tuple[Route, ...]:
        """The lesson's own routes suited to `audience`, then the ones it always sees."""
        named = [route for route in self.routes if audience in route.audiences]
        standing = [r for r in self.standing_routes if audience in r.always_for and r not in named]
        return tuple(named + standing)


def resolve(
    lesson: Lesson, source: Source, registry: Registry, school: School | None = None
) -> tuple[ResolvedLesson, list[Finding]]:
    findings: list[Finding] = []
    routes: list[Route] = []
    for index, route_id in enumerate(lesson.signposting):
        route = registry.routes.get(route_id)
        if route is None:
            findings.append(
                RULES["unknown-signposting"].at(
                    source,
                    ("signposting", index),
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
                    RULES["unknown-guidance"].at(
                        source,
                        ("learning_outcomes", o_index, "guidance", g_index),
                        f"no guidance statement has the id '{ref}'",
                        _suggest(ref, registry.statements) or "see registry/guidance/ for the ids",
                    )
                )
                continue
            document, statement = found
            statements[ref] = statement
            titles[ref] = document.short_title
    reviewed_against = tuple(
        registry.documents[doc_id].abbreviation
        for doc_id in (lesson.review.guidance if lesson.review else [])
        if doc_id in registry.documents
    )
    standing = tuple(route for route in registry.routes.values() if route.always_for)
    resolved = ResolvedLesson(lesson, source, tuple(routes), statements, titles, reviewed_against, standing, school)
    return resolved, findings


def _suggest(wrong: str, known: dict[str, object]) -> str:
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
