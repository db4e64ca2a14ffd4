"""The command line: help with examples, versions, usage errors, list and schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import GOOD
from safepacks.cli import main
from safepacks.resources import LIBRARY_DIR

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
        (["build", "--format", "odt"], "use one or more of pdf, docx, pptx"),
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
    assert set(findings[0]) == {"path", "line", "column", "severity", "rule", "message", "hint", "field"}


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


def _run_on_a_terminal(args: list[str], *, stderr_to_file: Path | None = None) -> str:
    """Run the CLI with stdout and stderr on a pseudo-terminal (or stderr to a file)."""
    import os
    import pty
    import subprocess

    main_end, terminal = pty.openpty()
    with open(stderr_to_file, "w") if stderr_to_file else open(os.devnull) as log:  # noqa: PTH123
        process = subprocess.Popen(
            [sys.executable, "-m", "safepacks", *args],
            stdout=terminal,
            stderr=log if stderr_to_file else terminal,
            env={**os.environ, "COLUMNS": "100"},
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(main_end, 65536)
            except OSError:  # the terminal closed: the build is over
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
    os.close(main_end)
    return b"".join(chunks).decode()


def test_the_progress_bar_never_shares_a_line_with_what_was_built(tmp_path):
    lesson = str(LIBRARY_DIR / "ks3" / "recognising-grooming.yaml")
    shown = _run_on_a_terminal(["build", lesson, "--out", str(tmp_path / "out"), "--format", "pdf"])
    assert "Rendering" in shown
    built = shown.index("built  ks3-recognising-grooming")
    assert shown[:built].endswith("\r\x1b[K"), "the bar was not cleared before the result line"


def test_no_progress_frames_reach_a_log_file(tmp_path):
    lesson = str(LIBRARY_DIR / "ks3" / "recognising-grooming.yaml")
    log = tmp_path / "log"
    shown = _run_on_a_terminal(["build", lesson, "--out", str(tmp_path / "out"), "--format", "pdf"], stderr_to_file=log)
    assert "built  ks3-recognising-grooming" in shown
    assert "\r" not in log.read_text() and "Rendering" not in log.read_text()
    assert "Rendering" not in shown
