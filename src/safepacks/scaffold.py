"""`safepacks new` and `safepacks schema`: start a lesson or an overlay, with editor support.

Every scaffold begins with a `# yaml-language-server: $schema=…` line, so VS Code's YAML
extension completes and validates the file against the schema shipped in `schemas/`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from .errors import UsageError
from .model import KeyStage, Lesson, Topic
from .resources import SCHEMAS_DIR
from .workspace import Workspace, lesson_index


def lesson_schema() -> dict[str, Any]:
    return Lesson.model_json_schema(by_alias=True)


def overlay_schema() -> dict[str, Any]:
    """A lesson schema in which every field is optional, plus `extends` and `activity_changes`."""
    schema = lesson_schema()
    schema["title"] = "Overlay"
    schema["description"] = "A school's changes to a base lesson; any lesson field given here replaces the base's."
    schema["required"] = ["extends", "id"]
    activity = {"$ref": "#/$defs/Activity"}
    schema["properties"]["extends"] = {"type": "string", "description": "The id of the lesson this one changes."}
    schema["properties"]["activity_changes"] = {
        "type": "array",
        "description": "Changes to the base lesson's activities, applied in order.",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "replace": {"type": "string", "description": "Id of the activity to replace…"},
                "with": activity,
                "add_after": {"type": "string", "description": "Id of the activity to add a new one after…"},
                "activity": activity,
                "remove": {"type": "string", "description": "Id of the activity to remove."},
                "minutes": {
                    "type": "object",
                    "description": "New minutes for activities, by id; they must still add up.",
                    "additionalProperties": {"type": "integer", "minimum": 1},
                },
            },
        },
    }
    return schema


def school_schema() -> dict[str, Any]:
    from .school import SchoolProfile

    return SchoolProfile.model_json_schema(by_alias=True)


SCHEMAS = {"lesson": lesson_schema, "overlay": overlay_schema, "school": school_schema}


def schema_json(kind: str) -> str:
    return json.dumps(SCHEMAS[kind](), indent=2) + "\n"


def modeline(target: Path, kind: str) -> str:
    """Point VS Code's YAML extension at the installed schema (by a relative path where one
    exists; on Windows a file on another drive gets the schema's file URL)."""
    schema = SCHEMAS_DIR / f"{kind}.schema.json"
    try:
        where = Path(os.path.relpath(schema, target.resolve().parent)).as_posix()
    except ValueError:
        where = schema.resolve().as_uri()
    return f"# yaml-language-server: $schema={where}\n"


def new_lesson(target: Path, *, key_stage: str, topic: str) -> str:
    stage, subject = KeyStage(key_stage), Topic(topic)
    low, high = stage.years
    slug = target.stem
    return modeline(target, "lesson") + _LESSON.format(
        id=f"{stage.value.lower()}-{slug}",
        topic=subject.value,
        key_stage=stage.value,
        years=", ".join(str(y) for y in range(low, high + 1)),
    )


def new_overlay(target: Path, base: Lesson) -> str:
    """An overlay of `base`, a lesson that validated. Text from the base appears only in
    comments, each squeezed onto one line, and values are written as quoted YAML scalars:
    a base lesson's title can never add keys (such as a forged `review:`) to the new file."""
    activities = "\n".join(f"#   {a.id}: {_one_line(a.title)} ({a.minutes} min)" for a in base.activities)
    new_id = f"{base.id}-{_slug(target.stem)}".strip("-")[:80].rstrip("-")
    return modeline(target, "overlay") + _OVERLAY.format(
        base_id=base.id,
        base_id_yaml=json.dumps(base.id),
        new_id=json.dumps(new_id),
        title=json.dumps(f"{_one_line(base.title)} (our version)", ensure_ascii=False),
        activities=activities,
        first=base.activities[0].id,
    )


def new_overlay_from(base_id: str, target: Path, workspace: Workspace | None) -> str:
    """The text of a new overlay of the lesson `base_id` (the school's own or a bundled one)."""
    from .checking import load_lesson
    from .loading import LoadError
    from .validate import validate_lesson

    index = lesson_index(workspace).with_folders((target.resolve().parent,))
    base_path = index.get(base_id)
    if base_path is None:
        raise UsageError(f"no lesson has the id '{base_id}' (see `safepacks list --library`)")
    try:
        lesson, _ = validate_lesson(load_lesson(base_path, index))
    except LoadError:
        lesson = None
    if lesson is None:
        raise UsageError(f"the lesson '{base_id}' has errors: run `safepacks check {base_path}` first")
    return new_overlay(target, lesson)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "ours"


