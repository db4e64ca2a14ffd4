"""A PSHE lead makes the packs their school's own without forking them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document as open_docx

from conftest import EXAMPLE_SCHOOL, read
from safepacks.cli import main
from safepacks.resources import LIBRARY_DIR
from safepacks.scaffold import SCHEMAS_DIR, schema_json

BASE = LIBRARY_DIR / "ks3" / "recognising-grooming.yaml"
OUR_ID = "ks3-recognising-grooming-grooming-oakfield"  # what `safepacks new --from` names it


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def school(tmp_path) -> Path:
    """A copied and edited school profile, as a new PSHE lead would make it."""
    folder = tmp_path / "oakfield"
    folder.mkdir()
    profile = yaml.safe_load((EXAMPLE_SCHOOL / "school.yaml").read_text())
    profile.update(name="Oakfield Academy", logo="crest.svg", accent_colour="#5a1f4e")
    profile["dsl"].update(name="Mrs J. Okafor", for_pupils="Room B4, or ask your form tutor.")
    shutil.copy(EXAMPLE_SCHOOL / "school-logo.svg", folder / "crest.svg")
    shutil.copy(EXAMPLE_SCHOOL / "school-logo.png", folder / "crest.png")
    (folder / "school.yaml").write_text(yaml.safe_dump(profile, sort_keys=False))
    return folder / "school.yaml"


@pytest.fixture
def overlay(tmp_path) -> Path:
    """Swap one activity and add another, keeping the timings."""
    path = tmp_path / "lessons" / "grooming-oakfield.yaml"
    path.parent.mkdir()
    assert run("new", path, "--from", "ks3-recognising-grooming").exit_code == 0
    base = yaml.safe_load((LIBRARY_DIR / "ks3" / "recognising-grooming.yaml").read_text())
    replaced = next(a["minutes"] for a in base["activities"] if a["id"] == "spot-the-signs")
    text = path.read_text().replace(
        "activity_changes: []\n",
        f"""activity_changes:
  - replace: spot-the-signs
    with:
      id: oakfield-signs
      title: Spotting the signs in Oakfield's gaming club
      minutes: {replaced - 5}
      teacher_notes: Use the club's own made-up game names; keep the characters fictional.
      pupil_task: List two warning signs you could spot in a game chat.
      writing_lines: 2
  - add_after: oakfield-signs
    activity:
      id: our-rules
      title: Our school's online rules
      minutes: 5
      teacher_notes: Read the school's online rules together and ask which helps most.
      pupil_task: Circle the rule you think helps most.
