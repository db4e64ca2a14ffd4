"""Pieces more than one audience shows: keywords, worksheets, the "where to get help" box.

Worksheets take `answers=True` only from the teacher view; the pupil view never passes it,
so answers, explanations and card notes cannot reach a handout.
"""

from __future__ import annotations

from ..document import (
    Block,
    Callout,
    Image,
    Inlines,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Table,
    Text,
    WritingLines,
    long_date,
    short_date,
    text,
)
from ..model import Illustration, Keyword, Quiz, Resource, ScenarioCard, ScenarioCards, Sorting, TrueFalse, Worksheet
from ..registry import Route
from ..resolve import ResolvedLesson
from ..resources import IMAGES_DIR
from ..richtext import blocks, inlines

HELP_ICON = Image(IMAGES_DIR / "where-to-get-help.svg", "A child talking to a trusted adult, who is there to help.", 20)
LONG_ADDRESS = 30  # characters: a web address longer than this starts its own line
TICK_BOX = "☐"
TICK = "✓"


def picture(illustration: Illustration) -> Image:
    return Image(IMAGES_DIR / illustration.file, illustration.alt, illustration.width_mm)


def school_name(resolved: ResolvedLesson) -> str:
    return resolved.school.profile.name if resolved.school else ""


def logo(resolved: ResolvedLesson) -> Image | None:
    school = resolved.school
    if school is None or school.logo_path is None:
        return None
    return Image(school.logo_path, f"{school.profile.name} logo", 18)


_NO_DSL = {  # said when no school profile (or no DSL) is given: never an example name
    "pupil": (
        "In school: the safeguarding lead",
        "the adult whose job is to keep pupils safe. Any adult in school can take you to them.",
    ),
    "teacher": (
        "Your school's designated safeguarding lead (DSL)",
        "tell them the same day, as your child protection policy says.",
    ),
    "parent": ("The school's designated safeguarding lead", "ask for them at the school office."),
}


def school_help(resolved: ResolvedLesson, audience: str) -> list[Block]:
    """The school's own people first: the DSL and deputy, and local contacts for adults."""
    school = resolved.school
    profile = school.profile if school else None
    people = [p for p in (profile.dsl, profile.deputy_dsl) if p] if profile else []
    if not people:
        who, how = _NO_DSL[audience]
        return [Paragraph((Strong(text(who)), Text(" — "), *text(how)), "route")]
    blocks: list[Block] = []
    for person in people:
        how = {"pupil": person.for_pupils, "teacher": person.for_staff, "parent": person.for_parents}[audience]
        if how:
            where = profile.name if audience != "pupil" else "In school"
            blocks.append(
                Paragraph(
                    (Strong(text(f"{where}: {person.name}, {person.role.lower()}")), Text(" — "), *text(how)), "route"
                )
            )
    for contact in profile.local_contacts:
        if audience in contact.audiences:
            blocks.append(Paragraph((Strong(text(contact.name)), Text(" — "), *text(contact.details)), "route"))
            blocks.append(Paragraph(text(f"For: {contact.for_}."), "small"))
    return blocks


def keywords_table(keywords: list[Keyword], *, header: tuple[str, str]) -> Table:
    rows = tuple(((Paragraph((Strong(text(k.term)),)),), (Paragraph(inlines(k.definition)),)) for k in keywords)
    return Table(header=(text(header[0]), text(header[1])), rows=rows, widths=(1, 3), style="grid keywords")


