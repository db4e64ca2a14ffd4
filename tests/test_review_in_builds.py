"""Builds respect review: stale lessons are refused, or printed as marked drafts."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from conftest import read
from safepacks.cli import main


def edited_copy(minimal_lesson, tmp_path):
    path = tmp_path / "lesson.yaml"
    shutil.copy(minimal_lesson, path)
    path.write_text(path.read_text().replace("Recap who we can tell.", "Recap who we could tell."))
    return path


def test_editing_a_reviewed_lesson_makes_check_fail_and_build_refuse(minimal_lesson, tmp_path):
    path = edited_copy(minimal_lesson, tmp_path)
    check = CliRunner().invoke(main, ["check", str(path)])
    assert check.exit_code == 1 and "error[review-stale]" in check.output
    build = CliRunner().invoke(main, ["build", str(path), "--out", str(tmp_path / "out")])
    assert build.exit_code == 1
    assert "FAILED test-minimal: nothing written" in build.output
    assert not (tmp_path / "out" / "test-minimal").exists()


def test_allow_draft_marks_every_page_of_every_output(minimal_lesson, tmp_path):
    path = edited_copy(minimal_lesson, tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(path), "--out", str(out), "--allow-draft"])
    assert result.exit_code == 0, result.output
    assert "as a DRAFT (not reviewed)" in result.output
    for document in (out / "test-minimal").glob("*.pdf"):
        from pypdf import PdfReader

        pages = PdfReader(document).pages
        assert all("DRAFT – NOT REVIEWED" in (page.extract_text() or "") for page in pages), document.name
    for document in (out / "test-minimal").glob("*.docx"):
        assert "DRAFT – NOT REVIEWED" in read(document)  # in the header, so on every page


def test_a_draft_claims_no_review_anywhere(minimal_lesson, tmp_path):
    path = edited_copy(minimal_lesson, tmp_path)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(path), "--out", str(out), "--allow-draft"]).exit_code == 0
    for document in (out / "test-minimal").iterdir():
        if document.suffix in (".pdf", ".docx"):
            text = read(document)
            assert "Reviewed" not in text, document.name
            assert "Test Reviewer" not in text, document.name
    assert "Not yet reviewed" in read(out / "test-minimal" / "teacher-pack.pdf")


def test_allow_draft_does_not_excuse_content_errors(minimal_lesson, tmp_path):
    path = tmp_path / "lesson.yaml"
    shutil.copy(minimal_lesson, path)
    path.write_text(path.read_text().replace("Recap who we can tell.", "Recap and call 0800 1111."))
    result = CliRunner().invoke(main, ["build", str(path), "--out", str(tmp_path / "out"), "--allow-draft"])
    assert result.exit_code == 1 and "error[inline-contact]" in result.output


def test_review_command_fixes_a_stale_lesson(minimal_lesson, tmp_path):
    path = edited_copy(minimal_lesson, tmp_path)
    result = CliRunner().invoke(main, ["review", str(path), "--by", "Sam Lee", "--role", "DSL"])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 0
    assert "reviewer: Sam Lee" in path.read_text()
