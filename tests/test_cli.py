"""The command line: help with examples, versions, usage errors, list and schema."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import GOOD
from safepacks.cli import main

COMMANDS = ["build", "check", "list", "schema"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and f"safepacks {command}" in result.output


def test_top_level_help_lists_commands_and_version_works():
    result = CliRunner().invoke(main, ["--help"])
    assert all(command in result.output for command in COMMANDS)
    version = CliRunner().invoke(main, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("safepacks, version ")


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "no/such/lesson.yaml"], "no/such/lesson.yaml: no such file, folder or lesson id"),
        (["check", "no/such/folder"], "no/such/folder: no such file, folder or lesson id"),
        (["build", "--format", "pptx"], "use one or more of pdf, docx"),
        (["build", "--audience", "governors"], "use one or more of teacher, pupil"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args, message):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_list_shows_one_line_per_lesson():
    result = CliRunner().invoke(main, ["list", str(GOOD / "minimal.yaml")])
    assert result.exit_code == 0
    line = result.output.strip()
    assert line.split()[:3] == ["test-minimal", "KS2", "reporting"]
    assert "Test lesson on telling a trusted adult [not reviewed]" in line


def test_check_json_is_machine_readable(minimal_lesson):
    result = CliRunner().invoke(main, ["check", "--format", "json", str(minimal_lesson)])
    assert result.exit_code == 0
    findings = json.loads(result.output)
    assert findings and {f["severity"] for f in findings} == {"info"}
    assert set(findings[0]) == {"path", "line", "column", "severity", "rule", "message", "hint"}


def test_schema_is_json_schema_of_a_lesson():
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.output)
    assert schema["title"] == "Lesson"
    assert {"id", "title", "activities", "safeguarding", "signposting"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_build_only_the_audience_and_format_asked_for(tmp_path, minimal_lesson):
    args = [
        "build",
        str(minimal_lesson),
        "--out",
        str(tmp_path),
        "--audience",
        "pupil",
        "--format",
        "docx",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "test-minimal").iterdir() if not p.name.startswith(".")] == [
        "pupil-handout.docx"
    ]
    assert f"1 lesson built, 0 failed; output in {tmp_path}" in result.output
