"""Document → PDF bytes with WeasyPrint, fetching nothing but our own asset files.

Lesson files are untrusted. WeasyPrint's default fetcher reads any local file and the
network; ours refuses everything except files inside the assets folder, and a refused or
missing asset stops the render with an error instead of printing a pack with a hole in it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..document import Document
from ..paths import ASSETS_DIR, CSS_DIR, IMAGES_DIR
from .html import render_html


class AssetFetchError(FatalURLFetchingError):
    """A document asked for something outside the assets folder, or a missing asset."""


class AssetsOnlyFetcher(URLFetcher):
    """Deny by default: only `file:` URLs that resolve inside `root` are read."""

    def __init__(self, root: Path = ASSETS_DIR) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:  # noqa: ARG002
        if not url.startswith("file://"):
            raise AssetFetchError(f"refused to fetch {url!r}: only bundled assets can be used")
        path = Path(url.removeprefix("file://").split("?")[0]).resolve()
        if not path.is_relative_to(self.root):
            raise AssetFetchError(f"refused to read {path.name!r}: it is outside the assets folder")
        if not path.is_file():
            raise AssetFetchError(f"the asset {path.name!r} does not exist")
        return URLFetcherResponse(url, path.read_bytes(), status=200)


def render_pdf(document: Document) -> bytes:
    fetcher = AssetsOnlyFetcher()
    html = render_html(document, images_url=IMAGES_DIR.as_uri())
    stylesheet = CSS(filename=str(CSS_DIR / "pack.css"), url_fetcher=fetcher)
    page = HTML(string=html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=fetcher)
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    return page.write_pdf(
        stylesheets=[stylesheet],
        pdf_identifier=identifier,
        pdf_tags=True,
        custom_metadata=True,
    )
