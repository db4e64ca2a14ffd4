"""The teacher pack: everything needed to teach the lesson safely, answers included."""

from __future__ import annotations

from ..document import (
    Block,
    Callout,
    Cover,
    Document,
    Heading,
    ListBlock,
    Paragraph,
    Strong,
    Table,
    Text,
    plain_text,
    short_date,
    text,
)
from ..model import Lesson
from ..registry import Audience
from ..resolve import ResolvedLesson
from ..richtext import blocks, inlines
from .common import (
    bullets,
    help_box,
    keywords_table,
    logo,
    picture,
    resources_list,
    review_status,
    school_help,
    school_name,
    worksheet_blocks,
)


def teacher_pack(resolved: ResolvedLesson) -> Document:
    lesson = resolved.lesson
    body: list[Block] = [
        _cover(resolved),
        *blocks(lesson.summary, style="lead"),
        _objective(resolved),
        Heading(1, text("Keywords")),
        keywords_table(lesson.keywords, header=("Keyword", "Pupil-friendly definition")),
        Heading(1, text("Prior knowledge")),
        *blocks(lesson.prior_knowledge),
        Heading(1, text("Safeguarding")),
        _safeguarding(lesson),
        *_background(resolved),
        Heading(1, text("Lesson at a glance")),
        _sequence(lesson),
    ]
    for number, activity in enumerate(lesson.activities, start=1):
        body.append(Heading(1, text(f"{number}. {activity.title} ({activity.minutes} min)")))
        if activity.illustration:
            body.append(picture(activity.illustration))
        body.extend(blocks(activity.teacher_notes))
        if activity.pupil_task:
            body.append(Callout("task", text("On the pupil handout"), blocks(activity.pupil_task)))
        if activity.worksheet:
            body.append(Heading(2, text("Worksheet with answers")))
            body.extend(worksheet_blocks(activity.worksheet, answers=True, instructions=not activity.pupil_task))
    body += [
        Heading(1, text("Differentiation")),
        Heading(2, text("Support")),
        bullets(lesson.differentiation.support),
        Heading(2, text("Challenge")),
        bullets(lesson.differentiation.challenge),
        Heading(1, text("Plenary")),
        *blocks(lesson.plenary),
        Heading(1, text("Assessment")),
        Paragraph(text("Baseline (start of the lesson)"), "label"),
        *blocks(lesson.assessment.baseline),
        Paragraph(text("End point (how you will know pupils have learned)"), "label"),
        *blocks(lesson.assessment.end_point),
        *_resources(lesson),
        Heading(1, text("Signposting")),
        help_box(
            resolved.routes_for(Audience.pupil),
            title="Where pupils can get help",
            intro="Share these at the end of every lesson; the pupil handout lists them too.",
            audience="teacher",
            detail=True,
            first=school_help(resolved, "pupil"),
        ),
        *_staff_help(resolved),
        *_guidance(resolved),
    ]
    return Document(
        kind="teacher-pack",
        title=f"{lesson.title} — teacher pack",
        header=f"Teacher pack · {lesson.title}",
        organisation=school_name(resolved),
        footer=f"{lesson.key_stage.value} · {review_status(resolved)}",
        blocks=tuple(body),
        subject=_plain(lesson.summary),
        keywords=(lesson.topic.value, lesson.key_stage.value, "online safety", "PSHE"),
    )


def _cover(resolved: ResolvedLesson) -> Cover:
    lesson = resolved.lesson
    facts = [
        ("Key stage", lesson.key_stage.label),
        ("Year groups", lesson.year_label),
        ("Duration", f"{lesson.duration_minutes} minutes"),
        ("Topic", lesson.topic.label),
    ]
    if lesson.risk_areas:
        facts.append(("Areas of risk", ", ".join(a.value for a in lesson.risk_areas)))
    review = lesson.review
    facts.append(
        ("Review", f"{review.reviewer}, {review.role}, {short_date(review.date)}" if review else "Not yet reviewed")
    )
    eyebrow = " · ".join(filter(None, [school_name(resolved), "Teacher pack", "Keeping safe online"]))
    return Cover(eyebrow, lesson.title, "", tuple(facts), logo(resolved))


