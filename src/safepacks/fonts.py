"""Which fonts the PDFs ask for, and whether this machine has them.

WeasyPrint quietly falls back to another font when one is not installed, so a school could
print packs in a font it never chose. Before a build, one tiny document is rendered in each
font the style asks for, and the font actually embedded is read back from it: a missing font
becomes a warning that names the fallback and how to install the right one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .render.style import Style

INSTALL = {  # how to get each font on Debian/Ubuntu (scripts/system-deps installs them all)
    "Lato": "fonts-lato",
    "Andika": "fonts-sil-andika",
    "DejaVu Sans": "fonts-dejavu-core",
    "OpenDyslexic": "fonts-opendyslexic",
}
_EMBEDDED = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9,-]+)")


@dataclass(frozen=True)
class MissingFont:
    wanted: str
    used: str

    def message(self) -> str:
        package = INSTALL.get(self.wanted)
        how = f" (on Debian or Ubuntu: apt-get install {package})" if package else ""
        return f"the font {self.wanted} is not installed, so PDFs use {self.used} instead; install {self.wanted}{how}"


def missing_fonts(style: Style) -> list[MissingFont]:
    """The fonts `style` asks for that PDFs would not get."""
    wanted = dict.fromkeys([style.body_font, style.pupil_font(), "DejaVu Sans"])
    return [MissingFont(name, used) for name in wanted if (used := embedded_family(name)) != name]


@lru_cache(maxsize=8)
def embedded_family(family: str) -> str:
    """The family WeasyPrint embeds when asked for `family`, e.g. 'Lato' or 'DejaVu Sans'."""
    from weasyprint import HTML

    html = f"<p style=\"font-family: '{family}', sans-serif\">Aa</p>"
    data = HTML(string=html).write_pdf(uncompressed_pdf=True)
    match = _EMBEDDED.search(data)
    if match is None:
        return "no font"
    name = match.group(1).decode().split(",")[0]
    return re.sub(r"-(Regular|Bold|Italic|Book)$", "", name).replace("-", " ")  # DejaVu-Sans → DejaVu Sans
