"""Every PDF we build is PDF/UA-1: identified as such, in UK English, titled, with alt text on
every figure and an outline that never skips a heading level. WeasyPrint writes the tags;
these tests read them back from the built files."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def structure(path) -> list[DictionaryObject]:  # noqa: ANN001
    """Every structure element, in reading order."""
    found: list[DictionaryObject] = []

    def walk(node) -> None:  # noqa: ANN001
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(PdfReader(path).trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


@pytest.fixture(scope="module")
def pdfs(bundled_build):
    found = sorted(bundled_build.out.glob("**/*.pdf"))
    assert len(found) >= 30
    return found


def test_every_pdf_says_it_is_pdf_ua_1_in_uk_english_with_its_title_shown(pdfs):
    for path in pdfs:
        reader = PdfReader(path)
        catalog = reader.trailer["/Root"]
        xmp = catalog["/Metadata"].get_object().get_data().decode()
        assert re.search(r'pdfuaid:part(="|>)1', xmp), path.name
        assert catalog["/Lang"] == "en-GB", path.name
        assert catalog["/MarkInfo"]["/Marked"], path.name
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"], path.name
        assert (reader.metadata.title or "").strip(), path.name


def test_headings_never_skip_a_level(pdfs):
    for path in pdfs:
        levels = [int(str(e["/S"])[2:]) for e in structure(path) if re.fullmatch(r"/H[1-6]", str(e["/S"]))]
        assert levels and levels[0] == 1, path.name
        jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
        assert not jumps, f"{path.name}: heading level jumps {jumps}"


def test_every_figure_has_alt_text(pdfs):
    figures = 0
    for path in pdfs:
        for element in structure(path):
            if element["/S"] == "/Figure":
                figures += 1
                assert str(element.get("/Alt", "")).strip(), path.name
    assert figures >= 9  # every lesson has pictures
