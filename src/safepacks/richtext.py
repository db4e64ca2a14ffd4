"""Restricted Markdown → Document blocks, parsed once so PDF and DOCX say the same thing.

Only paragraphs, bold, italic, bullet and numbered lists, line breaks and links are
recognised; everything else (raw HTML, headings, images, code) stays literal text, which the
renderers escape. Links keep their target only for https:, mailto: and tel: (a `file:` or
`javascript:` link in a shared lesson file must never become clickable in a PDF).
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from .document import (
    Block,
    Emphasis,
    Inline,
    Inlines,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Text,
)

SAFE_LINK_SCHEMES = ("https:", "mailto:", "tel:")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("zero").enable(["emphasis", "list", "link", "newline"])


@lru_cache(maxsize=8192)
def blocks(markdown: str, *, style: str = "") -> tuple[Block, ...]:
    """Parse restricted Markdown into blocks; `style` is given to every top-level paragraph.
    Kept: the same field is parsed for every view of a lesson, and the blocks are immutable."""
    tree = SyntaxTreeNode(_parser().parse(markdown))
    return tuple(_block(node, style) for node in tree.children)


@lru_cache(maxsize=8192)
def inlines(markdown: str) -> Inlines:
    """Parse one line of restricted Markdown into inline runs (paragraphs are joined)."""
    out: list[Inline] = []
    for block in blocks(markdown):
        if isinstance(block, Paragraph):
            if out:
                out.append(Text(" "))
            out.extend(block.content)
    return tuple(out)


def _block(node: SyntaxTreeNode, style: str) -> Block:
    if node.type == "paragraph":
        return Paragraph(_inline_children(node.children[0]), style)
    if node.type in ("bullet_list", "ordered_list"):
        items = tuple(tuple(_block(child, "") for child in item.children) for item in node.children)
        return ListBlock(items, ordered=node.type == "ordered_list")
    raise AssertionError(f"restricted Markdown produced an unexpected block: {node.type}")


def _inline_children(node: SyntaxTreeNode) -> Inlines:
    return tuple(run for child in node.children for run in _inline(child))


def _inline(node: SyntaxTreeNode) -> Inlines:
    if node.type == "text":
        return (Text(node.content),)
    if node.type in ("softbreak",):
        return (Text(" "),)
    if node.type == "hardbreak":
        return (LineBreak(),)
    if node.type == "strong":
        return (Strong(_inline_children(node)),)
    if node.type == "em":
        return (Emphasis(_inline_children(node)),)
    if node.type == "link":
        href = str(node.attrs.get("href", ""))
        children = _inline_children(node)
        if href.lower().startswith(SAFE_LINK_SCHEMES):
            return (Link(href, children),)
        return children
    raise AssertionError(f"restricted Markdown produced an unexpected inline: {node.type}")
