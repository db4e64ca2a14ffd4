"""A deck (a Document of Slide blocks) → PPTX bytes with python-pptx.

Slides use the template's layouts ("Title Slide", "Title and Content"), so a school's own
template (`--reference-pptx`) restyles the deck the way a reference document restyles the
Word files. Text is never shrunk to fit: a slide whose text would run past its box at the
minimum size (24 pt, more in large print) continues on another slide, and autofit is off.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ..document import (
    DRAFT_MARK,
    Block,
    Document,
    Emphasis,
    Inlines,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Slide,
    Strong,
    Text,
    plain_text,
)
from . import ooxml
from .images import raster
from .reference_pptx import load_reference_pptx
from .style import Style

WIDE = (Inches(13.333), Inches(7.5))  # 16:9
MINIMUM = {"large-print": 32}  # points; 24 otherwise
INK_HEX = "1D1D1F"
GREY = RGBColor(0x33, 0x33, 0x33)
# An average character of running text, in ems, with a margin: measured on the decks as
# LibreOffice lays them out (Lato about 0.42); a font we do not know gets the widest guess.
CHAR_WIDTH = {"Lato": 0.44, "Andika": 0.5, "DejaVu Sans": 0.55, "OpenDyslexic": 0.62}
UNKNOWN_CHAR_WIDTH = 0.62
SHORT_TEXT = 240  # characters: a slide with no more text than this gives its picture more room
LINE = 1.2  # line height, in ems
PARAGRAPH_SPACE = 9  # points before each paragraph (the template's body style)
INDENT = 27  # points: a bullet's indent, and each level's
INSET = 7.2  # points: the text box's own margin, top and bottom, left and right
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def render_pptx(document: Document, style: Style | None = None) -> bytes:
    style = style or Style()
    deck = Presentation(io.BytesIO(_template(style)))
    writer = _Deck(deck, style, draft=document.draft)
    for block in document.blocks:
        if not isinstance(block, Slide):
            raise TypeError(f"the slides renderer cannot show {type(block).__name__} outside a slide")
        writer.slide(block)
    props = deck.core_properties
    props.title, props.subject = document.title[:255], document.subject[:255]
    props.keywords = ", ".join(document.keywords)[:255]
    props.author = props.last_modified_by = document.organisation or "safepacks"
    props.comments = ""
    props.language = document.language
    props.created = props.modified = document.created
    props.revision = 1
    buffer = io.BytesIO()
    deck.save(buffer)
    return ooxml.normalise_zip(buffer.getvalue(), document.created, drop=("docProps/thumbnail.jpeg",))


@lru_cache(maxsize=4)
def _template(style: Style) -> bytes:
    """The school's template with its slides removed, or our own 16:9 one."""
    if style.reference_pptx is not None:
        return load_reference_pptx(style.reference_pptx)
    return default_template(style)


def default_template(style: Style) -> bytes:
    """python-pptx's template made 16:9 (every layout widened to match), in the school's font
    and colour: also what `safepacks reference-pptx` writes for a school to restyle."""
    deck = Presentation()
    old_width = deck.slide_width
    deck.slide_width, deck.slide_height = WIDE
    scale = deck.slide_width / old_width
    master = deck.slide_master
    for owner in (master, *master.slide_layouts):
        for shape in owner.shapes:
            if shape._element.spPr.find(f"{{{A}}}xfrm") is not None:  # its own place, not the master's
                left, top, width, height = shape.left, shape.top, shape.width, shape.height
                shape.left, shape.top = int(left * scale), top
                shape.width, shape.height = int(width * scale), height
    font = style.body_font
    colour = (style.ink_accent if style.variant != "greyscale" else "#333333").lstrip("#").upper()
    styles = master.element.find(f"{{{_P}}}txStyles")
    for tag, size in (("titleStyle", 40), ("bodyStyle", 28), ("otherStyle", 24)):
        for level in styles.find(f"{{{_P}}}{tag}"):
            defaults = level.find(f"{{{A}}}defRPr")
            if defaults is None:
                continue
            defaults.set("sz", str(max(size - 4 * _level(level), 24) * 100))
            if tag == "titleStyle":
                level.set("algn", "l")  # titles read from the left, like the handout's headings
            else:
                spacing = level.find(f"{{{A}}}spcBef")
                if spacing is not None:
                    level.remove(spacing)
                before = etree.SubElement(level, f"{{{A}}}spcBef")
                etree.SubElement(before, f"{{{A}}}spcPts", val="900")
            for child in list(defaults):
                if child.tag in (f"{{{A}}}latin", f"{{{A}}}solidFill"):
                    defaults.remove(child)
            fill = etree.SubElement(defaults, f"{{{A}}}solidFill")
            etree.SubElement(fill, f"{{{A}}}srgbClr", val=colour if tag == "titleStyle" else "1D1D1F")
            etree.SubElement(defaults, f"{{{A}}}latin", typeface=font)
            ooxml.drawing_in_schema_order(level)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


