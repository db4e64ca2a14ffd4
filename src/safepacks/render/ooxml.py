"""The few WordprocessingML pieces python-docx has no API for, kept in one place.

Page-number fields, cell shading and borders, repeating header rows, rows that must not
split, hyperlinks, paragraph borders for writing lines, and restarting numbered lists.
"""

from __future__ import annotations

from itertools import pairwise

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


def set_cell_borders(  # noqa: ANN001
    cell, *, style: str, size: int, color: str, left_size: int | None = None, bottom: tuple[str, int, str] | None = None
) -> None:
    """Borders round one cell. `style` is a Word border name: single, dashed, double, dotted,
    none; `bottom` (style, size, colour) gives the bottom edge a border of its own."""
    properties = cell._tc.get_or_add_tcPr()
    properties.append(_borders("w:tcBorders", style=style, size=size, color=color, left_size=left_size, bottom=bottom))


def _borders(tag: str, *, style: str, size: int, color: str, left_size=None, bottom=None):  # noqa: ANN001, ANN202
    borders = OxmlElement(tag)
    for edge in ("top", "left", "bottom", "right"):
        edge_style, edge_size, edge_color = style, size, color
        if edge == "left" and left_size:
            edge_style, edge_size = "single", left_size
        if edge == "bottom" and bottom:
            edge_style, edge_size, edge_color = bottom
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), edge_style)
        element.set(qn("w:sz"), str(edge_size))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), edge_color)
        borders.append(element)
    return borders


def box_style(
    table_style, *, border: str, size: int, colour: str, fill: str | None, left: int | None, margin: int
) -> None:  # noqa: ANN001
    """Give a table style a boxed note's look: its borders, cell margins and tint."""
    element = table_style.element
    table_properties = OxmlElement("w:tblPr")
    table_properties.append(_borders("w:tblBorders", style=border, size=size, color=colour, left_size=left))
    margins = OxmlElement("w:tblCellMar")
    for edge in ("top", "left", "bottom", "right"):
        side = OxmlElement(f"w:{edge}")
        side.set(qn("w:w"), str(margin))
        side.set(qn("w:type"), "dxa")
        margins.append(side)
    table_properties.append(margins)
    element.append(table_properties)
    if fill:
        cell_properties = OxmlElement("w:tcPr")
        shading = OxmlElement("w:shd")
        for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
            shading.set(qn(name), value)
        cell_properties.append(shading)
        element.append(cell_properties)


def set_widths(table, widths: list[int]) -> None:  # noqa: ANN001
    """Fixed column widths, in twips, written where Word and LibreOffice each look: the grid,
    the table's width and layout, and every cell."""
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:w"), str(sum(widths)))
    width.set(qn("w:type"), "dxa")
    layout = properties.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        properties.append(layout)
    layout.set(qn("w:type"), "fixed")
    for column, value in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(value))
    for row in table.rows:
        for cell, value in zip(row.cells, widths, strict=True):
            cell.width = value * 635  # EMU


def row_height(row, twips: int) -> None:  # noqa: ANN001
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(twips))
    height.set(qn("w:hRule"), "exact")
    row._tr.get_or_add_trPr().append(height)


def align_bottom(cell) -> None:  # noqa: ANN001
    align = OxmlElement("w:vAlign")
    align.set(qn("w:val"), "bottom")
    cell._tc.get_or_add_tcPr().append(align)


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


def only_right_tab(paragraph, position_twips: int) -> None:  # noqa: ANN001
    """One right-aligned tab stop at `position_twips`, clearing the tab stops its style sets
    (Word's Header style centres at 4680 and right-aligns at 9360: US Letter)."""
    properties = paragraph._p.get_or_add_pPr()
    tabs = OxmlElement("w:tabs")
    style_tabs = paragraph.style.element.find(qn("w:pPr"))
    inherited = style_tabs.find(qn("w:tabs")) if style_tabs is not None else None
    for old in inherited if inherited is not None else ():
        clear = OxmlElement("w:tab")
        clear.set(qn("w:val"), "clear")
        clear.set(qn("w:pos"), old.get(qn("w:pos")))
        tabs.append(clear)
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:pos"), str(position_twips))
    tabs.append(tab)
    properties.append(tabs)


