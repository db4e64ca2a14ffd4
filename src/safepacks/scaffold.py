"""`safepacks new` and `safepacks schema`: start a lesson or an overlay, with editor support.

Every scaffold begins with a `# yaml-language-server: $schema=…` line, so VS Code's YAML
extension completes and validates the file against the schema shipped in `schemas/`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .errors import UsageError
from .model import KeyStage, Lesson, Topic
from .resources import SCHEMAS_DIR



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
    schema = SCHEMAS_DIR / f"{kind}.schema.json"
    relative = os.path.relpath(schema, target.resolve().parent)
    return f"# yaml-language-server: $schema={relative}\n"


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


def new_overlay(target: Path, base: dict[str, Any]) -> str:
    activities = "\n".join(
        f"#   {a.get('id')}: {a.get('title')} ({a.get('minutes')} min)" for a in base.get("activities", [])
    )
    return modeline(target, "overlay") + _OVERLAY.format(
        base_id=base["id"],
        new_id=f"{base['id']}-{target.stem}",
        title=base.get("title", ""),
        activities=activities,
        first=(base.get("activities") or [{}])[0].get("id", "ACTIVITY-ID"),
    )


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
extends: {base_id}
id: {new_id}
# Any lesson field written here replaces the base lesson's, for example:
# title: {title} (our version)

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