_P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def _level(element) -> int:  # noqa: ANN001
    name = etree.QName(element).localname  # lvl1pPr … lvl9pPr
    return int(name[3]) - 1 if name.startswith("lvl") else 0


class _Deck:
    def __init__(self, deck, style: Style, *, draft: bool) -> None:  # noqa: ANN001
        self.deck, self.style, self.draft = deck, style, draft
        for slide_id in list(deck.slides._sldIdLst):  # a school template's own slides
            deck.part.drop_rel(slide_id.rId)
            deck.slides._sldIdLst.remove(slide_id)
        layouts = {layout.name: layout for layout in deck.slide_layouts}
        self.title_layout = layouts.get("Title Slide") or deck.slide_layouts[0]
        self.content_layout = layouts.get("Title and Content") or deck.slide_layouts[1]
        self.body = _Box(_body(self.content_layout))  # the layout's text area, read once
        self.size = MINIMUM.get(style.variant, 24)
        self.title_size = self.size + 12
        self.font = style.body_font
        self.accent = GREY if style.variant == "greyscale" else RGBColor.from_string(style.ink_accent.lstrip("#"))

    def slide(self, slide: Slide) -> None:
        if slide.role == "title":
            self._title(slide)
            return
        body = self.body
        paragraphs = _paragraphs(slide.content)
        share = 0  # of the width, for the picture: more of it when there is little to read
        if slide.image:
            share = 0.55 if sum(len(plain_text(runs)) for _, runs, _ in paragraphs) <= SHORT_TEXT else 0.38
        width = body.width * (0.96 - share if share else 1)
        pages = self._pages(paragraphs, width, body.height)
        for number, paragraphs in enumerate(pages, start=1):
            title = slide.title if number == 1 else f"{slide.title} (continued)"
            made = self.deck.slides.add_slide(self.content_layout)
            placeholders = {p.placeholder_format.idx: p for p in made.placeholders}
            self._heading(placeholders[0], title)
            text_area = placeholders[1]  # its whole geometry, or PowerPoint reads the missing part as 0
            text_area.left, text_area.top, text_area.width, text_area.height = (
                body.left,
                body.top,
                int(width),
                body.height,
            )
            self._fill(placeholders[1].text_frame, paragraphs)
            if slide.image and number == 1:
                self._picture(made, slide.image, body, share=share)
            self._notes(made, slide.notes if number == 1 else ())
            self._band(made)
            self._mark(made)

    def _title(self, slide: Slide) -> None:
        made = self.deck.slides.add_slide(self.title_layout)
        self._heading(made.shapes.title, slide.title, size=self.title_size + 8)
        subtitle = next((p for p in made.placeholders if p.placeholder_format.idx == 1), None)
        if subtitle is not None:
            self._fill(subtitle.text_frame, _paragraphs(slide.content))
            for paragraph in subtitle.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.LEFT
        if slide.image:
            top = Inches(0.3)
            self._picture(
                made, slide.image, None, left=self.deck.slide_width - Inches(2.3), top=top, height=Inches(1.6)
            )
        self._notes(made, slide.notes)
        self._band(made)
        self._mark(made)

    def _pages(self, paragraphs: list[tuple[int, Inlines, bool]], width: int, height: int) -> list[list]:
        """Paragraphs spread over as few slides as hold them at the minimum size, and as evenly
        as those slides allow: never a "(continued)" slide with one line on it. A line that
        introduces what follows ("Talk about:") stays with it. Sizes are in points: each
        paragraph's lines at its width (less the bullet's indent) and the space before it."""
        known = self.style.reference_pptx is None  # a school's template brings its own fonts
        em = CHAR_WIDTH.get(self.font, UNKNOWN_CHAR_WIDTH) if known else UNKNOWN_CHAR_WIDTH
        capacity = int(Emu(height).pt - 2 * INSET)
        units: list[tuple[list, int, bool]] = []
        for paragraph in paragraphs:
            level, runs, bulleted = paragraph
            indent = (INDENT if bulleted else 0) + INDENT * level
            per_line = max(int((Emu(width).pt - 2 * INSET - indent) / (self.size * em)), 10)
            words = plain_text(runs)
            lines = sum(max(1, math.ceil(len(part) / per_line)) for part in words.split("\n"))
            points = math.ceil(lines * self.size * LINE + PARAGRAPH_SPACE)
            if units and units[-1][2] and units[-1][1] + points <= capacity:
                units[-1] = (units[-1][0] + [paragraph], units[-1][1] + points, words.rstrip().endswith(":"))
            else:
                units.append(([paragraph], points, words.rstrip().endswith(":")))
        count = len(_pack(units, capacity))
        low, high = max((points for _, points, _ in units), default=1), capacity
        while low < high:  # the smallest load per slide that still needs no more slides
            middle = (low + high) // 2
            low, high = (low, middle) if len(_pack(units, middle)) <= count else (middle + 1, high)
        return _pack(units, max(low, 1)) if units else [[]]

    def _heading(self, shape, title: str, size: int | None = None) -> None:  # noqa: ANN001
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.text = ""
        self._run(frame.paragraphs[0], title, size or self.title_size, bold=True, colour=str(self.accent))

    def _fill(self, frame, paragraphs: list[tuple[int, Inlines, bool]]) -> None:  # noqa: ANN001
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        _no_autofit(frame)
        frame.text = ""
        for index, (level, runs, bulleted) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.level = level
            if not bulleted:
                _no_bullet(paragraph)
            self._runs(paragraph, runs)

    def _runs(self, paragraph, runs: Inlines, *, bold: bool = False, italic: bool = False) -> None:  # noqa: ANN001
        for run in runs:
            if isinstance(run, Text):
                self._run(paragraph, run.text, self.size, bold=bold, italic=italic)
            elif isinstance(run, Strong):
                self._runs(paragraph, run.children, bold=True, italic=italic)
            elif isinstance(run, Emphasis):
                self._runs(paragraph, run.children, bold=bold, italic=self.style.variant != "dyslexia-friendly")
            elif isinstance(run, Link):  # nobody clicks the board: shown as text, in the text's colour
                self._runs(paragraph, run.children, bold=bold, italic=italic)
            elif isinstance(run, LineBreak):
                paragraph.add_line_break()
            else:
                raise TypeError(f"the slides renderer cannot show {type(run).__name__}")

    def _run(self, paragraph, text: str, size: int, *, bold: bool = False, italic: bool = False, colour=None) -> None:  # noqa: ANN001
        """One run, its look written straight into the XML: python-pptx's font properties cost
        more than the rest of the deck together. Never smaller than the minimum size; the
        school's template (if any) keeps its own fonts and colours."""
        r = etree.SubElement(paragraph._p, f"{{{A}}}r")
        properties = etree.SubElement(r, f"{{{A}}}rPr", lang="en-GB", sz=str(max(size, self.size) * 100))
        if bold:
            properties.set("b", "1")
        if italic:
            properties.set("i", "1")
        if self.style.reference_pptx is None or colour is not None:
            fill = etree.SubElement(properties, f"{{{A}}}solidFill")
            etree.SubElement(fill, f"{{{A}}}srgbClr", val=colour or INK_HEX)
        if self.style.reference_pptx is None:
            etree.SubElement(properties, f"{{{A}}}latin", typeface=self.font)
        etree.SubElement(r, f"{{{A}}}t").text = text
        end = paragraph._p.find(f"{{{A}}}endParaRPr")
        if end is not None:  # runs come before the paragraph's end mark
            end.addprevious(r)

    def _picture(self, made, image, body, *, share=0.38, left=None, top=None, height=None) -> None:  # noqa: ANN001
        png = raster(image.path, greyscale=self.style.variant == "greyscale")
        if body is not None:
            left = body.left + int(body.width * (1 - share))
            top = body.top
            width = int(body.width * share)
            picture = made.shapes.add_picture(io.BytesIO(png), left, top, width=width)
            if picture.height > body.height:  # a tall picture: fit the height instead
                ratio = body.height / picture.height
                picture.height, picture.width = body.height, int(picture.width * ratio)
        else:
            picture = made.shapes.add_picture(io.BytesIO(png), left, top, height=height)
        picture._element.nvPicPr.cNvPr.set("descr", image.alt)  # alt text for screen readers

    def _notes(self, made, notes: tuple[Block, ...]) -> None:  # noqa: ANN001
        text = "\n\n".join(_plain(block) for block in notes)
        if text:
            made.notes_slide.notes_text_frame.text = text

    def _band(self, made) -> None:  # noqa: ANN001
        """Our deck's accent band across the top; a school's template has its own design."""
        if self.style.reference_pptx is not None:
            return
        band = made.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, self.deck.slide_width, Inches(0.22))
        band.fill.solid()
        band.fill.fore_color.rgb = self.accent
        band.line.fill.background()
        band.name = "Accent band"

    def _mark(self, made) -> None:  # noqa: ANN001
        if not self.draft:
            return
        height = Pt(self.size * 1.6)
        box = made.shapes.add_textbox(Inches(0.4), self.deck.slide_height - height - Inches(0.1), Inches(8), height)
        self._run(box.text_frame.paragraphs[0], DRAFT_MARK, self.size, bold=True)


