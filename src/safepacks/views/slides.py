"""The lesson deck for the board: on each slide only what pupils may see, and the teacher
pack's guidance for that moment (notes, timings, answers) in its speaker notes.

The slide faces take only pupil-facing fields (the same ones the handout prints) plus the
ground rules agreed with the class. Answers appear on a slide only on the reveal slide that
follows its question; safeguarding notes never reach a slide face.
"""

from __future__ import annotations

from ..document import Block, Document, Inlines, ListBlock, Paragraph, Slide, Strong, Text, text
from ..model import Activity, Quiz, ScenarioCards, Sorting, TrueFalse
from ..registry import Audience
from ..resolve import ResolvedLesson
from ..richtext import blocks, inlines
from .common import logo, picture, review_status, route_contacts, school_help, school_name

LETTERS = "ABCDEF"


def slide_deck(resolved: ResolvedLesson) -> Document:
    lesson = resolved.lesson
    s = lesson.safeguarding
    slides: list[Block] = [
        Slide(
            lesson.display_title,
            (Paragraph(text(" · ".join(filter(None, [school_name(resolved), lesson.key_stage.label])))),),
            notes=(
                Paragraph(
                    text(
                        f"{lesson.duration_minutes} minutes. "
                        "Before you start, read the teacher pack's safeguarding notes."
                    )
                ),
                Paragraph(text("Tell the DSL the lesson is happening, and agree a way for a pupil to step out.")),
            ),
            role="title",
            image=logo(resolved),
        ),
    ]
    if s.ground_rules:
        slides.append(
            Slide(
                "Our ground rules",
                (_bullets(s.ground_rules),),
                notes=(
                    Paragraph(
                        text("Agree the rules with the class. Show the question box: anyone can post a question.")
                    ),
                ),
                role="rules",
            )
        )
    slides.append(
        Slide(
            "What we are learning",
            (*blocks(lesson.learning_objective), _bullets([o.text for o in lesson.learning_outcomes])),
            role="objectives",
        )
    )
    if lesson.keywords:
        slides.append(
            Slide(
                "Words to know",
                tuple(Paragraph((Strong(text(k.term)), Text(": "), *inlines(k.definition))) for k in lesson.keywords),
                role="keywords",
            )
        )
    for number, activity in enumerate(lesson.activities, start=1):
        slides.extend(_activity(number, activity))
    slides.append(
        Slide(
            "What have we learned?",
            (
                _bullets([o.text for o in lesson.learning_outcomes]),
                Paragraph(
                    text("Everyone writes a slip for the question box, even if it says \u201cno question\u201d.")
                ),
            ),
            notes=tuple(blocks(lesson.plenary)),
            role="plenary",
        )
    )
    slides.append(_help(resolved))
    return Document(
        kind="slides",
        title=f"{lesson.display_title} — slides",
        header=lesson.display_title,
        organisation=school_name(resolved),
        footer=f"{lesson.key_stage.value} · {review_status(resolved)}",
        blocks=tuple(slides),
        subject=lesson.learning_objective,
        keywords=(lesson.topic.value, lesson.key_stage.value, "online safety", "PSHE", "slides"),
    )


def _bullets(items: list[str]) -> ListBlock:
    return ListBlock(tuple((Paragraph(inlines(item)),) for item in items))


def _activity(number: int, activity: Activity) -> list[Slide]:
    title = f"Activity {number}: {activity.title}"
    notes = (Paragraph(text(f"{activity.minutes} minutes.")), *blocks(activity.teacher_notes))
    image = picture(activity.illustration) if activity.illustration else None
    task = tuple(blocks(activity.pupil_task)) if activity.pupil_task else ()
    sheet = activity.worksheet
    if sheet is not None and not task and sheet.instructions:
        task = tuple(blocks(sheet.instructions))
    opening = Slide(title, task or (Paragraph(text("Listen, then talk with a partner.")),), notes, image=image)
    if isinstance(sheet, ScenarioCards):
        return [opening, *_cards(title, sheet)]
    if isinstance(sheet, TrueFalse):
        return [opening, *_true_false(title, sheet)]
    if isinstance(sheet, Quiz):
        return [opening, *_quiz(title, sheet)]
    if isinstance(sheet, Sorting):
        return [opening, *_sorting(title, sheet)]
    return [opening]


