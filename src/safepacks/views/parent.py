"""The parent/carer leaflet: what was taught this week and how to keep talking at home.

It draws on the lesson's `parents` block, its pupil-facing outcomes and keywords, and the
adult reporting routes; never on teacher notes, answers or safeguarding notes.
"""

from __future__ import annotations

from ..document import Block, Cover, Document, Heading, ListBlock, Paragraph, text
from ..model import ForParents, Resource
from ..registry import Audience
from ..resolve import ResolvedLesson
from ..richtext import blocks, inlines
from .common import bullets, help_box, logo, resources_list, school_help, school_name

REPEAT = (
    "One big talk is not enough. Come back to it little and often: in the car, over a meal, "
    "or when something comes up in the news or a game."
)


def parent_leaflet(resolved: ResolvedLesson) -> Document:
    lesson = resolved.lesson
    parents: ForParents | None = lesson.parents
    if parents is None:
        raise ValueError(f"{lesson.id} has no `parents:` block, so there is no leaflet to make")
    body: list[Block] = [
        Cover(
            " · ".join(filter(None, [school_name(resolved), "For parents and carers"])),
            f"This week at school: {lesson.display_title}",
            "",
            (
                ("Year groups", lesson.year_label),
                ("Topic", lesson.topic.label),
                ("Lesson", f"{lesson.duration_minutes} minutes"),
            ),
            logo(resolved),
        ),
        Heading(1, text("What your child learned")),
        *blocks(parents.summary),
        ListBlock(tuple((Paragraph(inlines(o.text)),) for o in lesson.learning_outcomes)),
        Heading(1, text("Signs that something may be wrong")),
        bullets(parents.warning_signs),
        Paragraph(
            text(
                "None of these proves anything on its own. If you are worried, stay calm, listen, and make "
                "sure your child knows they are not in trouble: it is never a child's fault."
            ),
            "small",
        ),
        Heading(1, text("Talking about it at home")),
        Paragraph(text(REPEAT)),
        ListBlock(tuple((Paragraph(inlines(q)),) for q in parents.conversation_starters)),
        Heading(1, text("Settings and habits that help")),
        bullets(parents.settings_and_habits),
        *_resources(parents.resources),
        help_box(
            resolved.routes_for(Audience.parent),
            title="If you are worried: where adults can get help and report",
            intro=(
                "Talk to the school's designated safeguarding lead first if you can. If a child is in "
                "danger right now, call 999."
            ),
            audience="parent",
            first=school_help(resolved, "parent"),
        ),
    ]
    return Document(
        kind="parent-leaflet",
        title=f"{lesson.display_title} — for parents and carers",
        header=f"For parents and carers · {lesson.display_title}",
        organisation=school_name(resolved),
        footer=f"{lesson.key_stage.value} · For parents and carers",
        blocks=tuple(body),
        keywords=(lesson.topic.value, lesson.key_stage.value, "parents", "online safety"),
    )


def _resources(resources: list[Resource]) -> list[Block]:
    return [Heading(1, text("Find out more")), resources_list(resources)] if resources else []
