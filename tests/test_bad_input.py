"""Malformed lesson files, tried as a new user would: a message at path:line:col, exit 1,
nothing written, and the rest of the batch still built."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import BAD, GOOD
from safepacks.cli import main

# file → (line, column, rule, words the message must contain)
EXPECTED = {
    "alias.yaml": (2, 8, "yaml-alias", "anchors and aliases"),
    "duplicate-key.yaml": (5, 1, "duplicate-key", "the key 'title' appears twice (first at line 4)"),
    "empty.yaml": (1, 1, "empty", "the file is empty"),
    "invalid-utf8.yaml": (2, 11, "encoding", "byte 0xe9 is not valid UTF-8"),
    "missing-field.yaml": (2, 1, "schema", "'learning_objective' is missing"),
    "not-a-mapping.yaml": (1, 1, "schema", "must be a set of `key: value` lines"),
    "python-tag.yaml": (2, 8, "yaml-tag", "YAML tags (such as !!python/object/apply:os.system) are not allowed"),
    "timings-do-not-add-up.yaml": (
        9,
        19,
        "timings",
        "the activities add up to 35 minutes (10 + 25) but duration_minutes is 30",
    ),
    "unknown-guidance.yaml": (15, 16, "unknown-guidance", "no guidance statement has the id"),
    "unknown-key-stage.yaml": (7, 12, "schema", "'key_stage': Input should be 'KS1'"),
    "unknown-key.yaml": (58, 1, "schema", "unknown key 'plenry'"),
    "unknown-signposting.yaml": (62, 30, "unknown-signposting", "no signposting route has the id 'childlne'"),
    "unknown-worksheet.yaml": (46, 7, "schema", "unknown worksheet kind"),
    "wrong-type.yaml": (37, 14, "schema", "'activities[1].minutes' should be a whole number, not 'ten'"),
    "yaml-syntax.yaml": (2, 3, "yaml-syntax", "a list in [brackets] or a mapping in {braces} is not closed"),
    "yes-read-as-boolean.yaml": (
        19,
        18,
        "schema",
        "'prior_knowledge' should be text, but YAML read it as true/false",
    ),
}


def test_every_bad_fixture_has_an_expectation():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_reports_the_place_the_problem_and_a_hint(name):
    line, column, rule, message = EXPECTED[name]
    result = CliRunner().invoke(main, ["check", str(BAD / name)])
    assert result.exit_code == 1
    assert f"{name}:{line}:{column}: error[{rule}]: " in result.output
    assert message in result.output
    assert "hint: " in result.output
    assert "Traceback" not in result.output


def test_a_bad_lesson_writes_nothing_and_the_rest_of_the_batch_builds(tmp_path, minimal_lesson):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    shutil.copy(minimal_lesson, lessons / "a-good.yaml")
    for name in EXPECTED:
        shutil.copy(BAD / name, lessons / name)
    out = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", str(lessons), "--out", str(out), "--format", "docx"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "coverage.html",
        "test-minimal",
        "verification.html",
    ]
    assert sorted(p.name for p in (out / "test-minimal").iterdir() if not p.name.startswith(".")) == [
        "parent-leaflet.docx",
        "pupil-handout.docx",
        "teacher-pack.docx",
    ]
    assert f"1 lesson built, {len(EXPECTED)} failed; output in" in result.output
    assert not list(out.rglob(".*.part"))


def test_a_failing_build_leaves_earlier_packs_in_place(tmp_path, minimal_lesson):
    """A typo must not wipe the packs a teacher is about to print."""
    out = tmp_path / "build"
    lesson = tmp_path / "lesson.yaml"
    shutil.copy(minimal_lesson, lesson)
    assert CliRunner().invoke(main, ["build", str(lesson), "--out", str(out), "--format", "docx"]).exit_code == 0
    before = (out / "test-minimal" / "teacher-pack.docx").read_bytes()
    lesson.write_text(lesson.read_text().replace("minutes: 20", "minutes: 21"))
    result = CliRunner().invoke(main, ["build", str(lesson), "--out", str(out), "--format", "docx"])
    assert result.exit_code == 1
    assert (out / "test-minimal" / "teacher-pack.docx").read_bytes() == before


def test_two_lessons_with_the_same_id_are_reported(tmp_path):
    for name in ("one.yaml", "two.yaml"):
        shutil.copy(GOOD / "minimal.yaml", tmp_path / name)
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "two.yaml:3:5: error[duplicate-id]: another lesson already has the id 'test-minimal'" in result.output


def test_a_tab_indented_file_is_a_syntax_error_not_a_crash(tmp_path):
    lesson = tmp_path / "tabs.yaml"
    lesson.write_text("id: x\nsafeguarding:\n\tsensitivity: high\n")
    result = CliRunner().invoke(main, ["check", str(lesson)])
    assert result.exit_code == 1
    assert "tabs.yaml:3:1: error[yaml-syntax]: line 3 is indented with a tab" in result.output
    assert "replace each tab with two spaces" in result.output


def test_an_alias_bomb_is_refused_before_it_is_expanded(tmp_path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(8)]
    lesson = tmp_path / "bomb.yaml"
    lesson.write_text("\n".join(bomb) + "\n")
    result = CliRunner().invoke(main, ["check", str(lesson)])
    assert result.exit_code == 1
    assert "bomb.yaml:1:4: error[yaml-alias]" in result.output