def _cards(title: str, sheet: ScenarioCards) -> list[Slide]:
    slides = []
    for card in sheet.cards:
        questions = Paragraph(text("Talk about:")), ListBlock(tuple((Paragraph(inlines(q)),) for q in card.questions))
        if card.read_aloud:  # the teacher reads it: the story stays in the notes
            face = (Paragraph(text("Listen to the story.")), *questions)
            notes = (Paragraph(text("Read this aloud:")), *blocks(card.story), *blocks(card.teacher_notes))
        else:
            face = (*blocks(card.story), *questions)
            notes = tuple(blocks(card.teacher_notes))
        image = picture(card.illustration) if card.illustration else None
        slides.append(Slide(f"{card.title}", face, notes, image=image))
    return slides


def _true_false(title: str, sheet: TrueFalse) -> list[Slide]:
    """The reveal gives each number's answer and the reason, and never prints a false
    statement again in bold on the board: a myth repeated is a myth remembered."""
    statements = ListBlock(tuple((Paragraph(inlines(s.statement)),) for s in sheet.statements), ordered=True)
    answers = tuple(
        Paragraph((Strong(text(f"{n}.  {'True' if s.answer else 'False'}.  ")), *_without_verdict(s)))
        for n, s in enumerate(sheet.statements, 1)
    )
    key = tuple(
        Paragraph((Text(f"{n}. {'True' if s.answer else 'False'}: "), *inlines(s.statement)))
        for n, s in enumerate(sheet.statements, 1)
    )
    return [
        Slide(f"{title}: true or false?", (statements,), role="question"),
        Slide(f"{title}: the answers", answers, key, role="answer"),
    ]


def _without_verdict(statement) -> Inlines:  # noqa: ANN001
    """The explanation, less a leading "True." or "False." that the slide already says."""
    runs = inlines(statement.explanation)
    first = runs[0] if runs else None
    if isinstance(first, Text):
        for verdict in ("True.", "False.", "True:", "False:"):
            if first.text.startswith(verdict):
                return (Text(first.text[len(verdict) :].lstrip()), *runs[1:])
    return runs


def _quiz(title: str, sheet: Quiz) -> list[Slide]:
    slides = []
    for number, question in enumerate(sheet.questions, start=1):
        options = tuple(Paragraph((Text(f"{LETTERS[i]}   "), *inlines(o))) for i, o in enumerate(question.options))
        right = question.options[question.answer - 1]
        answer = Paragraph((Strong(text(f"✓  {LETTERS[question.answer - 1]}   ")), Strong(inlines(right))))
        explanation = tuple(blocks(question.explanation)) if question.explanation else ()
        slides.append(Slide(f"Question {number}", (Paragraph(inlines(question.question)), *options), role="question"))
        slides.append(
            Slide(
                f"Question {number}: the answer",
                (Paragraph(inlines(question.question)), answer),
                explanation,
                role="answer",
            )
        )
    return slides


def _sorting(title: str, sheet: Sorting) -> list[Slide]:
    headings = Paragraph((Strong(text("Headings: ")), Text(" · ".join(sheet.categories))))
    items = ListBlock(tuple((Paragraph(inlines(i.text)),) for i in sheet.items), ordered=True)
    by_category = tuple(
        Paragraph(
            (
                Strong(text(f"{category}: ")),
                Text(", ".join(str(n) for n, i in enumerate(sheet.items, 1) if i.category == category) or "none"),
            )
        )
        for category in sheet.categories
    )
    why = tuple(
        Paragraph((Strong(text(f"{n}. {i.category}: ")), *inlines(i.explanation)))
        for n, i in enumerate(sheet.items, 1)
        if i.explanation
    )
    return [
        Slide(f"{title}: sort the cards", (headings, items), role="question"),
        Slide(f"{title}: where each card goes", by_category, why, role="answer"),
    ]


def _help(resolved: ResolvedLesson) -> Slide:
    content: list[Block] = [
        Paragraph(text("It is never your fault. You will not be in trouble for asking for help.")),
        *school_help(resolved, "pupil"),
    ]
    for route in resolved.routes_for(Audience.pupil):
        content.append(Paragraph((Strong(text(route.name)), *route_contacts(route)), "route"))
    return Slide(
        "Where to get help",
        tuple(content),
        notes=(Paragraph(text("Name the person in school who keeps pupils safe, and say where to find them.")),),
        role="help",
    )
