"""The coverage matrix as a Document: statements (rows) against lessons (columns), per key
stage, with the four areas of online risk; printable for a governors' meeting."""

from __future__ import annotations

import datetime as dt

from ..coverage import StageCoverage
from ..document import Block, Cover, Document, Heading, ListBlock, Paragraph, Strong, Table, Text, long_date, text

YES, NO = "✓", "—"


def coverage_document(stages: list[StageCoverage], *, today: dt.date, organisation: str = "") -> Document:
    total = sum(len(s.rows) for s in stages)
    covered = sum(s.covered for s in stages)
    facts = tuple((s.key_stage.value, f"{s.covered} of {len(s.rows)} statements covered") for s in stages)
    body: list[Block] = [
        Cover("Guidance coverage · Keeping safe online", "Which statutory outcomes our lessons cover", "", facts),
        Paragraph(
            text(
                f"{covered} of {total} guidance statements about online relationships, being safe, grooming, "
                "image sharing, live streaming and reporting are covered by at least one lesson. "
                f"Statements from superseded guidance are not counted. Produced {long_date(today)}."
            ),
            "lead",
        ),
    ]
    for stage in stages:
        body += _stage(stage)
    return Document(
        kind="coverage",
        title="Guidance coverage",
        header="Guidance coverage · Keeping safe online",
        organisation=organisation,
        footer=f"Produced {long_date(today)}",
        blocks=tuple(body),
    )


def _stage(stage: StageCoverage) -> list[Block]:
    lessons = stage.lessons
    legend = ListBlock(
        tuple(
            (Paragraph((Strong(text(f"Lesson {n}")), Text(f": {lesson.title} ({lesson.id})"))),)
            for n, lesson in enumerate(lessons, start=1)
        ),
        ordered=False,
    )
    header = (text("Statement (paraphrased)"), *(text(f"L{n}") for n in range(1, len(lessons) + 1)), text("Covered"))
    rows = []
    for row in stage.rows:
        statement = (
            Paragraph((Strong(text(row.document)), Text(f" — {row.statement.section}"))),
            Paragraph(text(row.statement.text), "small"),
        )
        marks = tuple((Paragraph(text(YES if lesson.id in row.covered_by else NO), "tick"),) for lesson in lessons)
        verdict = "yes" if row.covered_by else "NOT COVERED"
        rows.append((statement, *marks, (Paragraph((Strong(text(verdict)),)),)))
    widths = (10, *(1 for _ in lessons), 2)
    areas = tuple(
        (
            (Paragraph(text(area.value.capitalize())),),
            *((Paragraph(text(YES if lesson.id in ids else NO), "tick"),) for lesson in lessons),
            (Paragraph(text("yes" if ids else "NOT COVERED")),),
        )
        for area, ids in stage.risk_areas
    )
    area_header = (text("Area of online risk (KCSIE)"), *header[1:])
    blocks: list[Block] = [
        Heading(1, text(f"{stage.key_stage.label}: {stage.covered} of {len(stage.rows)} statements covered")),
        legend,
    ]
    if not lessons:
        blocks.append(Paragraph(text("No lessons for this key stage yet.")))
    blocks.append(Table(header, tuple(rows), widths, "grid"))
    blocks.append(Table(area_header, areas, widths, "grid"))
    return blocks
