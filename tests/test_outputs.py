"""The bundled lessons build into four documents each, and each audience sees only its own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import phrase, read
from safepacks.model import Lesson, Quiz, ScenarioCards, Sorting, TrueFalse
from safepacks.resources import LIBRARY_DIR

LESSON_FILES = sorted(LIBRARY_DIR.rglob("*.yaml"))
FILES = tuple(
    f"{stem}.{suffix}" for stem in ("teacher-pack", "pupil-handout", "parent-leaflet") for suffix in ("pdf", "docx")
)


def lesson_of(path: Path) -> Lesson:
    return Lesson.model_validate(yaml.safe_load(path.read_text()))


def teacher_only(lesson: Lesson) -> list[str]:
    """Phrases that must never reach a pupil: notes, answers, safeguarding."""
    s = lesson.safeguarding
    found = [*s.before_the_lesson, *s.ground_rules, s.distancing, s.question_box, *s.disclosure]
    found += [a.teacher_notes for a in lesson.activities]
    found += [b.text for b in lesson.background]
    found += [*lesson.differentiation.support, *lesson.differentiation.challenge, lesson.plenary]
    for activity in lesson.activities:
        sheet = activity.worksheet
        if isinstance(sheet, ScenarioCards):
            found += [card.teacher_notes for card in sheet.cards]
        elif isinstance(sheet, TrueFalse):
            found += [s.explanation for s in sheet.statements]
        elif isinstance(sheet, Sorting):
            found += [i.explanation for i in sheet.items if i.explanation]
        elif isinstance(sheet, Quiz):
            found += [q.explanation for q in sheet.questions if q.explanation]
    # Long phrases: a short one can legitimately recur in pupil text (a quiz option, say).
    return [phrase(text, 100) for text in found]


def pupil_facing(lesson: Lesson) -> list[str]:
    found = [lesson.display_title, lesson.learning_objective]
    found += [o.text for o in lesson.learning_outcomes]
    found += [k.definition for k in lesson.keywords]
    found += [a.pupil_task for a in lesson.activities if a.pupil_task]
    for activity in lesson.activities:
        sheet = activity.worksheet
        if isinstance(sheet, ScenarioCards):
            found += [card.story for card in sheet.cards] + [q for c in sheet.cards for q in c.questions]
        elif isinstance(sheet, TrueFalse):
            found += [s.statement for s in sheet.statements]
        elif isinstance(sheet, Sorting):
            found += [i.text for i in sheet.items]
        elif isinstance(sheet, Quiz):
            found += [q.question for q in sheet.questions] + [o for q in sheet.questions for o in q.options]
    return [phrase(text) for text in found]


def test_the_library_has_every_topic_at_every_key_stage():
    lessons = [lesson_of(path) for path in LESSON_FILES]
    pairs = {(lesson.topic.value, lesson.key_stage.value) for lesson in lessons}
    wanted = {(t, k) for t in ("grooming", "live-streaming", "reporting") for k in ("KS2", "KS3", "KS4")}
    assert sorted(wanted - pairs) == []


@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_each_lesson_gets_six_files(bundled_build, lesson_file):
    folder = bundled_build.out / lesson_of(lesson_file).id
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)


@pytest.mark.parametrize("name", ["teacher-pack.pdf", "teacher-pack.docx"])
@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_teacher_pack_holds_the_whole_lesson(bundled_build, lesson_file, name):
    lesson = lesson_of(lesson_file)
    text = read(bundled_build.out / lesson.id / name)
    expected = [lesson.title, "Safeguarding notes", "If a pupil discloses", "Lesson at a glance"]
    expected += [a.title for a in lesson.activities] + [k.term for k in lesson.keywords]
    expected += teacher_only(lesson)
    expected += ["Guidance each outcome meets", "Signposting: where pupils can get help"]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing


@pytest.mark.parametrize("name", ["pupil-handout.pdf", "pupil-handout.docx"])
@pytest.mark.parametrize("lesson_file", LESSON_FILES, ids=lambda p: p.stem)
def test_pupil_handout_has_pupil_content_and_nothing_for_teachers(bundled_build, lesson_file, name):
    lesson = lesson_of(lesson_file)
    text = read(bundled_build.out / lesson.id / name)
    assert not [p for p in pupil_facing(lesson) if p not in text]
    leaked = [p for p in teacher_only(lesson) if p in text]
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


@pytest.mark.parametrize("name", [f for f in FILES if not f.startswith("parent")])
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
    assert f"Reviewed {lesson.review.date:%-d %b %Y} against KCSIE 2025, RSHE 2025" in text
    assert "DRAFT" not in text


def test_a_full_build_writes_the_coverage_page(bundled_build):
    for name in ("coverage.html", "coverage.pdf"):
        assert (bundled_build.out / name).is_file()
    assert "statements covered" in read(bundled_build.out / "coverage.pdf")
