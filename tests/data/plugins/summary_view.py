"""A fourth audience, as a school or a contributor would add one: one view module."""

from safepacks.document import Cover, Document, ListBlock, Paragraph, text


def summary_sheet(resolved):  # noqa: ANN001, ANN201
    lesson = resolved.lesson
    outcomes = ListBlock(tuple((Paragraph(text(o.text)),) for o in lesson.learning_outcomes))
    return Document(
        kind="summary",
        title=f"{lesson.display_title}: summary",
        header="Summary",
        organisation="",
        footer=lesson.key_stage.value,
        blocks=(Cover("Summary", lesson.display_title, "", ()), outcomes),
    )
