"""What is printed is exactly what was checked, and a build never touches anything outside
its output folder, whatever a manifest found there says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import safepacks.build as build_module
from conftest import read
from safepacks.build import build
from safepacks.cache import MANIFEST, Manifest, tree_digest


def test_a_lesson_edited_after_it_was_checked_is_not_printed(minimal_lesson, tmp_path, monkeypatch):
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(minimal_lesson.read_text())
    checked_for_real = build_module.check_lessons

    def check_then_edit(*args, **kwargs):  # the file changes once the checks have passed
        checked = checked_for_real(*args, **kwargs)
        lesson.write_text(lesson.read_text().replace("Recap who we can tell.", "Call 0800 1111 now, EDITED."))
        return checked

    monkeypatch.setattr(build_module, "check_lessons", check_then_edit)
    for jobs in (1, 2):
        out = tmp_path / f"out-{jobs}"
        report = build([lesson], out=out, formats=("pdf",), jobs=jobs)
        assert report.failed == 0
        pack = read(out / "test-minimal" / "teacher-pack.pdf")
        assert "Recap who we can tell." in pack and "EDITED" not in pack
        lesson.write_text(minimal_lesson.read_text())
    monkeypatch.undo()
    lesson.write_text(lesson.read_text().replace("Recap who we can tell.", "EDITED"))
    again = build([lesson], out=tmp_path / "out-1", formats=("pdf",))
    assert again.failed == 1  # the edit broke the review, and is now seen: nothing printed unmarked


def test_a_crafted_manifest_deletes_and_writes_nothing_outside_the_output_folder(minimal_lesson, tmp_path):
    out = tmp_path / "build"
    victim = tmp_path / "victim" / "precious.txt"
    victim.parent.mkdir()
    victim.write_text("do not delete")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("keep me too")
    build([minimal_lesson], out=out, formats=("docx",))
    manifest = json.loads((out / MANIFEST).read_text())
    gone = str(tmp_path / "no-such-lesson.yaml")
    for name in ("../victim/precious.txt", str(outside), "..\\elsewhere.txt", "C:/x.txt", ""):
        manifest["outputs"][name] = {"key": "k", "source": gone, "sha256": "0"}
    (out / MANIFEST).write_text(json.dumps(manifest))
    report = build([minimal_lesson], out=out, formats=("docx",))
    assert victim.read_text() == "do not delete" and outside.read_text() == "keep me too"
    assert report.removed == []
    assert all(not name.startswith("..") for name in json.loads((out / MANIFEST).read_text())["outputs"])


def test_a_manifest_that_is_not_ours_is_ignored(tmp_path):
    for text in ("[]", '{"outputs": []}', '{"outputs": {"a.pdf": 3}}', "not json", '{"school": 7}'):
        (tmp_path / MANIFEST).write_text(text)
        manifest = Manifest.read(tmp_path)
        assert manifest.outputs == {} and manifest.school is None


def test_compiled_bytecode_does_not_change_the_toolkit_digest(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("x = 1\n")
    before = tree_digest([tmp_path / "pkg"])
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "mod.cpython-311.pyc").write_bytes(b"\0compiled")
    (tmp_path / "pkg" / "stray.pyc").write_bytes(b"\0compiled")
    assert tree_digest([tmp_path / "pkg"]) == before


def test_moving_a_folder_keeps_its_digest(tmp_path):
    for where in ("one", "two/deeper"):
        folder = tmp_path / where / "data"
        folder.mkdir(parents=True)
        (folder / "a.txt").write_text("same")
    assert tree_digest([tmp_path / "one" / "data"]) == tree_digest([tmp_path / "two" / "deeper" / "data"])


def test_two_clean_builds_in_a_row_rebuild_nothing(minimal_lesson, tmp_path):
    """Each build in a fresh interpreter that writes bytecode, as after a fresh clone."""
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}

    def run() -> str:
        command = [sys.executable, "-m", "safepacks", "build", str(minimal_lesson), "--out", str(out)]
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "test-minimal: 7 written" in run()  # teacher pack, handout, leaflet as pdf and docx; the deck
    assert "test-minimal: 0 written, 7 unchanged" in run()


def test_a_change_of_school_rebuilds_and_says_so(minimal_lesson, tmp_path):
    from click.testing import CliRunner

    from conftest import EXAMPLE_SCHOOL
    from safepacks.cli import main

    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["build", str(minimal_lesson), "--out", str(out), "--format", "docx"])
    assert "held packs" not in first.output
    school = EXAMPLE_SCHOOL / "school.yaml"
    second = CliRunner().invoke(
        main, ["build", str(minimal_lesson), "--out", str(out), "--format", "docx", "--school", str(school)]
    )
    assert f"note: {out.resolve()} held packs made for no school profile; they were rebuilt for Example School" in (
        second.output
    )
    assert "3 written" in second.output
    assert "Example School" in read(out / "test-minimal" / "teacher-pack.docx")


def test_paths_with_spaces_and_accents_build(minimal_lesson, tmp_path):
    folder = tmp_path / "PSHE Resources" / "Année 7"
    folder.mkdir(parents=True)
    lesson = folder / "my lesson.yaml"
    lesson.write_text(minimal_lesson.read_text())
    report = build([lesson], out=folder / "the packs", formats=("pdf", "docx"))
    assert report.failed == 0
    assert (folder / "the packs" / "test-minimal" / "teacher-pack.pdf").is_file()


def test_the_package_data_is_read_from_the_package_not_a_checkout():
    from safepacks import resources

    assert Path(resources.__file__).parent / "data" == resources.DATA_DIR
    for folder in (resources.LIBRARY_DIR, resources.REGISTRY_DIR, resources.TEMPLATES_DIR, resources.CSS_DIR):
        assert folder.is_dir()
