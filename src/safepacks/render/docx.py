"""Document → DOCX bytes with python-docx, using real Word styles so teachers can restyle it.

Title, Heading 1–6, List Bullet / List Number and Table Grid carry the structure. Boxed
notes are one-cell tables in named table styles ("Safeguarding box", "Help box", …), each
with its own border style so it survives greyscale printing; a school's reference document
restyles them by defining styles of the same names. Box titles are headings one level
below their section, as in the PDF, so Word's navigation pane lists them.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING
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
    title_levels,
)
from . import ooxml
from .docx_package import finish
from .images import raster
from .reference_styles import load_reference
from .style import Style

BODY_SIZE = {"teacher-pack": 10.5, "pupil-handout": 12}
LINE_HEIGHT = {"pupil-handout": 1.45}  # × the text size, as the CSS; 1.42 otherwise
LARGE_PRINT_MINIMUM = 16  # points: the large-print variant has no text smaller
ACCENT = "1F4E79"
GREY = "333333"
# Paragraphs that introduce what follows them: Word keeps each on the same page as the next.
KEPT_WITH_NEXT = frozenset({"label", "instructions", "task", "question"})
SMALL = {"small": 8.5, "answer": 9, "lead": 11.5, "route-advice": 9.5}  # paragraph style → points
PUPIL_SMALL = {**SMALL, "route-advice": 10.5}
TABLE_SIZE = {"pupil-handout": 11}  # points; 9.5 otherwise
HEADING_SPACE = {1: (16, 5), 2: (10, 4), 3: (8, 3)}  # level → points before and after, as the CSS


class Box:
    """A boxed note's look: a Word table style, and the size of its title."""

    def __init__(self, name: str, border: str, size: int, colour: str, fill: str | None, left: int | None) -> None:
        self.name, self.border, self.size, self.colour, self.fill, self.left = name, border, size, colour, fill, left


BOXES = {  # kind → look; border sizes in eighths of a point; colour None means the school's accent
    "objective": Box("Objective box", "single", 8, ACCENT, "E8EEF5", 32),
    "safeguarding": Box("Safeguarding box", "dashed", 12, "7A2E0E", "F7EFE9", 40),
    "help": Box("Help box", "double", 12, "1E5B3A", "ECF4EF", None),
    "task": Box("Task box", "dotted", 10, "55565A", None, None),
    "card": Box("Card box", "single", 10, "1D1D1F", None, None),
    "answers": Box("Answer box", "dashed", 6, ACCENT, None, None),
}
OTHER_BOX = Box("Note box", "single", 8, "55565A", None, None)
TITLE_SIZE = {"help": 12, "answers": 9}  # a box's title, in points (10.5 otherwise)
KEEP_WHOLE_UP_TO = 18  # printed lines: a box this short never splits across pages
CHARACTERS_PER_LINE = 95  # of body text across a box, to estimate its printed lines
CELL_MARGIN = 120  # twips inside a box
CARD_MARGIN = 200  # twips inside a cut-out card


def render_docx(document: Document, style: Style | None = None) -> bytes:
    style = style or Style()
    word = _start(style)
    _page_setup(word, document, keep_margins=style.reference_docx is not None)
    if style.reference_docx is None:
        _styles(word, document, style)
    _box_styles(word, style)
    _variant(word, document, style)
    writer = _Writer(word, document, style)
    for block in document.blocks:
        writer.block(block, word)
    finish(
        word,
        title=_fit(document.title),
        subject=_fit(document.subject),
        keywords=_fit(", ".join(document.keywords)),
        author=document.organisation or "safepacks",
        language=document.language,
        created=document.created,
    )
    if style.variant == "greyscale":
        for part in (word.element, word.styles.element, *_headers_and_footers(word)):
            ooxml.greyscale(part)
    buffer = io.BytesIO()
    word.save(buffer)
    return ooxml.normalise_zip(buffer.getvalue(), document.created)


def _fit(value: str, limit: int = 255) -> str:
    """Word's core properties hold at most 255 characters: cut at a word, with an ellipsis."""
    if len(value) <= limit:
        return value
    return value[: limit - 1].rsplit(" ", 1)[0] + "…"


