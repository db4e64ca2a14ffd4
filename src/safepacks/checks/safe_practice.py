"""Safe-practice rules: the PSHE Association's safe learning environment, made checkable."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..model import Sensitivity
from ..rules import RULES
from . import Context

_REQUIRED = [  # rule id, safeguarding field, what is missing, what to add
    ("safe-ground-rules", "ground_rules", "no ground rules", "add `ground_rules:` agreed with the class"),
    (
        "safe-distancing",
        "distancing",
        "no distancing note",
        "add `distancing:` saying how fictional characters and scenarios keep pupils at a distance",
    ),
    (
        "safe-question-box",
        "question_box",
        "no anonymous question box",
        "add `question_box:` saying how pupils can ask anonymously and when answers come",
    ),
    (
        "safe-disclosure",
        "disclosure",
        "no guidance on handling a disclosure",
        "add `disclosure:` steps: listen, do not promise secrecy, tell the DSL the same day, record",
    ),
]


def check_safe_practice(ctx: Context) -> Iterator[Finding]:
    lesson, source = ctx.lesson, ctx.source
    sensitive = lesson.safeguarding.sensitivity is not Sensitivity.low
    for rule_id, field, missing, hint in _REQUIRED:
        if not getattr(lesson.safeguarding, field):
            yield _soften(RULES[rule_id].at(source, ("safeguarding",), f"the lesson has {missing}", hint), sensitive)
    if not lesson.signposting:
        yield _soften(
            RULES["safe-signposting"].at(
                source,
                (),
                "the lesson does not say where pupils can get help",
                "add `signposting:` with route ids, e.g. [trusted-adult, childline]",
            ),
            sensitive,
        )
    if lesson.parents is None:
        yield RULES["parents-missing"].at(
            source,
            (),
            "the lesson has no `parents:` block, so no parent/carer leaflet will be made",
            "add `parents:` with summary, warning_signs, conversation_starters and settings_and_habits",
        )
    if not lesson.risk_areas:
        yield RULES["risk-areas"].at(
            source,
            (),
            "the lesson does not name the areas of online risk it covers",
            "add `risk_areas:` with any of content, contact, conduct, commerce (KCSIE)",
        )


def _soften(finding: Finding, sensitive: bool) -> Finding:
    """Errors for sensitive lessons; warnings for low-sensitivity ones."""
    if sensitive:
        return finding
    from dataclasses import replace

    return replace(finding, severity=Severity.warning)
