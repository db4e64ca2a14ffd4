"""The Word files use real styles, A4 pages and page-number fields, so teachers can edit them."""

from __future__ import annotations

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
