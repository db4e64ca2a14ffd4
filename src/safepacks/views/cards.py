"""The cut-out card sheet: the scenario and sorting cards groups handle, printed once per
group with dashed cut lines and large type, so a teacher has nothing to copy out by hand.

Only cards pupils read themselves are here: cards the teacher reads aloud stay in the
teacher pack, and answers and notes never reach a card.
"""

from __future__ import annotations

from ..document import Block, Cover, CutOutCards, Document, Heading, Paragraph, Strong, text
from ..model import Lesson, ScenarioCards, Sorting
from ..resolve import ResolvedLesson
from ..richtext import inlines
from .common import card_content, school_name


def has_cut_outs(lesson: Lesson) -> bool:
    return any(_sheet(activity.worksheet) for activity in lesson.activities)


def _sheet(worksheet: object) -> ScenarioCards | Sorting | None:
    """A worksheet whose cards are cut out (the lesson's, or a pupil's projection of it)."""
    if getattr(worksheet, "delivery", None) == "cut-out":
        return worksheet  # type: ignore[return-value]
    return None


def card_sheet(resolved: ResolvedLesson) -> Document:
    lesson = resolved.lesson
    body: list[Block] = [
        Cover(
            " · ".join(filter(None, [school_name(resolved), "Cut-out cards"])),
            lesson.display_title,
            "Print one set for each pair or group. Cut along the dashed lines.",
            (),
        )
    ]
    for number, activity in enumerate(lesson.activities, start=1):
        sheet = _sheet(activity.worksheet)
        if sheet is None:
            continue
        body.append(Heading(1, text(f"Activity {number}: {activity.title}")))
        if sheet.kind == "sorting":
            headings = tuple((Paragraph((Strong(text(category)),), "card-heading"),) for category in sheet.categories)
            body.append(Paragraph(text("Column headings: lay these out first."), "label"))
            body.append(CutOutCards(headings))
            body.append(Paragraph(text("Cards to sort"), "label"))
            cards = tuple(
                (Paragraph((Strong(text(f"{n}.")),), "card-number"), Paragraph(inlines(item.text), "card-text"))
                for n, item in enumerate(sheet.items, start=1)
            )
            body.append(CutOutCards(cards))
        else:
            cards = tuple(
                (Paragraph((Strong(text(card.title)),), "card-heading"), *card_content(card, answers=False))
                for card in sheet.cards
                if not card.read_aloud
            )
            body.append(CutOutCards(cards, columns=1 if any(len(card.story) > 450 for card in sheet.cards) else 2))
    return Document(
        kind="cards",
        title=f"{lesson.display_title}: cut-out cards",
        header=f"Cut-out cards · {lesson.display_title}",
        organisation=school_name(resolved),
        footer=f"{lesson.key_stage.value} · Keeping safe online",
        blocks=tuple(body),
        keywords=(lesson.topic.value, lesson.key_stage.value, "cards"),
    )
