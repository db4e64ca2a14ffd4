"""Lesson files crafted to read local files or reach the network into a PDF do not."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import DATA, read
from safepacks.checking import check_lessons
from safepacks.loading import load
from safepacks.outputs import AUDIENCES, FORMATS
from safepacks.registry import load_registry
from safepacks.render.docx import render_docx
from safepacks.render.pdf import AssetFetchError, AssetsOnlyFetcher, render_pdf
from safepacks.render.pptx import render_pptx
from safepacks.resolve import resolve
from safepacks.validate import validate_lesson

HOSTILE = DATA / "hostile" / "reads-files-and-network.yaml"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    """Render the hostile lesson directly, past the checks that would refuse it: the renderers'
    own defences are what is tested here."""
    out = tmp_path_factory.mktemp("hostile")
    source = load(HOSTILE)
    lesson, _ = validate_lesson(source)
    resolved, _ = resolve(lesson, source, load_registry())
    for audience in AUDIENCES.values():
        if not audience.applies(lesson):
            continue
        document = audience.view(resolved)
        if audience.made_in(FORMATS["pdf"]):
            (out / f"{audience.stem}.pdf").write_bytes(render_pdf(document))
            (out / f"{audience.stem}.docx").write_bytes(render_docx(document))
        else:
            (out / f"{audience.stem}.pptx").write_bytes(render_pptx(document))
    return out


def test_the_checks_refuse_the_hostile_lesson():
    findings = check_lessons([HOSTILE], load_registry())[0].findings
    assert {f.rule for f in findings if f.is_error} >= {"inline-contact"}


def link_targets(pdf: Path) -> list[str]:
    targets = []
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


@pytest.mark.parametrize("name", ["teacher-pack.pdf", "pupil-handout.pdf"])
def test_html_in_a_lesson_is_printed_as_text_not_obeyed(hostile_build, name):
    text = read(hostile_build / name)
    assert "<script>document.write(1)</script>" in text  # the learning objective
    if name == "teacher-pack.pdf":  # prior knowledge is for teachers only
        assert '<img src="file:///etc/passwd">' in text
    assert "root:x:0:0" not in text


def test_only_safe_links_become_clickable(hostile_build):
    targets = link_targets(hostile_build / "teacher-pack.pdf")
    assert "https://www.example.org/" in targets
    assert not [t for t in targets if not t.startswith(("https:", "mailto:", "tel:"))]


def test_nothing_is_attached_to_the_pdf(hostile_build):
    for name in ("teacher-pack.pdf", "pupil-handout.pdf"):
        reader = PdfReader(hostile_build / name)
        names = reader.trailer["/Root"].get("/Names") or {}
        assert "/EmbeddedFiles" not in names
        assert b"/EmbeddedFile" not in (hostile_build / name).read_bytes()


def test_the_docx_keeps_the_text_and_drops_unsafe_links(hostile_build):
    import zipfile

    with zipfile.ZipFile(hostile_build / "teacher-pack.docx") as docx:
        relationships = docx.read("word/_rels/document.xml.rels").decode()
    assert "https://www.example.org/" in relationships
    assert "file:" not in relationships and "javascript:" not in relationships
    assert "<script>document.write(1)</script>" in read(hostile_build / "teacher-pack.docx")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/style.css",
        "https://example.org/image.png",
        "data:text/plain,hello",
    ],
)
def test_the_fetcher_refuses_anything_but_bundled_assets(url):
    with pytest.raises(AssetFetchError):
        AssetsOnlyFetcher().fetch(url)


def test_the_fetcher_refuses_paths_that_climb_out_of_the_assets_folder():
    fetcher = AssetsOnlyFetcher()
    with pytest.raises(AssetFetchError):
        fetcher.fetch(fetcher.root.as_uri() + "/../pyproject.toml")


def test_the_fetcher_reads_our_own_illustrations():
    fetcher = AssetsOnlyFetcher()
    response = fetcher.fetch((fetcher.root / "where-to-get-help.svg").as_uri())
    assert b"<svg" in response.read()


def test_the_fetcher_decodes_paths_with_spaces_and_accents(tmp_path):
    logo = tmp_path / "PSHE Resources" / "Logo École.svg"
    logo.parent.mkdir()
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    fetcher = AssetsOnlyFetcher(files=[logo])
    assert "%20" in logo.as_uri()
    assert b"<svg" in fetcher.fetch(logo.as_uri()).read()


def test_the_fetcher_refuses_lesson_files_and_registries_next_to_the_images():
    from safepacks.resources import REGISTRY_DIR

    with pytest.raises(AssetFetchError, match="only bundled illustrations"):
        AssetsOnlyFetcher().fetch((REGISTRY_DIR / "signposting.yaml").as_uri())
