"""A build stopped at any moment, by a kill or by Ctrl-C, leaves every lesson's documents
whole (old or new, never a mixture), a manifest that agrees with them, no workers behind,
and nothing that the next build renders twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from safepacks.cache import LESSON_MANIFEST, file_digest
from safepacks.reviews import review

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and /proc are POSIX")
LESSONS = 5
FILES = {
    "teacher-pack.pdf",
    "pupil-handout.pdf",
    "parent-leaflet.pdf",
    "teacher-pack.docx",
    "pupil-handout.docx",
    "parent-leaflet.docx",
    "slides.pptx",
    LESSON_MANIFEST,
}


@pytest.fixture(scope="module")
def library(tmp_path_factory, minimal_lesson) -> Path:
    folder = tmp_path_factory.mktemp("library")
    for n in range(LESSONS):
        copy = folder / f"lesson-{n}.yaml"
        copy.write_text(minimal_lesson.read_text().replace("id: test-minimal", f"id: test-crash-{n}"))
        review(copy, by="Test Reviewer", role="PSHE lead")
    return folder


def start(library: Path, out: Path, marker: str) -> subprocess.Popen:
    env = {**os.environ, "SAFEPACKS_TEST_MARKER": marker}
    command = [sys.executable, "-m", "safepacks", "build", str(library), "--out", str(out), "-j", "2"]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if f"SAFEPACKS_TEST_MARKER={marker}".encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def assert_whole(out: Path) -> set[str]:
    """Every lesson folder holds all its files, each as its manifest records it; the names of
    the complete lessons."""
    complete = set()
    for folder in out.iterdir() if out.exists() else ():
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        assert {p.name for p in folder.iterdir()} == FILES, folder
        entries = json.loads((folder / LESSON_MANIFEST).read_text())["outputs"]
        for name, entry in entries.items():
            assert file_digest(folder / name) == entry["sha256"], (folder, name)
        complete.add(folder.name)
    return complete


@pytest.mark.parametrize("after", [0.5, 1.0, 1.6, 2.2, 3.0, 4.0])
def test_a_killed_build_leaves_whole_lessons_and_no_workers(library, tmp_path, after):
    out, marker = tmp_path / "out", uuid.uuid4().hex
    build = start(library, out, marker)
    time.sleep(after)
    os.killpg(build.pid, signal.SIGKILL) if build.poll() is None else None
    build.wait()
    deadline = time.monotonic() + 5
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with(marker) == [], "workers outlived the build"
    complete = assert_whole(out)
    again = subprocess.run(
        [sys.executable, "-m", "safepacks", "build", str(library), "--out", str(out)], capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert assert_whole(out) == {f"test-crash-{n}" for n in range(LESSONS)}
    assert not [p for p in out.iterdir() if p.name.startswith((".staging-", ".old-")) or p.suffix == ".part"]
    for lesson in complete:  # finished before the kill: not rendered again
        assert f"built  {lesson}: 0 written, 7 unchanged" in again.stdout, again.stdout


def test_ctrl_c_stops_within_a_second_with_one_line_and_exit_130(library, tmp_path):
    out, marker = tmp_path / "out", uuid.uuid4().hex
    build = start(library, out, marker)
    time.sleep(1.5)
    stopped_at = time.monotonic()
    os.killpg(build.pid, signal.SIGINT)  # what a terminal sends to the whole group
    stdout, stderr = build.communicate(timeout=10)
    assert time.monotonic() - stopped_at < 1.5
    assert build.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert "stopped: the lessons finished so far are kept" in stderr
    time.sleep(0.5)
    assert processes_with(marker) == []
    assert_whole(out)
