"""A school's reference .docx, taken apart safely: styles, numbering, theme, fonts and page
set-up, and nothing else.

Reference documents come from other people. Opened as a whole, one would carry its body
images, comments, document properties, remote template, external pictures, OLE objects or
macros into every pack made with it, and a crafted zip or XML part can exhaust memory. So
the archive is measured before anything is unpacked, macros and links to outside files are
refused with a clear error, XML with a document type declaration (the door to entity
attacks) is refused, and only the parts that carry the look are read.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import SafepacksError

MAX_MEMBERS = 400
MAX_MEMBER_BYTES = 20_000_000
MAX_TOTAL_BYTES = 60_000_000
MAX_RATIO = 100  # uncompressed ÷ compressed: an ordinary document compresses about 5–10 times
WANTED = {  # part name → what it holds
    "word/styles.xml": "styles",
    "word/numbering.xml": "numbering",
    "word/theme/theme1.xml": "theme",
    "word/fontTable.xml": "fonts",
    "word/document.xml": "page set-up",
}


class ReferenceError(SafepacksError):
    def __init__(self, path: Path, problem: str, hint: str) -> None:
        super().__init__(f"{path}: {problem}; {hint}")


@dataclass(frozen=True)
class ReferenceStyles:
    styles: bytes
    numbering: bytes | None
    theme: bytes | None
    fonts: bytes | None
    section: bytes | None  # the document's last <w:sectPr>: page size, margins, header distance


def load_reference(path: Path) -> ReferenceStyles:
    return _load(path.resolve(), path.stat().st_mtime_ns, path.stat().st_size)


@lru_cache(maxsize=4)
def _load(path: Path, mtime: int, size: int) -> ReferenceStyles:  # noqa: ARG001 - mtime, size: cache key
    hint = "save it again from Word or LibreOffice as a plain .docx (not .docm), with no linked files"
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ReferenceError(path, f"is not a Word document ({exc})", hint) from None
    with archive:
        members = archive.infolist()
        _measure(path, members, hint)
        names = {m.filename for m in members}
        if any(name.lower().endswith(("vbaproject.bin", ".bin")) and "vba" in name.lower() for name in names):
            raise ReferenceError(path, "contains macros, which a reference document may not", hint)
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if b"macroEnabled" in types:
            raise ReferenceError(path, "is a macro-enabled document", hint)
        for name in names:
            if name.endswith(".rels") and b'TargetMode="External"' in archive.read(name):
                raise ReferenceError(
                    path, f"links to files outside itself ({name}: an attached template, or a picture online)", hint
                )
        if "word/styles.xml" not in names:
            raise ReferenceError(path, "has no styles", hint)
        parts = {name: _xml(path, archive.read(name), hint) for name in WANTED if name in names}
    return ReferenceStyles(
        styles=parts["word/styles.xml"],
        numbering=parts.get("word/numbering.xml"),
        theme=parts.get("word/theme/theme1.xml"),
        fonts=parts.get("word/fontTable.xml"),
        section=_last_section(parts.get("word/document.xml")),
    )


def _measure(path: Path, members: list[zipfile.ZipInfo], hint: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise ReferenceError(path, f"holds {len(members)} parts; a reference document needs far fewer", hint)
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES or ratio > MAX_RATIO:
            raise ReferenceError(
                path, f"is far larger unpacked than a reference document can be ({member.filename})", hint
            )


def _xml(path: Path, data: bytes, hint: str) -> bytes:
    if b"<!DOCTYPE" in data[:2000].upper() or b"<!ENTITY" in data.upper():
        raise ReferenceError(path, "contains an XML document type declaration, which Word never writes", hint)
    return data


def _last_section(document: bytes | None) -> bytes | None:
    if document is None:
        return None
    from docx.oxml.parser import parse_xml
    from lxml import etree

    body = parse_xml(document).find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
    sections = (
        body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr") if body is not None else []
    )
    return etree.tostring(sections[-1]) if sections else None
