"""WeasyPrint once broke "Each story points towards help. … <em>Key</em>" after "Each"
when the run before the <em> fitted its line only without its trailing space."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.formatting_structure.boxes import LineBox, TextBox

import safepacks.render.pdf  # noqa: F401  (installs the line-break workaround)

RUN = "Each story points towards help. No statistics for pupils: CEOP Education and the PSHE Association's "
HTML_AT = (
    "<style>@page {{ size: 400mm 100mm; margin: 0 }} body {{ margin: 0; font: 10pt 'DejaVu Sans' }}</style>"
    "<p style='width: {width:.2f}pt'>" + RUN + "<em>Key principles</em> of effective prevention.</p>"
)


def first_lines(width: float) -> list[str]:
    page = HTML(string=HTML_AT.format(width=width)).render().pages[0]
    lines = []

    def walk(box) -> None:  # noqa: ANN001
        if isinstance(box, LineBox):
            lines.append("".join(child.text for child in box.descendants() if isinstance(child, TextBox)))
        for child in getattr(box, "children", ()):
            walk(child)

    walk(page._page_box)  # noqa: SLF001
    return lines


def test_a_line_never_breaks_after_its_first_word_when_the_run_fits_without_its_trailing_space():
    # The narrowest width that holds the run on one line, by bisection.
    narrow, wide = 300.0, 800.0
    while wide - narrow > 0.05:
        middle = (narrow + wide) / 2
        narrow, wide = (narrow, middle) if first_lines(middle)[0].startswith(RUN.rstrip()) else (middle, wide)
    fitting = wide
    for width in (fitting - 0.2, fitting, fitting + 0.5, fitting + 1, fitting + 1.5, fitting + 2, fitting + 3):
        first = first_lines(width)[0]
        assert first.strip() != "Each", f"at {width:.2f}pt the line broke after its first word"
