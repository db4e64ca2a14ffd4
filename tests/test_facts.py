"""Every figure and legal statement a pack prints comes from the facts registry, with its
source and year; one correction there corrects every pack; nothing unfinished is printed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import GOOD, read, reviewed_copy
from safepacks.build import build
from safepacks.checking import check_lessons
from safepacks.registry import load_registry
from safepacks.resources import REGISTRY_DIR

TODAY = dt.date(2026, 12, 2)
FACT = "cja-1988-s160-possession"


@pytest.fixture
def registry_copy(tmp_path) -> Path:
    folder = tmp_path / "registry"
    shutil.copytree(REGISTRY_DIR, folder)
    return folder


def edit_fact(folder: Path, fact_id: str, **changes: object) -> None:
    path = folder / "facts.yaml"
    data = yaml.safe_load(path.read_text())
    next(f for f in data["facts"] if f["id"] == fact_id).update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def lessons_citing(fact_id: str, folder: Path, count: int = 2) -> list[Path]:
    """Copies of the every-field lesson, under new ids, each citing `fact_id`."""
    paths = []
    for n in range(count):
        text = (GOOD / "every-field.yaml").read_text().replace("id: test-every-field", f"id: test-citing-{n}")
        path = folder / f"citing-{n}.yaml"
        path.write_text(text.replace(f"fact: {FACT}", f"fact: {fact_id}"))
        paths.append(reviewed_copy(path, folder / "reviewed"))
    return paths


def test_one_correction_in_the_registry_changes_every_pack_that_cites_the_fact(tmp_path, registry_copy):
    (tmp_path / "reviewed").mkdir()
    lessons = lessons_citing(FACT, tmp_path)
    out = tmp_path / "out"
    first = build(lessons, out=out, formats=("pdf",), audiences=("teacher",), registry=load_registry(registry_copy))
    assert first.failed == 0
    fact = load_registry(registry_copy).facts[FACT]
    for n in range(2):
        pack = read(out / f"test-citing-{n}" / "teacher-pack.pdf")
        assert " ".join(fact.claim.split()[:8]) in pack and f"({fact.citation})" in pack
    edit_fact(registry_copy, FACT, claim="CORRECTED CLAIM about possession.", year=1988)
    again = build(lessons, out=out, formats=("pdf",), audiences=("teacher",), registry=load_registry(registry_copy))
    assert sum(len(r.outputs) for r in again.results) == 2  # both packs rebuilt, nothing else
    for n in range(2):
        assert "CORRECTED CLAIM about possession." in read(out / f"test-citing-{n}" / "teacher-pack.pdf")


def found(path: Path, registry=None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in check_lessons([path], registry or load_registry(), today=TODAY)[0].findings:
        out.setdefault(f.rule, []).append(f.message)
    return out


def background(tmp_path: Path, note: str) -> Path:
    text = (GOOD / "every-field.yaml").read_text()
    path = tmp_path / "lesson.yaml"
    path.write_text(text.replace("  - text: Telling an adult works best when it is practised.", note, 1))
    return path


@pytest.mark.parametrize(
    "figure", ["61% of girls", "7,263 offences", "recorded 8224 offences", "eight times more", "almost doubled"]
)
def test_a_figure_in_background_without_a_cited_fact_is_reported(tmp_path, figure):
    path = background(tmp_path, f"  - text: Research found {figure} last year.")
    assert any("looks like a statistic" in m for m in found(path)["uncited-number"])


@pytest.mark.parametrize("words", ["Years 7 to 9 use apps from age 13.", "In 2024 the law changed.", "Call 999."])
def test_ages_years_and_small_numbers_are_not_statistics(tmp_path, words):
    path = background(tmp_path, f"  - text: {words}")
    assert "uncited-number" not in found(path)


def test_unknown_unverified_secondary_old_and_unsuited_facts_are_reported(tmp_path, registry_copy):
    path = tmp_path / "lesson.yaml"
    path.write_text((GOOD / "every-field.yaml").read_text().replace(f"fact: {FACT}", "fact: no-such-fact"))
    assert "no fact has the id 'no-such-fact'" in found(path)["unknown-fact"][0]
    edit_fact(registry_copy, FACT, verified=False, primary=False, kind="statistic", year=2015, key_stages=["KS4"])
    path.write_text((GOOD / "every-field.yaml").read_text())
    rules = found(path, load_registry(registry_copy))
    assert {"fact-unverified", "fact-secondary", "fact-old", "fact-key-stage"} <= set(rules)


def test_the_verification_page_lists_what_is_unconfirmed_and_which_lessons_rely_on_it(tmp_path, registry_copy):
    edit_fact(registry_copy, FACT, verified=False, note="MAINTAINERS-NOTE: read the section itself.")
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(reviewed_copy(GOOD / "every-field.yaml", tmp_path), library / "every-field.yaml")
    report = build([library], out=tmp_path / "out", formats=("pdf",), registry=load_registry(registry_copy))
    page = (tmp_path / "out" / "verification.html").read_text()
    assert "MAINTAINERS-NOTE" in page and FACT in page and "test-every-field" in page
    assert "posh" in page  # an unverified route
    assert (tmp_path / "out" / "verification.pdf").is_file() and report.failed == 0  # a warning, not an error
    teacher = read(tmp_path / "out" / "test-every-field" / "teacher-pack.pdf")
    assert "MAINTAINERS-NOTE" not in teacher and "not confirmed" not in teacher


@pytest.mark.parametrize(
    "phrase",
    [
        "not yet confirmed",
        "check before use",
        "Check which edition is in force",
        "wording unconfirmed",
        "no such service could be confirmed",
        "the number cannot be verified",
        "its opening hours were not confirmed",
    ],
)
def test_a_checking_note_in_lesson_text_is_an_error(tmp_path, phrase):
    path = background(tmp_path, f"  - text: The address is right ({phrase}).")
    assert found(path)["unfinished"]


def test_an_activity_gives_pupils_one_instruction(tmp_path):
    text = (
        (GOOD / "every-field.yaml")
        .read_text()
        .replace("      kind: true-false\n", "      kind: true-false\n      instructions: Tick true or false.\n")
    )
    path = tmp_path / "lesson.yaml"
    path.write_text(text)
    assert found(path)["two-instructions"]
