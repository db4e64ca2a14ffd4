"""Document → HTML for WeasyPrint, through one Jinja2 template with autoescaping on.

Stylesheets are not put into the template for PDFs (autoescaping would mangle their
quotes); the PDF renderer hands them to WeasyPrint as separate `CSS` objects. A standalone
HTML page embeds them, marked safe: they are our own files, never lesson text.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..document import DRAFT_MARK, Document, title_levels
from ..resources import CSS_DIR, TEMPLATES_DIR
from .style import Style


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["node"] = lambda value, name: type(value).__name__ == name
    env.globals["unknown"] = _unknown
    env.globals["draft_mark"] = DRAFT_MARK
    return env


def _unknown(node: object) -> str:
    """A node the template has no rendering for: an error, never a silent gap in a pack."""
    raise TypeError(f"the HTML renderer cannot show {type(node).__name__}")


@lru_cache(maxsize=8)
def stylesheets(style: Style) -> list[str]:
    """The CSS texts, in order: base, variant, then the school's colour and fonts."""
    base = (CSS_DIR / "pack.css").read_text(encoding="utf-8")
    variant = (CSS_DIR / "variants" / f"{style.variant}.css").read_text(encoding="utf-8")
    return [base, variant, school_css(style)]


def school_css(style: Style) -> str:
    fonts = f'"{style.body_font}"'
    rules = [
        f':root {{ --body-font: {fonts}; --heading-font: {fonts}; --pupil-font: "{style.pupil_font()}"; }}',
        f'@page {{ font-family: {fonts}, "DejaVu Sans", sans-serif; }}',
        f'.draft-mark {{ font-family: {fonts}, "DejaVu Sans", sans-serif; }}',
    ]
    if style.variant != "greyscale":
        rules.append(f":root {{ --accent: {style.accent}; }}")
    if style.cream:
        rules.append("@page { background: #fbf5e6; } html { background: #fbf5e6; }")
    return "\n".join(rules) + "\n"


def render_html(document: Document, style: Style | None = None, *, standalone: bool = False) -> str:
    style = style or Style()
    css = Markup("\n".join(stylesheets(style))) if standalone else ""
    template = _environment().get_template("document.html.j2")
    levels = title_levels(document.blocks)
    return template.render(doc=document, stylesheet=css, title_level=lambda box: levels[id(box)])
