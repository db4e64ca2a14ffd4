"""The lesson model (schema v1): one pydantic class per part of a lesson file.

Every class forbids unknown keys, so a typo in a safety lesson is reported rather than
silently ignored. Text fields are strict strings: YAML 1.1 reads `yes`, `off` or `12:30`
as other types, and a lesson must never print `True` where a teacher wrote "yes".
Fields documented as *Markdown* accept bold, italic, lists and links (raw HTML is off).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

SCHEMA_VERSION = 1

_PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]*$"
"""No control characters, and no bidirectional overrides that could reorder printed words."""

Text = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=1000, pattern=_PRINTABLE)
]
"""A non-empty string; never a number or boolean that YAML guessed."""

Markdown = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=8000, pattern=_PRINTABLE)
]
"""Restricted Markdown: **bold**, *italic*, lists and https/mailto/tel links."""

WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))]
)


def _portable(value: str) -> str:
    if value in WINDOWS_RESERVED:
        raise ValueError(f"'{value}' cannot name a folder on Windows: add a word, e.g. '{value}-lesson'")
    return value


Slug = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    AfterValidator(_portable),
]
"""Lower-case letters, digits and single hyphens, e.g. `ks3-recognising-grooming`; it names a
folder, so never one of the names Windows reserves (con, nul, com1…)."""

ImageName = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*\.svg$")]
"""The file name of one of the bundled SVG illustrations."""

GuidanceRef = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9-]+(/[a-z0-9-]+)+$")]
"""A guidance statement id such as `rshe-2025/secondary/online-safety-and-awareness/14`."""


@dataclass(frozen=True)
class Shown:
    """Field metadata: who besides the teacher (who reads everything) may read a field.

    Declared once here, it is the only place that decides it: the pupil and parent views get
    projections of the lesson that hold only the fields shown to them (see `projection`),
    the reading-level check scores exactly the fields pupils read, and the tests that prove
    no teacher-only text reaches a pupil walk the same declarations. A field without it is
    for the teacher only, so a new field never reaches pupils by accident.
    """

    audiences: frozenset[str]


FOR_PUPILS = Shown(frozenset({"pupil"}))
FOR_PARENTS = Shown(frozenset({"parent"}))
FOR_ALL = Shown(frozenset({"pupil", "parent"}))


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Topic(StrEnum):
    grooming = "grooming"
    live_streaming = "live-streaming"
    reporting = "reporting"
    image_sharing = "image-sharing"
    online_relationships = "online-relationships"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


class KeyStage(StrEnum):
    KS1 = "KS1"
    KS2 = "KS2"
    KS3 = "KS3"
    KS4 = "KS4"
    KS5 = "KS5"

    @property
    def ages(self) -> tuple[int, int]:
        return _KEY_STAGE_AGES[self]

    @property
    def years(self) -> tuple[int, int]:
        return _KEY_STAGE_YEARS[self]

    @property
    def label(self) -> str:
        low, high = self.ages
        return f"Key Stage {self.value[2]} (ages {low}–{high})"


_KEY_STAGE_AGES = {
    KeyStage.KS1: (5, 7),
    KeyStage.KS2: (7, 11),
    KeyStage.KS3: (11, 14),
    KeyStage.KS4: (14, 16),
    KeyStage.KS5: (16, 18),
}
_KEY_STAGE_YEARS = {
    KeyStage.KS1: (1, 2),
    KeyStage.KS2: (3, 6),
    KeyStage.KS3: (7, 9),
    KeyStage.KS4: (10, 11),
    KeyStage.KS5: (12, 13),
}


class RiskArea(StrEnum):
    """KCSIE's four areas of online risk."""

    content = "content"
    contact = "contact"
    conduct = "conduct"
    commerce = "commerce"


class Sensitivity(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class LearningOutcome(Strict):
    text: Annotated[Text, FOR_ALL] = Field(description="What pupils will be able to do, e.g. 'I can describe…'.")
    guidance: list[GuidanceRef] = Field(
        max_length=12, default_factory=list, description="Ids of the guidance statements this outcome meets."
    )


class Keyword(Strict):
    term: Annotated[Text, FOR_PUPILS]
    definition: Annotated[Text, FOR_PUPILS] = Field(description="A definition pupils of this age can read.")


class BackgroundNote(Strict):
    """Background for the teacher, always with where it comes from.

    Either `fact:` names a statistic or legal statement in the facts registry (printed with
    its source and year, the same in every lesson), with `text:` as an optional note on using
    it in class; or `text:` and `source:` give background that holds no statistics.
    """

    fact: Slug | None = Field(default=None, description="An id from the facts registry (registry/facts.yaml).")
    text: Markdown | None = Field(
        default=None, description="With `fact`: how to use it in class. Without: background with no figures in it."
    )
    source: Text | None = Field(default=None, description="Without `fact`: who published it, and the title.")
    year: StrictInt | None = Field(
        default=None,
        ge=1990,
        le=2100,
        description="Without `fact`: the year the source was published.",
    )

    @model_validator(mode="after")
    def _fact_or_sourced_text(self) -> BackgroundNote:
        if self.fact is None and (self.text is None or self.source is None):
            raise ValueError("give `fact:` (an id from the facts registry), or both `text:` and `source:`")
        if self.fact is not None and (self.source is not None or self.year is not None):
            raise ValueError("a `fact:` brings its own source and year: leave out `source:` and `year:`")
        return self


class Resource(Strict):
    """Another organisation's resource, pointed to and never copied."""

    title: Annotated[Text, FOR_PARENTS]
    publisher: Annotated[Text, FOR_PARENTS]
    ages: Annotated[Text | None, FOR_PARENTS] = None
    where: Annotated[Text, FOR_PARENTS] = Field(description="Where to find it, e.g. the publisher's website section.")
    note: Annotated[Markdown | None, FOR_PARENTS] = None


class Safeguarding(Strict):
    """Teacher-only notes; never shown to pupils or parents.

    Only `sensitivity` is required by the schema: the safe-practice checks, not the schema,
    insist on ground rules, distancing, the question box and disclosure steps for sensitive
    lessons, so a PSHE lead is told which is missing and where.
    """

    sensitivity: Sensitivity
    before_the_lesson: list[Markdown] = Field(max_length=20, default_factory=list)
    ground_rules: list[Text] = Field(max_length=20, default_factory=list)
    distancing: Markdown | None = Field(default=None, description="How the lesson keeps pupils at a safe distance.")
    question_box: Markdown | None = Field(default=None, description="How the anonymous question box is used.")
    disclosure: list[Markdown] = Field(
        max_length=20, default_factory=list, description="What to do if a pupil discloses, step by step."
    )


class Illustration(Strict):
    """One of the toolkit's own illustrations, with the words a screen reader says."""

    file: Annotated[ImageName, FOR_PUPILS] = Field(
        description="An SVG file name among the bundled images (Word gets a PNG made from it)."
    )
    alt: Annotated[str, FOR_PUPILS] = Field(default="", description="What the picture shows, for screen readers.")
    width_mm: Annotated[StrictInt, FOR_PUPILS] = Field(default=30, ge=5, le=170)


# --- Worksheets: answers live here but only the teacher view prints them. ---


WritingLabels = Annotated[
    list[Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=60, pattern=_PRINTABLE)]],
    Field(min_length=1, max_length=12),
]
"""One label per writing line; an empty label gives an unlabelled line."""


def lines_of(writing_lines: int | list[str]) -> tuple[int, tuple[str, ...]]:
    """How many writing lines, and their labels (none when a number was given)."""
    if isinstance(writing_lines, list):
        return len(writing_lines), tuple(writing_lines)
    return writing_lines, ()


Delivery = Literal["handout", "cut-out"]
"""Where pupils read a worksheet's cards: on their handout, or on the cut-out card sheet
(`cards.pdf`), printed once per group with dashed cut lines."""


class ScenarioCard(Strict):
    title: Annotated[Text, FOR_PUPILS]
    story: Annotated[Markdown, FOR_PUPILS]
    questions: Annotated[list[Text], FOR_PUPILS] = Field(max_length=8, min_length=1)
    teacher_notes: Markdown = Field(description="Points to draw out; teacher pack only.")
    read_aloud: Annotated[bool, FOR_PUPILS] = Field(
        default=False, description="The teacher reads this card aloud: it is in the teacher pack only."
    )
    illustration: Annotated[Illustration | None, FOR_PUPILS] = None
    writing_lines: Annotated[StrictInt, FOR_PUPILS] = Field(
        default=0, ge=0, le=10, description="Lines to write on, only where pupils write."
    )


class ScenarioCards(Strict):
    kind: Annotated[Literal["scenario-cards"], FOR_PUPILS]
    instructions: Annotated[Markdown | None, FOR_PUPILS] = Field(
        default=None, description="Only if the activity has no `pupil_task`."
    )
    delivery: Annotated[Delivery, FOR_PUPILS] = "handout"
    cards: Annotated[list[ScenarioCard], FOR_PUPILS] = Field(max_length=16, min_length=1)


class TrueFalseStatement(Strict):
    statement: Annotated[Text, FOR_PUPILS]
    answer: bool
    explanation: Markdown


class TrueFalse(Strict):
    kind: Annotated[Literal["true-false"], FOR_PUPILS]
    instructions: Annotated[Markdown | None, FOR_PUPILS] = Field(
        default=None, description="Only if the activity has no `pupil_task`."
    )
    statements: Annotated[list[TrueFalseStatement], FOR_PUPILS] = Field(max_length=20, min_length=2)


class SortingItem(Strict):
    text: Annotated[Text, FOR_PUPILS]
    category: Text = Field(description="The right category; teacher pack only.")
    explanation: Markdown | None = None


class Sorting(Strict):
    kind: Annotated[Literal["sorting"], FOR_PUPILS]
    instructions: Annotated[Markdown | None, FOR_PUPILS] = Field(
        default=None, description="Only if the activity has no `pupil_task`."
    )
    delivery: Annotated[Delivery, FOR_PUPILS] = "handout"
    categories: Annotated[list[Text], FOR_PUPILS] = Field(max_length=6, min_length=2)
    items: Annotated[list[SortingItem], FOR_PUPILS] = Field(max_length=30, min_length=2)

    @field_validator("items")
    @classmethod
    def _known_categories(cls, items: list[SortingItem], info) -> list[SortingItem]:  # noqa: ANN001
        categories = set(info.data.get("categories") or [])
        for item in items:
            if categories and item.category not in categories:
                raise ValueError(
                    f"item {item.text!r} is sorted into {item.category!r}, "
                    f"which is not one of the categories: {', '.join(sorted(categories))}"
                )
        return items


class QuizQuestion(Strict):
    question: Annotated[Text, FOR_PUPILS]
    options: Annotated[list[Text], FOR_PUPILS] = Field(min_length=2, max_length=6)
    answer: StrictInt = Field(ge=1, description="Number of the right option, counting from 1.")
    explanation: Markdown | None = None

    @field_validator("answer")
    @classmethod
    def _answer_is_an_option(cls, answer: int, info) -> int:  # noqa: ANN001
        options = info.data.get("options") or []
        if options and answer > len(options):
            raise ValueError(f"answer {answer} but there are only {len(options)} options")
        return answer


class Quiz(Strict):
    kind: Annotated[Literal["quiz"], FOR_PUPILS]
    instructions: Annotated[Markdown | None, FOR_PUPILS] = Field(
        default=None, description="Only if the activity has no `pupil_task`."
    )
    questions: Annotated[list[QuizQuestion], FOR_PUPILS] = Field(max_length=20, min_length=1)


Worksheet = Annotated[ScenarioCards | TrueFalse | Sorting | Quiz, Field(discriminator="kind")]


class Activity(Strict):
    id: Annotated[Slug, FOR_PUPILS]
    title: Annotated[Text, FOR_PUPILS]
    minutes: StrictInt = Field(gt=0, le=120)
    teacher_notes: Markdown
    pupil_task: Annotated[Markdown | None, FOR_PUPILS] = Field(
        default=None, description="What pupils read on their handout."
    )
    worksheet: Annotated[Worksheet | None, FOR_PUPILS] = None
    illustration: Annotated[Illustration | None, FOR_PUPILS] = None
    writing_lines: Annotated[Annotated[StrictInt, Field(ge=0, le=20)] | WritingLabels, FOR_PUPILS] = Field(
        default=0,
        description="Ruled lines for pupils' answers on the handout: a number, or a label for each line "
        "(e.g. [Home, School, Community]).",
    )


class Differentiation(Strict):
    support: list[Markdown] = Field(max_length=12, min_length=1)
    challenge: list[Markdown] = Field(max_length=12, min_length=1)


class Assessment(Strict):
    baseline: Markdown
    end_point: Markdown


class ForParents(Strict):
    """The parent/carer leaflet: what was taught, and how to keep the conversation going."""

    summary: Annotated[Markdown, FOR_PARENTS] = Field(
        description="What your child learned, in plain words for any parent."
    )
    warning_signs: Annotated[list[Markdown], FOR_PARENTS] = Field(
        max_length=15, min_length=1, description="Signs that something may be wrong."
    )
    conversation_starters: Annotated[list[Text], FOR_PARENTS] = Field(
        max_length=15,
        min_length=2,
        description="Questions to ask at home; the conversation needs repeating, not one talk.",
    )
    settings_and_habits: Annotated[list[Markdown], FOR_PARENTS] = Field(
        max_length=15, min_length=1, description="Practical steps, e.g. before a new device is given as a present."
    )
    resources: Annotated[list[Resource], FOR_PARENTS] = Field(max_length=12, default_factory=list)


class Signpost(Strict):
    """A route shown only to some audiences, e.g. Take It Down in the parent leaflet only."""

    route: Annotated[Slug, FOR_ALL] = Field(description="An id from the signposting registry.")
    for_: Annotated[list[Literal["pupil", "parent", "teacher"]], FOR_ALL] = Field(
        alias="for", min_length=1, max_length=3, description="Who sees it: pupil, parent, teacher."
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Review(Strict):
    """Who checked this lesson against which guidance (filled in by `safepacks review`)."""

    reviewer: Text
    role: Text
    date: dt.date
    guidance: list[Text] = Field(max_length=12, default_factory=list)
    next_review: dt.date | None = None
    fingerprint: Text | None = None


class Lesson(Strict):
    """One lesson: everything the teacher pack, the pupil handout and the leaflet draw on."""

    schema_version: Annotated[Literal[1], FOR_ALL] = Field(default=1, alias="schema")
    id: Annotated[Slug, FOR_ALL]
    title: Annotated[Text, FOR_ALL]
    pupil_title: Annotated[Text | None, FOR_ALL] = Field(
        default=None, description="A friendlier title for the pupil handout."
    )
    topic: Annotated[Topic, FOR_ALL]
    key_stage: Annotated[KeyStage, FOR_ALL]
    year_groups: Annotated[list[StrictInt], FOR_ALL] = Field(max_length=7, min_length=1)
    duration_minutes: Annotated[StrictInt, FOR_ALL] = Field(gt=0, le=180)
    risk_areas: list[RiskArea] = Field(max_length=4, default_factory=list)
    summary: Markdown
    learning_objective: Annotated[Markdown, FOR_PUPILS]
    learning_outcomes: Annotated[list[LearningOutcome], FOR_ALL] = Field(max_length=10, min_length=1)
    keywords: Annotated[list[Keyword], FOR_PUPILS] = Field(max_length=20, min_length=1)
    prior_knowledge: Markdown
    safeguarding: Safeguarding
    background: list[BackgroundNote] = Field(max_length=30, default_factory=list)
    resources: list[Resource] = Field(max_length=12, default_factory=list)
    activities: Annotated[list[Activity], FOR_PUPILS] = Field(max_length=12, min_length=1)
    differentiation: Differentiation
    plenary: Markdown
    assessment: Assessment
    signposting: Annotated[list[Slug | Signpost], FOR_ALL] = Field(
        max_length=14,
        default_factory=list,
        description="Ids from the signposting registry; `{route: id, for: [parent]}` shows a route to some "
        "audiences only.",
    )
    parents: Annotated[ForParents | None, FOR_PARENTS] = Field(default=None, description="The parent/carer leaflet.")
    review: Review | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("year_groups")
    @classmethod
    def _years_in_key_stage(cls, years: list[int], info) -> list[int]:  # noqa: ANN001
        stage = info.data.get("key_stage")
        if stage is not None:
            low, high = stage.years
            outside = [y for y in years if not low <= y <= high]
            if outside:
                raise ValueError(f"Year {outside[0]} is not in {stage.value} (Years {low}–{high})")
        return years

    @property
    def display_title(self) -> str:
        return self.pupil_title or self.title

    @property
    def route_ids(self) -> list[str]:
        return [entry if isinstance(entry, str) else entry.route for entry in self.signposting]

    @property
    def year_label(self) -> str:
        years = sorted(self.year_groups)
        if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
            return f"Years {years[0]}–{years[-1]}"
        return ("Year " if len(years) == 1 else "Years ") + ", ".join(map(str, years))


def activity_minutes(lesson: Lesson) -> int:
    return sum(activity.minutes for activity in lesson.activities)