def write_new(target: Path, text: str) -> None:
    if target.exists():
        raise UsageError(f"{target} already exists: choose another file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


_LESSON = """\
# A new lesson. Replace every TODO, then run `safepacks check` on this file: it says what is
# missing, where, and how to fix it. Text fields take a little Markdown: **bold**, *italic*,
# lists and links. Never type a phone number or web address: name helplines by their id in
# `signposting`. When the checks pass, record the review with `safepacks review`.
schema: 1
id: {id}                     # lower-case words joined by hyphens; names the output folder
title: "TODO: the lesson title for the teacher pack"
pupil_title: "TODO: a friendlier title for the pupil handout"
topic: {topic}               # grooming, live-streaming, reporting, image-sharing, online-relationships
key_stage: {key_stage}
year_groups: [{years}]
duration_minutes: 50         # the activities' minutes must add up to this
risk_areas: [contact]        # KCSIE's areas of online risk: content, contact, conduct, commerce

summary: "TODO: one paragraph for the teacher on what the lesson does and why."
learning_objective: "TODO: one sentence pupils will read, e.g. To know …"
learning_outcomes:           # "I can …" statements; cite the guidance each meets (safepacks coverage)
  - text: "TODO: I can …"
    guidance: []             # e.g. [rshe-2025/secondary/personal-safety/6]

keywords:                    # definitions pupils of this age can read
  - term: trusted adult
    definition: A grown-up you know well who listens and helps keep you safe.

prior_knowledge: "TODO: what pupils should already know, and how to check."

safeguarding:                # teacher-only; never printed for pupils or parents
  sensitivity: high          # low, medium or high
  before_the_lesson:
    - Tell the designated safeguarding lead (DSL) when the lesson will happen.
    - Find out which pupils may be affected, and plan a way for any pupil to step out.
  ground_rules:
    - We do not share personal stories or name anyone.
  distancing: "TODO: how fictional characters and scenarios keep pupils at a safe distance."
  question_box: "TODO: how pupils can ask questions anonymously, and when they will be answered."
  disclosure:
    - Listen calmly; do not promise to keep a secret; tell the DSL the same day; write down their words.

background:                  # facts for the teacher, each with its source and year
  - text: "TODO: a fact the teacher needs."
    source: "TODO: who published it, and the document's title"
    year: 2025

activities:                  # 4–6 activities; the first includes a baseline, the last the end point
  - id: starter
    title: Ground rules and where we start
    minutes: 10
    teacher_notes: "TODO: what to do and say, with timings and what to listen for."
    pupil_task: "TODO: what pupils read on their handout."
    writing_lines: 3
  - id: main
    title: The main activity
    minutes: 40
    teacher_notes: "TODO: what to do and say."
    worksheet:               # scenario-cards, true-false, sorting or quiz (answers stay in the teacher pack)
      kind: true-false
      instructions: Tick true or false for each sentence.
      statements:
        - statement: "TODO: a sentence pupils judge."
          answer: true
          explanation: "TODO: why, for the teacher."
        - statement: "TODO: another sentence."
          answer: false
          explanation: "TODO: why, for the teacher."

differentiation:
  support: ["TODO: how to support pupils who need it."]
  challenge: ["TODO: how to stretch pupils who are ready."]
plenary: "TODO: how the lesson ends, and the key message."
assessment:
  baseline: "TODO: how the starter shows what pupils already know."
  end_point: "TODO: how you will know what pupils have learned."
signposting: [trusted-adult, childline]   # ids from registry/signposting.yaml

parents:                     # the parent/carer leaflet
  summary: "TODO: what your child learned this week, in plain words."
  warning_signs: ["TODO: a sign that something may be wrong."]
  conversation_starters: ["TODO: a question to ask at home.", "TODO: another question."]
  settings_and_habits: ["TODO: a practical step for home."]
"""

_OVERLAY = """\
# Your school's version of '{base_id}'. It keeps everything from that lesson except what
# you change here, so improvements to the base lesson still reach you (and mark this
# version's review as stale, so someone checks them). Run `safepacks check` on this file.
extends: {base_id_yaml}
id: {new_id}
# Any lesson field written here replaces the base lesson's, for example:
# title: {title}

# Change activities by their id. The base lesson's activities are:
{activities}
activity_changes: []
# Examples (remove the [] above and the # at the start of the lines you keep):
#   - replace: {first}
#     with:
#       id: our-starter
#       title: Our starter
#       minutes: 10
#       teacher_notes: What to do and say.
#   - add_after: {first}
#     activity:
#       id: our-activity
#       title: Our extra activity
#       minutes: 10
#       teacher_notes: What to do and say.
#   - remove: ACTIVITY-ID
#   - minutes: {{{first}: 8}}      # activity minutes must still add up to duration_minutes
"""
