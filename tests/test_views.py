"""The views, tested on the Document trees they build (fast and exact), plus the few
promises that only a built file can show."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE_SCHOOL, GOOD, read
from safepacks.checking import check_lessons, school_or_error
from safepacks.document import CutOutCards, Document, Heading, ListBlock, Paragraph, Table, WritingLines, plain_text
from safepacks.outputs import AUDIENCES


def words(document: Document) -> str:
    out: list[str] = []

    def walk(blocks) -> None:
        for block in blocks:
            if isinstance(block, (Paragraph, Heading)):
                out.append(plain_text(block.content))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item)
            elif isinstance(block, Table):
                out.extend(plain_text(cell) for cell in block.header)
                for row in block.rows:
                    for cell in row:
                        walk(cell)
            elif isinstance(block, CutOutCards):
                for card in block.cards:
                    walk(card)
            elif hasattr(block, "content") and isinstance(block.content, tuple):
                out.append(plain_text(block.title)) if hasattr(block, "title") else None
                walk(block.content)
            elif hasattr(block, "title") and isinstance(block.title, str):
                out.append(block.title)

    walk(document.blocks)
    return " ".join(out)


def made(audience: str, lesson=GOOD / "every-field.yaml", school=None) -> Document:
    resolved = check_lessons([lesson], school=school)[0].resolved
    return AUDIENCES[audience].view(resolved)


def blocks_of(document: Document, kind: type) -> list:
    found = []

    def walk(blocks) -> None:
        for block in blocks:
            if isinstance(block, kind):
                found.append(block)
            for child in (getattr(block, "content", ()), *getattr(block, "cards", ())):
                if isinstance(child, tuple):
                    walk(child)
            for item in getattr(block, "items", ()):
                walk(item)

    walk(document.blocks)
    return found


def test_a_read_aloud_card_is_in_the_teacher_pack_only():
    assert "Sam gets a message." in words(made("teacher"))
    assert "Read this card aloud" in words(made("teacher"))
    for audience in ("pupil", "cards"):
        assert "Sam gets a message." not in words(made(audience))


def test_cut_out_cards_are_on_the_card_sheet_not_the_handout():
    cards, handout = words(made("cards")), words(made("pupil"))
    for text in ("Max gets a gift.", "A stranger asks for a photo.", "Tell", "Fine"):
        assert text in cards
    assert "Max gets a gift." not in handout and "A stranger asks for a photo." not in handout
    assert len(blocks_of(made("cards"), CutOutCards)) == 3  # the stories; the sort's headings and its cards
    assert "These cards are on the cut-out card sheet" in words(made("teacher"))


def test_each_activity_gives_pupils_one_instruction_and_the_same_number_as_the_teacher_pack():
    handout = words(made("pupil"))
    assert "Tick the best answer." in handout  # the quiz has no pupil task: its instructions are shown
    assert "Activity 4: Quiz" in handout and "4. Quiz (10 min)" in words(made("teacher"))


def test_writing_lines_appear_only_where_pupils_are_asked_to_write():
    lines = [block.count for block in blocks_of(made("pupil"), WritingLines)]
    assert lines == [2]  # the starter's; cards on the card sheet have their own
    assert [block.count for block in blocks_of(made("cards"), WritingLines)] == [2]


def test_pupil_and_parent_documents_carry_no_staff_review_line():
    resolved = check_lessons([GOOD / "minimal.yaml"])[0].resolved
    for audience in ("pupil", "parent", "cards"):
        if AUDIENCES[audience].applies(resolved.lesson):
            assert "Review" not in AUDIENCES[audience].view(resolved).footer
    assert "review" in AUDIENCES["teacher"].view(resolved).footer.lower()


def test_with_no_school_profile_pupils_are_sent_to_the_school_s_safeguarding_lead_not_an_example_name():
    handout = words(made("pupil"))
    assert "In school: the safeguarding lead" in handout
    assert "Example" not in handout and "Ms A." not in handout


def test_a_school_profile_names_its_dsl_and_deputy_for_pupils():
    school = school_or_error(EXAMPLE_SCHOOL / "school.yaml")
    handout = words(made("pupil", school=school))
    assert "In school: Ms A. Example, designated safeguarding lead" in handout
    assert "In school: Mr B. Sample, deputy designated safeguarding lead" in handout
    assert "Ask any adult in school to fetch him." in handout


def test_a_build_with_no_school_profile_ends_with_a_notice(minimal_lesson, tmp_path):
    from safepacks.cli import main

    result = CliRunner().invoke(main, ["build", str(minimal_lesson), "--out", str(tmp_path), "--format", "docx"])
    assert result.exit_code == 0
    assert "no school profile was given, so the packs name no school and no DSL" in result.output


def test_background_facts_print_with_their_source_and_year():
    teacher = words(made("teacher"))
    assert "(legislation.gov.uk, Criminal Justice Act 1988, section 160, 1988)" in teacher
    assert "Explain the rule for a picture someone sends you." in teacher


def test_teacher_packs_print_no_checking_notes_for_unverified_entries(minimal_lesson, tmp_path):
    from safepacks.build import build

    build([minimal_lesson], out=tmp_path, formats=("pdf",), audiences=("teacher",))
    text = read(tmp_path / "test-minimal" / "teacher-pack.pdf").lower()
    for phrase in ("not yet confirmed", "check before use", "not yet checked", "unconfirmed", "check which edition"):
        assert phrase not in text


@pytest.mark.parametrize("audience", sorted(a for a in AUDIENCES if AUDIENCES[a].formats is None))
def test_every_page_view_numbers_its_headings_from_level_one(audience):
    """Pages only: a deck's slides carry their own titles, not headings."""
    document = made(audience)
    levels = [block.level for block in blocks_of(document, Heading)]
    assert levels and min(levels) == 1 and max(levels) <= 3
