"""The slide decks: built with every lesson, read back with python-pptx and opened by
LibreOffice Impress. Slide faces hold only what pupils may see; the speaker notes hold the
teacher's guidance and the answers; no text is smaller than the board can show."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from conftest import EXAMPLE_SCHOOL, normalise, phrase, words
from safepacks.build import build
from safepacks.model import Quiz, TrueFalse
from safepacks.resources import LIBRARY_DIR
from test_outputs import LESSON_FILES, lesson_of, teacher_only

LESSON = LIBRARY_DIR / "ks3" / "recognising-grooming.yaml"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def faces(deck) -> list[str]:  # noqa: ANN001
    return [normalise(" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)) for slide in deck.slides]


def notes(deck) -> list[str]:  # noqa: ANN001
    said = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in deck.slides]
    return [normalise(text.replace("• ", "")) for text in said]  # bullets mark the notes' list items


def sizes(deck) -> set[float]:  # noqa: ANN001
    found = set()
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        if run.text.strip():
                            found.add(run.font.size.pt if run.font.size else 0)
    return found


@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_a_deck_shows_pupils_only_what_is_theirs_and_keeps_the_rest_in_the_notes(bundled_build, lesson_file):
    lesson = lesson_of(lesson_file)
    deck = Presentation(str(bundled_build.out / lesson.id / "slides.pptx"))
    assert (deck.slide_width, deck.slide_height) == (Emu(12191695), Emu(6858000))  # 16:9
    shown = " ".join(faces(deck))
    for number, activity in enumerate(lesson.activities, start=1):
        assert f"Activity {number}: {activity.title}"[:40] in shown
    allowed = " ".join(words(rule) for rule in lesson.safeguarding.ground_rules)
    allowed += " ".join(words(s.explanation) for s in true_false(lesson))  # on the reveal slide, tested below
    leaks = [said for said in teacher_only(lesson) if said not in allowed and said in shown]
    assert leaks == []
    spoken = " ".join(notes(deck))
    assert phrase(lesson.activities[0].teacher_notes, 60) in spoken
    assert min(sizes(deck)) >= 24


def test_quiz_answers_are_only_on_the_reveal_slide_after_each_question(bundled_build):
    lesson = lesson_of(LESSON)
    deck = Presentation(str(bundled_build.out / lesson.id / "slides.pptx"))
    shown, said = faces(deck), notes(deck)
    quiz = next(a.worksheet for a in lesson.activities if isinstance(a.worksheet, Quiz))
    for question in quiz.questions:
        asked = next(n for n, face in enumerate(shown) if phrase(question.question, 50) in face)
        right = phrase(question.options[question.answer - 1], 40)
        assert "✓" not in shown[asked]
        assert "✓" in shown[asked + 1] and right in shown[asked + 1]  # revealed on the next slide
        if question.explanation:
            assert phrase(question.explanation, 40) in said[asked + 1]


def true_false(lesson) -> list:  # noqa: ANN001
    return [s for a in lesson.activities if isinstance(a.worksheet, TrueFalse) for s in a.worksheet.statements]


@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_true_or_false_reasons_are_revealed_after_the_statements_and_no_myth_is_repeated(bundled_build, lesson_file):
    lesson = lesson_of(lesson_file)
    shown = faces(Presentation(str(bundled_build.out / lesson.id / "slides.pptx")))
    for statement in true_false(lesson):
        asked = next(n for n, face in enumerate(shown) if phrase(statement.statement, 60) in face)
        reason = phrase(re.sub(r"^(True|False)[.:]\s*", "", words(statement.explanation)), 40)
        assert reason not in shown[asked]
        revealed = [n for n, face in enumerate(shown) if reason in face]
        assert revealed and asked < revealed[0] <= asked + 3, statement.statement  # the reveal, maybe continued
        if not statement.answer:  # a false statement is never shown again beside its verdict
            assert [n for n, face in enumerate(shown) if phrase(statement.statement, 60) in face] == [asked]


def test_the_help_slide_is_last_and_names_the_dsl(tmp_path):
    assert build([LESSON], out=tmp_path, school=EXAMPLE_SCHOOL / "school.yaml", audiences=["slides"]).failed == 0
    deck = Presentation(str(next(tmp_path.glob("*/slides.pptx"))))
    last = faces(deck)[-1]
    assert "Where to get help" in last
    help_slides = [face for face in faces(deck) if face.startswith("Where to get help")]
    assert "Ms A. Example" in " ".join(help_slides)


def test_large_print_raises_the_minimum_and_a_draft_says_draft_on_every_slide(tmp_path, minimal_lesson):
    assert build([LESSON], out=tmp_path / "large", variant="large-print", audiences=["slides"]).failed == 0
    deck = Presentation(str(next((tmp_path / "large").glob("*/slides-large-print.pptx"))))
    assert min(sizes(deck)) >= 32
    draft = tmp_path / "draft.yaml"
    draft.write_text(minimal_lesson.read_text().replace("Recap who we can tell.", "Recap who we could tell."))
    assert build([draft], out=tmp_path / "draft", allow_draft=True, audiences=["slides"]).failed == 0
    deck = Presentation(str(next((tmp_path / "draft").glob("*/slides.pptx"))))
    assert all("DRAFT – NOT REVIEWED" in face for face in faces(deck))


def test_two_builds_of_a_deck_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name in ("one", "two"):
        build([LESSON], out=tmp_path / name, audiences=["slides"])
    one, two = ((tmp_path / n / "ks3-recognising-grooming" / "slides.pptx").read_bytes() for n in ("one", "two"))
    assert one == two


def test_a_school_template_restyles_the_deck(tmp_path):
    from click.testing import CliRunner
    from pptx.util import Pt

    from safepacks.cli import main

    template = tmp_path / "our-slides.pptx"
    assert CliRunner().invoke(main, ["reference-pptx", str(template)]).exit_code == 0
    ours = Presentation(str(template))
    ours.slide_layouts.get_by_name("Title and Content").placeholders[0].text_frame.text = ""
    ours.core_properties.title = "Oakfield slides"
    layout = ours.slide_layouts.get_by_name("Title and Content")
    layout.name = "Title and Content"
    ours.slide_master.name = "Oakfield master"
    ours.save(str(template))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(LESSON), "--out", str(out), "--audience", "slides", "--reference-pptx", str(template)]
    )
    assert result.exit_code == 0, result.output
    deck = Presentation(str(next(out.glob("*/slides.pptx"))))
    assert deck.slide_master.name == "Oakfield master"
    assert all(slide.slide_layout.name in ("Title Slide", "Title and Content") for slide in deck.slides)
    assert min(sizes(deck)) >= Pt(24).pt


def test_every_deck_opens_in_libreoffice_impress(bundled_build, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: `make test` installs it (libreoffice-impress-nogui)")
    decks = sorted(bundled_build.out.glob("*/slides.pptx"))
    assert len(decks) == len(LESSON_FILES)
    for deck in decks:
        target = tmp_path / deck.parent.name
        subprocess.run(
            [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(target), str(deck)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        opened = Presentation(str(deck))
        pages = PdfReader(target / "slides.pdf").pages
        assert len(pages) == len(opened.slides)
        body = next(
            p
            for p in opened.slide_layouts.get_by_name("Title and Content").placeholders
            if p.placeholder_format.idx == 1
        )
        bottom = Emu(opened.slide_height - body.top - body.height).pt  # points above the slide's foot
        overflowing = [n for n, page in enumerate(pages, 1) if lowest_line(page) < bottom - 2]
        assert overflowing == [], f"{deck.parent.name}: text runs below the text area on slides {overflowing}"


def lowest_line(page) -> float:  # noqa: ANN001
    """The lowest baseline of any text on a PDF page, in points above its foot."""
    found = [page.mediabox.top]

    def visit(text, cm, tm, font, size) -> None:  # noqa: ANN001, ARG001
        if text.strip():
            found.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return min(found)


@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_every_shape_that_sets_its_place_sets_all_of_it(bundled_build, lesson_file):
    """A placeholder given only a width reads as height 0 at the corner in PowerPoint, though
    LibreOffice fills in the rest from the layout."""
    deck = Presentation(str(bundled_build.out / lesson_of(lesson_file).id / "slides.pptx"))
    half_set = []
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            xfrm = shape._element.find(f".//{{{A}}}xfrm")
            if xfrm is None:
                continue  # takes its place from the layout
            off, ext = xfrm.find(f"{{{A}}}off"), xfrm.find(f"{{{A}}}ext")
            if off is None or ext is None or not int(ext.get("cx", 0)) or not int(ext.get("cy", 0)):
                half_set.append((number, shape.name))
    assert half_set == []
