"""The registries: signposting routes, guidance documents and facts, kept as data.

A lesson names a helpline, a guidance statement or a fact by id; only the registry holds the
phone number, the URL, the paraphrase or the figure, with the date it was checked and where.
One correction here corrects every pack. `verified` is stated on every entry (it has no
default): what could not be confirmed is listed on the verification page, never printed as
a caveat in a pack.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError, model_validator

from .findings import Finding
from .loading import LoadError, load
from .model import KeyStage, Slug, Strict
from .resources import REGISTRY_DIR
from .validate import schema_findings

Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
"""Registry text is the toolkit's own, reviewed data: no length limit (lesson text has one)."""


class Audience(StrEnum):
    pupil = "pupil"
    parent = "parent"
    teacher = "teacher"


class Route(Strict):
    """A reporting route or helpline."""

    id: Slug
    name: Text
    run_by: Text | None = None
    for_: Text = Field(alias="for")
    ages: Text | None = None
    audiences: list[Audience] = Field(min_length=1)
    always_for: list[Audience] = Field(
        default_factory=list, description="Shown to these audiences in every lesson, named or not."
    )
    phone: Text | None = None
    textphone: Text | None = None
    email: Text | None = None
    url: Text | None = None
    hours: Text | None = None
    cost: Text | None = None
    advice: Text | None = Field(default=None, description="For staff: teacher packs.")
    pupil_advice: Text | None = Field(
        default=None, description="For pupil handouts; on KS1 and KS2 handouts `primary_pupil_advice` replaces it."
    )
    primary_pupil_advice: Text | None = Field(
        default=None, description="For KS1 and KS2 handouts, when `pupil_advice` is pitched at secondary pupils."
    )
    parent_advice: Text | None = Field(
        default=None, description="For parent/carer leaflets, when staff advice does not suit them."
    )
    verified_on: dt.date
    verified: bool = Field(description="True only when every detail was confirmed on the route's own pages.")
    source: Text
    verification_note: Text | None = Field(
        default=None, description="For maintainers: what is still unconfirmed and why. Never printed in a pack."
    )


class SignpostingFile(Strict):
    routes: list[Route] = Field(min_length=1)


class Theme(StrEnum):
    """What a statement is about, for the coverage matrix."""

    online_relationships = "online-relationships"
    being_safe = "being-safe"
    grooming = "grooming"
    image_sharing = "image-sharing"
    live_streaming = "live-streaming"
    reporting = "reporting"
    other = "other"


class Statement(Strict):
    """One outcome statement of a guidance document, paraphrased in our words."""

    id: Text = Field(description="`<document id>/<section>/<number>`, stable across builds.")
    section: Text = Field(description="Where in the document it comes from.")
    key_stages: list[KeyStage] = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)
    text: Text = Field(description="A short paraphrase in our own words.")
    verified: bool = Field(description="False until checked against the document itself, on its publisher's site.")
    source: Text | None = Field(default=None, description="Where the wording was read.")


class GuidanceDoc(Strict):
    id: Slug
    title: Text
    short_title: Text
    abbreviation: Text = Field(description="For running footers, e.g. 'RSHE 2025'.")
    publisher: Text
    version: Text
    published: dt.date | None = None
    in_force: dt.date | None = None
    url: Text | None = None
    superseded_by: Slug | None = None
    verified: bool = Field(description="True when edition, dates and address were read on the publisher's site.")
    source: Text | None = None
    notes: Text | None = None
    describes: Literal["pupil-outcomes", "staff-practice"] = Field(
        default="pupil-outcomes",
        description="pupil-outcomes: what pupils learn (lessons cite these; coverage counts them). "
        "staff-practice: what staff do (met by every lesson's safeguarding notes).",
    )
    baseline: bool = Field(
        default=False,
        description="Every lesson's review is checked against this document (e.g. KCSIE), cited or not.",
    )
    statements: list[Statement] = Field(default_factory=list)

    @model_validator(mode="after")
    def _statement_ids_name_this_document(self) -> GuidanceDoc:
        for statement in self.statements:
            if not statement.id.startswith(self.id + "/"):
                raise ValueError(f"statement id {statement.id!r} must start with '{self.id}/'")
        return self


class Fact(Strict):
    """A statistic or legal statement a pack may print, cited by lessons by id."""

    id: Slug
    kind: Literal["statistic", "law"]
    claim: Text = Field(description="The fact in our own words, as teacher packs print it.")
    figure: Text | None = Field(default=None, description="The key number(s), as in the source, e.g. '7,263'.")
    publisher: Text
    title: Text = Field(description="The document or page the fact comes from.")
    published: dt.date | None = None
    year: int | None = Field(
        default=None, ge=1950, le=2100, description="Printed with the claim: the year of the source (none if undated)."
    )
    url: Text | None = Field(default=None, description="The publisher's own address for the source.")
    read: Text = Field(description="The page actually read (an address), which may be a copy.")
    primary: bool = Field(description="True when the page read is the publisher's own (or legislation.gov.uk).")
    verified_on: dt.date
    verified: bool = Field(description="True when the claim and figure were confirmed on the page read.")
    key_stages: list[KeyStage] = Field(min_length=1, description="Key stages whose teacher packs it suits.")
    note: Text | None = Field(default=None, description="For maintainers only; never printed.")

    @model_validator(mode="after")
    def _statistics_are_dated(self) -> Fact:
        if self.kind == "statistic" and self.year is None:
            raise ValueError(f"the statistic {self.id!r} needs the year of its source")
        return self

    @property
    def citation(self) -> str:
        return f"{self.publisher}, {self.title}" + (f", {self.year}" if self.year else "")


class FactsFile(Strict):
    facts: list[Fact] = Field(default_factory=list)


@dataclass(frozen=True)
class Registry:
    routes: dict[str, Route] = field(default_factory=dict)
    documents: dict[str, GuidanceDoc] = field(default_factory=dict)
    statements: dict[str, tuple[GuidanceDoc, Statement]] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    paths: tuple[Path, ...] = ()


class RegistryError(Exception):
    """The registry itself is broken: nothing can be built until it is fixed."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


_FILES = {"signposting.yaml": SignpostingFile, "facts.yaml": FactsFile}


def load_registry(folder: Path = REGISTRY_DIR) -> Registry:
    """Read `signposting.yaml`, `facts.yaml` and every `guidance/*.yaml` in `folder`."""
    findings: list[Finding] = []
    paths = [
        *(folder / name for name in _FILES if (folder / name).exists()),
        *sorted((folder / "guidance").glob("*.yaml")),
    ]
    routes: dict[str, Route] = {}
    documents: dict[str, GuidanceDoc] = {}
    facts: dict[str, Fact] = {}
    for path in paths:
        try:
            source = load(path)
        except LoadError as exc:
            findings.append(exc.finding)
            continue
        model = _FILES.get(path.name, GuidanceDoc) if path.parent == folder else GuidanceDoc
        try:
            parsed = model.model_validate(source.data)
        except ValidationError as exc:
            findings.extend(schema_findings(source, exc))
            continue
        if isinstance(parsed, SignpostingFile):
            routes.update((route.id, route) for route in parsed.routes)
        elif isinstance(parsed, FactsFile):
            facts.update((fact.id, fact) for fact in parsed.facts)
        else:
            documents[parsed.id] = parsed
    if findings:
        raise RegistryError(findings)
    statements = {s.id: (doc, s) for doc in documents.values() for s in doc.statements}
    return Registry(routes, documents, statements, facts, tuple(paths))