def worksheet_blocks(sheet: Worksheet, *, answers: bool, instructions: bool = True) -> tuple[Block, ...]:
    """A worksheet as the teacher (`answers=True`) or a pupil sees it. Pupils see only the
    cards they read themselves on their handout: read-aloud cards and cut-out cards are not
    there. `instructions=False` when the activity's pupil task already says what to do."""
    intro = blocks(sheet.instructions, style="instructions") if sheet.instructions and instructions else ()
    kind = sheet.kind  # dispatch on the kind: a pupil's projection is not a ScenarioCards itself
    if kind == "scenario-cards":
        if answers:
            return intro + _cut_out_note(sheet) + tuple(_card(card, answers=True) for card in sheet.cards)
        if sheet.delivery == "cut-out":
            return intro
        return intro + tuple(_card(card, answers=False) for card in sheet.cards if not card.read_aloud)
    if kind == "true-false":
        return intro + (_true_false(sheet, answers=answers),)
    if kind == "sorting":
        if answers:
            return intro + _cut_out_note(sheet) + _sorting(sheet, answers=True)
        return intro + (() if sheet.delivery == "cut-out" else _sorting(sheet, answers=False))
    if kind == "quiz":
        return intro + _quiz(sheet, answers=answers)
    raise TypeError(f"no view for worksheet {kind!r}")


def _cut_out_note(sheet: ScenarioCards | Sorting) -> tuple[Block, ...]:
    if sheet.delivery != "cut-out":
        return ()
    return (
        Paragraph(text("These cards are on the cut-out card sheet: print one set for each pair or group."), "label"),
    )


def card_content(card: ScenarioCard, *, answers: bool) -> tuple[Block, ...]:
    """A scenario card's story and questions; for the teacher, the points to draw out."""
    content: list[Block] = []
    if answers and card.read_aloud:
        content.append(Paragraph(text("Read this card aloud: it is not on the handout or the card sheet."), "label"))
    if card.illustration:
        content.append(picture(card.illustration))
    content += [*blocks(card.story), Paragraph(text("Talk about:"), style="label")]
    content.append(ListBlock(tuple((Paragraph(inlines(q)),) for q in card.questions), ordered=True))
    if answers:
        content.append(Callout("answers", text("Points to draw out"), blocks(card.teacher_notes)))
    elif card.writing_lines:
        content.append(WritingLines(card.writing_lines))
    return tuple(content)


def _card(card: ScenarioCard, *, answers: bool) -> Callout:
    return Callout("card", text(card.title), card_content(card, answers=answers))


def _true_false(sheet: TrueFalse, *, answers: bool) -> Table:
    if answers:
        rows = tuple(
            (
                (Paragraph(inlines(s.statement)),),
                (Paragraph((Strong(text("True" if s.answer else "False")),)),),
                blocks(s.explanation),
            )
            for s in sheet.statements
        )
        return Table((text("Statement"), text("Answer"), text("Why")), rows, (5, 1, 5), "grid")
    rows = tuple(
        (
            (Paragraph(inlines(s.statement)),),
            (Paragraph(text(TICK_BOX), "tick"),),
            (Paragraph(text(TICK_BOX), "tick"),),
        )
        for s in sheet.statements
    )
    return Table((text("Statement"), text("True"), text("False")), rows, (8, 1, 1), "grid")