def outline_level(style, level: int) -> None:  # noqa: ANN001
    """Make a paragraph style a heading level for Word's navigation pane (0 is Heading 1)."""
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    style.element.get_or_add_pPr().append(element)


def style_rule(style, colour: str) -> None:  # noqa: ANN001
    """The colour of a paragraph style's border (the Title's rule), without the theme colour
    that would otherwise override it."""
    properties = style.element.pPr
    borders = properties.find(qn("w:pBdr")) if properties is not None else None
    for edge in borders if borders is not None else ():
        edge.set(qn("w:color"), colour)
        for attribute in THEME_ATTRIBUTES:
            edge.attrib.pop(qn(attribute), None)


def at_least(styles, points: float) -> None:  # noqa: ANN001
    """Raise every text size in the styles part (the defaults and every style) to `points`."""
    minimum = round(points * 2)
    for tag in ("w:sz", "w:szCs"):
        for size in styles.iter(qn(tag)):
            if int(size.get(qn("w:val"), minimum)) < minimum:
                size.set(qn("w:val"), str(minimum))
    defaults = styles.find(qn("w:docDefaults"))
    run = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if run is not None and run.find(qn("w:sz")) is None:
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), str(minimum))
        run.append(size)


THEME_ATTRIBUTES = (
    "w:themeColor",
    "w:themeTint",
    "w:themeShade",
    "w:themeFill",
    "w:themeFillTint",
    "w:themeFillShade",
)


def greyscale(root) -> None:  # noqa: ANN001
    """Every colour under `root` as the grey of the same lightness, theme colours included
    (they are dropped, so the grey is what shows)."""
    for element in root.iter():
        for attribute in ("w:color", "w:fill", "w:val"):
            key = qn(attribute)
            value = element.get(key)
            if value is None or (attribute == "w:val" and element.tag != qn("w:color")):
                continue
            if len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
                element.set(key, _grey(value))
        for attribute in THEME_ATTRIBUTES:
            element.attrib.pop(qn(attribute), None)


def _grey(value: str) -> str:
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    level = round(0.2126 * red + 0.7152 * green + 0.0722 * blue)
    return f"{level:02X}" * 3


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


# The order WordprocessingML's schema (ECMA-376 part 1) requires for the children of the
# property elements we write into. Word refuses or repairs a file whose order is wrong;
# LibreOffice forgives it, so nothing else would notice.
SCHEMA_ORDER = {
    "w:pPr": (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
        "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
        "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
        "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ),
    "w:rPr": (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
        "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
        "vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
    ),
    "w:tcPr": (
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
        "hideMark headers cellIns cellDel cellMerge tcPrChange"
    ),
    "w:tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
        "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange"
    ),
    "w:pBdr": "top left bottom right between bar",
    "w:tcBorders": "top start left bottom end right insideH insideV tl2br tr2bl",
    "w:tblBorders": "top start left bottom end right insideH insideV",
    "w:tcMar": "top start left bottom end right",
    "w:tblCellMar": "top start left bottom end right",
    "w:sectPr": (
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
        "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings "
        "sectPrChange"
    ),
    "w:settings": (
        "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
        "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
        "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
        "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
        "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate linkStyles "
        "stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView trackRevisions "
        "doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme "
        "styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone "
        "doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
        "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
        "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
        "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
        "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
        "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml "
        "ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving "
        "saveThroughXslt showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr "
        "endnotePr compat docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
        "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown "
        "smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
    ),
}
_RANKS = {
    qn(parent): {qn(f"w:{name}"): rank for rank, name in enumerate(names.split())}
    for parent, names in SCHEMA_ORDER.items()
}


