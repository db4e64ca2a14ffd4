"""The Document tree is a closed contract: every block and inline type renders in every
format that takes it (pages in PDF and Word, slides in a deck, both in HTML), and anything else
is an error in every renderer, never a silent gap in a pack."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from conftest import read
from safepacks import document as tree
from safepacks.document import (
    Callout,
    Cover,
    CutOutCards,
    Document,
    Emphasis,
    Heading,
    Image,
    LineBreak,
    Link,
    ListBlock,
    PageBreak,
    Paragraph,
    Slide,
    Strong,
    Table,
    Text,
    WritingLines,
    text,
)
from safepacks.outputs import FORMATS
from safepacks.render.html import render_html
from safepacks.render.style import Style
from safepacks.resources import IMAGES_DIR

PICTURE = Image(IMAGES_DIR / "trusted-adult.svg", "A child and an adult", 20)
EVERY_INLINE = (
    Text("plain-words "),
    Strong(text("strong-words")),
    Emphasis(text("emphasis-words")),
    Link("https://example.org/", text("link-words")),
    LineBreak(),
    Text("after-break"),
)
EVERY_BLOCK = (
    Cover("eyebrow-words", "cover-title", "cover-subtitle", (("Label", "value-words"),), PICTURE),
    Heading(1, text("heading-one")),
    Heading(2, text("heading-two")),
    Heading(3, text("heading-three")),
    Paragraph(EVERY_INLINE),
    *(Paragraph(text(f"role-{role}"), role) for role in ("lead", "small", "label", "answer", "instructions", "tick")),
    ListBlock(((Paragraph(text("bullet-item")),),)),
    ListBlock(((Paragraph(text("numbered-item")),), (Paragraph(text("second-item")),)), ordered=True),
    ListBlock(((Paragraph(text("option-item")),),), style="options"),
    Table(
        (text("head-a"), text("head-b")),
        (((Paragraph(text("cell-a")),), (Paragraph(text("cell-b")),)),),
        (1, 2),
        "grid",
    ),
    *(
        Callout(kind, text(f"callout-{kind}"), (Paragraph(text(f"inside-{kind}")),))
        for kind in ("objective", "safeguarding", "help", "task", "card", "answers")
    ),
    PICTURE,
    WritingLines(2),
    CutOutCards(((Paragraph(text("card-one")),), (Paragraph(text("card-two")),))),
    PageBreak(),
    Paragraph(text("after-page-break")),
)
INLINE_WORDS = ["plain-words", "strong-words", "emphasis-words", "link-words", "after-break"]
WORDS = [
    "eyebrow-words",
    "cover-title",
    "cover-subtitle",
    "value-words",
    "heading-one",
    "heading-two",
    "heading-three",
    *INLINE_WORDS,
    "bullet-item",
    "numbered-item",
    "option-item",
    "head-a",
    "cell-b",
    "callout-help",
    "inside-card",
    "card-one",
    "card-two",
    "after-page-break",
    *(f"role-{r}" for r in ("lead", "small", "answer")),
]
SLIDE = Slide(
    "slide-title",
    (
        Paragraph(EVERY_INLINE),
        ListBlock(((Paragraph(text("bullet-item")), Paragraph(text("under-bullet"))),)),
        ListBlock(((Paragraph(text("numbered-item")),),), ordered=True),
    ),
    notes=(Paragraph(text("notes-words")), ListBlock(((Paragraph(text("notes-item")),),))),
    image=PICTURE,
)
SLIDE_WORDS = [
    "slide-title",
    *INLINE_WORDS,
    "bullet-item",
    "under-bullet",
    "numbered-item",
    "notes-words",
    "notes-item",
]
PAGES = ("pdf", "docx")


def contract_document(blocks=EVERY_BLOCK) -> Document:
    return Document(kind="teacher-pack", title="Contract", header="Contract", organisation="", footer="", blocks=blocks)


def contract_deck(slides=(SLIDE,)) -> Document:
    return Document(kind="slides", title="Contract", header="Contract", organisation="", footer="", blocks=slides)


def test_the_contract_documents_use_every_block_and_inline_type():
    assert set(FORMATS) == {*PAGES, "pptx"}  # a new format joins one of the two lists
    assert {type(b) for b in (*EVERY_BLOCK, SLIDE)} == set(typing.get_args(tree.Block))
    assert {type(i) for i in EVERY_INLINE} == set(typing.get_args(tree.Inline))


@pytest.mark.parametrize("fmt", PAGES)
def test_every_page_block_renders_in_every_page_format(fmt, tmp_path):
    path = tmp_path / f"contract.{fmt}"
    path.write_bytes(FORMATS[fmt].render(contract_document(), Style()))
    words = read(path).lower()  # the eyebrow is printed in capitals
    assert [word for word in WORDS if word not in words] == []


def test_every_slide_part_renders_in_a_deck(tmp_path):
    path = tmp_path / "contract.pptx"
    path.write_bytes(FORMATS["pptx"].render(contract_deck(), Style()))
    words = read(path).lower()
    assert [word for word in SLIDE_WORDS if word not in words] == []


def test_every_block_renders_in_html():
    html = render_html(contract_document((*EVERY_BLOCK, SLIDE)))
    assert [word for word in WORDS + SLIDE_WORDS if word not in html] == []


@pytest.mark.parametrize("block", [b for b in EVERY_BLOCK if not isinstance(b, Paragraph | ListBlock)][:4])
def test_a_deck_refuses_what_a_slide_cannot_show(block):
    with pytest.raises(TypeError, match="cannot show"):
        FORMATS["pptx"].render(contract_deck((Slide("x", (block,)),)), Style())
    with pytest.raises(TypeError, match="outside a slide"):
        FORMATS["pptx"].render(contract_deck((block,)), Style())


@dataclasses.dataclass(frozen=True)
class Marquee:  # a block no renderer knows
    content: str


def holding(fmt: str, blocks: tuple) -> Document:
    return contract_deck((Slide("x", blocks),)) if fmt == "pptx" else contract_document(blocks)


@pytest.mark.parametrize("fmt", [*sorted(FORMATS), "html"])
def test_an_unknown_block_is_an_error_in_every_renderer(fmt):
    document = holding(fmt, (Paragraph(text("before")), Marquee("scrolling")))
    with pytest.raises(TypeError, match="cannot show Marquee"):
        render_html(document) if fmt == "html" else FORMATS[fmt].render(document, Style())


@pytest.mark.parametrize("fmt", [*sorted(FORMATS), "html"])
def test_an_unknown_inline_is_an_error_in_every_renderer(fmt):
    document = holding(fmt, (Paragraph((Text("before"), Marquee("blink"))),))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cannot show Marquee"):
        render_html(document) if fmt == "html" else FORMATS[fmt].render(document, Style())


def test_an_unknown_inline_has_no_plain_text():
    with pytest.raises(TypeError, match="cannot show Marquee"):
        tree.plain_text((Text("before"), Marquee("blink")))  # type: ignore[arg-type]


@pytest.mark.parametrize("level", [0, 4, -1])
def test_a_heading_has_a_level_from_1_to_3(level):
    with pytest.raises(ValueError, match="heading level"):
        Heading(level, text("x"))
