"""A school installs safepacks from a wheel and works from any folder: nothing it needs at
run time may depend on this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "deprecat" not in (result.stdout + result.stderr).lower(), result.stderr
    return next(out.glob("safepacks-*.whl"))


def test_the_wheel_carries_everything_needed_at_run_time(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in [
        "safepacks/data/lessons/ks3/recognising-grooming.yaml",
        "safepacks/data/registry/signposting.yaml",
        "safepacks/data/registry/facts.yaml",
        "safepacks/data/registry/guidance/kcsie-2026.yaml",
        "safepacks/data/templates/document.html.j2",
        "safepacks/data/css/pack.css",
        "safepacks/data/css/variants/large-print.css",
        "safepacks/data/images/where-to-get-help.svg",
        "safepacks/data/schemas/lesson.schema.json",
        "safepacks/data/workspace/school.yaml",
        "safepacks/data/workspace/README.md",
    ]:
        assert expected in names, expected
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment outside the repository with the wheel installed; the
    libraries it needs come from this environment (read-only), so nothing is downloaded."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)]
    subprocess.run(pip, check=True)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_an_installed_wheel_builds_packs_in_a_new_school_workspace(installed, tmp_path):
    def safepacks(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run([str(installed), "-m", "safepacks", *args], capture_output=True, text=True, cwd=cwd)

    where = safepacks("--version", cwd=tmp_path)
    assert where.returncode == 0
    located = subprocess.run(
        [str(installed), "-c", "import safepacks; print(safepacks.__file__)"], capture_output=True, text=True
    ).stdout
    assert str(REPO) not in located  # the wheel's copy, not this checkout's
    assert safepacks("init", "x y/Oakfield Primary", cwd=tmp_path).returncode == 0
    school = tmp_path / "x y" / "Oakfield Primary"
    listed = safepacks("list", "--library", cwd=school)
    assert listed.returncode == 0 and "ks3-recognising-grooming" in listed.stdout
    built = safepacks("build", "ks3-recognising-grooming", "--format", "pdf", "--audience", "teacher", cwd=school)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (school / "build" / "ks3-recognising-grooming" / "teacher-pack.pdf").is_file()
    for command in (("check", "ks3-recognising-grooming"), ("coverage",)):
        result = safepacks(*command, cwd=school)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in built.stderr