def _objective(resolved: ResolvedLesson) -> Callout:
    lesson = resolved.lesson
    outcomes = ListBlock(tuple((Paragraph(inlines(o.text)),) for o in lesson.learning_outcomes))
    return Callout(
        "objective",
        text("Learning objective"),
        (
            *blocks(lesson.learning_objective),
            Paragraph(text("Learning outcomes"), "label"),
            outcomes,
        ),
    )


def _safeguarding(lesson: Lesson) -> Callout:
    s = lesson.safeguarding
    content: list[Block] = []
    for label, items in (
        ("Before the lesson", s.before_the_lesson),
        ("Ground rules to agree with the class", s.ground_rules),
    ):
        if items:
            content += [Paragraph(text(label), "label"), bullets(items)]
    for label, markdown in (("Distancing", s.distancing), ("Anonymous question box", s.question_box)):
        if markdown:
            content += [Paragraph(text(label), "label"), *blocks(markdown)]
    if s.disclosure:
        steps = ListBlock(tuple(blocks(step) for step in s.disclosure), ordered=True)
        content += [Paragraph(text("If a pupil discloses"), "label"), steps]
    title = f"Safeguarding notes for staff only (sensitivity: {s.sensitivity.value})"
    return Callout("safeguarding", text(title), tuple(content))


def _background(resolved: ResolvedLesson) -> list[Block]:
    """Facts print from the registry with their source and year, the same in every lesson."""
    items = []
    for note in resolved.lesson.background:
        fact = resolved.facts.get(note.fact) if note.fact else None
        if fact is not None:
            paragraph = Paragraph((*inlines(fact.claim), Text(f" ({fact.citation})")))
            items.append((paragraph, *(blocks(note.text) if note.text else ())))
        elif note.text:
            cited = f"({note.source}, {note.year})" if note.year else f"({note.source})"
            items.append((Paragraph((*inlines(note.text), Text(" "), Text(cited))),))
    if not items:
        return []
    return [Heading(1, text("Background for teachers")), ListBlock(tuple(items))]


def _sequence(lesson: Lesson) -> Table:
    rows, elapsed = [], 0
    for number, activity in enumerate(lesson.activities, start=1):
        start, elapsed = elapsed, elapsed + activity.minutes
        rows.append(
            (
                (Paragraph(text(str(number))),),
                (Paragraph(text(activity.title)),),
                (Paragraph(text(f"{activity.minutes} min")),),
                (Paragraph(text(f"{start}–{elapsed}")),),
            )
        )
    header = (text("#"), text("Activity"), text("Time"), text("Minutes in"))
    return Table(header, tuple(rows), (1, 8, 2, 2), "grid")


def _resources(lesson: Lesson) -> list[Block]:
    if not lesson.resources:
        return []
    note = Paragraph(
        text("These belong to their publishers: use them as published, from their own sites."),
        "small",
    )
    return [Heading(1, text("Further resources")), resources_list(lesson.resources), note]


def _staff_help(resolved: ResolvedLesson) -> list[Block]:
    shown_to_pupils = {r.id for r in resolved.routes_for(Audience.pupil)}  # already in the box above
    routes = tuple(r for r in resolved.routes_for(Audience.teacher) if r.id not in shown_to_pupils)
    if not routes:
        return []
    intro = "For you, not for pupils: advice on a concern, and where adults report. Your DSL comes first."
    return [
        help_box(
            routes,
            title="Help and advice for staff",
            intro=intro,
            audience="teacher",
            detail=True,
            first=school_help(resolved, "teacher"),
        )
    ]


def _guidance(resolved: ResolvedLesson) -> list[Block]:
    rows = []
    for outcome in resolved.lesson.learning_outcomes:
        cited: list[Block] = []
        for ref in outcome.guidance:
            statement = resolved.statements.get(ref)
            if statement is None:
                continue
            cited.append(
                Paragraph(
                    (Strong(text(resolved.guidance_titles[ref])), Text(f" — {statement.section}")),
                    "small",
                )
            )
            cited.append(Paragraph(text(statement.text), "small"))
        if not cited:
            cited = [Paragraph(text("No guidance statement cited yet."), "small")]
        rows.append(((Paragraph(inlines(outcome.text)),), tuple(cited)))
    if not rows:
        return []
    return [
        Heading(1, text("Guidance each outcome meets")),
        Table((text("Outcome"), text("Guidance (paraphrased)")), tuple(rows), (2, 3), "grid"),
    ]


def _plain(markdown: str) -> str:
    return plain_text(inlines(markdown))
