"""Record a review: `safepacks review LESSON --by NAME --role ROLE`.

For the school's own lessons, the review block is written into the YAML text itself,
replacing an old block or added at the end, so the rest of the file (comments, quoting,
layout) is left exactly as it was. A bundled lesson lives in the package, which a school
never edits: its review goes into the workspace, in `reviews/<lesson id>.yaml`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from .checking import CheckOptions, check_lesson, registry_or_error
from .errors import SafepacksError
from .findings import Finding, has_errors
from .fingerprint import fingerprint
from .loading import load
from .output import atomic_write
from .registry import Registry
from .workspace import Workspace, is_bundled, lesson_index, review_file

REVIEW_INTERVAL = dt.timedelta(days=365)


class ReviewRefused(SafepacksError):
    def __init__(self, path: Path, findings: list[Finding]) -> None:
        self.findings = findings
        errors = "\n".join(f.format() for f in findings if f.is_error)
        super().__init__(f"{path}: not reviewed, because the checks found errors:\n{errors}")


@dataclass(frozen=True)
class ReviewRecord:
    reviewer: str
    role: str
    date: dt.date
    guidance: tuple[str, ...]
    next_review: dt.date
    fingerprint: str


def review(
    path: Path,
    *,
    by: str,
    role: str,
    today: dt.date | None = None,
    registry: Registry | None = None,
    workspace: Workspace | None = None,
    in_package: bool = False,
) -> ReviewRecord:
    """Run every check but the review rules; if none is an error, write the review block.
    `in_package`: the toolkit's maintainers reviewing a bundled lesson in a checkout write
    the block into the lesson file itself, as for a school's own lesson."""
    registry = registry or registry_or_error()
    today = today or dt.date.today()
    bundled = is_bundled(path) and not in_package
    if bundled and workspace is None:
        raise SafepacksError(
            f"{path} is a bundled lesson: its review is kept in your school's workspace. "
            "Make one with `safepacks init FOLDER`, then run this command inside it."
        )
    index = lesson_index(workspace).with_folders((path.parent,))
    reviews = workspace.reviews_dir if workspace and not in_package else None
    options = CheckOptions(index, today=today, review=False, reviews=reviews)
    checked = check_lesson(path, registry, options)
    if checked.resolved is None or has_errors(checked.findings):
        raise ReviewRefused(path, checked.findings)
    source = checked.resolved.source
    cited = {registry.statements[ref][0].id for ref in checked.resolved.statements}
    baseline = {doc.id for doc in registry.documents.values() if doc.baseline and not doc.superseded_by}
    record = ReviewRecord(
        reviewer=by.strip(),
        role=role.strip(),
        date=today,
        guidance=tuple(sorted(cited | baseline)),
        next_review=today + REVIEW_INTERVAL,
        fingerprint=fingerprint(source.data),
    )
    if bundled:
        target = review_file(workspace.reviews_dir, checked.resolved.lesson.id)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, (_BUNDLED_HEADER.format(id=checked.resolved.lesson.id) + review_yaml(record)).encode())
    else:
        target = path
        _write_block(path, source.text, source.spans.get(("review",)), source.key_positions.get(("review",)), record)
    if load(target).data.get("review", {}).get("fingerprint") != record.fingerprint:  # pragma: no cover
        raise SafepacksError(f"{target}: the review block could not be written back safely")
    if workspace is not None and not in_package:
        _keep_what_was_signed(workspace, checked.resolved.lesson.id, record.fingerprint, source.data)
    return record


def _keep_what_was_signed(workspace: Workspace, lesson_id: str, fingerprint: str, data: dict) -> None:
    """A copy of the lesson as the reviewer signed it, so a stale review can show what has
    changed since (including changes that came from an updated base lesson)."""
    signed = {key: value for key, value in data.items() if key != "review"}
    text = json.dumps({"fingerprint": fingerprint, "lesson": signed}, indent=1, ensure_ascii=False, default=str)
    workspace.reviews_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(signed_copy(workspace, lesson_id), text.encode("utf-8"))


def signed_copy(workspace: Workspace, lesson_id: str) -> Path:
    return workspace.reviews_dir / f"{lesson_id}.signed.json"


@dataclass(frozen=True)
class Change:
    """One field that differs from what the reviewer signed."""

    field: str  # e.g. "activities[spot-the-signs].minutes"
    before: object
    after: object


def changes_since_review(workspace: Workspace, lesson_id: str, data: dict) -> list[Change] | None:
    """What differs between the lesson now (`data`, merged, as checked) and the copy kept when
    its review was signed; None when no copy was kept for the current review."""
    path = signed_copy(workspace, lesson_id)
    if not path.is_file():
        return None
    kept = json.loads(path.read_text(encoding="utf-8"))
    review = data.get("review") or {}
    if kept.get("fingerprint") != review.get("fingerprint"):
        return None  # the copy is of another review
    now = json.loads(json.dumps({k: v for k, v in data.items() if k != "review"}, default=str))
    before, after = _leaves(kept["lesson"]), _leaves(now)
    return [
        Change(field, before.get(field), after.get(field))
        for field in sorted(before.keys() | after.keys(), key=_reading_order(before, after))
        if before.get(field) != after.get(field)
    ]


def _leaves(value: object, prefix: str = "") -> dict[str, object]:
    """Every leaf value by a readable path; activities and cards are named by id or title."""
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, item in value.items():
            out.update(_leaves(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and all(isinstance(item, dict) and ("id" in item or "title" in item) for item in value):
        out = {}
        for item in value:
            out.update(_leaves(item, f"{prefix}[{item.get('id') or item.get('title')}]"))
        return out
    return {prefix: value}


def _reading_order(before: dict, after: dict):  # noqa: ANN202
    order = {field: n for n, field in enumerate([*after, *(f for f in before if f not in after)])}
    return lambda field: order[field]


_BUNDLED_HEADER = """\
# Your school's review of the bundled lesson '{id}', written by `safepacks review`.
# It counts only while the lesson is unchanged: when an update of safepacks changes the
# lesson, `safepacks check` reports the review as stale so someone looks at the changes.
"""


def _review_data(record: ReviewRecord) -> dict:
    return {
        "reviewer": record.reviewer,
        "role": record.role,
        "date": record.date,
        "guidance": list(record.guidance),
        "next_review": record.next_review,
        "fingerprint": record.fingerprint,
    }


def review_yaml(record: ReviewRecord) -> str:
    block = {"review": _review_data(record)}
    return yaml.safe_dump(block, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)


def _write_block(path: Path, text: str, span, key_position, record: ReviewRecord) -> None:  # noqa: ANN001
    """Splice the review block into the file's text, so its comments and layout stay; a file
    in flow or JSON style (where a block cannot be spliced in) is written out again whole."""
    block = review_yaml(record)
    if span is None or key_position is None:
        new_text = text.rstrip("\n") + "\n\n" + block
    else:
        lines = text.splitlines(keepends=True)
        start = sum(len(line) for line in lines[: key_position.line - 1])
        end = span[1]
        # A block mapping's span ends at the start of the next key: keep what follows intact.
        rest = text[end:]
        new_text = text[:start] + block + ("" if not rest.strip() else "\n" + rest.lstrip("\n"))
    expected = {**yaml.safe_load(text), "review": _review_data(record)}
    try:
        spliced_ok = yaml.safe_load(new_text) == expected
    except yaml.YAMLError:
        spliced_ok = False
    if not spliced_ok:
        new_text = yaml.safe_dump(expected, sort_keys=False, allow_unicode=True, width=100)
    atomic_write(path, new_text.encode("utf-8"))
