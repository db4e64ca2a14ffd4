"""The pupil handout: only what pupils should see.

It reads the lesson's pupil-facing fields and nothing else: no teacher notes, no answers,
no safeguarding notes. Tests read the built handouts back to hold this line.
"""

from __future__ import annotations

from ..document import Block, Callout, Cover, Document, Heading, ListBlock, Paragraph, WritingLines, text
from ..model import KeyStage, lines_of
from ..registry import Audience
from ..resolve import ResolvedLesson
from ..richtext import blocks, inlines
from .common import help_box, keywords_table, logo, picture, school_help, school_name, worksheet_blocks


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
        Heading(1, text("Words to know")),
        keywords_table(lesson.keywords, header=("Word", "What it means")),
    ]
    for number, activity in enumerate(lesson.activities, start=1):  # numbered as in the teacher pack
        sheet = (
            worksheet_blocks(activity.worksheet, answers=False, instructions=not activity.pupil_task)
            if activity.worksheet
            else ()
        )
        if not (activity.pupil_task or sheet or activity.writing_lines):
            continue
        body.append(Heading(1, text(f"Activity {number}: {activity.title}")))
        if activity.pupil_task:  # what to do first, then the picture it is about
            body.extend(blocks(activity.pupil_task, style="task"))
        if activity.illustration:
            body.append(picture(activity.illustration))
        body.extend(sheet)
        count, labels = lines_of(activity.writing_lines)
        if count:
            body.append(WritingLines(count, labels))
    body.append(
        help_box(
            resolved.routes_for(Audience.pupil),
            title="Where to get help",
            intro=(
                "If something online worries you or makes you feel uncomfortable, "
                "you can always tell someone. It is never your fault, and you will not be in "
                "trouble for asking for help."
            ),
            audience="pupil",
            first=school_help(resolved, "pupil"),
            primary=lesson.key_stage in (KeyStage.KS1, KeyStage.KS2),
        )
    )
    return Document(
        kind="pupil-handout",
        title=lesson.display_title,
        header=lesson.display_title,
        organisation=school_name(resolved),
        footer=f"{lesson.key_stage.value} · Keeping safe online",
        blocks=tuple(body),
        keywords=(lesson.topic.value, lesson.key_stage.value),
    )
