"""Document → DOCX bytes with python-docx, using real Word styles so teachers can restyle it.

Title, Heading 1–3, List Bullet / List Number and Table Grid carry the structure; boxed
notes are one-cell tables with their own border style, so they survive greyscale printing.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm, Pt

from ..document import (
    DRAFT_MARK,
    Block,
    Callout,
    Cover,
    CutOutCards,
    Document,
    Emphasis,
    Heading,
    Image,
    Inlines,
    LineBreak,
    Link,
    ListBlock,
    PageBreak,
    Paragraph,
    Strong,
    Table,
    Text,
    WritingLines,
    plain_text,
)
from . import ooxml
from .images import raster
from .reference_styles import load_reference
from .style import Style

BODY_SIZE = {"teacher-pack": 10.5, "pupil-handout": 12}
ACCENT = "1F4E79"
GREY = "333333"
# Paragraphs that introduce what follows them: Word keeps each on the same page as the next.
KEPT_WITH_NEXT = frozenset({"label", "instructions", "task", "question"})
BOXES = {  # kind → (border style, size in eighths of a point, colour, fill, left border size)
    "objective": ("single", 8, ACCENT, "E8EEF5", 32),
    "safeguarding": ("dashed", 12, "7A2E0E", "F7EFE9", 40),
    "help": ("double", 12, "1E5B3A", "ECF4EF", None),
    "task": ("dotted", 10, "55565A", "FFFFFF", None),
    "card": ("single", 10, "1D1D1F", "FFFFFF", None),
    "answers": ("dashed", 6, ACCENT, "FFFFFF", None),
}
SPLITTABLE_BOXES = {"safeguarding"}


def render_docx(document: Document, style: Style | None = None) -> bytes:
    style = style or Style()
    word = _start(style)
    _page_setup(word, document, keep_margins=style.reference_docx is not None)
    if style.reference_docx is None:
        _styles(word, document, style)
    _variant(word, document, style)
    writer = _Writer(word, document.kind, style)
    for block in document.blocks:
        writer.block(block, word)
    props = word.core_properties
    props.title = _fit(document.title)
    props.subject = _fit(document.subject)
    props.keywords = _fit(", ".join(document.keywords))
    props.author = props.last_modified_by = "safepacks"
    props.language = document.language
    props.created = props.modified = document.created
    props.revision = 1
    buffer = io.BytesIO()
    word.save(buffer)
    return _normalise_zip(buffer.getvalue(), document.created)


def _fit(value: str, limit: int = 255) -> str:
    """Word's core properties hold at most 255 characters: cut at a word, with an ellipsis."""
    if len(value) <= limit:
        return value
    return value[: limit - 1].rsplit(" ", 1)[0] + "…"


