"""Look up everything a lesson refers to, so views never see a dangling id."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from .findings import Finding
from .loading import Location, Source
from .model import Lesson
from .registry import Audience, Fact, Registry, Route, Statement
from .rules import RULES
from .school import School

T = TypeVar("T")


@dataclass(frozen=True)
class ResolvedLesson:
    lesson: Lesson
    source: Source | None  # None in an audience's projection
    routes: tuple[Route, ...]
    statements: dict[str, Statement]  # every guidance id the outcomes cite
    guidance_titles: dict[str, str]  # statement id → short title of its document
    reviewed_against: tuple[str, ...] = ()  # short titles of the guidance the review names
    standing_routes: tuple[Route, ...] = ()  # routes shown to some audience in every lesson
    school: School | None = None  # whose packs these are, and their DSL
    facts: dict[str, Fact] = field(default_factory=dict)  # every fact the background cites
    limited: dict[str, frozenset[str]] = field(default_factory=dict)  # route id → the only audiences shown it

    def as_draft(self) -> ResolvedLesson:
        """The lesson as a draft shows it: claiming no review, on any page."""
        return replace(self, lesson=self.lesson.model_copy(update={"review": None}), reviewed_against=())

    @property
    def source_files(self) -> tuple[Path, ...]:
        """Every file the lesson's text comes from."""
        return self.source.files

    def seen_by(self, audience: str) -> ResolvedLesson:
        """This lesson as `audience` may read it: the lesson projected to the fields shown to
        them, and none of the teacher's material (guidance, facts, the file's raw data)."""
        from .projection import project

        return replace(
            self,
            lesson=project(self.lesson, audience),
            source=None,
            statements={},
            guidance_titles={},
            facts={},
        )

    def routes_for(self, audience: Audience) -> tuple[Route, ...]:
        """The lesson's own routes suited to `audience` (and meant for it), then the ones it
        always sees."""
        named = [
            route
            for route in self.routes
            if audience in route.audiences and audience.value in self.limited.get(route.id, {audience.value})
        ]
        standing = [r for r in self.standing_routes if audience in r.always_for and r not in named]
        return tuple(named + standing)


def resolve(
    lesson: Lesson, source: Source, registry: Registry, school: School | None = None
) -> tuple[ResolvedLesson, list[Finding]]:
    findings: list[Finding] = []

    def look_up(table: dict[str, T], key: str, rule: str, where: Location, what: str) -> T | None:
        found = table.get(key)
        if found is None:
            hint = _suggest(key, table) or f"see the {what} registry for the ids"
            findings.append(RULES[rule].at(source, where, f"no {what} has the id '{key}'", hint))
        return found

    routes = []
    limited: dict[str, frozenset[str]] = {}
    for index, entry in enumerate(lesson.signposting):
        route_id = entry if isinstance(entry, str) else entry.route
        where = ("signposting", index) if isinstance(entry, str) else ("signposting", index, "route")
        route = look_up(registry.routes, route_id, "unknown-signposting", where, "signposting route")
        if route:
            routes.append(route)
            if not isinstance(entry, str):
                limited[route_id] = frozenset(entry.for_)
    statements: dict[str, Statement] = {}
    titles: dict[str, str] = {}
    for o_index, outcome in enumerate(lesson.learning_outcomes):
        for g_index, ref in enumerate(outcome.guidance):
            where = ("learning_outcomes", o_index, "guidance", g_index)
            found = look_up(registry.statements, ref, "unknown-guidance", where, "guidance statement")
            if found:
                document, statements[ref] = found
                titles[ref] = document.short_title
    facts = {
        note.fact: fact
        for index, note in enumerate(lesson.background)
        if note.fact
        and (fact := look_up(registry.facts, note.fact, "unknown-fact", ("background", index, "fact"), "fact"))
    }
    reviewed_against = tuple(
        registry.documents[doc_id].abbreviation
        for doc_id in (lesson.review.guidance if lesson.review else [])
        if doc_id in registry.documents
    )
    standing = tuple(route for route in registry.routes.values() if route.always_for)
    resolved = ResolvedLesson(
        lesson, source, tuple(routes), statements, titles, reviewed_against, standing, school, facts, limited
    )
    return resolved, findings


def _suggest(wrong: str, known: dict[str, object]) -> str:
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
