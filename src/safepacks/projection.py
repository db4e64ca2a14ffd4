"""What one audience may read of a lesson: a projection built from the `Shown` field metadata.

`projected(Lesson, "pupil")` is a real pydantic class holding only the fields shown to
pupils, with every nested model projected the same way (answers, teacher notes, safeguarding
notes and review records are simply not attributes of it). The pupil and parent views get
an instance of it, so a view that reached for a teacher-only field would fail at once,
rather than leak it onto a handout.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, create_model
from pydantic.fields import FieldInfo

from .model import Lesson, Shown


def shown_to(info: FieldInfo, audience: str) -> bool:
    return any(isinstance(m, Shown) and audience in m.audiences for m in info.metadata)


class LessonProjection(BaseModel):
    """What every projection of a lesson can still say about itself."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @property
    def display_title(self) -> str:
        return getattr(self, "pupil_title", None) or self.title  # type: ignore[attr-defined]

    @property
    def year_label(self) -> str:
        return Lesson.year_label.fget(self)  # type: ignore[union-attr, arg-type]


@cache
def projected(model: type[BaseModel], audience: str) -> type[BaseModel]:
    """`model` with only the fields shown to `audience`, nested models projected too."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if shown_to(info, audience):
            annotation = _rewrite(info.annotation, audience)
            if info.metadata:
                annotation = Annotated[(annotation, *info.metadata)]
            fields[name] = (annotation, info)
    base = LessonProjection if model is Lesson else None
    config = None if base else ConfigDict(extra="forbid", frozen=True)
    name = f"{audience.capitalize()}{model.__name__}"
    return create_model(name, __base__=base, __config__=config, __module__=__name__, **fields)


def _rewrite(annotation: Any, audience: str) -> Any:
    """The same type with every model class in it replaced by its projection."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return projected(annotation, audience)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return Annotated[(_rewrite(args[0], audience), *annotation.__metadata__)]
    if origin in (Union, types.UnionType):
        return Union[tuple(_rewrite(arg, audience) for arg in args)]  # noqa: UP007 - built from parts
    if origin is list:
        return list[_rewrite(args[0], audience)]
    return annotation


def project(value: Any, audience: str) -> Any:
    """A lesson (or any part of one) as `audience` may read it."""
    if isinstance(value, BaseModel):
        cls = projected(type(value), audience)
        return cls.model_construct(**{name: project(getattr(value, name), audience) for name in cls.model_fields})
    if isinstance(value, list):
        return [project(item, audience) for item in value]
    return value


def field_paths(
    model: type[BaseModel], audience: str | None = None, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every field path in `model` (lists shown as `*`), or only those shown to `audience`:
    what the reading-level check scores and the leak tests walk."""
    for name, info in model.model_fields.items():
        if audience is not None and not shown_to(info, audience):
            continue
        key = info.alias or name
        path = (*prefix, key)
        nested = list(_models(info.annotation))
        if not nested:
            yield (*path, "*") if _is_list(info.annotation) else path
        for child, listed in nested:
            yield from field_paths(child, audience, (*path, "*") if listed else path)


def _models(annotation: Any, listed: bool = False) -> Iterator[tuple[type[BaseModel], bool]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation, listed
        return
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        yield from _models(args[0], listed)
    elif origin in (Union, types.UnionType):
        for arg in args:
            yield from _models(arg, listed)
    elif origin is list:
        yield from _models(args[0], True)


def _is_list(annotation: Any) -> bool:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _is_list(args[0])
    if origin in (Union, types.UnionType):
        return any(_is_list(arg) for arg in args)
    return origin is list
