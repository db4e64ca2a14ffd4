"""The Word files use real styles, A4 pages and page-number fields, so teachers can edit them."""

from __future__ import annotations

import pytest
from docx import Document as open_docx


def all_paragraphs(container):
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    yield from all_paragraphs(cell)
        else:
            yield block


def test_docx_uses_word_styles_a4_and_page_fields(minimal_build):
    document = open_docx(str(minimal_build / "teacher-pack.docx"))
    styles = {p.style.name for p in all_paragraphs(document)}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "List Number"} <= styles
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 17
    footer_xml = section.footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert any(t.style.name == "Table Grid" for t in document.tables)


def test_docx_table_header_rows_repeat_across_pages(minimal_build):
    document = open_docx(str(minimal_build / "teacher-pack.docx"))
    grids = [t for t in document.tables if t.style.name == "Table Grid"]
    assert grids and all("w:tblHeader" in t.rows[0]._tr.xml for t in grids)


def test_each_numbered_list_restarts_at_one(bundled_build):
    document = open_docx(str(next(bundled_build.out.glob("*/teacher-pack.docx"))))
    numbered = [p for p in all_paragraphs(document) if p.style.name == "List Number"]
    starts = [p for p in numbered if p._p.pPr.numPr is not None]
    assert len(starts) > 3
    ids = [p._p.pPr.numPr.numId.val for p in starts]
    numbering = document.part.numbering_part.element
    for num_id in set(ids):
        num = numbering.num_having_numId(num_id)
        assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]


def test_a_quiz_question_and_its_options_stay_on_one_page_in_word(bundled_build):
    """Keep-with-next on the question and on every option but the last: Word never strands
    a question at the foot of a page or its last option at the top of the next."""
    document = open_docx(str(next(bundled_build.out.glob("*/pupil-handout.docx"))))
    paragraphs = list(all_paragraphs(document))
    options = [i for i, p in enumerate(paragraphs) if p.text.startswith("\u2610 ")]
    assert len(options) >= 8
    first = options[0]
    assert paragraphs[first - 1].paragraph_format.keep_with_next  # the question
    run = [first]  # the first question's options: consecutive paragraphs
    while run[-1] + 1 in options:
        run.append(run[-1] + 1)
    assert all(paragraphs[i].paragraph_format.keep_with_next for i in run[:-1])
    assert not paragraphs[run[-1]].paragraph_format.keep_with_next


def docx_parts(path):
    """Every WordprocessingML part of a DOCX, parsed."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }, archive.namelist()


@pytest.fixture(scope="module")
def docx_files(bundled_build):
    found = sorted(bundled_build.out.glob("**/*.docx"))
    assert len(found) >= 30
    return found


def test_every_docx_part_is_in_schema_order(docx_files):
    from safepacks.render.ooxml import out_of_schema_order

    for path in docx_files:
        parts, _ = docx_parts(path)
        for name, root in parts.items():
            assert out_of_schema_order(root) == [], f"{path.name} {name}"


def test_word_files_are_uk_english_current_word_and_say_who_made_them(docx_files):
    import zipfile

    for path in docx_files:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            styles = archive.read("word/styles.xml").decode()
            settings = archive.read("word/settings.xml").decode()
            app = archive.read("docProps/app.xml").decode()
            core = archive.read("docProps/core.xml").decode()
        assert 'w:lang w:val="en-GB"' in styles and "en-US" not in styles, path.name
        assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
        assert "<Application>safepacks</Application>" in app and "Macintosh" not in app
        assert "python-docx" not in core and "<dc:language>en-GB</dc:language>" in core
        assert not any("thumbnail" in name for name in names), path.name


def test_every_style_a_word_file_names_is_defined(docx_files):
    from docx.oxml.ns import qn

    for path in docx_files:
        parts, _ = docx_parts(path)
        defined = {s.get(qn("w:styleId")) for s in parts["word/styles.xml"].iter(qn("w:style"))}
        for name, root in parts.items():
            for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
                for used in root.iter(qn(tag)):
                    assert used.get(qn("w:val")) in defined, f"{path.name} {name}: {used.get(qn('w:val'))}"


def test_boxes_are_named_table_styles_and_their_titles_are_headings(bundled_build):
    document = open_docx(str(next(bundled_build.out.glob("*/teacher-pack.docx"))))
    styles = {t.style.name for t in document.tables if t.style is not None}
    assert {"Objective box", "Safeguarding box", "Help box"} <= styles
    box = next(t for t in document.tables if t.style.name == "Safeguarding box")
    assert box.cell(0, 0).paragraphs[0].style.name.startswith("Heading")


def test_columns_keep_their_widths_and_writing_space_its_lines(bundled_build):
    from docx.oxml.ns import qn

    for path in bundled_build.out.glob("*/*.docx"):
        for table in open_docx(str(path)).tables:
            grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
            assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed", path.name
            assert abs(sum(grid) - int(table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))) <= len(grid)
    handouts = [open_docx(str(path)) for path in bundled_build.out.glob("*/pupil-handout.docx")]
    ruled = [t for h in handouts for t in h.tables if t._tbl.find(f".//{qn('w:trHeight')}") is not None]
    assert any(len(t.rows) >= 2 for t in ruled)  # several writing lines stay several lines, not one


def test_the_school_name_sits_at_the_right_margin_of_the_header(tmp_path):
    from docx.oxml.ns import qn

    from conftest import EXAMPLE_SCHOOL
    from safepacks.build import build
    from safepacks.resources import LIBRARY_DIR

    build(
        [LIBRARY_DIR / "ks2" / "live-streaming.yaml"],
        out=tmp_path,
        formats=["docx"],
        school=EXAMPLE_SCHOOL / "school.yaml",
    )
    header = open_docx(str(next(tmp_path.glob("*/pupil-handout.docx")))).sections[0].header.paragraphs[0]
    tabs = header._p.pPr.find(qn("w:tabs"))
    stops = [(t.get(qn("w:val")), int(t.get(qn("w:pos")))) for t in tabs]
    assert ("right", 9978) in stops  # 176 mm: the right margin of an A4 page with 17 mm margins
    assert all(kind in ("right", "clear") for kind, _ in stops)
