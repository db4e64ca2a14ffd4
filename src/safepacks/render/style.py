"""How a document looks, apart from what it says: the school's colour and font, and the print
variant. Variants change styles, never content, and apply to PDF and DOCX alike."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..school import School

VARIANTS = ("standard", "large-print", "dyslexia-friendly", "greyscale")
# PDF/UA-1 by default: the accessibility standard a school can point to under the public
# sector accessibility regulations. "none" writes a plain tagged PDF.
PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-3a", "pdf/a-3u", "pdf/a-2u", "none")
GREY_ACCENT = "#333333"


@dataclass(frozen=True)
class Style:
    accent: str = "#1f4e79"
    font: str = "Lato"
    variant: str = "standard"
    cream: bool = False  # dyslexia-friendly option: a cream page instead of white
    reference_docx: Path | None = None
    reference_pptx: Path | None = None
    allowed_files: tuple[Path, ...] = ()  # files outside the assets a document may show (the logo)
    pdf_variant: str = "pdf/ua-1"

    @classmethod
    def for_school(
        cls,
        school: School | None,
        *,
        variant: str = "standard",
        cream: bool = False,
        reference_docx: Path | None = None,
        reference_pptx: Path | None = None,
        pdf_variant: str = "pdf/ua-1",
    ) -> Style:
        if school is None:
            return cls(
                variant=variant,
                cream=cream,
                reference_docx=reference_docx,
                reference_pptx=reference_pptx,
                pdf_variant=pdf_variant,
            )
        logo = school.logo_path
        allowed = (logo,) if logo else ()
        return cls(
            accent=school.profile.accent_colour,
            font=school.profile.font,
            variant=variant,
            cream=cream,
            reference_docx=reference_docx or school.reference_docx_path,
            reference_pptx=reference_pptx or school.reference_pptx_path,
            allowed_files=tuple(p for p in allowed if p.is_file()),
            pdf_variant=pdf_variant,
        )

    def key(self) -> tuple:
        """What the style contributes to cache keys: names, not paths (files are hashed by content)."""
        files = tuple(p.name for p in self.allowed_files)
        return (
            self.accent,
            self.font,
            self.variant,
            self.cream,
            self.reference_docx and self.reference_docx.name,
            self.reference_pptx and self.reference_pptx.name,
            files,
            self.pdf_variant,
        )

    @property
    def body_font(self) -> str:
        return "OpenDyslexic" if self.variant == "dyslexia-friendly" else self.font

    def pupil_font(self) -> str:
        return "OpenDyslexic" if self.variant == "dyslexia-friendly" else "Andika"

    @property
    def ink_accent(self) -> str:
        return GREY_ACCENT if self.variant == "greyscale" else self.accent

    @property
    def suffix(self) -> str:
        """Added to output file names: `teacher-pack-large-print.pdf`; nothing for standard."""
        return "" if self.variant == "standard" else f"-{self.variant}"