def in_schema_order(root) -> None:  # noqa: ANN001
    """Reorder, in place, the children of every property element under `root` that the
    schema gives an order. Children it does not name (other namespaces) keep their place
    at the end, in the order they came."""
    for element in root.iter(*_RANKS):
        ranks = _RANKS[element.tag]
        children = list(element)
        ordered = sorted(children, key=lambda child: ranks.get(child.tag, len(ranks)))
        if ordered != children:
            for child in children:
                element.remove(child)
            element.extend(ordered)


def out_of_schema_order(root) -> list[str]:  # noqa: ANN001
    """Where `root` breaks the schema's order: "w:pPr: w:pBdr after w:spacing", for tests."""
    found = []
    for element in root.iter(*_RANKS):
        ranks = _RANKS[element.tag]
        for before, after in pairwise(element):
            if ranks.get(after.tag, len(ranks)) < ranks.get(before.tag, len(ranks)):
                found.append(f"{_short(element.tag)}: {_short(after.tag)} after {_short(before.tag)}")
    return found


def _short(tag: str) -> str:
    return "w:" + tag.rsplit("}", 1)[-1]


# DrawingML (slides) orders the children of these elements too.
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PARAGRAPH = (
    "lnSpc spcBef spcAft buClrTx buClr buSzTx buSzPct buSzPts buFontTx buFont buNone buAutoNum buChar buBlip "
    "tabLst defRPr extLst"
)
_RUN = (
    "ln noFill solidFill gradFill blipFill pattFill grpFill effectLst effectDag highlight uLnTx uLn uFillTx uFill "
    "latin ea cs sym hlinkClick hlinkMouseOver rtl extLst"
)
_DRAWING_RANKS = {
    **{f"{_A}{tag}": _PARAGRAPH for tag in ("pPr", *(f"lvl{n}pPr" for n in range(1, 10)), "defPPr")},
    **{f"{_A}{tag}": _RUN for tag in ("rPr", "defRPr", "endParaRPr")},
    f"{_A}bodyPr": "prstTxWarp noAutofit normAutofit spAutoFit scene3d sp3d flatTx extLst",
}
_DRAWING_RANKS = {tag: {f"{_A}{n}": r for r, n in enumerate(names.split())} for tag, names in _DRAWING_RANKS.items()}


def drawing_in_schema_order(element) -> None:  # noqa: ANN001
    """Put the children of a DrawingML paragraph, run or text-body property element (and of
    such elements under it) in the order the schema requires."""
    for node in element.iter(*_DRAWING_RANKS):
        ranks = _DRAWING_RANKS[node.tag]
        children = list(node)
        ordered = sorted(children, key=lambda child: ranks.get(child.tag, len(ranks)))
        if ordered != children:
            for child in children:
                node.remove(child)
            node.extend(ordered)


def normalise_zip(data: bytes, created, *, drop: tuple[str, ...] = ()) -> bytes:  # noqa: ANN001
    """Zip entries stamped with the document's date, not the clock (same input, same bytes),
    leaving out `drop` (a template's thumbnail, say)."""
    import datetime as dt
    import io
    import zipfile

    stamp = max(created, dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            data = source.read(info.filename)
            if drop and info.filename.endswith(".rels"):
                data = _without_relationships_to(data, drop)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data, compresslevel=1)  # fast: these files are small already
    return out.getvalue()


def _without_relationships_to(rels: bytes, parts: tuple[str, ...]) -> bytes:
    from lxml import etree

    root = etree.fromstring(rels)
    for relationship in list(root):
        if any(relationship.get("Target", "").lstrip("/").endswith(part) for part in parts):
            root.remove(relationship)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


__all__ = [
    "WD_ALIGN_PARAGRAPH",
    "add_field",
    "add_hyperlink",
    "bottom_border",
    "hex_color",
    "drawing_in_schema_order",
    "in_schema_order",
    "normalise_zip",
    "out_of_schema_order",
    "keep_row_together",
    "repeat_as_header",
    "restart_numbering",
    "page_background",
    "only_right_tab",
    "set_cell_borders",
    "set_cell_margins",
    "set_style_font",
    "shade_cell",
]
