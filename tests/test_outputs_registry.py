"""Audiences and formats are declared once, in `safepacks.outputs`, and everything reads them."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from conftest import DATA, read
from safepacks.build import build
from safepacks.cli import KEY_STAGES, TOPICS, main
from safepacks.coverage import FORMATS as COVERAGE_FORMATS
from safepacks.errors import UsageError
from safepacks.model import KeyStage, Topic
from safepacks.outputs import AUDIENCES, FORMATS, Audience, audience, file_format, register


def test_every_registered_view_and_renderer_can_be_loaded():
    from safepacks.outputs import _load

    for who in AUDIENCES.values():
        assert callable(_load(who.view_path)), who.name
    for fmt in FORMATS.values():
        assert callable(_load(fmt.renderer_path)), fmt.name
        assert fmt.versions  # the renderer's libraries key the cache


def test_an_unknown_format_or_audience_is_an_error_never_a_fallback():
    with pytest.raises(UsageError, match="unknown format 'odt': use pdf, docx"):
        file_format("odt")
    with pytest.raises(UsageError, match="unknown audience"):
        audience("governors")


def test_a_name_is_registered_once():
    with pytest.raises(ValueError, match="registered already"):
        register(Audience("teacher", "x", "x:y", "a second teacher pack"))


def test_the_cli_copies_of_enums_match_the_model():
    assert tuple(k.value for k in KeyStage) == KEY_STAGES
    assert tuple(t.value for t in Topic) == TOPICS
    command = main.commands["coverage"]
    choices = next(p for p in command.params if p.name == "output_format").type.choices
    assert tuple(choices) == COVERAGE_FORMATS


def test_the_cli_offers_exactly_the_registered_outputs(minimal_lesson, tmp_path):
    result = CliRunner().invoke(main, ["build", str(minimal_lesson), "--out", str(tmp_path), "--format", "odt"])
    assert result.exit_code == 2 and "use one or more of pdf, docx" in result.output
    result = CliRunner().invoke(main, ["build", str(minimal_lesson), "--out", str(tmp_path), "--audience", "x"])
    assert "use one or more of teacher, pupil, parent, cards" in result.output


def test_a_fourth_audience_is_one_view_module_and_one_registration(minimal_lesson, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(DATA / "plugins"))
    monkeypatch.setitem(AUDIENCES, "summary", Audience("summary", "summary", "summary_view:summary_sheet", "a summary"))
    result = CliRunner().invoke(
        main, ["build", str(minimal_lesson), "--out", str(tmp_path), "--audience", "summary,pupil"]
    )
    assert result.exit_code == 0, result.output
    folder = tmp_path / "test-minimal"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "pupil-handout.docx",
        "pupil-handout.pdf",
        "summary.docx",
        "summary.pdf",
    ]
    assert "I can name a trusted adult." in read(folder / "summary.pdf")
    sys.modules.pop("summary_view", None)


def test_the_parent_leaflet_and_card_sheet_are_made_only_for_lessons_that_have_them(minimal_lesson, tmp_path):
    report = build([minimal_lesson], out=tmp_path)
    names = sorted(p.name for p in (tmp_path / "test-minimal").iterdir())
    assert "parent-leaflet.pdf" in names and "cards.pdf" not in names  # no cut-out cards in it
    assert report.failed == 0
