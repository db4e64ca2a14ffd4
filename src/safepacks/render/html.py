"""Document → HTML for WeasyPrint, through one Jinja2 template with autoescaping on.

The stylesheet is not put into the template (autoescaping would mangle its quotes); the
PDF renderer hands it to WeasyPrint as a separate `CSS` object.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..document import Document
from ..paths import CSS_DIR, TEMPLATES_DIR


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
    return env


def render_html(document: Document, *, images_url: str, stylesheet: bool = False) -> str:
    """The HTML of `document`; images are referred to under `images_url`.

    `stylesheet=True` embeds our own CSS for a standalone page. It is marked safe rather than
    escaped (escaping would turn its quotes into entities); lesson text never reaches it.
    """
    css = Markup((CSS_DIR / "pack.css").read_text(encoding="utf-8")) if stylesheet else ""
    template = _environment().get_template("document.html.j2")
    return template.render(doc=document, images_url=images_url, stylesheet=css)