""",
    )
    path.write_text(text)
    return path


def test_school_name_logo_and_dsl_appear_on_every_document(school, overlay, tmp_path):
    assert run("review", overlay, "--by", "Pat Lead", "--role", "PSHE lead").exit_code == 0
    out = tmp_path / "out"
    result = run("build", overlay, "--out", out, "--school", school)
    assert result.exit_code == 0, result.output
    folder = out / OUR_ID
    for document in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        text = read(document)
        assert "Oakfield Academy" in text, document.name
        assert "Example School" not in text, document.name
    assert "Mrs J. Okafor" in read(folder / "pupil-handout.pdf")
    assert "Room B4, or ask your form tutor." in read(folder / "pupil-handout.docx")
    assert (
        "crest" in " ".join(p.partname for p in open_docx(str(folder / "teacher-pack.docx")).part.package.parts)
        or open_docx(str(folder / "teacher-pack.docx")).inline_shapes
    )


def test_overlay_changes_activities_and_keeps_the_rest(school, overlay, tmp_path):
    run("review", overlay, "--by", "Pat Lead", "--role", "PSHE lead")
    out = tmp_path / "out"
    assert run("build", overlay, "--out", out, "--format", "pdf", "--audience", "teacher,pupil").exit_code == 0
    teacher = read(out / OUR_ID / "teacher-pack.pdf")
    assert "Spotting the signs in Oakfield's gaming club" in teacher
    assert "Our school's online rules" in teacher
    assert "Spot the signs (12 min)" not in teacher
    base = yaml.safe_load(BASE.read_text())
    kept = [a["title"] for a in base["activities"] if a["id"] != "spot-the-signs"]
    assert all(title in teacher for title in kept)
    assert base["safeguarding"]["ground_rules"][0] in teacher


def test_a_change_to_the_base_flows_in_and_marks_the_overlay_review_stale(overlay, tmp_path):
    lessons = tmp_path / "lessons"
    base = lessons / "base.yaml"  # a school's own lesson, which the overlay now extends
    base.write_text(BASE.read_text().replace("id: ks3-recognising-grooming", "id: ks3-our-grooming", 1))
    overlay.write_text(overlay.read_text().replace('extends: "ks3-recognising-grooming"', "extends: ks3-our-grooming"))
    run("review", overlay, "--by", "Pat Lead", "--role", "PSHE lead")
    assert run("check", overlay).exit_code == 0
    base.write_text(base.read_text().replace("Jay's story: trust, cutting off and pressure", "Jay's story, revised"))
    check = run("check", overlay)
    assert check.exit_code == 1 and "grooming-oakfield.yaml" in check.output and "error[review-stale]" in check.output
    out = tmp_path / "out"
    assert (
        run("build", overlay, "--out", out, "--allow-draft", "--format", "pdf", "--audience", "teacher").exit_code == 0
    )
    assert "Jay's story, revised" in read(out / OUR_ID / "teacher-pack.pdf")


@pytest.mark.parametrize(
    "change, message, line",
    [
        ('extends: "ks3-recognising-grooming"', 'extends: "ks3-no-such-lesson"', None),
        ("  - replace: spot-the-signs", "  - replace: no-such-activity", None),
        ("      minutes: 5\n", "      minutes: 9\n", None),
    ],
)
def test_broken_overlays_are_reported_at_the_overlay_line(overlay, change, message, line):
    text = overlay.read_text()
    broken = text.replace(change, message)
    overlay.write_text(broken)
    result = run("check", overlay)
    assert result.exit_code == 1
    lines = broken.splitlines()
    if "extends" in message:
        expected = (
            f"{overlay.name}:{lines.index(message) + 1}:10: error[overlay]: no lesson has the id 'ks3-no-such-lesson'"
        )
    elif "replace" in message:
        expected = (
            f"{overlay.name}:{lines.index(message) + 1}:14: error[overlay]: "
            "the lesson 'ks3-recognising-grooming' has no activity with the id 'no-such-activity'"
        )
    else:
        line = lines.index("activity_changes:") + 2
        expected = f"{overlay.name}:{line}:3: error[timings]: the activities add up to 64 minutes"
    assert expected in result.output


def test_variants_keep_the_text_and_change_the_look(minimal_lesson, tmp_path):
    out = tmp_path / "out"
    texts, looks = {}, {}
    for variant in ("standard", "large-print", "dyslexia-friendly", "greyscale"):
        result = run("build", minimal_lesson, "--out", out, "--variant", variant, "--audience", "teacher")
        assert result.exit_code == 0, result.output
        suffix = "" if variant == "standard" else f"-{variant}"
        pdf = out / "test-minimal" / f"teacher-pack{suffix}.pdf"
        looks[variant] = pdf.read_bytes()
        texts[variant] = read(out / "test-minimal" / f"teacher-pack{suffix}.docx")
        docx = open_docx(str(out / "test-minimal" / f"teacher-pack{suffix}.docx"))
        if variant == "large-print":
            assert docx.styles["Normal"].font.size.pt >= 16
        if variant == "dyslexia-friendly":
            assert "OpenDyslexic" in docx.styles["Normal"].element.xml
            assert docx.styles["Normal"].paragraph_format.line_spacing == 1.5
    assert len(set(looks.values())) == 4  # each looks different …
    assert len(set(texts.values())) == 1  # … and says the same


def test_dyslexia_friendly_uses_the_dyslexia_font_and_no_italics(minimal_lesson, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "out"
    run(
        "build",
        minimal_lesson,
        "--out",
        out,
        "--variant",
        "dyslexia-friendly",
        "--cream",
        "--format",
        "pdf",
        "--audience",
        "pupil",
    )
    reader = PdfReader(out / "test-minimal" / "pupil-handout-dyslexia-friendly.pdf")
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert any("OpenDyslexic" in font for font in fonts)
    assert not any("Italic" in font for font in fonts)


def test_pdfs_carry_title_and_language(minimal_build):
    from pypdf import PdfReader

    reader = PdfReader(minimal_build / "teacher-pack.pdf")
    assert reader.metadata.title.startswith("Test lesson on telling a trusted adult")
    assert str(reader.trailer["/Root"]["/Lang"]) == "en-GB"


def test_a_reference_docx_restyles_every_docx(minimal_lesson, tmp_path):
    reference = tmp_path / "our-styles.docx"
    assert run("reference-docx", reference).exit_code == 0
    styled = open_docx(str(reference))
    styled.styles["Heading 1"].font.name = "DejaVu Serif"
    styled.styles["Normal"].font.size = __import__("docx.shared").shared.Pt(13)
    styled.sections[0].left_margin = __import__("docx.shared").shared.Mm(30)
    styled.save(str(reference))
    out = tmp_path / "out"
    result = run("build", minimal_lesson, "--out", out, "--format", "docx", "--reference-docx", reference)
    assert result.exit_code == 0, result.output
    for document in (out / "test-minimal").glob("*.docx"):
        built = open_docx(str(document))
        assert built.styles["Heading 1"].font.name == "DejaVu Serif", document.name
        assert built.styles["Normal"].font.size.pt == 13
        assert round(built.sections[0].left_margin.mm) == 30
        assert "Test lesson" in read(document) or "Telling someone" in read(document)


def test_new_lesson_scaffold_explains_itself_and_is_refused_until_filled_in(tmp_path):
    path = tmp_path / "our-lesson.yaml"
    assert run("new", path, "--key-stage", "KS2", "--topic", "reporting").exit_code == 0
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    schema = (path.parent / text.split("$schema=")[1].split()[0]).resolve()
    assert schema == (SCHEMAS_DIR / "lesson.schema.json").resolve()
    result = run("check", path)
    assert result.exit_code == 1 and "error[placeholder]" in result.output
    assert run("new", path).exit_code == 2  # never overwrites


@pytest.mark.parametrize("kind", ["lesson", "overlay", "school"])
def test_shipped_schemas_are_up_to_date(kind):
    assert json.loads((SCHEMAS_DIR / f"{kind}.schema.json").read_text()) == json.loads(schema_json(kind))


def test_a_light_accent_colour_is_refused_with_a_reason(school):
    school.write_text(school.read_text().replace("'#5a1f4e'", "'#ffee88'"))
    result = run("build", BASE, "--school", school, "--out", school.parent / "out")
    assert result.exit_code == 1
    assert "too light" in result.output and "school.yaml" in result.output


def test_a_reference_docx_saved_by_libreoffice_is_accepted(minimal_lesson, tmp_path):
    """LibreOffice names its styles "Heading 1" where Word writes "heading 1", and calls the
    link style InternetLink: styles are matched by what they are, not their display name."""
    reference = Path(__file__).parent / "data" / "reference" / "saved-by-libreoffice.docx"
    out = tmp_path / "out"
    result = run("build", minimal_lesson, "--out", out, "--format", "docx", "--reference-docx", reference)
    assert result.exit_code == 0, result.output
    built = open_docx(str(out / "test-minimal" / "teacher-pack.docx"))
    headings = [p for p in built.paragraphs if p.style.style_id == "Heading1"]
    assert headings and "telling a trusted adult" in read(out / "test-minimal" / "teacher-pack.docx")


def test_a_reference_docx_restyles_the_boxes(minimal_lesson, tmp_path):
    from docx.oxml.ns import qn

    reference = tmp_path / "our-styles.docx"
    assert run("reference-docx", reference).exit_code == 0
    styled = open_docx(str(reference))
    box = styled.styles["Safeguarding box"]
    for edge in box.element.find(qn("w:tblPr")).find(qn("w:tblBorders")):
        edge.set(qn("w:color"), "6A1B9A")  # the school's own purple
    styled.save(str(reference))
    out = tmp_path / "out"
    assert run("build", minimal_lesson, "--out", out, "--format", "docx", "--reference-docx", reference).exit_code == 0
    built = open_docx(str(out / "test-minimal" / "teacher-pack.docx"))
    assert "6A1B9A" in built.styles["Safeguarding box"].element.xml
    assert any(t.style.name == "Safeguarding box" for t in built.tables)
