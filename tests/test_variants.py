"""Print variants do what they say: large print has no text under 16 pt in either format,
greyscale has no colour in the Word file, and every variant says the same words."""

from __future__ import annotations

import math

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from safepacks.build import build
from safepacks.resources import LIBRARY_DIR

LESSON = LIBRARY_DIR / "ks3" / "recognising-grooming.yaml"


@pytest.fixture(scope="module")
def large_print(tmp_path_factory):
    out = tmp_path_factory.mktemp("large-print")
    assert build([LESSON], out=out, variant="large-print").failed == 0
    return sorted(out.glob("*/*"))


def pdf_sizes(path) -> set[float]:  # noqa: ANN001
    sizes = set()

    def seen(text, cm, tm, font, size) -> None:  # noqa: ANN001, ARG001
        if text.strip():
            sizes.add(round(size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]), 1))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=seen)
    return sizes


def docx_sizes(path) -> set[float]:  # noqa: ANN001
    """The size every run of text is shown at: its own, else its paragraph style's (and the
    styles that style is based on), else the document's default."""
    word = open_docx(str(path))
    default = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    fallback = int(default.get(qn("w:val"))) / 2 if default is not None else 10

    def style_size(style) -> float:  # noqa: ANN001
        while style is not None:
            if style.font.size is not None:
                return style.font.size.pt
            style = style.base_style
        return fallback

    sizes = set()
    parts = [word.element.body] + [p for s in word.sections for p in (s.header._element, s.footer._element)]
    from docx.text.paragraph import Paragraph

    for part in parts:
        for element in part.iter(qn("w:p")):
            paragraph = Paragraph(element, word.part)
            for run in paragraph.runs:
                if run.text.strip():
                    sizes.add(run.font.size.pt if run.font.size else style_size(paragraph.style))
    return sizes


def test_large_print_has_no_text_under_16pt_in_the_pdfs(large_print):
    for path in (p for p in large_print if p.suffix == ".pdf"):
        assert min(pdf_sizes(path)) >= 16, path.name


def test_large_print_has_no_text_under_16pt_in_the_word_files(large_print):
    for path in (p for p in large_print if p.suffix == ".docx"):
        assert min(docx_sizes(path)) >= 16, path.name


def test_a_greyscale_word_file_has_no_colour(tmp_path):
    import zipfile

    assert build([LESSON], out=tmp_path, variant="greyscale", formats=["docx"]).failed == 0
    for path in tmp_path.glob("*/*.docx"):
        with zipfile.ZipFile(path) as archive:
            for name in (n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")):
                xml = archive.read(name).decode()
                assert "w:themeColor" not in xml and "w:themeFill" not in xml, (path.name, name)
                from lxml import etree

                for element in etree.fromstring(xml.encode()).iter():
                    for attribute in (qn("w:color"), qn("w:fill")):
                        value = element.get(attribute)
                        if value and value != "auto" and len(value) == 6:
                            assert value[0:2] == value[2:4] == value[4:6], (path.name, name, value)
