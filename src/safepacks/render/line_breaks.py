"""A workaround for a WeasyPrint line-breaking fault that printed "Each" alone on a line.

When a run of text ends with a space and is followed by another inline element
("… the PSHE Association's <em>Key principles</em>"), Pango can lay the run out as one
line that fits without its trailing space but not with it. WeasyPrint (up to at least
70) measures the line with the space, decides it overflows, and keeps only the run's
first word: a sentence breaks after its first word, mid-page, for no visible reason.

`install()` wraps the splitter WeasyPrint's inline layout calls. Only that case is
changed: when Pango put the whole run on one line and the run fits once its trailing
spaces are left out, the run is laid out whole, as it would have been without the
space; WeasyPrint then breaks the line at that space, as it does everywhere else.
"""

from __future__ import annotations

from functools import wraps

from weasyprint.layout import inline
from weasyprint.text.line_break import create_layout, line_size

_original = inline.split_first_line


def _width(text: str, style, context) -> float:  # noqa: ANN001
    layout = create_layout(text, style, context, None, 0)  # kept alive while its line is measured
    line, _ = layout.get_first_line()
    return line_size(line, style)[0]


@wraps(_original)
def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False):  # noqa: ANN001, ANN201, FBT002
    result = _original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
    stripped = text.rstrip(" ")
    first_word = len(text.split(" ", 1)[0].encode()) + 1
    if result[2] is None or result[2] > first_word or max_width is None or stripped == text or " " not in stripped:
        return result  # the fault only ever leaves the first word
    layout = create_layout(text, style, context, max_width, justification_spacing)
    _, resume = layout.get_first_line()
    if resume is not None or _width(stripped, style, context) > max_width:
        return result  # a genuine break: the run does not fit on one line
    wider = max_width + (_width(text, style, context) - _width(stripped, style, context)) + 0.01
    return _original(text, style, context, wider, justification_spacing, is_line_start, minimum)


def install() -> None:
    inline.split_first_line = split_first_line
