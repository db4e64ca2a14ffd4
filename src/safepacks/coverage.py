"""Which guidance statements the lessons cover, per key stage, and which no lesson covers.

Only pupil-outcome statements (not staff practice, which every lesson's safeguarding notes
meet) from documents in force (not superseded) and about the toolkit's themes
(online relationships, being safe, grooming, image sharing, live streaming, reporting)
are counted; statements tagged only `other` are listed as out of scope, not as gaps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import KeyStage, Lesson, RiskArea
from .registry import Registry, Statement, Theme

if TYPE_CHECKING:
    from .render.style import Style

IN_SCOPE = frozenset(Theme) - {Theme.other}
FORMATS = ("table", "csv", "html", "pdf")


@dataclass(frozen=True)
class Row:
    statement: Statement
    document: str  # short title
    covered_by: tuple[str, ...]  # lesson ids


@dataclass(frozen=True)
class StageCoverage:
    key_stage: KeyStage
    lessons: tuple[Lesson, ...]
    rows: tuple[Row, ...]
    risk_areas: tuple[tuple[RiskArea, tuple[str, ...]], ...]  # area → lesson ids

    @property
    def gaps(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if not row.covered_by)

    @property
    def covered(self) -> int:
        return len(self.rows) - len(self.gaps)


def coverage(lessons: list[Lesson], registry: Registry, key_stages: tuple[KeyStage, ...] = ()) -> list[StageCoverage]:
    stages = key_stages or tuple(sorted({lesson.key_stage for lesson in lessons}, key=list(KeyStage).index))
    result = []
    for stage in stages:
        taught = tuple(sorted((lesson for lesson in lessons if lesson.key_stage is stage), key=lambda x: x.id))
        cited = {lesson.id: {ref for o in lesson.learning_outcomes for ref in o.guidance} for lesson in taught}
        rows = []
        for document in registry.documents.values():
            if document.superseded_by or document.describes != "pupil-outcomes":
                continue
            for statement in document.statements:
                if stage in statement.key_stages and IN_SCOPE.intersection(statement.themes):
                    covered_by = tuple(lesson_id for lesson_id, refs in cited.items() if statement.id in refs)
                    rows.append(Row(statement, document.short_title, covered_by))
        areas = tuple((area, tuple(lesson.id for lesson in taught if area in lesson.risk_areas)) for area in RiskArea)
        result.append(StageCoverage(stage, taught, tuple(rows), areas))
    return result


def format_table(stages: list[StageCoverage]) -> str:
    """Plain text for a terminal: one line per statement, gaps marked."""
    lines = []
    for stage in stages:
        lines.append(f"{stage.key_stage.value}: {stage.covered} of {len(stage.rows)} statements covered")
        for row in stage.rows:
            mark = ", ".join(row.covered_by) if row.covered_by else "NOT COVERED"
            lines.append(f"  {row.statement.id:58} {mark}")
        for area, ids in stage.risk_areas:
            lines.append(f"  risk area {area.value:47} {', '.join(ids) if ids else 'NOT COVERED'}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def format_csv(stages: list[StageCoverage]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["key_stage", "statement", "document", "section", "paraphrase", "covered_by", "covered"])
    for stage in stages:
        for row in stage.rows:
            writer.writerow(
                [
                    stage.key_stage.value,
                    row.statement.id,
                    row.document,
                    row.statement.section,
                    row.statement.text,
                    " ".join(row.covered_by),
                    "yes" if row.covered_by else "no",
                ]
            )
        for area, ids in stage.risk_areas:
            writer.writerow(
                [
                    stage.key_stage.value,
                    f"risk-area/{area.value}",
                    "KCSIE",
                    "",
                    "",
                    " ".join(ids),
                    "yes" if ids else "no",
                ]
            )
    return out.getvalue()


def report(
    lessons: list[Lesson],
    registry: Registry,
    *,
    key_stages: tuple[KeyStage, ...] = (),
    fmt: str = "table",
    organisation: str = "",
    style: Style | None = None,
    today: dt.date | None = None,
) -> str | bytes:
    """The coverage matrix as a terminal table, CSV, a standalone HTML page or a PDF."""
    stages = coverage(lessons, registry, key_stages)
    if fmt == "table":
        return format_table(stages)
    if fmt == "csv":
        return format_csv(stages)
    from .views.coverage import coverage_document

    document = coverage_document(stages, today=today or dt.date.today(), organisation=organisation)
    if fmt == "pdf":
        from .render.pdf import render_pdf

        return render_pdf(document, style)
    from .render.html import render_html

    return render_html(document, style, standalone=True)
