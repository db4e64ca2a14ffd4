"""The verification page as a Document: for maintainers, never for a classroom."""

from __future__ import annotations

import datetime as dt

from ..document import Block, Cover, Document, Heading, Paragraph, Strong, Table, long_date, text
from ..verification import Item

SECTIONS = (
    ("route", "Reporting routes and helplines"),
    ("guidance", "Guidance documents"),
    ("statement", "Guidance statements"),
    ("fact", "Facts (statistics and law)"),
)


def verification_document(items: list[Item], *, today: dt.date, organisation: str = "") -> Document:
    body: list[Block] = [
        Cover(
            "Verification · for the people who maintain these lessons",
            "What is not yet confirmed",
            "",
            tuple((title, str(sum(i.kind == kind for i in items))) for kind, title in SECTIONS),
        ),
        Paragraph(
            text(
                "Packs never print a caveat. Each entry below could not be confirmed on its publisher's own page, "
                "was read on a copy, or is old: check it, then record what you read in the registry. "
                f"Produced {long_date(today)}."
            ),
            "lead",
        ),
    ]
    for kind, title in SECTIONS:
        rows = tuple(_row(item) for item in items if item.kind == kind)
        body.append(Heading(1, text(title)))
        if not rows:
            body.append(Paragraph(text("Everything here is confirmed.")))
            continue
        header = (text("Entry"), text("Status"), text("What to check"), text("Used by"))
        body.append(Table(header, rows, (4, 2, 5, 3), "grid"))
    return Document(
        kind="verification",
        title="What is not yet confirmed",
        header="Verification · Keeping safe online",
        organisation=organisation,
        footer=f"Produced {long_date(today)}",
        blocks=tuple(body),
    )


def _row(item: Item) -> tuple[tuple[Block, ...], ...]:
    return (
        (Paragraph((Strong(text(item.id)),)), Paragraph(text(item.name), "small")),
        (Paragraph(text(item.status)),),
        (Paragraph(text(item.note), "small"),),
        (Paragraph(text(", ".join(item.used_by) or "no lesson"), "small"),),
    )
