"""Checks: small rule families over a resolved lesson, each yielding findings.

A check never renders and never changes the lesson; `run_checks` runs every family so a
PSHE lead sees all the problems at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Finding
    from ..loading import Source
    from ..model import Lesson
    from ..registry import Registry
    from ..resolve import ResolvedLesson


@dataclass
class Context:
    resolved: ResolvedLesson
    registry: Registry
    today: dt.date

    @property
    def lesson(self) -> Lesson:
        return self.resolved.lesson

    @property
    def source(self) -> Source:
        return self.resolved.source

    @cached_property
    def prose(self) -> list[tuple[tuple, str]]:
        """Every prose value and where it is, walked once for all the rule families."""
        from .fields import prose

        return list(prose(self.source.data))


def run_checks(
    resolved: ResolvedLesson, registry: Registry, *, today: dt.date | None = None, review: bool = True
) -> list[Finding]:
    """All findings for one lesson; `review=False` leaves out the review rules (used by
    `safepacks review`, which is about to write a new review)."""
    from .accessibility import check_images
    from .facts import check_facts
    from .readability import check_readability
    from .references import check_references
    from .review import check_review
    from .safe_practice import check_safe_practice
    from .wording import (
        check_dropped_hashtags,
        check_inline_contacts,
        check_instructions,
        check_placeholders,
        check_terminology,
        check_unfinished,
    )

    ctx = Context(resolved, registry, today or dt.date.today())
    families = [
        check_dropped_hashtags,
        check_placeholders,
        check_unfinished,
        check_instructions,
        check_references,
        check_facts,
        check_safe_practice,
        check_terminology,
        check_inline_contacts,
        check_readability,
        check_images,
    ]
    if review:
        families.append(check_review)
    return [finding for family in families for finding in family(ctx)]
