"""A school's PowerPoint template, checked before python-pptx opens it.

Like a reference .docx, a template comes from someone else: it is measured before it is
unpacked, and one with macros, links to outside files or document type declarations is
refused with a reason. Its slides are dropped when the deck is made; its masters, layouts
and theme are kept.
"""

from __future__ import annotations

import zipfile
from functools import lru_cache
from pathlib import Path

from .reference_styles import ReferenceError, _measure, _xml

HINT = "save it again from PowerPoint or LibreOffice Impress as a plain .pptx or .potx, with no linked files"


def load_reference_pptx(path: Path) -> bytes:
    return _load(path.resolve(), path.stat().st_mtime_ns, path.stat().st_size)


@lru_cache(maxsize=4)
def _load(path: Path, mtime: int, size: int) -> bytes:  # noqa: ARG001 - mtime, size: cache key
    data = path.read_bytes()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ReferenceError(path, f"is not a PowerPoint file ({exc})", HINT) from None
    with archive:
        members = archive.infolist()
        _measure(path, members, HINT)
        names = {m.filename for m in members}
        if any("vbaproject" in name.lower() for name in names):
            raise ReferenceError(path, "contains macros, which a template may not", HINT)
        if "ppt/presentation.xml" not in names:
            raise ReferenceError(path, "has no slides part: it is not a PowerPoint presentation", HINT)
        for name in names:
            if name.endswith(".rels") and b'TargetMode="External"' in archive.read(name):
                raise ReferenceError(path, f"links to files outside itself ({name})", HINT)
            if name.endswith(".xml"):
                _xml(path, archive.read(name), HINT)
    return data
