"""Who may read which field is declared once, on the model; the pupil and parent views get
projections that cannot hold a teacher-only field, whatever the lesson says."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from conftest import GOOD, read, reviewed_copy
from safepacks.build import build
from safepacks.model import Lesson
from safepacks.projection import field_paths, project, projected, shown_to

EVERY_FIELD = GOOD / "every-field.yaml"


def test_every_field_of_the_model_states_who_besides_the_teacher_reads_it_or_is_teacher_only():
    for path in field_paths(Lesson):
        assert path, "a field path is never empty"
    teacher_only = set(field_paths(Lesson)) - set(field_paths(Lesson, "pupil")) - set(field_paths(Lesson, "parent"))
    for expected in [
        ("safeguarding", "disclosure", "*"),
        ("activities", "*", "teacher_notes"),
        ("activities", "*", "worksheet", "cards", "*", "teacher_notes"),
        ("activities", "*", "worksheet", "statements", "*", "answer"),
        ("activities", "*", "worksheet", "statements", "*", "explanation"),
        ("activities", "*", "worksheet", "items", "*", "category"),
        ("activities", "*", "worksheet", "questions", "*", "answer"),
        ("background", "*", "text"),
        ("review", "reviewer"),
        ("plenary",),
    ]:
        assert expected in teacher_only, expected


@pytest.mark.parametrize("audience", ["pupil", "parent"])
def test_no_teacher_only_field_is_an_attribute_of_a_projection(audience):
    def walk(model: type[BaseModel], projection: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            if shown_to(info, audience):
                assert name in projection.model_fields, (model.__name__, name)
                for child in _model_types(info):
                    walk(child, projected(child, audience))
            else:
                assert name not in projection.model_fields, (model.__name__, name)

    walk(Lesson, projected(Lesson, audience))


def _model_types(info: FieldInfo) -> list[type[BaseModel]]:
    from safepacks.projection import _models

    return [model for model, _ in _models(info.annotation)]


def _marked(data: object, model: type[BaseModel], audience: str, markers: list[str]) -> object:
    """`data` with the value of every free-text field `audience` may not read set to a marker."""
    if isinstance(data, list):
        return [_marked(item, model, audience, markers) for item in data]
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        info = next((i for n, i in model.model_fields.items() if (i.alias or n) == key), None)
        children = _model_types(info) if info else []
        if children and isinstance(value, (dict, list)):
            items = value if isinstance(value, list) else [value]
            marked = [_marked(item, _pick(children, item), audience, markers) for item in items]
            out[key] = marked if isinstance(value, list) else marked[0]
        elif info and isinstance(value, str) and not shown_to(info, audience) and _free_text(info, key):
            markers.append(f"LEAK{len(markers):03d}")
            out[key] = markers[-1]
        else:
            out[key] = value
    return out


def _pick(children: list[type[BaseModel]], item: object) -> type[BaseModel]:
    """The worksheet model an item's `kind` names (or the only model there is)."""
    kind = item.get("kind") if isinstance(item, dict) else None
    for child in children:
        field = child.model_fields.get("kind")
        if kind is not None and field is not None and kind in str(field.annotation):
            return child
    return children[0]


def _free_text(info: FieldInfo, key: str) -> bool:
    """Text a marker can replace: not an id or other patterned value, nor a sort's answer (which
    must name one of the categories, and so is printed to pupils as a heading anyway)."""
    if key == "category":
        return False
    from safepacks.model import _PRINTABLE

    patterns = {getattr(m, "pattern", None) for m in info.metadata} - {None, _PRINTABLE}
    return not patterns and info.annotation in (str, str | None)


DOCUMENTS = {"pupil": ("pupil-handout", "cards"), "parent": ("parent-leaflet",)}


@pytest.fixture(scope="module", params=sorted(DOCUMENTS))
def marked_lesson(request, tmp_path_factory) -> tuple[Path, list[str], str]:
    """The every-field lesson with each text an audience may not read replaced by a marker."""
    audience = request.param
    data = yaml.safe_load(EVERY_FIELD.read_text())
    markers: list[str] = []
    marked = _marked(data, Lesson, audience, markers)
    folder = tmp_path_factory.mktemp("marked")
    path = folder / "marked.yaml"
    path.write_text(yaml.safe_dump(marked, sort_keys=False, allow_unicode=True))
    return reviewed_copy(path, tmp_path_factory.mktemp("reviewed")), markers, audience


def test_the_marked_lesson_marks_teacher_only_text_across_the_whole_model(marked_lesson):
    _, markers, _ = marked_lesson
    assert len(markers) >= 20


def test_a_projection_holds_none_of_the_text_its_audience_may_not_read(marked_lesson):
    from safepacks.checking import check_lessons

    path, markers, audience = marked_lesson
    lesson = check_lessons([path])[0].resolved.lesson
    dumped = project(lesson, audience).model_dump_json()
    assert [m for m in markers if m in dumped] == []
    assert all(m in lesson.model_dump_json() for m in markers)  # the full lesson does hold them


def test_none_of_it_reaches_the_audience_documents_in_any_format(marked_lesson, tmp_path):
    path, markers, audience = marked_lesson
    report = build([path], out=tmp_path / "out")
    assert report.failed == 0, [r.findings or r.error for r in report.results]
    folder = tmp_path / "out" / "test-every-field"
    for name in DOCUMENTS[audience]:
        for suffix in ("pdf", "docx"):
            text = read(folder / f"{name}.{suffix}")
            assert [m for m in markers if m in text] == [], f"{name}.{suffix}"


def test_a_view_reaching_for_a_teacher_only_field_fails_rather_than_leaks():
    from safepacks.checking import check_lessons

    lesson = check_lessons([EVERY_FIELD])[0].resolved.lesson
    pupil = project(lesson, "pupil")
    with pytest.raises(AttributeError):
        pupil.safeguarding  # noqa: B018
    with pytest.raises(AttributeError):
        pupil.activities[0].teacher_notes  # noqa: B018
    assert pupil.display_title == "Every field" and pupil.year_label == "Years 7–9"