class _Box:
    """A placeholder's place and size, copied out (python-pptx looks them up every time)."""

    def __init__(self, shape) -> None:  # noqa: ANN001
        self.left, self.top, self.width, self.height = shape.left, shape.top, shape.width, shape.height


def _pack(units: list[tuple[list, int, bool]], load: int) -> list[list]:
    """Units (paragraphs, lines, glued) onto slides in order, at most `load` lines a slide
    (a unit longer than that has a slide to itself)."""
    pages: list[list] = []
    used = load + 1
    for paragraphs, lines, _ in units:
        if used + lines > load:
            pages.append([])
            used = 0
        pages[-1].extend(paragraphs)
        used += lines
    return pages


def _body(owner):  # noqa: ANN001, ANN202
    """The content placeholder (idx 1) of a layout or slide."""
    return next(p for p in owner.placeholders if p.placeholder_format.idx == 1)


def _paragraphs(blocks: tuple[Block, ...], level: int = 0) -> list[tuple[int, Inlines, bool]]:
    """(level, runs, bulleted) for every paragraph the blocks hold, lists numbered in text."""
    out: list[tuple[int, Inlines, bool]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append((level, block.content, False))
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, start=1):
                for position, child in enumerate(item):
                    if isinstance(child, Paragraph) and position == 0:
                        runs = (Text(f"{number}.  "), *child.content) if block.ordered else child.content
                        out.append((level, runs, not block.ordered))
                    else:
                        out.extend(_paragraphs((child,), min(level + 1, 4)))
        else:
            raise TypeError(f"the slides renderer cannot show {type(block).__name__} on a slide")
    return out


def _plain(block: Block) -> str:
    if isinstance(block, Paragraph):
        return plain_text(block.content)
    if isinstance(block, ListBlock):
        return "\n".join("• " + " ".join(_plain(child) for child in item) for item in block.items)
    raise TypeError(f"the slides renderer cannot put {type(block).__name__} in the notes")


def _no_bullet(paragraph) -> None:  # noqa: ANN001
    properties = paragraph._p.get_or_add_pPr()
    for old in properties.findall(f"{{{A}}}buNone"):
        properties.remove(old)
    properties.insert(0, etree.Element(f"{{{A}}}buNone"))
    properties.set("marL", "0")
    properties.set("indent", "0")


def _no_autofit(frame) -> None:  # noqa: ANN001
    body = frame._txBody.bodyPr
    for child in list(body):
        if etree.QName(child).localname in ("normAutofit", "spAutoFit", "noAutofit"):
            body.remove(child)
    etree.SubElement(body, f"{{{A}}}noAutofit")
