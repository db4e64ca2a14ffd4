"""The bundled lessons build into their documents, and each audience sees only its own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import normalise, phrase, read, words
from safepacks.model import Lesson, Quiz, ScenarioCards, Sorting, TrueFalse
from safepacks.registry import load_registry
from safepacks.resources import LIBRARY_DIR
from safepacks.views.cards import has_cut_outs

LESSON_FILES = sorted(LIBRARY_DIR.rglob("*.yaml"))
FORMATS = ("pdf", "docx")
FACTS = load_registry().facts


def lesson_of(path: Path) -> Lesson:
    return Lesson.model_validate(yaml.safe_load(path.read_text()))


def files_of(lesson: Lesson) -> list[str]:
    stems = ["teacher-pack", "pupil-handout", "parent-leaflet", *(["cards"] if has_cut_outs(lesson) else [])]
    return sorted([*(f"{stem}.{suffix}" for stem in stems for suffix in FORMATS), "slides.pptx"])


def teacher_only(lesson: Lesson) -> list[str]:
    """Phrases that must never reach a pupil: notes, answers, safeguarding, the stories the
    teacher reads aloud."""
    s = lesson.safeguarding
    found = [*s.before_the_lesson, *s.ground_rules, s.distancing, s.question_box, *s.disclosure]
    found += [a.teacher_notes for a in lesson.activities]
    found += [b.text for b in lesson.background if b.text]
    found += [FACTS[b.fact].claim for b in lesson.background if b.fact]
    found += [*lesson.differentiation.support, *lesson.differentiation.challenge, lesson.plenary]
    for activity in lesson.activities:
        sheet = activity.worksheet
        if isinstance(sheet, ScenarioCards):
            found += [card.teacher_notes for card in sheet.cards]
            found += [card.story for card in sheet.cards if card.read_aloud]
        elif isinstance(sheet, TrueFalse):
            found += [s.explanation for s in sheet.statements]
        elif isinstance(sheet, Sorting):
            found += [i.explanation for i in sheet.items if i.explanation]
        elif isinstance(sheet, Quiz):
            found += [q.explanation for q in sheet.questions if q.explanation]
    # Long phrases: a short one can legitimately recur in pupil text (a quiz option, say).
    return [phrase(text, 100) for text in found if text]


def said_to_pupils(words: str, lesson: Lesson) -> bool:
    """A sentence a teacher note shares with pupil text (a reassurance, say) is not a leak."""
    pupils = " ".join(p for on in ("handout", "cards") for p in pupil_facing(lesson, on=on, whole=True))
    return words in pupils


def pupil_facing(lesson: Lesson, *, on: str, whole: bool = False) -> list[str]:
    """What pupils read `on` their handout, or on the card sheet."""
    found = [lesson.display_title] if on == "cards" else []
    if on == "handout":
        found += [lesson.learning_objective, *(o.text for o in lesson.learning_outcomes)]
        found += [k.definition for k in lesson.keywords]
        found += [a.pupil_task for a in lesson.activities if a.pupil_task]
    for activity in lesson.activities:
        sheet = activity.worksheet
        here = "cards" if getattr(sheet, "delivery", "handout") == "cut-out" else "handout"
        if isinstance(sheet, ScenarioCards) and here == on:
            cards = [card for card in sheet.cards if not card.read_aloud]
            found += [card.story for card in cards] + [q for c in cards for q in c.questions]
        elif isinstance(sheet, Sorting) and here == on:
            found += [i.text for i in sheet.items]
        elif isinstance(sheet, TrueFalse) and on == "handout":
            found += [s.statement for s in sheet.statements]
        elif isinstance(sheet, Quiz) and on == "handout":
            found += [q.question for q in sheet.questions] + [o for q in sheet.questions for o in q.options]
    return [words(text) if whole else phrase(text) for text in found]


def test_the_library_has_every_topic_at_every_key_stage():
    lessons = [lesson_of(path) for path in LESSON_FILES]
    pairs = {(lesson.topic.value, lesson.key_stage.value) for lesson in lessons}
    wanted = {(t, k) for t in ("grooming", "live-streaming", "reporting") for k in ("KS2", "KS3", "KS4")}
    assert sorted(wanted - pairs) == []


@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_each_lesson_gets_its_documents_in_both_formats(bundled_build, lesson_file):
    lesson = lesson_of(lesson_file)
    folder = bundled_build.out / lesson.id
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == files_of(lesson)


@pytest.mark.parametrize("name", ["teacher-pack.pdf", "teacher-pack.docx"])
@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_teacher_pack_holds_the_whole_lesson(bundled_build, lesson_file, name):
    lesson = lesson_of(lesson_file)
    text = read(bundled_build.out / lesson.id / name)
    expected = [lesson.title, "Safeguarding notes", "If a pupil discloses", "Lesson at a glance"]
    expected += [a.title for a in lesson.activities] + [k.term for k in lesson.keywords]
    expected += teacher_only(lesson)
    expected += ["Guidance each outcome meets", "Where pupils can get help"]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing


@pytest.mark.parametrize("name", ["pupil-handout.pdf", "pupil-handout.docx"])
@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_pupil_handout_has_pupil_content_and_nothing_for_teachers(bundled_build, lesson_file, name):
    lesson = lesson_of(lesson_file)
    text = read(bundled_build.out / lesson.id / name)
    assert not [p for p in pupil_facing(lesson, on="handout") if p not in text]
    leaked = [p for p in teacher_only(lesson) if p in text and not said_to_pupils(p, lesson)]
    assert not leaked
    teacher_headings = (
        "Safeguarding notes",
        "If a pupil discloses",
        "Points to draw out",
        "Worksheet with answers",
        "Goes in",
        "Background for teachers",
    )
    for banned in teacher_headings:
        assert banned not in text
    assert "Where to get help" in text


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_the_card_sheet_holds_the_cut_out_cards_and_nothing_for_teachers(bundled_build, lesson_file, suffix):
    lesson = lesson_of(lesson_file)
    if not has_cut_outs(lesson):
        pytest.skip("no cut-out cards")
    text = read(bundled_build.out / lesson.id / f"cards.{suffix}")
    assert not [p for p in pupil_facing(lesson, on="cards") if p not in text]
    assert not [p for p in teacher_only(lesson) if p in text]
    assert "Points to draw out" not in text and "✓" not in text


@pytest.mark.parametrize(
    "name", [f"{stem}.{suffix}" for stem in ("teacher-pack", "pupil-handout") for suffix in FORMATS]
)
def test_help_box_comes_from_the_registry(minimal_build, name):
    text = read(minimal_build / name)
    assert "Childline" in text
    assert "0800 1111" in text  # from registry/signposting.yaml, never typed in a lesson


def test_quiz_answers_are_marked_only_in_the_teacher_pack(bundled_build):
    for lesson_file in LESSON_FILES:
        lesson = lesson_of(lesson_file)
        for name in ("pdf", "docx"):
            assert "✓" in read(bundled_build.out / lesson.id / f"teacher-pack.{name}")
            assert "✓" not in read(bundled_build.out / lesson.id / f"pupil-handout.{name}")


def test_teacher_pack_pdf_has_running_footer_with_page_x_of_y(bundled_build):
    lesson = lesson_of(LESSON_FILES[0])
    text = read(bundled_build.out / lesson.id / "teacher-pack.pdf")
    assert "Page 1 of" in text and f"Teacher pack · {lesson.title}" in text


@pytest.mark.parametrize("name", ["parent-leaflet.pdf", "parent-leaflet.docx"])
@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_parent_leaflet_explains_the_lesson_and_nothing_for_teachers(bundled_build, lesson_file, name):
    lesson = lesson_of(lesson_file)
    text = read(bundled_build.out / lesson.id / name)
    parents = lesson.parents
    expected = [parents.summary, *parents.warning_signs, *parents.conversation_starters, *parents.settings_and_habits]
    assert not [p for p in map(phrase, expected) if p not in text]
    assert "little and often" in text  # the conversation needs repeating, not one talk
    assert "NSPCC Helpline" in text and "0808 800 5000" in text  # adult routes, from the registry
    assert not [p for p in teacher_only(lesson) if p in text]
    assert "Safeguarding notes" not in text and "✓" not in text


def test_pupil_handout_lists_only_routes_meant_for_children(bundled_build):
    for lesson_file in LESSON_FILES:
        lesson = lesson_of(lesson_file)
        text = read(bundled_build.out / lesson.id / "pupil-handout.pdf")
        assert "NSPCC Helpline" not in text and "Professionals Online Safety Helpline" not in text


def test_reviewed_packs_say_when_and_against_what(bundled_build):
    lesson = lesson_of(LESSON_FILES[0])
    text = read(bundled_build.out / lesson.id / "teacher-pack.pdf")
    assert f"Reviewed {lesson.review.date.day} {lesson.review.date:%b %Y} · maps to KCSIE 2026, RSHE 2025" in text
    assert "DRAFT" not in text


def test_a_full_build_writes_the_coverage_page(bundled_build):
    for name in ("coverage.html", "coverage.pdf"):
        assert (bundled_build.out / name).is_file()
    assert "statements covered" in read(bundled_build.out / "coverage.pdf")


@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_a_class_set_is_affordable(bundled_build, lesson_file):
    """Schools photocopy a handout for every pupil and a leaflet for every family."""
    folder = bundled_build.out / lesson_of(lesson_file).id
    assert len(PdfReader(folder / "pupil-handout.pdf").pages) <= 4
    if (folder / "parent-leaflet.pdf").exists():
        assert len(PdfReader(folder / "parent-leaflet.pdf").pages) <= 2


@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_each_quiz_question_is_on_the_same_page_as_its_last_option(bundled_build, lesson_file):
    lesson = lesson_of(lesson_file)
    pages = [
        normalise(page.extract_text() or "")
        for page in PdfReader(bundled_build.out / lesson.id / "pupil-handout.pdf").pages
    ]
    questions = [q for a in lesson.activities if isinstance(a.worksheet, Quiz) for q in a.worksheet.questions]
    for question in questions:
        where = [n for n, page in enumerate(pages) if phrase(question.question, 40) in page]
        assert where, question.question
        assert phrase(question.options[-1], 30) in pages[where[0]], (
            f"the options of {question.question!r} run onto the next page"
        )
