"""What in the registries is not yet confirmed, for the people who maintain the content.

Packs never print a caveat: a route, guidance statement or fact that could not be confirmed
on its publisher's page is listed here (and on `build/verification.html`), with the lessons
that rely on it, so it can be checked before it misleads anyone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .checks.facts import MAX_AGE_YEARS
from .model import Lesson
from .registry import Registry


@dataclass(frozen=True)
class Item:
    kind: str  # "route", "guidance", "statement", "fact"
    id: str
    name: str
    status: str  # why it is listed: "not confirmed", "read on a copy", "older than five years"
    note: str  # what is unconfirmed, or where it was read
    used_by: tuple[str, ...]  # ids of the lessons that rely on it


def unverified(lessons: list[Lesson], registry: Registry, *, today: dt.date) -> list[Item]:
    """Every registry entry that is unconfirmed, second-hand or old, used by a lesson or not."""

    def users(test) -> tuple[str, ...]:  # noqa: ANN001
        return tuple(sorted(lesson.id for lesson in lessons if test(lesson)))

    items: list[Item] = []
    for route in registry.routes.values():
        if not route.verified:
            used = users(lambda lesson, r=route: r.id in lesson.route_ids or bool(r.always_for))
            items.append(
                Item("route", route.id, route.name, "not confirmed", route.verification_note or route.source, used)
            )
    for document in registry.documents.values():
        if document.superseded_by:
            continue
        if not document.verified:
            used = users(lambda lesson, d=document: d.id in (lesson.review.guidance if lesson.review else []))
            items.append(Item("guidance", document.id, document.title, "not confirmed", document.source or "", used))
        for statement in document.statements:
            if not statement.verified:
                used = users(lambda lesson, s=statement: any(s.id in o.guidance for o in lesson.learning_outcomes))
                items.append(
                    Item("statement", statement.id, statement.section, "not confirmed", statement.source or "", used)
                )
    for fact in registry.facts.values():
        used = users(lambda lesson, f=fact: any(note.fact == f.id for note in lesson.background))
        if not fact.verified:
            items.append(Item("fact", fact.id, fact.claim, "not confirmed", fact.note or fact.read, used))
        elif not fact.primary:
            items.append(Item("fact", fact.id, fact.claim, "read on a copy", fact.read, used))
        if fact.kind == "statistic" and fact.year and today.year - fact.year > MAX_AGE_YEARS:
            items.append(Item("fact", fact.id, fact.claim, "older than five years", f"from {fact.year}", used))
    return items
