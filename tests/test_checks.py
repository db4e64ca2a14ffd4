"""Each rule, with a passing and a failing case, reported at the right line and column."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import GOOD
from safepacks.checking import check_lessons
from safepacks.cli import main
from safepacks.registry import load_registry
from safepacks.resources import REGISTRY_DIR
from safepacks.reviews import review
from safepacks.rules import RULES

TODAY = dt.date(2026, 11, 23)
MINIMAL = (GOOD / "minimal.yaml").read_text()


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def lesson(tmp_path: Path, text: str = MINIMAL, name: str = "lesson.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def edited(*pairs: tuple[str, str]) -> str:
    text = MINIMAL
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


def found(path: Path, registry, *, today: dt.date = TODAY) -> dict[str, list[tuple[int, int, str]]]:
    out: dict[str, list[tuple[int, int, str]]] = {}
    for f in check_lessons([path], registry, today=today)[0].findings:
        out.setdefault(f.rule, []).append((f.position.line, f.position.column, f.severity.value))
    return out


def reviewed(path: Path, registry, today: dt.date = TODAY) -> Path:
    review(path, by="A. Reviewer", role="PSHE lead", today=today, registry=registry)
    return path


# --- review ---


def test_review_missing_then_recorded(tmp_path, registry):
    path = lesson(tmp_path)
    assert found(path, registry)["review-missing"] == [(2, 1, "error")]
    reviewed(path, registry)
    assert not {"review-missing", "review-stale"} & set(found(path, registry))


def test_review_stale_after_any_text_edit(tmp_path, registry):
    path = reviewed(lesson(tmp_path), registry)
    path.write_text(path.read_text().replace("Recap who we can tell.", "Recap who we could tell."))
    stale = found(path, registry)["review-stale"]
    line = path.read_text().splitlines().index(next(x for x in path.read_text().splitlines() if "fingerprint:" in x))
    assert stale == [(line + 1, 16, "error")]


def test_comments_and_layout_do_not_make_a_review_stale(tmp_path, registry):
    path = reviewed(lesson(tmp_path), registry)
    path.write_text(
        "# a new comment at the top\n" + path.read_text().replace("year_groups: [5, 6]", "year_groups:\n  - 5\n  - 6")
    )
    assert "review-stale" not in found(path, registry)


def test_review_superseded_when_the_registry_marks_guidance_superseded(tmp_path):
    folder = tmp_path / "registry"
    shutil.copytree(REGISTRY_DIR, folder)
    registry = load_registry(folder)
    path = reviewed(lesson(tmp_path), registry)
    assert "review-superseded" not in found(path, registry)
    doc = folder / "guidance" / "rshe-2025.yaml"
    doc.write_text(
        doc.read_text().replace("superseded_by: null", "superseded_by: rshe-2019", 1)
        if "superseded_by: null" in doc.read_text()
        else doc.read_text() + "superseded_by: rshe-2019\n"
    )
    superseded = found(path, load_registry(folder))["review-superseded"]
    assert superseded and all(severity == "error" for *_, severity in superseded)


def test_review_overdue_is_a_warning(tmp_path, registry):
    path = reviewed(lesson(tmp_path), registry, today=dt.date(2024, 1, 1))
    assert "review-overdue" not in found(path, registry, today=dt.date(2024, 6, 1))
    assert found(path, registry)["review-overdue"][0][2] == "warning"


def test_review_naming_unknown_guidance(tmp_path, registry):
    path = reviewed(lesson(tmp_path), registry)
    head, tail = path.read_text().rsplit("guidance: [", 1)  # the review's, not an outcome's
    path.write_text(head + "guidance: [no-such-document, " + tail)
    assert "review-unknown-guidance" in found(path, registry)


def test_review_refuses_a_lesson_with_errors_and_leaves_it_untouched(tmp_path, registry):
    path = lesson(tmp_path, edited(("minutes: 20", "minutes: 25")))
    before = path.read_text()
    with pytest.raises(Exception, match="not reviewed, because the checks found errors"):
        review(path, by="A", role="B", today=TODAY, registry=registry)
    assert path.read_text() == before


def test_review_keeps_comments_and_replaces_an_old_block(tmp_path, registry):
    path = reviewed(lesson(tmp_path), registry)
    reviewed(path, registry, today=dt.date(2026, 12, 1))
    text = path.read_text()
    assert text.startswith("# A small but complete lesson used by the tests")
    assert text.count("\nreview:") == 1 and "date: 2026-12-01" in text
    assert yaml.safe_load(text)["review"]["next_review"] == dt.date(2027, 12, 1)
    assert text.replace(text[text.index("\n\nreview:") :], "") == MINIMAL.rstrip("\n")


# --- references ---


def test_unverified_guidance_and_signposting_are_information_only(tmp_path, registry):
    path = lesson(
        tmp_path, edited(("signposting: [trusted-adult, childline]", "signposting: [trusted-adult, childline, posh]"))
    )
    result = found(path, registry)
    assert result["guidance-unverified"] == [(15, 16, "info")]
    assert result["signposting-unverified"] == [(62, 41, "info")]  # posh: its number is seen only second-hand
    assert "signposting-unverified" not in found(lesson(tmp_path, name="plain.yaml"), registry)


# --- safe practice ---


@pytest.mark.parametrize(
    "old, rule",
    [
        ("  ground_rules:\n    - We do not share personal stories.\n", "safe-ground-rules"),
        ("  distancing: All characters are made up.\n", "safe-distancing"),
        ("  question_box: Pupils may post questions in the box.\n", "safe-question-box"),
        ("  disclosure:\n    - Listen calmly and tell the DSL the same day.\n", "safe-disclosure"),
        ("signposting: [trusted-adult, childline]\n", "safe-signposting"),
    ],
)
def test_safe_practice_is_required_of_sensitive_lessons(tmp_path, registry, old, rule):
    assert rule not in found(lesson(tmp_path), registry)
    assert found(lesson(tmp_path, edited((old, ""))), registry)[rule][0][2] == "error"
    low = lesson(tmp_path, edited((old, ""), ("sensitivity: medium", "sensitivity: low")), name="low.yaml")
    assert found(low, registry)[rule][0][2] == "warning"


def test_risk_areas_are_expected(tmp_path, registry):
    assert found(lesson(tmp_path, edited(("risk_areas: [contact]\n", ""))), registry)["risk-areas"][0][2] == "warning"


# --- wording ---


def test_discouraged_terms_are_found_at_their_exact_place(tmp_path, registry):
    text = edited(
        (
            "    teacher_notes: Go through the answers together.",
            "    teacher_notes: >-\n"
            "      Go through the answers together. Do not call it\n"
            "      child   pornography or sexting.",
        )
    )
    result = found(lesson(tmp_path, text), registry)
    lines = text.splitlines()
    child = next(i for i, x in enumerate(lines) if "child   pornography" in x)
    assert result["terminology"] == [(child + 1, 7, "warning"), (child + 1, 30, "warning")]


def test_victim_blaming_phrasing_is_flagged(tmp_path, registry):
    text = edited(("plenary: Recap who we can tell.", "plenary: Recap that Sam put himself at risk."))
    assert found(lesson(tmp_path, text), registry)["terminology"] == [(58, 25, "warning")]
    assert "terminology" not in found(lesson(tmp_path, name="clean.yaml"), registry)


@pytest.mark.parametrize(
    "typed, starts_at",
    [
        ("call 0800 1111", "0800"),
        ("call 0808 800 5000", "0808"),
        ("www.childline.org.uk", "www"),
        ("childline.org.uk", "childline"),
        ("https://www.iwf.org.uk/report", "https"),
        ("help@nspcc.org.uk", "help"),
        ("ring 999", "ring"),
    ],
)
def test_contact_details_typed_inline_are_errors(tmp_path, registry, typed, starts_at):
    text = edited(("plenary: Recap who we can tell.", f"plenary: Recap who we can {typed} today."))
    column = len("plenary: Recap who we can ") + typed.index(starts_at) + 1
    assert found(lesson(tmp_path, text), registry)["inline-contact"] == [(58, column, "error")]


def test_numbers_that_are_not_contacts_pass(tmp_path, registry):
    text = edited(("plenary: Recap who we can tell.", "plenary: Recap the 101 ideas in 10 minutes."))
    assert "inline-contact" not in found(lesson(tmp_path, text), registry)


def test_pupil_text_above_the_key_stage_reading_level_is_reported_per_field(tmp_path, registry):
    hard = (
        "Consequently, individuals communicating anonymously through sophisticated interactive platforms "
        "occasionally misrepresent characteristics, necessitating considerable discernment and vigilance."
    )
    text = edited(("    pupil_task: Write the name of one adult you trust.", f"    pupil_task: {hard}"))
    result = found(lesson(tmp_path, text), registry)
    assert result["readability"] == [(39, 17, "warning")]
    assert "readability" not in found(lesson(tmp_path, name="easy.yaml"), registry)


def test_teacher_text_is_not_judged_for_reading_level(tmp_path, registry):
    hard = "Consequently, practitioners should anticipate heterogeneous, idiosyncratic interpretations throughout."
    text = edited(("plenary: Recap who we can tell.", f"plenary: {hard} {hard}"))
    assert "readability" not in found(lesson(tmp_path, text), registry)


# --- accessibility ---


@pytest.mark.parametrize(
    "picture, rules",
    [
        ("    illustration: {file: where-to-get-help.svg, alt: ''}\n", {"image-alt"}),
        ("    illustration: {file: no-such-picture.svg, alt: A picture}\n", {"image-missing"}),
        ("    illustration: {file: no-such-picture.svg}\n", {"image-alt", "image-missing"}),
    ],
)
def test_pictures_need_alt_text_and_must_exist(tmp_path, registry, picture, rules):
    text = edited(("    writing_lines: 2\n", "    writing_lines: 2\n" + picture))
    result = found(lesson(tmp_path, text), registry)
    assert rules <= set(result) and not ({"image-alt", "image-missing"} - rules) & set(result)


def test_a_picture_cannot_point_outside_the_images_folder(tmp_path, registry):
    text = edited(
        ("    writing_lines: 2\n", "    writing_lines: 2\n    illustration: {file: ../../etc/passwd.svg, alt: x}\n")
    )
    assert found(lesson(tmp_path, text), registry)["schema"][0][2] == "error"


# --- the command ---


def test_check_rules_lists_every_rule():
    result = CliRunner().invoke(main, ["check", "--rules"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == list(RULES)


def test_strict_turns_warnings_into_errors(tmp_path, registry):
    path = reviewed(lesson(tmp_path, edited(("risk_areas: [contact]\n", ""))), registry)
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 0
    strict = CliRunner().invoke(main, ["check", "--strict", str(path)])
    assert strict.exit_code == 1 and "error[risk-areas]" in strict.output


# --- file pitfalls and completeness ---


def test_text_lost_to_a_yaml_comment_is_reported(tmp_path, registry):
    text = edited(("    source: Childline (NSPCC)", "    source: Childline (NSPCC) #HelpForKids"))
    assert found(lesson(tmp_path, text), registry)["yaml-hashtag"] == [(32, 31, "warning")]
    quoted = edited(("    source: Childline (NSPCC)", '    source: "Childline (NSPCC) #HelpForKids"'))
    assert "yaml-hashtag" not in found(lesson(tmp_path, quoted, name="quoted.yaml"), registry)


def test_a_lesson_without_a_parents_block_is_told_it_gets_no_leaflet(tmp_path, registry):
    without = MINIMAL[: MINIMAL.index("parents:")]
    assert found(lesson(tmp_path, without), registry)["parents-missing"][0][2] == "warning"
    assert "parents-missing" not in found(lesson(tmp_path, name="with.yaml"), registry)


def test_todo_placeholders_are_errors(tmp_path, registry):
    text = edited(("plenary: Recap who we can tell.", "plenary: 'TODO: write the plenary'"))
    assert found(lesson(tmp_path, text), registry)["placeholder"] == [(58, 10, "error")]
