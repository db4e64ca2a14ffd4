"""A school installs safepacks once and points it at its own folder: its profile, its lessons
and overlays, its logo and reviews, and its packs, never the toolkit's files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import EXAMPLE_SCHOOL, GOOD, read
from safepacks.cli import main
from safepacks.resources import LIBRARY_DIR
from safepacks.workspace import find_workspace

BUNDLED = "ks3-recognising-grooming"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """`safepacks init` in a folder whose path has spaces, then the PSHE lead fills it in."""
    monkeypatch.chdir(tmp_path)
    result = run("init", "x y/Oakfield Primary")
    assert result.exit_code == 0, result.output
    root = tmp_path / "x y" / "Oakfield Primary"
    shutil.copy(EXAMPLE_SCHOOL / "school-logo.svg", root / "assets" / "Oakfield Logo.svg")  # an SVG only
    profile = root / "school.yaml"
    text = profile.read_text().replace("# logo: assets/our-logo.svg", "logo: assets/Oakfield Logo.svg")
    text += (
        "\ndsl:\n  name: Mrs J. Okafor\n  role: Designated safeguarding lead\n"
        "  for_pupils: Room B4, or ask any adult to take you to her.\n"
        "  for_staff: Through the safeguarding system, the same day.\n"
        "  for_parents: Ask for the DSL at the school office.\n"
    )
    profile.write_text(text)
    monkeypatch.chdir(root / "lessons")  # commands work from any folder inside the workspace
    return root


def test_init_makes_a_workspace_with_a_commented_profile_and_a_readme(workspace):
    assert sorted(p.name for p in workspace.iterdir()) == ["README.md", "assets", "lessons", "reviews", "school.yaml"]
    profile = (workspace / "school.yaml").read_text()
    assert yaml.safe_load(profile)["name"] == "Oakfield Primary"
    assert profile.count("\n#") >= 10  # a comment for every field
    assert "Oakfield Primary" in (workspace / "README.md").read_text()
    assert run("init", workspace).exit_code == 1  # never overwrites a workspace


def test_commands_find_the_workspace_from_any_folder_inside_it(workspace):
    assert find_workspace() is not None and find_workspace().root == workspace.resolve()
    assert find_workspace(workspace.parent) is None


def test_the_bundled_library_is_listed_by_id(workspace):
    result = run("list", "--library")
    assert result.exit_code == 0
    assert BUNDLED in result.output and len(result.output.splitlines()) == len(list(LIBRARY_DIR.rglob("*.yaml")))


def test_a_bundled_lesson_and_an_overlay_of_it_build_with_the_school_s_details(workspace):
    overlay = workspace / "lessons" / "our grooming.yaml"
    assert run("new", overlay, "--from", BUNDLED).exit_code == 0
    overlay.write_text(overlay.read_text().replace("# title: ", "title: ", 1).replace("(our version)", "at Oakfield"))
    assert "at Oakfield" in overlay.read_text()
    result = run("review", overlay, "--by", "Mrs J. Okafor", "--role", "DSL")
    assert result.exit_code == 0, result.output
    result = run("build", BUNDLED, overlay, "--format", "pdf,docx")
    assert result.exit_code == 0, result.output
    out = workspace / "build"
    for lesson_id in (BUNDLED, f"{BUNDLED}-our-grooming"):
        for name in ("teacher-pack.pdf", "pupil-handout.pdf", "teacher-pack.docx"):
            text = read(out / lesson_id / name)
            assert "Oakfield Primary" in text and "Mrs J. Okafor" in text, (lesson_id, name)
    assert "at Oakfield" in read(out / f"{BUNDLED}-our-grooming" / "teacher-pack.pdf")


def test_check_list_and_coverage_work_inside_a_workspace(workspace):
    shutil.copy(GOOD / "minimal.yaml", workspace / "lessons" / "ours.yaml")
    checked = run("check")
    assert "lessons checked" in checked.output and "ours.yaml" in checked.output  # its review is missing
    listed = run("list")
    assert "test-minimal" in listed.output and BUNDLED in listed.output
    assert "KS3:" in run("coverage").output


def test_a_review_of_a_bundled_lesson_is_recorded_in_the_workspace_not_the_package(workspace):
    package_file = LIBRARY_DIR / "ks3" / "recognising-grooming.yaml"
    before = package_file.read_bytes()
    result = run("review", BUNDLED, "--by", "Mrs J. Okafor", "--role", "DSL")
    assert result.exit_code == 0, result.output
    assert package_file.read_bytes() == before
    record = yaml.safe_load((workspace / "reviews" / f"{BUNDLED}.yaml").read_text())["review"]
    assert record["reviewer"] == "Mrs J. Okafor" and record["fingerprint"].startswith("sha256:")
    built = run("build", BUNDLED, "--format", "pdf", "--audience", "teacher")
    assert built.exit_code == 0
    assert "Mrs J. Okafor, DSL" in read(workspace / "build" / BUNDLED / "teacher-pack.pdf")


def test_a_bundled_lesson_cannot_be_reviewed_outside_a_workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("review", BUNDLED, "--by", "A", "--role", "DSL")
    assert (
        result.exit_code == 1 and "is a bundled lesson: its review is kept in your school's workspace" in result.output
    )


def test_a_profile_naming_a_file_outside_the_workspace_is_refused(workspace, tmp_path):
    profile = workspace / "school.yaml"
    profile.write_text(profile.read_text().replace("logo: assets/Oakfield Logo.svg", "logo: ../../x.svg"))
    result = run("build", "--format", "pdf")
    assert result.exit_code == 1 and "school.yaml" in result.output and "'..'" in result.output


@pytest.mark.parametrize("logo", ["crest.png", "crest.jpg"])
def test_png_and_jpeg_logos_are_used_as_they_are(workspace, logo):
    from PIL import Image

    Image.new("RGB", (300, 200), (31, 78, 121)).save(workspace / "assets" / logo)
    profile = workspace / "school.yaml"
    profile.write_text(profile.read_text().replace("assets/Oakfield Logo.svg", f"assets/{logo}"))
    shutil.copy(GOOD / "minimal.yaml", workspace / "lessons" / "ours.yaml")
    assert run("review", workspace / "lessons" / "ours.yaml", "--by", "A", "--role", "DSL").exit_code == 0
    result = run("build", workspace / "lessons" / "ours.yaml", "--audience", "teacher")
    assert result.exit_code == 0, result.output


def test_an_oversized_logo_is_refused_with_a_reason(workspace):
    from PIL import Image

    Image.new("L", (6000, 5000)).save(workspace / "assets" / "huge.png")
    profile = workspace / "school.yaml"
    profile.write_text(profile.read_text().replace("assets/Oakfield Logo.svg", "assets/huge.png"))
    result = run("check")
    assert result.exit_code == 1 and "6000 × 5000 pixels" in result.output
