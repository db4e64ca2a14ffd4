"""Pictures for renderers that cannot embed SVG (Word, PowerPoint): an SVG is drawn to PNG
with CairoSVG at print resolution, once per process; PNG and JPEG files are used as they are.

CairoSVG is given the SVG's bytes, never its path, and runs in its safe mode: an SVG that
links to another file or to the network gets an empty picture there, never the file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DPI = 300


def raster(path: Path) -> bytes:
    """The picture as PNG or JPEG bytes."""
    if path.suffix.lower() != ".svg":
        return path.read_bytes()
    return _svg_to_png(path.read_bytes())


@lru_cache(maxsize=64)
def _svg_to_png(svg: bytes) -> bytes:
    import cairosvg

    return cairosvg.svg2png(bytestring=svg, dpi=DPI, unsafe=False)
