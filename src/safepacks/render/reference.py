"""The default reference .docx: one of every style the Word renderer uses, for schools to
restyle (as pandoc's reference documents work)."""

from __future__ import annotations

from ..document import Callout, Cover, Document, Heading, ListBlock, Paragraph, Strong, Table, Text, text
from .docx import BOXES, render_docx

BOX_NAMES = {kind: box.name for kind, box in BOXES.items()}


def reference_document() -> bytes:
    sample = Document(
        kind="teacher-pack",
        title="safepacks reference document",
        header="Header style: the running header",
        organisation="School name",
        footer="Footer style: the running footer",
        blocks=(
            Cover("Eyebrow line", "Title style", "", (("Label", "Value"), ("Label", "Value"))),
            Paragraph(text("Normal style. Change Normal to change the body text of every document.")),
            Heading(1, text("Heading 1 style")),
            Heading(2, text("Heading 2 style")),
            Heading(3, text("Heading 3 style")),
            ListBlock(((Paragraph(text("List Bullet style")),), (Paragraph(text("Another bullet")),))),
            ListBlock(((Paragraph(text("List Number style")),), (Paragraph(text("Another item")),)), ordered=True),
            Table(
                (text("Table Grid"), text("header row")), (((Paragraph(text("cell")),), (Paragraph(text("cell")),)),)
            ),
            *(
                Callout(
                    kind, text(f"{name}: a table style"), (Paragraph((Strong(text("Bold")), Text(" and normal."))),)
                )
                for kind, name in BOX_NAMES.items()
            ),
        ),
    )
    return render_docx(sample)
