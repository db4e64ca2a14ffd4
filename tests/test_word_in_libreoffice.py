"""The Word files, opened the way many teachers open them (LibreOffice), run to as many
pages as the PDFs: within one page, for every bundled document."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader


@pytest.fixture(scope="module")
def converted(bundled_build, tmp_path_factory):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: `make test` installs it (libreoffice-writer-nogui)")
    out = tmp_path_factory.mktemp("libreoffice")
    documents = sorted(bundled_build.out.glob("*/*.docx"))
    profile = tmp_path_factory.mktemp("profile")
    for folder in sorted({document.parent for document in documents}):  # names repeat across lessons
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out / folder.name), *map(str, sorted(folder.glob("*.docx")))],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    return [(document, out / document.parent.name / f"{document.stem}.pdf") for document in documents]


def test_every_word_file_runs_to_the_pdfs_page_count_within_one(converted):
    gaps = {}
    for document, from_word in converted:
        pdf = document.with_suffix(".pdf")
        ours, theirs = len(PdfReader(pdf).pages), len(PdfReader(from_word).pages)
        if abs(ours - theirs) > 1:
            gaps[f"{document.parent.name}/{document.name}"] = (ours, theirs)
    assert gaps == {}, "PDF pages vs LibreOffice pages"
