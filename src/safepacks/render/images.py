"""Pictures for renderers that cannot embed SVG (Word, PowerPoint): an SVG is drawn to PNG
with CairoSVG at print resolution, once per process; PNG and JPEG files are used as they are.

CairoSVG is given the SVG's bytes, never its path, and runs in its safe mode: an SVG that
links to another file or to the network gets an empty picture there, never the file.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DPI = 300
MAX_SIDE = 1600  # pixels: a 20–40 mm logo needs no more at 300 dpi; larger files only weigh down a pack


def raster(path: Path, *, greyscale: bool = False) -> bytes:
    """The picture as PNG or JPEG bytes, no bigger than print needs (in shades of grey for
    the greyscale variant, where no meaning may be carried by colour)."""
    if path.suffix.lower() == ".svg":
        svg = path.read_bytes()
        return _svg_to_png(grey_svg(svg) if greyscale else svg)
    data = print_ready(path)
    return _grey(data) if greyscale else data


_HEX = re.compile(rb"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_RGB = re.compile(rb"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)")


def grey_svg(svg: bytes) -> bytes:
    """The same drawing with every colour replaced by the grey of the same lightness."""

    def hex_grey(match: re.Match[bytes]) -> bytes:
        digits = match.group(1).decode()
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        level = _lightness(*(int(digits[i : i + 2], 16) for i in (0, 2, 4)))
        return f"#{level:02x}{level:02x}{level:02x}".encode()

    def rgb_grey(match: re.Match[bytes]) -> bytes:
        level = _lightness(*(int(g) for g in match.groups()))
        return f"rgb({level}, {level}, {level}".encode()

    return _RGB.sub(rgb_grey, _HEX.sub(hex_grey, svg))


def _lightness(red: int, green: int, blue: int) -> int:
    return min(255, round(0.2126 * red + 0.7152 * green + 0.0722 * blue))


@lru_cache(maxsize=64)
def _grey(data: bytes) -> bytes:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        out = io.BytesIO()
        image.convert("LA").convert("RGBA").save(out, "PNG")  # grey, kept as RGBA: WeasyPrint mishandles LA
        return out.getvalue()


def print_ready(path: Path) -> bytes:
    """A PNG or JPEG as it is, or downscaled when it is far larger than any pack prints it."""
    data = path.read_bytes()
    return _downscaled(data) if path.suffix.lower() in (".png", ".jpg", ".jpeg") else data


@lru_cache(maxsize=8)
def _downscaled(data: bytes) -> bytes:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if max(image.size) <= MAX_SIDE:
            return data
        kind = "JPEG" if image.format == "JPEG" else "PNG"
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        out = io.BytesIO()
        image.save(out, kind)
        return out.getvalue()


@lru_cache(maxsize=64)
def _svg_to_png(svg: bytes) -> bytes:
    import cairosvg

    return cairosvg.svg2png(bytestring=svg, dpi=DPI, unsafe=False)