def _sorting(sheet: Sorting, *, answers: bool) -> tuple[Block, ...]:
    if answers:
        rows = tuple(
            (
                (Paragraph(inlines(item.text)),),
                (Paragraph((Strong(text(item.category)),)),),
                blocks(item.explanation) if item.explanation else (Paragraph(text("")),),
            )
            for item in sheet.items
        )
        return (Table((text("Card"), text("Goes in"), text("Why")), rows, (4, 2, 4), "grid"),)
    cards = ListBlock(tuple((Paragraph(inlines(item.text)),) for item in sheet.items), ordered=True)
    empty_row = tuple((Paragraph(text(" "), "blank"),) for _ in sheet.categories)
    rows = -(-len(sheet.items) // len(sheet.categories)) + 1  # room for every number, and one more row
    grid = Table(
        tuple(text(c) for c in sheet.categories),
        tuple(empty_row for _ in range(rows)),
        widths=tuple(1 for _ in sheet.categories),
        style="grid sort-grid",
    )
    hint = Paragraph(text("Write the number of each card in the right column."), "instructions")
    return (cards, hint, grid)


def _quiz(sheet: Quiz, *, answers: bool) -> tuple[Block, ...]:
    items = []
    for question in sheet.questions:
        options = []
        for number, option in enumerate(question.options, start=1):
            right = answers and number == question.answer
            mark = TICK if right else TICK_BOX
            run: Inlines = (Text(f"{mark} "), *inlines(option))
            options.append((Paragraph((Strong(run),) if right else run),))
        item: list[Block] = [
            Paragraph(inlines(question.question), "question"),
            ListBlock(tuple(options), style="options"),
        ]
        if answers and question.explanation:
            item.extend(blocks(question.explanation, style="answer"))
        items.append(tuple(item))
    return (ListBlock(tuple(items), ordered=True, style="quiz"),)


def help_box(
    routes: tuple[Route, ...],
    *,
    title: str,
    intro: str,
    audience: str,
    detail: bool = False,
    first: list[Block] | None = None,
    primary: bool = False,
) -> Callout:
    """Where to get help: `first` (the school's own people), then the routes, each with the
    advice written for `audience` (for pupils, in words for primary pupils when `primary`).
    `detail` (for staff) adds who each route is for, its hours, and the day its details were
    confirmed on the route's own pages (the verification page lists any not confirmed)."""
    content: list[Block] = [HELP_ICON, Paragraph(text(intro)), *(first or [])]
    for route in routes:
        line: list = [Strong(text(route.name))]
        contacts = _contacts(route)
        if contacts:
            line += [Text(" — "), *contacts]
        content.append(Paragraph(tuple(line), "route"))
        pupil = (primary and route.primary_pupil_advice) or route.pupil_advice
        advice = {"pupil": pupil, "parent": route.parent_advice}.get(audience) or route.advice
        if advice:
            content.append(Paragraph(text(advice), "route-advice"))
        if audience == "parent" and route.hours and not detail:
            content.append(Paragraph(text(f"Open: {route.hours}."), "small"))
        if detail:
            facts = [f"For: {route.for_}"]
            if route.hours:
                facts.append(f"Open: {route.hours}")
            if route.verified and (route.phone or route.url or route.email):
                facts.append(f"Details checked {long_date(route.verified_on)}")
            content.append(Paragraph(text(". ".join(f.rstrip(".") for f in facts) + "."), "small"))
    return Callout("help", text(title), tuple(content))


def route_contacts(route: Route) -> list:
    """A route's phone, textphone, web and email, as inline runs after " — "."""
    runs = _contacts(route)
    return [Text(" — "), *runs] if runs else []


def _contacts(route: Route) -> list:
    runs: list = []

    def add(*parts, own_line: bool = False) -> None:  # noqa: ANN002
        if runs:
            runs.append(LineBreak() if own_line else Text(" · "))
        runs.extend(parts)

    if route.phone:
        add(Text("call "), Link(f"tel:{route.phone.replace(' ', '')}", text(route.phone)))
    if route.textphone:
        add(Text(f"textphone {route.textphone}"))
    if route.url:
        shown = route.url.removeprefix("https://").removeprefix("www.").rstrip("/")
        add(Link(route.url, text(shown)), own_line=len(shown) > LONG_ADDRESS)  # never broken mid-address
    if route.email:
        add(Link(f"mailto:{route.email}", text(route.email)))
    return runs


def review_status(resolved: ResolvedLesson) -> str:
    review = resolved.lesson.review
    if review is None:
        return "Not yet reviewed"
    # "maps to", not "against": the review checked the lesson against our registry's reading of
    # the guidance, and some of that reading is still to be checked on the publisher's page
    maps = f" · maps to {', '.join(resolved.reviewed_against)}" if resolved.reviewed_against else ""
    return f"Reviewed {short_date(review.date)}{maps}"


def bullets(items: list[str]) -> ListBlock:
    """A bullet list of restricted-Markdown items."""
    return ListBlock(tuple(blocks(item) for item in items))


def resources_list(resources: list[Resource]) -> ListBlock:
    """Other organisations' resources: named and located, never copied."""
    items = []
    for r in resources:
        ages = f", ages {r.ages}" if r.ages else ""
        line = (Strong(text(r.title)), Text(f" ({r.publisher}{ages}). Where: {r.where.rstrip('.')}."))
        items.append((Paragraph(line), *(blocks(r.note) if r.note else ())))
    return ListBlock(tuple(items))
