"""Reference rules beyond existence (which `resolve` reports): are the facts cited confirmed?"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..rules import RULES
from . import Context


def check_references(ctx: Context) -> Iterator[Finding]:
    for o_index, outcome in enumerate(ctx.lesson.learning_outcomes):
        for g_index, ref in enumerate(outcome.guidance):
            statement = ctx.resolved.statements.get(ref)
            if statement is not None and not statement.verified:
                yield RULES["guidance-unverified"].at(
                    ctx.source,
                    ("learning_outcomes", o_index, "guidance", g_index),
                    f"the wording of '{ref}' has not been checked against the published document",
                    "check the statement in the document itself, then set `verified: true` in the registry",
                )
    for route in ctx.resolved.routes:
        if not route.verified:
            yield RULES["signposting-unverified"].at(
                ctx.source,
                ("signposting", ctx.lesson.route_ids.index(route.id)),
                f"the details of '{route.id}' have not been confirmed on its own pages",
                "check them on the service's website and update registry/signposting.yaml",
            )
