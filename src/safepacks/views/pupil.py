"""The pupil handout: only what pupils should see.

It reads the lesson's pupil-facing fields and nothing else: no teacher notes, no answers,
no safeguarding notes. Tests read the built handouts back to hold this line.
"""

from __future__ import annotations

from ..document import Block, Callout, Cover, Document, Heading, ListBlock, Paragraph, WritingLines, text
from ..registry import Audience
from ..resolve import ResolvedLesson
from ..richtext import blocks, inlines
from .common import help_box, keywords_table, logo, picture, review_status, school_help, school_name, worksheet_blocks


def pupil_handout(resolved: ResolvedLesson) -> Document:
    lesson = resolved.lesson
    body: list[Block] = [
        Cover(
            " · ".join(filter(None, [school_name(resolved), "My handout"])),
            lesson.display_title,
            "",
            (("Name", ""), ("Class", ""), ("Date", "")),
            logo(resolved),
        ),
        Callout(
            "objective",
            text("What we are learning"),
            (
                *blocks(lesson.learning_objective),
                ListBlock(tuple((Paragraph(inlines(o.text)),) for o in lesson.learning_outcomes)),
            ),
        ),
        Heading(2, text("Words to know")),
        keywords_table(lesson.keywords, header=("Word", "What it means")),
    ]
    number = 0
    for activity in lesson.activities:
        if not (activity.pupil_task or activity.worksheet or activity.writing_lines):
            continue
        number += 1
        body.append(Heading(2, text(f"Activity {number}: {activity.title}")))
        if activity.illustration:
            body.append(picture(activity.illustration))
        if activity.pupil_task:
            body.extend(blocks(activity.pupil_task))
        if activity.worksheet:
            body.extend(worksheet_blocks(activity.worksheet, answers=False))
        if activity.writing_lines:
            body.append(WritingLines(activity.writing_lines))
    body.append(
        help_box(
            resolved.routes_for(Audience.pupil),
            title="Where to get help",
            intro=(
                "If something online worries you or makes you feel uncomfortable, "
                "you can always tell someone. It is never your fault, and you will not be in "
                "trouble for telling."
            ),
            detail=False,
            first=school_help(resolved, "pupil"),
            for_pupils=True,
        )
    )
    return Document(
        kind="pupil-handout",
        title=lesson.display_title,
        header=lesson.display_title,
        organisation=school_name(resolved),
        footer=f"{lesson.key_stage.value} · Keeping safe online · {review_status(resolved)}",
        blocks=tuple(body),
        keywords=(lesson.topic.value, lesson.key_stage.value),
    )
