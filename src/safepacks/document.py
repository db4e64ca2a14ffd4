"""The Document: a small, format-neutral tree that every view builds and every renderer reads.

Blocks hold inline runs. Roles (a callout's `kind`, a paragraph's `style`) carry meaning;
each renderer decides the look. There is no raw-format escape hatch: a construct a renderer
cannot express is that renderer's error, never a silent drop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

# --- Inline runs ---


DRAFT_MARK = "DRAFT – NOT REVIEWED"


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class LineBreak:
    pass


Inline = Text | Strong | Emphasis | Link | LineBreak
Inlines = tuple[Inline, ...]

# --- Blocks ---


@dataclass(frozen=True)
class Heading:
    """A section heading: level 1 for a document's sections, 2 and 3 below them (the
    document's title is its Cover, so HTML shows level 1 as <h2>, and Word as Heading 1)."""

    level: int
    content: Inlines

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"heading level must be 1, 2 or 3, not {self.level}")


@dataclass(frozen=True)
class Paragraph:
    content: Inlines
    style: str = ""  # a role such as "lead", "small", "label", "answer", "instructions", "tick"


@dataclass(frozen=True)
class ListBlock:
    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    style: str = ""  # "options" for a quiz question's tick-box options


@dataclass(frozen=True)
class Table:
    header: tuple[Inlines, ...]
    rows: tuple[tuple[tuple[Block, ...], ...], ...]
    widths: tuple[int, ...] = ()  # relative column widths
    style: str = ""  # "grid"; "grid sort-grid" for an empty grid pupils write in


@dataclass(frozen=True)
class Callout:
    """A boxed note. `kind` is its role: objective, safeguarding, help, task, card, answers."""

    kind: str
    title: Inlines
    content: tuple[Block, ...]


@dataclass(frozen=True)
class Image:
    path: Path  # an SVG or PNG the renderers may read (assets, or the school's logo)
    alt: str
    width_mm: int = 20


@dataclass(frozen=True)
class WritingLines:
    count: int
    labels: tuple[str, ...] = ()  # one per line, printed at its start ("Home", "School"…)


@dataclass(frozen=True)
class CutOutCards:
    """Cards to cut out: a grid of boxes with dashed cut lines, none split across a page."""

    cards: tuple[tuple[Block, ...], ...]
    columns: int = 2


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Cover:
    """The opening block of a document: title, a line under it, and a few labelled facts."""

    eyebrow: str
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    logo: Image | None = None


@dataclass(frozen=True)
class Slide:
    """One slide of a deck: what the class sees (`content`) and what only the teacher sees
    (`notes`, the speaker notes). `role` says what it is for: title, rules, objectives,
    keywords, activity, question, answer, plenary, help. A renderer may continue a slide
    whose content does not fit onto more slides, but never shrinks its text."""

    title: str
    content: tuple[Block, ...] = ()
    notes: tuple[Block, ...] = ()
    role: str = "activity"
    image: Image | None = None


Block = (
    Heading | Paragraph | ListBlock | Table | Callout | Image | WritingLines | CutOutCards | PageBreak | Cover | Slide
)


@dataclass(frozen=True)
class Document:
    """One printable document for one audience."""

    kind: str  # "teacher-pack", "pupil-handout", "parent-leaflet", "coverage"
    title: str
    header: str  # running header text
    organisation: str  # the school's name, on every page
    footer: str  # running footer text (the page count is added by the renderer)
    blocks: tuple[Block, ...]
    language: str = "en-GB"
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)
    draft: bool = False  # print DRAFT_MARK on every page
    created: dt.datetime = dt.datetime(1980, 1, 1)  # stamped into the file (see `build_time`)


def build_time(content_date: dt.date | None = None) -> dt.datetime:
    """When a document says it was made: SOURCE_DATE_EPOCH if set, else the date of what it
    was made from (a lesson's review), else 1 January 1980. Never the clock: the same input
    gives the same bytes."""
    import os

    if "SOURCE_DATE_EPOCH" in os.environ:
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=dt.UTC).replace(tzinfo=None)
    if content_date is not None:
        return dt.datetime(content_date.year, content_date.month, content_date.day)
    return dt.datetime(1980, 1, 1)


def long_date(day: dt.date) -> str:
    """2 December 2026 (written out here: `%-d` is not portable)."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """2 Dec 2026."""
    return f"{day.day} {day:%b %Y}"


def text(value: str) -> Inlines:
    return (Text(value),)


def plain_text(inlines: Inlines) -> str:
    """The words of some inline runs, without their formatting."""
    out = []
    for run in inlines:
        if isinstance(run, Text):
            out.append(run.text)
        elif isinstance(run, LineBreak):
            out.append("\n")
        elif isinstance(run, Strong | Emphasis | Link):
            out.append(plain_text(run.children))
        else:
            raise TypeError(f"cannot show {type(run).__name__} as text")
    return "".join(out)


def title_levels(blocks: tuple[Block, ...]) -> dict[int, int]:
    """The HTML heading level of each box's title: one below the heading it sits under, so a
    screen reader's outline never skips a level (the cover's title is h1, `Heading(1)` h2)."""
    levels: dict[int, int] = {}

    def walk(items: tuple[Block, ...], current: int) -> None:
        for block in items:
            if isinstance(block, Heading):
                current = block.level + 1
            elif isinstance(block, Callout):
                levels[id(block)] = min(current + 1, 6)
                walk(block.content, levels[id(block)])

    walk(blocks, 1)
    return levels
