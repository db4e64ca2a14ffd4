"""Fast builds: only what changed is rebuilt, in parallel, and nothing heavy loads for `check`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE_SCHOOL
from safepacks.build import build
from safepacks.resources import DATA_DIR

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def library(tmp_path, minimal_lesson):
    """Two reviewed lessons in a folder of their own."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(minimal_lesson, folder / "one.yaml")
    second = (folder / "one.yaml").read_text().replace("id: test-minimal", "id: test-second")
    (folder / "two.yaml").write_text(second)
    from safepacks.reviews import review

    review(folder / "two.yaml", by="Test Reviewer", role="PSHE lead")
    return folder


def written(report) -> dict[str, int]:
    return {r.lesson_id: len(r.outputs) for r in report.results}


def test_an_unchanged_library_is_not_rebuilt(library, tmp_path):
    out = tmp_path / "out"
    first = build([library], out=out, formats=("docx",), jobs=1)
    assert written(first) == {"test-minimal": 3, "test-second": 3}
    again = build([library], out=out, formats=("docx",), jobs=1)
    assert written(again) == {"test-minimal": 0, "test-second": 0}
    assert all(r.unchanged == 3 for r in again.results)
    forced = build([library], out=out, formats=("docx",), jobs=1, force=True)
    assert written(forced) == {"test-minimal": 3, "test-second": 3}


def test_editing_one_lesson_rebuilds_only_its_documents(library, tmp_path):
    out = tmp_path / "out"
    build([library], out=out, formats=("docx",), jobs=1)
    two = library / "two.yaml"
    two.write_text(two.read_text().replace("Recap who we can tell.", "Recap who we can tell, and how."))
    from safepacks.reviews import review

    review(two, by="Test Reviewer", role="PSHE lead")
    again = build([library], out=out, formats=("docx",), jobs=1)
    assert written(again) == {"test-minimal": 0, "test-second": 3}


def test_a_school_profile_change_rebuilds_everything_it_touches(library, tmp_path):
    out = tmp_path / "out"
    school = tmp_path / "school.yaml"
    shutil.copy(EXAMPLE_SCHOOL / "school.yaml", school)
    for name in ("school-logo.svg", "school-logo.png"):
        shutil.copy(EXAMPLE_SCHOOL / name, tmp_path / name)
    build([library], out=out, formats=("docx",), jobs=1, school=school)
    school.write_text(school.read_text().replace("Example School", "Hillside School"))
    again = build([library], out=out, formats=("docx",), jobs=1, school=school)
    assert written(again) == {"test-minimal": 3, "test-second": 3}


def test_a_template_change_rebuilds_everything(library, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([library], out=out, formats=("docx",), jobs=1)
    import safepacks.cache as cache

    monkeypatch.setattr(cache, "TEMPLATES_DIR", tmp_path / "templates")
    shutil.copytree(DATA_DIR / "templates", tmp_path / "templates")
    (tmp_path / "templates" / "document.html.j2").write_text("changed")
    again = build([library], out=out, formats=("docx",), jobs=1)
    assert written(again) == {"test-minimal": 3, "test-second": 3}


def test_outputs_of_deleted_lessons_are_removed(library, tmp_path):
    out = tmp_path / "out"
    build([library], out=out, formats=("docx",), jobs=1)
    (library / "two.yaml").unlink()
    report = build([library], out=out, formats=("docx",), jobs=1)
    assert not (out / "test-second").exists()
    assert sorted(report.removed) == [
        f"test-second/{s}.docx" for s in ("parent-leaflet", "pupil-handout", "teacher-pack")
    ]
    assert (out / "test-minimal" / "teacher-pack.docx").exists()


def test_parallel_builds_give_the_same_bytes_in_the_same_order(library, tmp_path):
    one = build([library], out=tmp_path / "j1", jobs=1)
    two = build([library], out=tmp_path / "j2", jobs=2)
    assert [r.lesson_id for r in one.results] == [r.lesson_id for r in two.results]
    for path in sorted((tmp_path / "j1").rglob("*.*")):
        if path.suffix in (".pdf", ".docx"):
            assert path.read_bytes() == (tmp_path / "j2" / path.relative_to(tmp_path / "j1")).read_bytes(), path.name


def test_a_failing_document_does_not_take_down_the_batch(library, tmp_path, monkeypatch):
    monkeypatch.setattr("safepacks.render.docx._Writer._cover", lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    report = build([library], out=tmp_path / "out", formats=("docx",), jobs=1)
    assert report.failed == 2 and all("boom" in r.error for r in report.results)


def test_plain_output_is_one_line_per_lesson_when_not_a_terminal(library, tmp_path):
    result = CliRunner().invoke(
        __import__("safepacks.cli").cli.main, ["build", str(library), "--out", str(tmp_path / "o"), "--format", "docx"]
    )
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("built  test-minimal: 3 written") and lines[1].startswith("built  test-second")
    assert "\r" not in result.output


@pytest.mark.parametrize(
    "args", [["--help"], ["check", "tests/data/good"], ["list"], ["schema"], ["coverage", "tests/data/good"]]
)
def test_commands_that_do_not_render_never_import_weasyprint(args):
    code = (
        "import sys\nfrom safepacks.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'docx', 'pydyf', 'fontTools') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPO)
    assert "HEAVY []" in result.stdout, result.stdout[-500:] + result.stderr[-500:]
