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
from .validate import schema_findings

FONTS = ("Lato", "Andika", "DejaVu Sans", "OpenDyslexic")
LocalFile = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_. -]*$")]
"""A file name in the profile's folder: no slashes, so it cannot leave that folder."""


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

    @field_validator("accent_colour")
    @classmethod
    def _dark_enough_to_print(cls, value: str) -> str:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError("write the colour as # and six hex digits, e.g. #1f4e79")
        red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))
        if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45:
            raise ValueError(f"{value} is too light: headings would be hard to read, especially in greyscale")
        return value.lower()

    @field_validator("logo")
    @classmethod
    def _image(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().endswith((".svg", ".png")):
            raise ValueError("the logo must be an .svg or .png file")
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
    missing = [
        (key, file)
        for key, file in (("logo", school.logo_path), ("reference_docx", school.reference_docx_path))
        if file is not None and not file.is_file()
    ]
    if missing:
        from .findings import Severity

        raise SchoolError(
            [
                Finding(
                    path,
                    source.position((key,)),
                    Severity.error,
                    "school-file",
                    f"{file.name} is not in {school.folder}",
                    "put the file beside school.yaml",
                )
                for key, file in missing
            ]
        )
    return school
