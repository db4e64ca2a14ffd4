"""Shared fixtures: real builds of real lessons, read back as text."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from safepacks.build import build
from safepacks.resources import LIBRARY_DIR

DATA = Path(__file__).parent / "data"
GOOD = DATA / "good"
BAD = DATA / "bad"
EXAMPLE_SCHOOL = DATA / "school"  # a made-up school with a DSL, a deputy and a logo


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    text = normalise(" ".join(page.extract_text() or "" for page in reader.pages))
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)  # a line broken after a hyphen: "13-year-old"


def docx_text(path: Path) -> str:
    """Every paragraph of a DOCX, in body and table cells (nested too), headers and footers."""
    document = open_docx(str(path))
    parts: list[str] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                parts.append(block.text)

    walk(document)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return normalise(" ".join(parts))


def normalise(text: str) -> str:
    """pypdf breaks lines inside table cells and hyphenates nothing: compare words only."""
    return re.sub(r"\s+", " ", text).strip()


def words(markdown: str) -> str:
    """Plain words of a Markdown field, as they appear once rendered."""
    from safepacks.document import ListBlock, Paragraph, plain_text
    from safepacks.richtext import blocks

    def flatten(items) -> list[str]:
        out = []
        for block in items:
            if isinstance(block, Paragraph):
                out.append(plain_text(block.content))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    out.extend(flatten(item))
        return out

    return normalise(" ".join(flatten(blocks(markdown))))


def phrase(markdown: str, length: int = 60) -> str:
    """The opening words of a field, cut at a word: enough to be distinctive."""
    text = words(markdown)
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0]


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    report = build([LIBRARY_DIR], out=out)
    assert report.failed == 0, [r.findings or r.error for r in report.results]
    return report


def reviewed_copy(source: Path, folder: Path) -> Path:
    """A copy of a lesson with a fresh review record, as `safepacks review` writes it."""
    from safepacks.reviews import review

    path = folder / source.name
    shutil.copy(source, path)
    review(path, by="Test Reviewer", role="PSHE lead")
    return path


@pytest.fixture(scope="session")
def minimal_lesson(tmp_path_factory) -> Path:
    return reviewed_copy(GOOD / "minimal.yaml", tmp_path_factory.mktemp("lessons"))


@pytest.fixture(scope="session")
def minimal_build(tmp_path_factory, minimal_lesson):
    out = tmp_path_factory.mktemp("minimal")
    report = build([minimal_lesson], out=out)
    assert report.failed == 0, [r.findings or r.error for r in report.results]
    return out / "test-minimal"


def pptx_text(path: Path) -> str:
    """Every slide's text and speaker notes."""
    from pptx import Presentation

    texts = []
    for slide in Presentation(str(path)).slides:
        texts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return normalise(" ".join(texts))


def read(path: Path) -> str:
    readers = {".pdf": pdf_text, ".docx": docx_text, ".pptx": pptx_text}
    return readers[path.suffix](path)


__all__ = [
    "BAD",
    "DATA",
    "EXAMPLE_SCHOOL",
    "GOOD",
    "docx_text",
    "io",
    "pdf_text",
    "pptx_text",
    "phrase",
    "read",
    "reviewed_copy",
    "words",
]
