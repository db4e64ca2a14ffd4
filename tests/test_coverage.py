"""The coverage matrix, checked against lessons whose citations we know."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from safepacks.cli import main
from safepacks.coverage import coverage
from safepacks.model import KeyStage
from safepacks.registry import load_registry


def test_coverage_marks_exactly_the_statements_a_lesson_cites(minimal_lesson):
    from safepacks.checking import check_lessons

    registry = load_registry()
    lessons = [item.resolved.lesson for item in check_lessons([minimal_lesson], registry)]
    (stage,) = coverage(lessons, registry)
    assert stage.key_stage is KeyStage.KS2
    covered = {row.statement.id for row in stage.rows if row.covered_by}
    assert covered == {"rshe-2025/primary/being-safe/6"}
    assert len(stage.gaps) == len(stage.rows) - 1
    assert dict(stage.risk_areas)[next(a for a, _ in stage.risk_areas if a.value == "contact")] == ("test-minimal",)


def test_staff_practice_and_superseded_guidance_are_not_counted(minimal_lesson):
    registry = load_registry()
    (stage,) = coverage([], registry, (KeyStage.KS2,))
    documents = {row.statement.id.split("/")[0] for row in stage.rows}
    assert "rshe-2019" not in documents and "kcsie-2025" not in documents
    assert "rshe-2025" in documents


def test_coverage_command_formats(minimal_lesson, tmp_path):
    table = CliRunner().invoke(main, ["coverage", str(minimal_lesson)])
    assert table.exit_code == 0
    assert "KS2: 1 of" in table.output and "NOT COVERED" in table.output
    rows = list(
        csv.DictReader(
            io.StringIO(CliRunner().invoke(main, ["coverage", "--format", "csv", str(minimal_lesson)]).output)
        )
    )
    assert {r["statement"] for r in rows if r["covered"] == "yes"} >= {"rshe-2025/primary/being-safe/6"}
    out = tmp_path / "coverage.html"
    html = CliRunner().invoke(main, ["coverage", "--format", "html", "--out", str(out), str(minimal_lesson)])
    assert html.exit_code == 0 and "<style>" in out.read_text() and "&#34;" not in out.read_text().split("</style>")[0]
