"""Fuzzing the pipeline: any bytes, any YAML-shaped tree, any overlay of a bundled lesson gives
a lesson or findings with places, never an uncaught exception, and quickly.

`make fuzz` runs the same properties far longer (HYPOTHESIS_PROFILE=deep). Inputs that ever
broke something are kept in tests/data/fuzz/ and replayed here on every run.
"""

from __future__ import annotations

import os
import string
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, GOOD
from safepacks.checking import check_lessons
from safepacks.cli import main
from safepacks.findings import Finding
from safepacks.loading import LoadError, load
from safepacks.outputs import AUDIENCES
from safepacks.registry import load_registry
from safepacks.render.html import render_html

settings.register_profile("default", max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=5000, deadline=10000, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
REGISTRY = load_registry()
MINIMAL = yaml.safe_load((GOOD / "minimal.yaml").read_text())
CRASHERS = sorted((DATA / "fuzz").glob("*.yaml"))


def checked(tmp: Path, text: str | bytes) -> list[Finding]:
    path = tmp / "fuzzed.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    started = time.perf_counter()
    (item,) = check_lessons([path], REGISTRY)
    assert time.perf_counter() - started < 5
    if item.resolved is not None and item.ok:  # a good lesson: every view must compose and render
        for audience in AUDIENCES.values():
            if audience.applies(item.resolved.lesson):
                render_html(audience.view(item.resolved))
    return item.findings


@pytest.mark.parametrize("path", CRASHERS, ids=[p.name for p in CRASHERS])
def test_every_input_that_once_broke_something_gives_findings(path):
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{path.name}:" in result.output


@given(st.binary(max_size=2000))
def test_any_bytes_load_or_give_a_finding(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "x.yaml"
    path.write_bytes(data)
    try:
        load(path)
    except LoadError as exc:
        assert exc.finding.position.line >= 1


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40), st.dates()
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(string.ascii_lowercase + "_", max_size=12), children, max_size=5),
    ),
    max_leaves=30,
)


@given(trees)
def test_any_yaml_shaped_tree_is_a_lesson_or_findings(tmp_path_factory, tree):
    findings = checked(tmp_path_factory.mktemp("tree"), yaml.safe_dump(tree, allow_unicode=True))
    assert all(f.position.line >= 1 for f in findings)


field_names = st.sampled_from(sorted(MINIMAL) + ["activity_changes", "extends", "junk"])


@given(st.dictionaries(field_names, trees, max_size=6))
def test_any_change_to_a_good_lesson_is_a_lesson_or_findings(tmp_path_factory, changes):
    findings = checked(tmp_path_factory.mktemp("change"), yaml.safe_dump({**MINIMAL, **changes}, allow_unicode=True))
    assert all(isinstance(f, Finding) for f in findings)


change_ops = st.one_of(
    st.fixed_dictionaries({"remove": st.sampled_from(["ground-rules-and-baseline", "nope", "spot-the-signs"])}),
    st.fixed_dictionaries({"replace": st.text(max_size=20), "with": trees}),
    st.fixed_dictionaries({"add_after": st.text(max_size=20), "activity": trees}),
    st.fixed_dictionaries({"minutes": st.dictionaries(st.text(max_size=20), st.integers(-5, 500), max_size=3)}),
    trees,
)


@given(
    st.dictionaries(st.sampled_from(sorted(MINIMAL)), trees, max_size=4),
    st.lists(change_ops, max_size=4),
    st.sampled_from(["ks3-recognising-grooming", "ks2-live-streaming", "ks4-reporting-and-removing-images", "x"]),
)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_any_overlay_of_a_bundled_lesson_is_a_lesson_or_findings(tmp_path_factory, fields, changes, base):
    overlay = {**fields, "extends": base, "id": "fuzzed-overlay", "activity_changes": changes}
    findings = checked(tmp_path_factory.mktemp("overlay"), yaml.safe_dump(overlay, allow_unicode=True))
    assert all(f.position.line >= 1 for f in findings)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=3000))
def test_any_text_in_any_field_is_checked_quickly(tmp_path_factory, text):
    lesson = {**MINIMAL, "plenary": text or "x", "summary": (text * 3)[:8000] or "x"}
    checked(tmp_path_factory.mktemp("text"), yaml.safe_dump(lesson, allow_unicode=True))