def _normalise_zip(data: bytes, created: dt.datetime) -> bytes:
    """python-docx stamps zip entries with the current time; give them the document's."""
    stamp = max(created, dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def _start(style: Style):  # noqa: ANN202
    """A blank document: python-docx's default, given the school's reference document's
    styles, numbering, theme, fonts and page set-up (as pandoc does) and nothing else of it."""
    word = new_docx()
    if style.reference_docx is None:
        return word
    reference = load_reference(style.reference_docx)
    part = word.part
    part._styles_part._element = parse_xml(reference.styles)
    if reference.numbering is not None:
        part.numbering_part._element = parse_xml(reference.numbering)
    for rel in part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        blob = {"theme": reference.theme, "fontTable": reference.fonts}.get(kind)
        if blob is not None:
            rel.target_part._blob = blob
    if reference.section is not None:
        section = parse_xml(reference.section)
        for child in list(section):
            if child.tag in (qn("w:headerReference"), qn("w:footerReference")):
                section.remove(child)  # their parts are not taken: ours are made afresh
        body = word.element.body
        body.remove(body.sectPr)
        body.append(section)
    return word


def _page_setup(word, document: Document, *, keep_margins: bool) -> None:  # noqa: ANN001
    for section in word.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        if not keep_margins:
            section.top_margin = section.bottom_margin = Mm(20)
            section.left_margin = section.right_margin = Mm(17)
            section.header_distance = section.footer_distance = Mm(9)
        header = section.header.paragraphs[0]
        header.text = document.header + (f"\t{document.organisation}" if document.organisation else "")
        header.style = word.styles["Header"]
        if document.draft:
            mark = header.add_run(f"    {DRAFT_MARK}")
            mark.bold = True
        footer = section.footer.paragraphs[0]
        footer.style = word.styles["Footer"]
        footer.add_run(document.footer + "\t")
        ooxml.right_tab(footer, int(Mm(176).twips))
        footer.add_run("Page ")
        ooxml.add_field(footer, "PAGE")
        footer.add_run(" of ")
        ooxml.add_field(footer, "NUMPAGES")


def _styles(word, document: Document, style: Style) -> None:  # noqa: ANN001
    """Our look, when the school has not given a reference document of its own."""
    body_font = style.pupil_font() if document.kind == "pupil-handout" else style.body_font
    normal = word.styles["Normal"]
    ooxml.set_style_font(normal, body_font)
    normal.font.size = Pt(BODY_SIZE.get(document.kind, 10.5))
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 24), ("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11)):
        word_style = word.styles[name]
        ooxml.set_style_font(word_style, style.body_font)
        word_style.font.bold = name != "Title"
        word_style.font.size = Pt(size)
        word_style.font.color.rgb = ooxml.hex_color("1D1D1F" if name == "Title" else style.ink_accent)
    for name in ("Header", "Footer"):
        word.styles[name].font.size = Pt(8.5)
        ooxml.set_style_font(word.styles[name], style.body_font)


def _variant(word, document: Document, style: Style) -> None:  # noqa: ANN001
    """Print variants adjust the styles in place, whichever document the styles came from."""
    styles = word.styles
    if style.variant == "large-print":
        for name, size in (
            ("Normal", 16),
            ("Title", 30),
            ("Heading 1", 21),
            ("Heading 2", 18),
            ("Heading 3", 17),
            ("Header", 12),
            ("Footer", 12),
        ):
            styles[name].font.size = Pt(size)
        styles["Normal"].paragraph_format.line_spacing = 1.5
        styles["Normal"].paragraph_format.space_after = Pt(8)
    elif style.variant == "dyslexia-friendly":
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Header", "Footer"):
            ooxml.set_style_font(styles[name], "OpenDyslexic")
        styles["Normal"].font.size = Pt(12)
        styles["Normal"].paragraph_format.line_spacing = 1.5
        styles["Normal"].paragraph_format.alignment = ooxml.WD_ALIGN_PARAGRAPH.LEFT
        if style.cream:
            ooxml.page_background(word, "FBF5E6")
    elif style.variant == "greyscale":
        for name in ("Heading 1", "Heading 2", "Heading 3"):
            styles[name].font.color.rgb = ooxml.hex_color(GREY)


class _Writer:
    def __init__(self, word, kind: str, style: Style) -> None:  # noqa: ANN001
        self.word = word
        self.kind = kind
        self.style = style
        self.no_italics = style.variant == "dyslexia-friendly"

    # `container` is the document itself or a table cell: both have add_paragraph/add_table.
    def block(self, block: Block, container, *, list_level: int = 0) -> None:  # noqa: ANN001, C901
        if isinstance(block, Cover):
            self._cover(block, container)
        elif isinstance(block, Heading):
            paragraph = container.add_paragraph(style=f"Heading {block.level}")
            self.inlines(paragraph, block.content)
        elif isinstance(block, Paragraph):
            self._paragraph(block, container)
        elif isinstance(block, ListBlock):
            self._list(block, container, list_level)
        elif isinstance(block, Table):
            self._table(block, container)
        elif isinstance(block, Callout):
            self._callout(block, container)
        elif isinstance(block, WritingLines):
            for n in range(block.count):
                line = container.add_paragraph()
                line.paragraph_format.space_before = Pt(14)
                if n < len(block.labels) and block.labels[n]:
                    line.add_run(f"{block.labels[n]}: ").bold = True
                ooxml.bottom_border(line)
        elif isinstance(block, CutOutCards):
            self._cut_out(block, container)
        elif isinstance(block, PageBreak):
            container.add_paragraph().add_run().add_break(_page_break())
        elif isinstance(block, Image):
            self._picture(block, container.add_paragraph())
        else:
            raise TypeError(f"the Word renderer cannot show {type(block).__name__}")

    def _picture(self, image: Image, paragraph) -> None:  # noqa: ANN001
        picture = raster(image.path, greyscale=self.style.variant == "greyscale")
        shape = paragraph.add_run().add_picture(io.BytesIO(picture), width=Mm(image.width_mm))
        shape._inline.docPr.set("descr", image.alt)  # alt text for screen readers
        shape._inline.docPr.set("title", image.alt)

    def inlines(self, paragraph, runs: Inlines, *, bold: bool = False, italic: bool = False) -> None:  # noqa: ANN001
        if italic and self.no_italics:
            bold, italic = True, False
        for run in runs:
            if isinstance(run, Text):
                added = paragraph.add_run(run.text)
                added.bold, added.italic = bold or None, italic or None
            elif isinstance(run, Strong):
                self.inlines(paragraph, run.children, bold=True, italic=italic)
            elif isinstance(run, Emphasis):
                self.inlines(paragraph, run.children, bold=bold, italic=True)
            elif isinstance(run, Link):
                ooxml.add_hyperlink(paragraph, run.href, plain_text(run.children), bold=bold, italic=italic)
            elif isinstance(run, LineBreak):
                paragraph.add_run().add_break()
            else:
                raise TypeError(f"the Word renderer cannot show {type(run).__name__}")

    def _cover(self, cover: Cover, container) -> None:  # noqa: ANN001
        eyebrow = container.add_paragraph()
        run = eyebrow.add_run(cover.eyebrow.upper())
        run.bold, run.font.size = True, Pt(8.5)
        if cover.logo:
            eyebrow.alignment = ooxml.WD_ALIGN_PARAGRAPH.LEFT
            self._picture(cover.logo, container.add_paragraph())
        container.add_paragraph(cover.title, style="Title")
        if cover.subtitle:
            container.add_paragraph(cover.subtitle, style="Subtitle")
        if not cover.facts:
            return
        columns = 3
        rows = (len(cover.facts) + columns - 1) // columns
        table = container.add_table(rows=rows, cols=columns)
        for index, (label, value) in enumerate(cover.facts):
            cell = table.cell(index // columns, index % columns)
            top = cell.paragraphs[0]
            label_run = top.add_run(label.upper())
            label_run.font.size = Pt(7.5)
            value_paragraph = cell.add_paragraph()
            value_run = value_paragraph.add_run(value or " ")
            value_run.bold = True
            if not value:
                ooxml.bottom_border(value_paragraph, "1D1D1F")
        container.add_paragraph()

    def _paragraph(self, block: Paragraph, container) -> None:  # noqa: ANN001
        paragraph = container.add_paragraph()
        style = block.style
        self.inlines(paragraph, block.content, bold=style == "label", italic=style == "instructions")
        if style in KEPT_WITH_NEXT:
            paragraph.paragraph_format.keep_with_next = True
        if style in ("small", "answer"):
            for run in paragraph.runs:
                run.font.size = Pt(8.5 if style == "small" else 9)
        elif style == "lead":
            for run in paragraph.runs:
                run.font.size = Pt(11.5)
        elif style == "tick":
            paragraph.alignment = ooxml.WD_ALIGN_PARAGRAPH.CENTER

    def _list(self, block: ListBlock, container, level: int) -> None:  # noqa: ANN001
        base = "List Number" if block.ordered else "List Bullet"
        if block.style == "options":
            base = None
        style = base if level == 0 or base is None else f"{base} {min(level + 1, 3)}"
        for index, item in enumerate(block.items):
            for position, child in enumerate(item):
                if isinstance(child, Paragraph) and position == 0:
                    paragraph = container.add_paragraph(style=style) if style else container.add_paragraph()
                    if style is None:
                        paragraph.paragraph_format.left_indent = Mm(6)
                    if block.ordered and index == 0:
                        ooxml.restart_numbering(self.word, paragraph)
                    self.inlines(paragraph, child.content)
                    if child.style in KEPT_WITH_NEXT or (block.style == "options" and index < len(block.items) - 1):
                        paragraph.paragraph_format.keep_with_next = True  # a question's options stay together
                elif isinstance(child, ListBlock):
                    self._list(child, container, level + 1)
                else:
                    self.block(child, container)

    def _table(self, block: Table, container) -> None:  # noqa: ANN001
        columns = len(block.header)
        table = container.add_table(rows=1, cols=columns)
        table.style = self.word.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        ooxml.repeat_as_header(header)
        for cell, content in zip(header.cells, block.header, strict=True):
            self.inlines(cell.paragraphs[0], content, bold=True)
            ooxml.shade_cell(cell, "E8EEF5")
        for row_content in block.rows:
            row = table.add_row()
            ooxml.keep_row_together(row)
            for cell, blocks in zip(row.cells, row_content, strict=True):
                self._fill_cell(cell, blocks)
        if block.widths:
            total = sum(block.widths)
            for row in table.rows:
                for cell, width in zip(row.cells, block.widths, strict=True):
                    cell.width = Mm(176 * width / total)
        container.add_paragraph()

    def _callout(self, block: Callout, container) -> None:  # noqa: ANN001
        style, size, color, fill, left = BOXES.get(block.kind, ("single", 8, "55565A", "FFFFFF", None))
        if color == ACCENT:
            color = self.style.ink_accent.lstrip("#").upper()
        if self.style.variant == "greyscale":  # the border style and the title carry the meaning
            color, fill = GREY, ("F2F2F2" if fill != "FFFFFF" else fill)
        table = container.add_table(rows=1, cols=1)
        cell = table.cell(0, 0)
        ooxml.set_cell_borders(cell, style=style, size=size, color=color, left_size=left)
        ooxml.set_cell_margins(cell)
        if fill != "FFFFFF":
            ooxml.shade_cell(cell, fill)
        if block.kind not in SPLITTABLE_BOXES:
            ooxml.keep_row_together(table.rows[0])
        title = cell.paragraphs[0]
        self.inlines(title, block.title, bold=True)
        for run in title.runs:
            run.font.color.rgb = ooxml.hex_color(color)
        for child in block.content:
            self.block(child, cell)
        container.add_paragraph()

    def _cut_out(self, block: CutOutCards, container) -> None:  # noqa: ANN001
        """Cards in a grid of dashed boxes; a row never splits across pages."""
        rows = -(-len(block.cards) // block.columns)
        table = container.add_table(rows=rows, cols=block.columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, card in enumerate(block.cards):
            cell = table.cell(index // block.columns, index % block.columns)
            ooxml.set_cell_borders(cell, style="dashed", size=12, color="333333")
            ooxml.set_cell_margins(cell, 200)
            self._fill_cell(cell, card)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(14)
        for row in table.rows:
            ooxml.keep_row_together(row)
            for cell in row.cells:
                cell.width = Mm(176 / block.columns)
        container.add_paragraph()

    def _fill_cell(self, cell, blocks: tuple[Block, ...]) -> None:  # noqa: ANN001
        first = cell.paragraphs[0]
        for index, child in enumerate(blocks):
            if index == 0 and isinstance(child, Paragraph):
                self.inlines(first, child.content, bold=child.style == "label")
                if child.style == "tick":
                    first.alignment = ooxml.WD_ALIGN_PARAGRAPH.CENTER
                continue
            self.block(child, cell)


def _page_break():  # noqa: ANN202
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE
