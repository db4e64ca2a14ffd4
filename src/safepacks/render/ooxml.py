"""The few WordprocessingML pieces python-docx has no API for, kept in one place.

Page-number fields, cell shading and borders, repeating header rows, rows that must not
split, hyperlinks, paragraph borders for writing lines, and restarting numbered lists.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:  # noqa: ANN001
    """A field such as PAGE or NUMPAGES; Word and LibreOffice fill in the number."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)


def shade_cell(cell, fill: str) -> None:  # noqa: ANN001
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def set_cell_borders(cell, *, style: str, size: int, color: str, left_size: int | None = None) -> None:  # noqa: ANN001
    """Borders round one cell. `style` is a Word border name: single, dashed, double, dotted."""
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), style if edge != "left" or left_size is None else "single")
        element.set(qn("w:sz"), str(left_size if edge == "left" and left_size else size))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), color)
        borders.append(element)
    properties.append(borders)


def set_cell_margins(cell, twips: int = 120) -> None:  # noqa: ANN001
    properties = cell._tc.get_or_add_tcPr()
    margins = OxmlElement("w:tcMar")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.append(margins)


def repeat_as_header(row) -> None:  # noqa: ANN001
    _row_flag(row, "w:tblHeader")


def keep_row_together(row) -> None:  # noqa: ANN001
    _row_flag(row, "w:cantSplit")


def _row_flag(row, tag: str) -> None:  # noqa: ANN001
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def add_hyperlink(paragraph, url: str, text: str, *, bold: bool = False, italic: bool = False) -> None:  # noqa: ANN001
    part = paragraph.part
    rel_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    for flag, on in (("w:b", bold), ("w:i", italic)):
        if on:
            properties.append(OxmlElement(flag))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def bottom_border(paragraph, color: str = "8A8D93") -> None:  # noqa: ANN001
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), color)
    borders.append(bottom)
    properties.append(borders)


def restart_numbering(document, paragraph) -> None:  # noqa: ANN001
    """Make this numbered-list paragraph start again at 1 (python-docx would carry on)."""
    style_numbering = paragraph.style.element.pPr.numPr
    numbering = document.part.numbering_part.numbering_definitions._numbering
    abstract_id = numbering.num_having_numId(style_numbering.numId.val).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    properties = paragraph._p.get_or_add_pPr()
    num_pr = properties.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num.numId


def right_tab(paragraph, position_twips: int) -> None:  # noqa: ANN001
    properties = paragraph._p.get_or_add_pPr()
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:pos"), str(position_twips))
    tabs.append(tab)
    properties.append(tabs)


def set_style_font(style, name: str) -> None:  # noqa: ANN001
    """Use `name` for every script, dropping the theme fonts that would otherwise win."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def page_background(document, fill: str) -> None:  # noqa: ANN001
    """A coloured page (e.g. cream for dyslexia-friendly print), shown by Word and LibreOffice."""
    background = OxmlElement("w:background")
    background.set(qn("w:color"), fill)
    document.element.insert(0, background)
    settings = document.settings.element
    if settings.find(qn("w:displayBackgroundShape")) is None:
        settings.insert(0, OxmlElement("w:displayBackgroundShape"))


def hex_color(value: str) -> RGBColor:
    return RGBColor.from_string(value.lstrip("#").upper())


__all__ = [
    "WD_ALIGN_PARAGRAPH",
    "add_field",
    "add_hyperlink",
    "bottom_border",
    "hex_color",
    "keep_row_together",
    "repeat_as_header",
    "restart_numbering",
    "page_background",
    "right_tab",
    "set_cell_borders",
    "set_cell_margins",
    "set_style_font",
    "shade_cell",
]
