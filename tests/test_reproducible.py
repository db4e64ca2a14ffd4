"""Same input, same bytes: the pack a reviewer approved is the pack that is printed."""

from __future__ import annotations

import zipfile

from safepacks.build import build


def test_two_builds_of_the_same_lesson_are_byte_identical(tmp_path, monkeypatch, minimal_lesson):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = build([minimal_lesson], out=tmp_path / "one")
    second = build([minimal_lesson], out=tmp_path / "two")
    assert first.failed == second.failed == 0
    for name in ("teacher-pack.pdf", "teacher-pack.docx", "pupil-handout.pdf", "parent-leaflet.docx"):
        one = (tmp_path / "one" / "test-minimal" / name).read_bytes()
        two = (tmp_path / "two" / "test-minimal" / name).read_bytes()
        assert one == two, name


def test_docx_timestamps_follow_source_date_epoch(tmp_path, monkeypatch, minimal_lesson):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    build([minimal_lesson], out=tmp_path, formats=("docx",))
    with zipfile.ZipFile(tmp_path / "test-minimal" / "teacher-pack.docx") as docx:
        assert {info.date_time for info in docx.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert (
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z' in docx.read("docProps/core.xml").decode()
        )


def test_without_source_date_epoch_a_word_file_is_dated_by_its_lessons_review(tmp_path, monkeypatch, minimal_lesson):
    import yaml

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    reviewed = yaml.safe_load(minimal_lesson.read_text())["review"]["date"]
    build([minimal_lesson], out=tmp_path, formats=("docx",))
    with zipfile.ZipFile(tmp_path / "test-minimal" / "teacher-pack.docx") as docx:
        core = docx.read("docProps/core.xml").decode()
    assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{reviewed}T00:00:00Z' in core
