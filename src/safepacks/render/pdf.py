"""Document → PDF bytes with WeasyPrint, fetching nothing but our own asset files.

Lesson files are untrusted. WeasyPrint's default fetcher reads any local file and the
network; ours refuses everything except the bundled illustrations (and the school's
logo, named exactly), and a refused or missing asset stops the render with an error
instead of printing a pack with a hole in it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..document import Document
from ..resources import IMAGES_DIR
from .html import render_html, stylesheets
from .images import grey_svg, print_ready, raster
from .line_breaks import install as fix_line_breaks
from .style import Style

fix_line_breaks()
PICTURES = (".svg", ".png", ".jpg", ".jpeg")


class AssetFetchError(FatalURLFetchingError):
    """A document asked for something other than a bundled illustration or the logo, or a missing file."""


class AssetsOnlyFetcher(URLFetcher):
    """Deny by default: only `file:` URLs inside `root`, or exactly one of `files`."""

    def __init__(self, root: Path = IMAGES_DIR, files: Iterable[Path] = (), *, greyscale: bool = False) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.root = root.resolve()
        self.files = frozenset(path.resolve() for path in files)
        self.greyscale = greyscale

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:  # noqa: ARG002
        parsed = urlsplit(url)
        if parsed.scheme != "file":
            raise AssetFetchError(f"refused to fetch {url!r}: only bundled assets can be used")
        # WeasyPrint hands over percent-encoded URLs: "PSHE%20Resources" is "PSHE Resources".
        path = Path(url2pathname(parsed.path)).resolve()
        if not (path.is_relative_to(self.root) or path in self.files):
            raise AssetFetchError(f"refused to read {path.name!r}: only bundled illustrations and the logo may be used")
        if not path.is_file():
            raise AssetFetchError(f"the asset {path.name!r} does not exist")
        data = print_ready(path) if path in self.files else path.read_bytes()  # a school's logo may be huge
        if self.greyscale and path.suffix.lower() == ".svg":  # in shades of grey, like everything else
            data = grey_svg(data)
        elif self.greyscale and path.suffix.lower() in PICTURES:
            data = raster(path, greyscale=True)
        return URLFetcherResponse(url, data, status=200)


@lru_cache(maxsize=8)
def _prepared(style: Style) -> tuple[AssetsOnlyFetcher, FontConfiguration, list[CSS], str]:
    """The fetcher, font configuration and parsed stylesheets for a style, made once per
    process and reused: a font configuration per document costs time and, until the
    collector frees it, a lot of memory."""
    fetcher = AssetsOnlyFetcher(files=style.allowed_files, greyscale=style.variant == "greyscale")
    fonts = FontConfiguration()
    texts = stylesheets(style)
    base = IMAGES_DIR.as_uri() + "/"
    css = [CSS(string=text, url_fetcher=fetcher, base_url=base, font_config=fonts) for text in texts]
    return fetcher, fonts, css, "".join(texts)


def render_pdf(document: Document, style: Style | None = None) -> bytes:
    style = style or Style()
    fetcher, fonts, css, css_text = _prepared(style)
    html = render_html(document, style)
    page = HTML(string=html, base_url=IMAGES_DIR.as_uri() + "/", url_fetcher=fetcher)
    identifier = hashlib.sha256((html + css_text).encode()).hexdigest()[:32].encode()
    return page.write_pdf(
        font_config=fonts,
        stylesheets=css,
        pdf_identifier=identifier,
        pdf_tags=True,
        custom_metadata=True,
        pdf_variant=None if style.pdf_variant == "none" else style.pdf_variant,
    )
