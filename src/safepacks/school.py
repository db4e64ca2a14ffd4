"""The school profile (`school.yaml`): whose packs these are and who children can go to.

With no profile, packs name no school and no people: help boxes speak of "the safeguarding
lead at your school" rather than print an example DSL a pupil would look for in vain. Files
the profile names (the logo, a reference .docx) live in the profile's own folder and may
not point outside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError, field_validator

from .findings import Finding
from .loading import LoadError, load
from .model import Strict, Text
from .rules import RULES
from .validate import schema_findings

FONTS = ("Lato", "Andika", "DejaVu Sans", "OpenDyslexic")
LocalFile = Annotated[str, StringConstraints(strict=True, pattern=r'^[^/\\:*?"<>|\x00]+(/[^/\\:*?"<>|\x00]+)*$')]
"""A file in the profile's folder or below it, such as `assets/Our Logo.svg`: forward slashes
only, no `..`, no drive letter; the resolved path is checked to stay inside the folder too."""
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg")
LOGO_MAX_BYTES = 5_000_000
SVG_MAX_BYTES = 1_000_000
LOGO_MAX_PIXELS = 25_000_000  # 5,000 × 5,000: far more than a 20 mm logo needs at print resolution


class Contact(Strict):
    """A person in school pupils, staff or parents can go to."""

    name: Text
    role: Text
    for_pupils: Text = Field(description="How pupils reach them, e.g. 'Room 12, or ask any adult'.")
    for_staff: Text = Field(description="How staff reach them.")
    for_parents: Text | None = Field(default=None, description="How parents and carers reach them.")


class LocalContact(Strict):
    """A local route the school adds, e.g. the council's children's services front door."""

    name: Text
    for_: Text = Field(alias="for")
    details: Text = Field(description="How to reach them, as the school has checked it.")
    audiences: list[Literal["teacher", "parent"]] = Field(default_factory=lambda: ["teacher"])


class SchoolProfile(Strict):
    name: Text
    logo: LocalFile | None = Field(default=None, description="An SVG or PNG in the profile's folder.")
    dsl: Contact | None = Field(default=None, description="The designated safeguarding lead.")
    deputy_dsl: Contact | None = None
    local_contacts: list[LocalContact] = Field(default_factory=list)
    accent_colour: str = Field(default="#1f4e79", description="A dark colour, as #rrggbb.")
    font: Literal[FONTS] = Field(default="Lato", description=f"One of: {', '.join(FONTS)}.")  # type: ignore[valid-type]
    reference_docx: LocalFile | None = Field(
        default=None, description="A Word document whose styles the DOCX files take (see `safepacks reference-docx`)."
    )
    reference_pptx: LocalFile | None = Field(
        default=None,
        description="A PowerPoint template whose masters and layouts the slides take (see `safepacks reference-pptx`).",
    )

    @field_validator("accent_colour")
    @classmethod
    def _dark_enough_to_print(cls, value: str) -> str:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError("write the colour as # and six hex digits, e.g. #1f4e79")
        red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))
        if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45:
            raise ValueError(f"{value} is too light: headings would be hard to read, especially in greyscale")
        return value.lower()

    @field_validator("logo", "reference_docx", "reference_pptx")
    @classmethod
    def _inside(cls, value: str | None) -> str | None:
        if value is not None and any(part in (".", "..") for part in value.split("/")):
            raise ValueError("name the file from this folder down, without '..': e.g. assets/logo.svg")
        return value

    @field_validator("logo")
    @classmethod
    def _image(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().endswith(LOGO_TYPES):
            raise ValueError("the logo must be a PNG, JPEG or SVG file (.png, .jpg, .jpeg or .svg)")
        return value


@dataclass(frozen=True)
class School:
    profile: SchoolProfile
    folder: Path
    path: Path

    @property
    def logo_path(self) -> Path | None:
        return self.folder / self.profile.logo if self.profile.logo else None

    @property
    def reference_docx_path(self) -> Path | None:
        return self.folder / self.profile.reference_docx if self.profile.reference_docx else None

    @property
    def reference_pptx_path(self) -> Path | None:
        return self.folder / self.profile.reference_pptx if self.profile.reference_pptx else None


class SchoolError(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


def load_school(path: Path) -> School:
    try:
        source = load(path)
    except LoadError as exc:
        raise SchoolError([exc.finding]) from None
    try:
        profile = SchoolProfile.model_validate(source.data)
    except ValidationError as exc:
        raise SchoolError(schema_findings(source, exc)) from None
    school = School(profile, path.parent.resolve(), path)
    problems = [
        RULES["school-file"].at(source, (key,), message, hint)
        for key, file in (
            ("logo", school.logo_path),
            ("reference_docx", school.reference_docx_path),
            ("reference_pptx", school.reference_pptx_path),
        )
        if file is not None
        for message, hint in _file_problems(key, file, school.folder)
    ]
    if problems:
        raise SchoolError(problems)
    return school


def _file_problems(key: str, file: Path, folder: Path) -> list[tuple[str, str]]:
    where = "put it in this folder (or a folder inside it, such as assets/) and give its name here"
    if not file.resolve().is_relative_to(folder):
        return [(f"{file.name} is outside {folder}", where)]
    if not file.is_file():
        return [(f"there is no file {file.relative_to(folder).as_posix()} in {folder}", where)]
    if key != "logo":
        return []
    size = file.stat().st_size
    limit = SVG_MAX_BYTES if file.suffix.lower() == ".svg" else LOGO_MAX_BYTES
    if size > limit:
        return [(f"the logo is {size:,} bytes; a logo can be at most {limit:,}", "save a smaller copy of it")]
    if file.suffix.lower() == ".svg":
        return []
    try:
        from PIL import Image

        with Image.open(file) as image:
            width, height = image.size
            expected = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}[file.suffix.lower()]
            if image.format != expected:
                return [
                    (
                        f"{file.name} is not really a {expected} file (it is {image.format})",
                        "save it again as PNG or JPEG",
                    )
                ]
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of error for a bad image
        return [(f"{file.name} cannot be read as a picture", "save it again as PNG, JPEG or SVG")]
    if width * height > LOGO_MAX_PIXELS:
        return [
            (
                f"the logo is {width} × {height} pixels, far more than print needs",
                "save a copy at most 2,000 pixels wide",
            )
        ]
    return []