def _headers_and_footers(word) -> list:  # noqa: ANN001
    return [part for s in word.sections for part in (s.header._element, s.footer._element)]


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


def named_style(word, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH):  # noqa: ANN001, ANN201
    """A style by its built-in identity, not only its display name: Word calls it
    "heading 1" inside the file, LibreOffice "Heading 1"; both give it the id Heading1.
    A style the document lacks is made, based on Normal, so no reference document can
    stop a build."""
    wanted_id, wanted_name = name.replace(" ", "").lower(), name.lower()
    candidates = [style for style in word.styles if style.type == kind]
    for same in (
        lambda style: style.name == name,
        lambda style: (style.name or "").lower() == wanted_name,
        lambda style: (style.style_id or "").lower() == wanted_id,
    ):
        for style in candidates:
            if same(style):
                return style
    made = word.styles.add_style(name, kind)
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        made.base_style = word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        if name.startswith("Heading "):
            made.font.bold = True
            made.paragraph_format.keep_with_next = True
            ooxml.outline_level(made, int(name.rsplit(" ", 1)[1]) - 1)
    return made


def _text_width(word) -> int:
    """The width between the margins, in twips."""
    section = word.sections[0]
    return int((section.page_width - section.left_margin - section.right_margin) / 635)


def _page_setup(word, document: Document, *, keep_margins: bool) -> None:  # noqa: ANN001
    for section in word.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        if not keep_margins:
            section.top_margin = section.bottom_margin = Mm(20)
            section.left_margin = section.right_margin = Mm(17)
            section.header_distance = section.footer_distance = Mm(9)
        width = _text_width(word)
        header = section.header.paragraphs[0]
        header.style = named_style(word, "Header")
        header.add_run(document.header)
        if document.organisation:
            header.add_run(f"\t{document.organisation}")
        if document.draft:
            header.add_run(f"    {DRAFT_MARK}").bold = True
        ooxml.only_right_tab(header, width)  # the style's centre tab would put the school mid-page
        footer = section.footer.paragraphs[0]
        footer.style = named_style(word, "Footer")
        footer.add_run(document.footer + "\t")
        ooxml.only_right_tab(footer, width)
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
    _line_height(normal.paragraph_format, BODY_SIZE.get(document.kind, 10.5) * LINE_HEIGHT.get(document.kind, 1.42))
    accent = style.ink_accent.lstrip("#").upper()
    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2"):
        word.styles[name].paragraph_format.space_after = Pt(2)  # li { margin-bottom: 2pt }
    for level, (before, after) in HEADING_SPACE.items():
        spacing = word.styles[f"Heading {level}"].paragraph_format
        spacing.space_before, spacing.space_after = Pt(before), Pt(after)
    for name, size in (("Title", 24), ("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11)):
        word_style = word.styles[name]
        ooxml.set_style_font(word_style, style.body_font)
        word_style.font.bold = name != "Title"
        word_style.font.size = Pt(size)
        word_style.font.color.rgb = ooxml.hex_color("1D1D1F" if name == "Title" else accent)
    for level in range(4, 7):  # box titles can sit this deep; their size is set where they are used
        word_style = word.styles[f"Heading {level}"]
        ooxml.set_style_font(word_style, style.body_font)
        word_style.font.italic = False
        word_style.font.color.rgb = ooxml.hex_color(accent)
    ooxml.style_rule(word.styles["Title"], accent)  # the cover's rule, in the school's colour
    for name in ("Header", "Footer"):
        word.styles[name].font.size = Pt(8.5)
        ooxml.set_style_font(word.styles[name], style.body_font)


def _line_height(paragraph_format, points: float) -> None:  # noqa: ANN001
    """At least `points` from baseline to baseline, as the PDF's line-height: Word's "multiple"
    spacing depends on each font's own line gap, which for Andika is far larger."""
    paragraph_format.line_spacing = Pt(points)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST


def _box_styles(word, style: Style) -> None:  # noqa: ANN001
    """One table style per kind of box, unless the reference document has its own."""
    names = {s.name for s in word.styles}
    for box in (*BOXES.values(), OTHER_BOX):
        if box.name in names:
            continue
        colour = style.ink_accent.lstrip("#").upper() if box.colour == ACCENT else box.colour
        table_style = word.styles.add_style(box.name, WD_STYLE_TYPE.TABLE)
        ooxml.box_style(
            table_style,
            border=box.border,
            size=box.size,
            colour=colour,
            fill=box.fill,
            left=box.left,
            margin=CELL_MARGIN,
        )


def _variant(word, document: Document, style: Style) -> None:  # noqa: ANN001, ARG001
    """Print variants adjust the styles in place, whichever document the styles came from."""
    styles = word.styles
    if style.variant == "large-print":
        for name, size in (("Title", 30), ("Heading 1", 21), ("Heading 2", 18), ("Heading 3", 17)):
            named_style(word, name).font.size = Pt(size)
        ooxml.at_least(styles.element, LARGE_PRINT_MINIMUM)  # every style, and the defaults
        styles["Normal"].paragraph_format.line_spacing = 1.5
        styles["Normal"].paragraph_format.space_after = Pt(8)
    elif style.variant == "dyslexia-friendly":
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Header", "Footer"):
            ooxml.set_style_font(named_style(word, name), "OpenDyslexic")
        styles["Normal"].font.size = Pt(12)
        styles["Normal"].paragraph_format.line_spacing = 1.5
        styles["Normal"].paragraph_format.alignment = ooxml.WD_ALIGN_PARAGRAPH.LEFT
        if style.cream:
            ooxml.page_background(word, "FBF5E6")


class _Writer:
    def __init__(self, word, document: Document, style: Style) -> None:  # noqa: ANN001
        self.word = word
        self.kind = document.kind
        self.style = style
        self.no_italics = style.variant == "dyslexia-friendly"
        self.levels = title_levels(document.blocks)
        self.width = _text_width(word)  # twips available where the next block goes

    def pt(self, size: float) -> Pt:
        """A fixed text size, never under the large-print minimum in that variant."""
        return Pt(max(size, LARGE_PRINT_MINIMUM) if self.style.variant == "large-print" else size)

    # `container` is the document itself or a table cell: both have add_paragraph/add_table.
    def block(self, block: Block, container, *, list_level: int = 0) -> None:  # noqa: ANN001, C901
        if isinstance(block, Cover):
            self._cover(block, container)
        elif isinstance(block, Heading):
            paragraph = container.add_paragraph(style=named_style(self.word, f"Heading {block.level}"))
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
            self._writing_lines(block, container)
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
        width = min(Mm(image.width_mm), self.width * 635)
        shape = paragraph.add_run().add_picture(io.BytesIO(picture), width=width)
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
        run.bold, run.font.size = True, self.pt(8.5)
        if cover.logo:
            eyebrow.alignment = ooxml.WD_ALIGN_PARAGRAPH.LEFT
            self._picture(cover.logo, container.add_paragraph())
        container.add_paragraph(cover.title, style=named_style(self.word, "Title"))
        if cover.subtitle:
            container.add_paragraph(cover.subtitle, style=named_style(self.word, "Subtitle"))
        if not cover.facts:
            return
        columns = 3
        rows = (len(cover.facts) + columns - 1) // columns
        table = container.add_table(rows=rows, cols=columns)
        ooxml.set_widths(table, [self.width // columns] * columns)
        for index, (label, value) in enumerate(cover.facts):
            cell = table.cell(index // columns, index % columns)
            top = cell.paragraphs[0]
            label_run = top.add_run(label.upper())
            label_run.font.size = self.pt(7.5)
            value_paragraph = cell.add_paragraph()
            value_run = value_paragraph.add_run(value or " ")
            value_run.bold = True
            if not value:
                ooxml.bottom_border(value_paragraph, "1D1D1F")
        container.add_paragraph()

    def _paragraph(self, block: Paragraph, container, paragraph=None) -> None:  # noqa: ANN001
        """`block` into a new paragraph of `container`, or into `paragraph` (a cell's first)."""
        paragraph = paragraph if paragraph is not None else container.add_paragraph()
        style = block.style
        self.inlines(paragraph, block.content, bold=style == "label", italic=style == "instructions")
        if style in KEPT_WITH_NEXT:
            paragraph.paragraph_format.keep_with_next = True
        sizes = PUPIL_SMALL if self.kind == "pupil-handout" else SMALL
        if style in sizes:
            for run in paragraph.runs:
                run.font.size = self.pt(sizes[style])
            if self.style.variant != "large-print":
                _line_height(paragraph.paragraph_format, sizes[style] * 1.3)
        elif style == "tick":
            paragraph.alignment = ooxml.WD_ALIGN_PARAGRAPH.CENTER

    def _list(self, block: ListBlock, container, level: int) -> None:  # noqa: ANN001
        base = "List Number" if block.ordered else "List Bullet"
        if block.style == "options":
            base = None
        name = base if level == 0 or base is None else f"{base} {min(level + 1, 3)}"
        style = named_style(self.word, name) if name else None
        for index, item in enumerate(block.items):
            for position, child in enumerate(item):
                if isinstance(child, Paragraph) and position == 0:
                    paragraph = container.add_paragraph(style=style) if style else container.add_paragraph()
                    if style is None:
                        paragraph.paragraph_format.left_indent = Mm(6)
                        paragraph.paragraph_format.space_after = Pt(1)
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
        table.style = named_style(self.word, "Table Grid", WD_STYLE_TYPE.TABLE)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = block.widths or (1,) * columns
        ooxml.set_widths(table, [self.width * w // sum(widths) for w in widths])
        header = table.rows[0]
        ooxml.repeat_as_header(header)
        for cell, content in zip(header.cells, block.header, strict=True):
            self.inlines(cell.paragraphs[0], content, bold=True)
            ooxml.shade_cell(cell, "E8EEF5")
        for row_content in block.rows:
            row = table.add_row()
            ooxml.keep_row_together(row)
            for index, (cell, blocks) in enumerate(zip(row.cells, row_content, strict=True)):
                with self._within(self.width * widths[index] // sum(widths) - 2 * 108):
                    self._fill_cell(cell, blocks)
        ooxml.set_widths(table, [self.width * w // sum(widths) for w in widths])  # the new rows too
        size = self.pt(TABLE_SIZE.get(self.kind, 9.5))
        for cell in (c for row in table.rows for c in row.cells):
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(2)
                if self.style.variant != "large-print":
                    _line_height(paragraph.paragraph_format, size.pt * 1.3)
                for run in paragraph.runs:
                    run.font.size = size
        self._spacer(container)

    def _callout(self, block: Callout, container) -> None:  # noqa: ANN001
        box = BOXES.get(block.kind, OTHER_BOX)
        colour = self.style.ink_accent.lstrip("#").upper() if box.colour == ACCENT else box.colour
        whole = _size(block.content) <= KEEP_WHOLE_UP_TO
        # A short box is one row that never splits. A long one has a row per block, so it
        # can break between them: one giant row makes LibreOffice push it, and the heading
        # kept with it, to a page of its own.
        table = container.add_table(rows=1 if whole else 1 + len(block.content), cols=1)
        table.style = named_style(self.word, box.name, WD_STYLE_TYPE.TABLE)
        ooxml.set_widths(table, [self.width])
        cell = table.cell(0, 0)
        if whole:
            ooxml.keep_row_together(table.rows[0])
        title = cell.paragraphs[0]
        title.style = named_style(self.word, f"Heading {self.levels[id(block)] - 1}")
        title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(0), Pt(3)
        self.inlines(title, block.title, bold=True)
        for run in title.runs:
            run.font.color.rgb = ooxml.hex_color(colour)
            run.font.size = self.pt(TITLE_SIZE.get(block.kind, 10.5))
        with self._within(self.width - 2 * CELL_MARGIN - 120):
            for index, child in enumerate(block.content):
                if whole:
                    self.block(child, cell)
                else:
                    self._fill_cell(table.cell(index + 1, 0), (child,))
        if not whole:
            title.paragraph_format.keep_with_next = True
        self._spacer(container)

    def _writing_lines(self, block: WritingLines, container) -> None:  # noqa: ANN001
        """Ruled lines as rows of a borderless table, each with only a bottom rule and a fixed
        height: separate bordered paragraphs would merge into one box in Word."""
        table = container.add_table(rows=block.count, cols=1)
        ooxml.set_widths(table, [self.width])
        height = Pt(30 if self.style.variant == "large-print" else 22)
        for n, row in enumerate(table.rows):
            ooxml.row_height(row, int(height.twips))
            ooxml.keep_row_together(row)
            cell = row.cells[0]
            ooxml.set_cell_borders(cell, style="none", size=0, color="auto", bottom=("single", 7, "5A5D63"))
            ooxml.align_bottom(cell)
            if n < len(block.labels) and block.labels[n]:
                cell.paragraphs[0].add_run(f"{block.labels[n]}: ").bold = True
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            if n < block.count - 1:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        self._spacer(container)

    def _cut_out(self, block: CutOutCards, container) -> None:  # noqa: ANN001
        """Cards in a grid of dashed boxes; a row never splits across pages."""
        rows = -(-len(block.cards) // block.columns)
        table = container.add_table(rows=rows, cols=block.columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        column = self.width // block.columns
        for index, card in enumerate(block.cards):
            cell = table.cell(index // block.columns, index % block.columns)
            ooxml.set_cell_borders(cell, style="dashed", size=12, color="333333")
            ooxml.set_cell_margins(cell, CARD_MARGIN)
            with self._within(column - 2 * CARD_MARGIN):
                self._fill_cell(cell, card)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = self.pt(13)
        for row in table.rows:
            ooxml.keep_row_together(row)
        ooxml.set_widths(table, [column] * block.columns)
        self._spacer(container)

    def _fill_cell(self, cell, blocks: tuple[Block, ...]) -> None:  # noqa: ANN001
        """A new cell holds one empty paragraph: the first paragraph goes in it; if the cell
        starts with something else, the empty one is removed, or it prints as a gap."""
        empty = cell.paragraphs[0]
        for index, child in enumerate(blocks):
            if index == 0 and isinstance(child, Paragraph):
                self._paragraph(child, cell, empty)
                empty = None
            else:
                self.block(child, cell)
        if empty is not None and empty._p is not cell._tc[-1]:  # a cell must end with a paragraph
            cell._tc.remove(empty._p)

    def _spacer(self, container) -> None:  # noqa: ANN001
        """The gap after a table or box (Word needs a paragraph between two tables, or it
        joins them): small, like the PDF's margin, not a whole empty line."""
        gap = container.add_paragraph()
        gap.paragraph_format.space_after = Pt(0)
        gap.paragraph_format.line_spacing = Pt(8)

    def _within(self, width: int) -> _Width:
        return _Width(self, width)


class _Width:
    """Narrow the writer's available width while it fills a cell, then put it back."""

    def __init__(self, writer: _Writer, width: int) -> None:
        self.writer, self.width = writer, max(width, 720)

    def __enter__(self) -> None:
        self.outer, self.writer.width = self.writer.width, self.width

    def __exit__(self, *_: object) -> None:
        self.writer.width = self.outer


def _size(blocks: tuple[Block, ...]) -> int:
    """About how many printed lines `blocks` make, to tell a short box from a long one: a box
    kept whole that is longer than about a third of a page leaves a gap where it would start."""
    total = 0
    for block in blocks:
        if isinstance(block, ListBlock):
            total += sum(_size(item) for item in block.items)
        elif isinstance(block, Table):
            total += 2 * (len(block.rows) + 1)
        elif isinstance(block, Callout):
            total += 2 + _size(block.content)
        elif isinstance(block, Paragraph | Heading):
            total += 1 + len(plain_text(block.content)) // CHARACTERS_PER_LINE
        elif isinstance(block, Image):
            total += max(1, round(block.width_mm) // 5)
        else:
            total += 1
    return total


def _page_break():  # noqa: ANN202
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE
