"""The lesson model (schema v1): one pydantic class per part of a lesson file.

Every class forbids unknown keys, so a typo in a safety lesson is reported rather than
silently ignored. Text fields are strict strings: YAML 1.1 reads `yes`, `off` or `12:30`
as other types, and a lesson must never print `True` where a teacher wrote "yes".
Fields documented as *Markdown* accept bold, italic, lists and links (raw HTML is off).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SCHEMA_VERSION = 1

Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
"""A non-empty string; never a number or boolean that YAML guessed."""

Markdown = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
"""Restricted Markdown: **bold**, *italic*, lists and https/mailto/tel links."""

Slug = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
"""Lower-case letters, digits and single hyphens, e.g. `ks3-recognising-grooming`."""

GuidanceRef = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9-]+(/[a-z0-9-]+)+$")]
"""A guidance statement id such as `rshe-2025/secondary/online-safety-and-awareness/14`."""


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
    text: Text = Field(description="What pupils will be able to do, e.g. 'I can describe…'.")
    guidance: list[GuidanceRef] = Field(
        default_factory=list, description="Ids of the guidance statements this outcome meets."
    )


class Keyword(Strict):
    term: Text
    definition: Text = Field(description="A definition pupils of this age can read.")


class BackgroundNote(Strict):
    """A fact for the teacher, always with where it comes from."""

    text: Markdown
    source: Text = Field(description="Who published it and the document's title.")
    year: int | None = Field(
        default=None,
        ge=1990,
        le=2100,
        description="Year the source was published; leave out for an undated page and say "
        "in `source` when it was read.",
    )


class Resource(Strict):
    """Another organisation's resource, pointed to and never copied."""

    title: Text
    publisher: Text
    ages: Text | None = None
    where: Text = Field(description="Where to find it, e.g. the publisher's website section.")
    note: Markdown | None = None


class Safeguarding(Strict):
    """Teacher-only notes; never shown to pupils or parents.

    Only `sensitivity` is required by the schema: the safe-practice checks, not the schema,
    insist on ground rules, distancing, the question box and disclosure steps for sensitive
    lessons, so a PSHE lead is told which is missing and where.
    """

    sensitivity: Sensitivity
    before_the_lesson: list[Markdown] = Field(default_factory=list)
    ground_rules: list[Text] = Field(default_factory=list)
    distancing: Markdown | None = Field(default=None, description="How the lesson keeps pupils at a safe distance.")
    question_box: Markdown | None = Field(default=None, description="How the anonymous question box is used.")
    disclosure: list[Markdown] = Field(
        default_factory=list, description="What to do if a pupil discloses, step by step."
    )


# --- Worksheets: answers live here but only the teacher view prints them. ---


class ScenarioCard(Strict):
    title: Text
    story: Markdown
    questions: list[Text] = Field(min_length=1)
    teacher_notes: Markdown = Field(description="Points to draw out; teacher pack only.")


class ScenarioCards(Strict):
    kind: Literal["scenario-cards"]
    instructions: Markdown
    cards: list[ScenarioCard] = Field(min_length=1)


class TrueFalseStatement(Strict):
    statement: Text
    answer: bool
    explanation: Markdown


class TrueFalse(Strict):
    kind: Literal["true-false"]
    instructions: Markdown
    statements: list[TrueFalseStatement] = Field(min_length=2)


class SortingItem(Strict):
    text: Text
    category: Text = Field(description="The right category; teacher pack only.")
    explanation: Markdown | None = None


class Sorting(Strict):
    kind: Literal["sorting"]
    instructions: Markdown
    categories: list[Text] = Field(min_length=2)
    items: list[SortingItem] = Field(min_length=2)

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
    question: Text
    options: list[Text] = Field(min_length=2, max_length=6)
    answer: int = Field(ge=1, description="Number of the right option, counting from 1.")
    explanation: Markdown | None = None

    @field_validator("answer")
    @classmethod
    def _answer_is_an_option(cls, answer: int, info) -> int:  # noqa: ANN001
        options = info.data.get("options") or []
        if options and answer > len(options):
            raise ValueError(f"answer {answer} but there are only {len(options)} options")
        return answer


class Quiz(Strict):
    kind: Literal["quiz"]
    instructions: Markdown
    questions: list[QuizQuestion] = Field(min_length=1)


Worksheet = Annotated[ScenarioCards | TrueFalse | Sorting | Quiz, Field(discriminator="kind")]


class Illustration(Strict):
    """An image from the assets' images folder, with the words a screen reader says."""

    file: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*\.svg$")] = Field(
        description="An SVG file name in assets/images/ (a PNG of the same name is used in Word)."
    )
    alt: str = Field(default="", description="What the picture shows, for screen readers.")
    width_mm: int = Field(default=30, ge=5, le=170)


class Activity(Strict):
    id: Slug
    title: Text
    minutes: int = Field(gt=0, le=120)
    teacher_notes: Markdown
    pupil_task: Markdown | None = Field(default=None, description="What pupils read on their handout.")
    worksheet: Worksheet | None = None
    illustration: Illustration | None = None
    writing_lines: int = Field(default=0, ge=0, le=20, description="Ruled lines for pupils' answers on the handout.")


class Differentiation(Strict):
    support: list[Markdown] = Field(min_length=1)
    challenge: list[Markdown] = Field(min_length=1)


class Assessment(Strict):
    baseline: Markdown
    end_point: Markdown


class ForParents(Strict):
    """The parent/carer leaflet: what was taught, and how to keep the conversation going."""

    summary: Markdown = Field(description="What your child learned, in plain words for any parent.")
    warning_signs: list[Markdown] = Field(min_length=1, description="Signs that something may be wrong.")
    conversation_starters: list[Text] = Field(
        min_length=2, description="Questions to ask at home; the conversation needs repeating, not one talk."
    )
    settings_and_habits: list[Markdown] = Field(
        min_length=1, description="Practical steps, e.g. before a new device is given as a present."
    )
    resources: list[Resource] = Field(default_factory=list)


class Review(Strict):
    """Who checked this lesson against which guidance (filled in by `safepacks review`)."""

    reviewer: Text
    role: Text
    date: dt.date
    guidance: list[Text] = Field(default_factory=list)
    next_review: dt.date | None = None
    fingerprint: Text | None = None


class Lesson(Strict):
    """One lesson: everything the teacher pack, the pupil handout and the leaflet draw on."""

    schema_version: Literal[1] = Field(default=1, alias="schema")
    id: Slug
    title: Text
    pupil_title: Text | None = Field(default=None, description="A friendlier title for the pupil handout.")
    topic: Topic
    key_stage: KeyStage
    year_groups: list[int] = Field(min_length=1)
    duration_minutes: int = Field(gt=0, le=180)
    risk_areas: list[RiskArea] = Field(default_factory=list)
    summary: Markdown
    learning_objective: Markdown
    learning_outcomes: list[LearningOutcome] = Field(min_length=1)
    keywords: list[Keyword] = Field(min_length=1)
    prior_knowledge: Markdown
    safeguarding: Safeguarding
    background: list[BackgroundNote] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    activities: list[Activity] = Field(min_length=1)
    differentiation: Differentiation
    plenary: Markdown
    assessment: Assessment
    signposting: list[Slug] = Field(default_factory=list, description="Ids from the signposting registry.")
    parents: ForParents | None = Field(default=None, description="The parent/carer leaflet.")
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
    def year_label(self) -> str:
        years = sorted(self.year_groups)
        if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
            return f"Years {years[0]}–{years[-1]}"
        return ("Year " if len(years) == 1 else "Years ") + ", ".join(map(str, years))


def activity_minutes(lesson: Lesson) -> int:
    return sum(activity.minutes for activity in lesson.activities)
