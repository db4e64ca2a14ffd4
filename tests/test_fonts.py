"""A font that is not installed is named, with the one used instead and how to get it."""

from __future__ import annotations

from safepacks.build import build
from safepacks.fonts import embedded_family, missing_fonts
from safepacks.render.style import Style


def test_the_fonts_the_packs_use_are_installed_by_the_set_up():
    assert missing_fonts(Style()) == []
    assert missing_fonts(Style(variant="dyslexia-friendly")) == []


def test_a_missing_font_is_reported_with_its_fallback():
    assert embedded_family("No Such Font Family") == "DejaVu Sans"
    (missing,) = missing_fonts(Style(font="No Such Font Family"))
    assert missing.message() == (
        "the font No Such Font Family is not installed, so PDFs use DejaVu Sans instead; install No Such Font Family"
    )


def test_a_pdf_build_warns_about_a_missing_font(minimal_lesson, tmp_path, monkeypatch):
    monkeypatch.setattr(Style, "pupil_font", lambda self: "No Such Font Family")
    report = build([minimal_lesson], out=tmp_path, formats=("pdf",), audiences=("pupil",))
    assert report.warnings == [
        "the font No Such Font Family is not installed, so PDFs use DejaVu Sans instead; install No Such Font Family"
    ]
    assert build([minimal_lesson], out=tmp_path / "docx", formats=("docx",)).warnings == []
