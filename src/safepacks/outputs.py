"""Every output safepacks makes, declared once: audiences (views) and formats (renderers).

The CLI's choices, the build plan, the cache key, the manifest, the docs and the tests read
these two tables, so a new audience or format is its own module plus one `register` line,
the way Sphinx registers builders by name. Views and renderers are named by dotted path and
imported only when a document is made, so commands that render nothing stay fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:
    from .document import Document
    from .model import Lesson
    from .render.style import Style
    from .resolve import ResolvedLesson


def _load(dotted: str) -> Any:
    module, _, name = dotted.partition(":")
    return getattr(import_module(module), name)


def _always(lesson: Lesson) -> bool:  # noqa: ARG001
    return True


@dataclass(frozen=True)
class Audience:
    """Who a document is for: a view from a resolved lesson to a Document."""

    name: str  # as given to --audience
    stem: str  # the output file's name, before the variant and the suffix
    view_path: str  # "module:function", a function ResolvedLesson → Document
    summary: str  # one line for --help and the README
    sees: str | None = None  # whose projection of the lesson the view gets; None: all of it
    applies: Callable[[Lesson], bool] = _always  # e.g. no leaflet for a lesson without `parents:`
    cost: int = 1  # relative layout work, to schedule the longest documents first
    formats: tuple[str, ...] | None = None  # the only formats it is made in; None: every page format

    def made_in(self, fmt: Format) -> bool:
        """Whether this audience's document is made in `fmt`: a deck only as slides, a page
        document never as slides."""
        if self.formats is not None:
            return fmt.name in self.formats
        return fmt.audiences is None

    def view(self, resolved: ResolvedLesson) -> Document:
        lesson = resolved.seen_by(self.sees) if self.sees else resolved
        return _load(self.view_path)(lesson)


@dataclass(frozen=True)
class Format:
    """A file format: a renderer from a Document to bytes."""

    name: str  # as given to --format, and the file suffix
    renderer_path: str  # "module:function", a function (Document, Style) → bytes
    summary: str
    libraries: tuple[str, ...] = ()  # distributions whose versions change the bytes (cache keys)
    cost: int = 1
    image_types: tuple[str, ...] = ("svg", "png", "jpeg")  # what it can embed; others are converted
    for_library: bool = False  # also used for the library-wide pages (coverage, verification)
    audiences: tuple[str, ...] | None = None  # the only audiences it renders (pptx: slides); None: pages

    def render(self, document: Document, style: Style) -> bytes:
        return _load(self.renderer_path)(document, style)

    @cached_property
    def versions(self) -> str:
        return "|".join(f"{name}={version(name)}" for name in self.libraries)


AUDIENCES: dict[str, Audience] = {}
FORMATS: dict[str, Format] = {}


def register(output: Audience | Format) -> None:
    table: dict[str, Any] = AUDIENCES if isinstance(output, Audience) else FORMATS
    if output.name in table:
        raise ValueError(f"an output called {output.name!r} is registered already")
    table[output.name] = output


def audience(name: str) -> Audience:
    return _lookup(AUDIENCES, name, "audience")


def file_format(name: str) -> Format:
    return _lookup(FORMATS, name, "format")


def _lookup(table: dict[str, Any], name: str, what: str) -> Any:
    try:
        return table[name]
    except KeyError:
        raise UsageError(f"unknown {what} {name!r}: use {', '.join(table)}") from None


def _has_parents(lesson: Lesson) -> bool:
    return lesson.parents is not None


def _has_cut_outs(lesson: Lesson) -> bool:
    from .views.cards import has_cut_outs

    return has_cut_outs(lesson)


register(Audience("teacher", "teacher-pack", "safepacks.views.teacher:teacher_pack", "the teacher pack", cost=10))
register(
    Audience("pupil", "pupil-handout", "safepacks.views.pupil:pupil_handout", "the pupil handout", "pupil", cost=4)
)
register(
    Audience(
        "parent",
        "parent-leaflet",
        "safepacks.views.parent:parent_leaflet",
        "the parent/carer leaflet",
        applies=_has_parents,
        cost=2,
    )
)
register(
    Audience(
        "cards",
        "cards",
        "safepacks.views.cards:card_sheet",
        "cut-out cards, one set for each pair or group",
        applies=_has_cut_outs,
        cost=2,
    )
)
register(
    Audience(
        "slides",
        "slides",
        "safepacks.views.slides:slide_deck",
        "slides for the board, with the teacher's notes as speaker notes",
        cost=2,
        formats=("pptx",),
    )
)
register(
    Format(
        "pdf", "safepacks.render.pdf:render_pdf", "ready to print", ("weasyprint", "pydyf"), cost=5, for_library=True
    )
)
register(
    Format(
        "docx",
        "safepacks.render.docx:render_docx",
        "ready to edit in Word",
        ("python-docx", "cairosvg"),
        image_types=("png", "jpeg"),
    )
)
register(
    Format(
        "pptx",
        "safepacks.render.pptx:render_pptx",
        "slides for PowerPoint or Impress",
        ("python-pptx", "cairosvg"),
        image_types=("png", "jpeg"),
        audiences=("slides",),
    )
)
