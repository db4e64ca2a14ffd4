"""Pictures for renderers that cannot embed SVG (Word, PowerPoint): an SVG is drawn to PNG
with CairoSVG at print resolution, once per process; PNG and JPEG files are used as they are.

CairoSVG is given the SVG's bytes, never its path, and runs in its safe mode: an SVG that
links to another file or to the network gets an empty picture there, never the file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DPI = 300
MAX_SIDE = 1600  # pixels: a 20–40 mm logo needs no more at 300 dpi; larger files only weigh down a pack


def raster(path: Path) -> bytes:
    """The picture as PNG or JPEG bytes, no bigger than print needs."""
    if path.suffix.lower() != ".svg":
        return print_ready(path)
    return _svg_to_png(path.read_bytes())


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
