"""Read and check lessons: load → validate → resolve → check, for every file in a batch.

Nothing here renders or writes. `safepacks check`, `list`, `coverage` and `review` stop
here; `safepacks build` starts here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .checks import run_checks
from .errors import UsageError
from .findings import Finding, Severity, has_errors, promote_warnings
from .loading import LoadError, Source, load
from .overlay import apply_overlay, is_overlay
from .registry import Registry, RegistryError, load_registry
from .resolve import ResolvedLesson, resolve
from .resources import REGISTRY_DIR
from .rules import RULES
from .school import School, SchoolError, load_school
from .validate import validate_lesson
from .workspace import LessonIndex, Workspace, is_bundled, lesson_files, lesson_index, school_review

REVIEW_RULES = frozenset(rule.id for rule in RULES.values() if rule.family == "review")


@dataclass(frozen=True)
class Checked:
    """One lesson file after load, validate, resolve and check: a lesson, or why it is not."""

    path: Path
    resolved: ResolvedLesson | None
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return self.resolved is not None and not has_errors(self.findings)

    @property
    def only_review_errors(self) -> bool:
        """Printable as a draft: every error is about review, none about the content."""
        errors = [f for f in self.findings if f.is_error]
        return self.resolved is not None and bool(errors) and all(f.rule in REVIEW_RULES for f in errors)


def find_lessons(paths: Iterable[Path]) -> list[Path]:
    """Lesson files named directly, or found in folders; sorted, each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(lesson_files(path))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


PARALLEL_FROM = 64  # below this many lessons, starting worker processes costs more than it saves


@dataclass(frozen=True)
class CheckOptions:
    """What every lesson in a batch is checked with."""

    index: LessonIndex  # where base lessons of overlays are found, by id
    school: School | None = None
    today: dt.date | None = None
    review: bool = True  # False leaves out the review rules (`safepacks review` is about to write one)
    outline: bool = False  # keep only an outline of each source, so a big batch's memory stays flat
    reviews: Path | None = None  # the workspace's reviews of bundled lessons


def check_lessons(
    paths: Iterable[Path],
    registry: Registry | None = None,
    *,
    school: School | None = None,
    today: dt.date | None = None,
    strict: bool = False,
    review: bool = True,
    jobs: int = 1,
    workspace: Workspace | None = None,
) -> list[Checked]:
    """Load, validate, resolve and check every lesson; nothing is rendered or written.
    Large batches are checked in `jobs` worker processes; results keep the files' order."""
    registry = registry or registry_or_error()
    files = find_lessons(paths)
    index = lesson_index(workspace).with_folders(tuple(dict.fromkeys(f.parent for f in files)))
    reviews = workspace.reviews_dir if workspace else None
    options = CheckOptions(index, school, today, review, outline=True, reviews=reviews)
    if jobs > 1 and len(files) >= PARALLEL_FROM:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        with ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_start_checker, initargs=(registry, options)
        ) as pool:
            checked = list(pool.map(_check_in_worker, files, chunksize=16))
    else:
        checked = [check_lesson(path, registry, options) for path in files]
    checked = _duplicate_ids(checked)
    if strict:
        checked = [Checked(c.path, c.resolved, promote_warnings(c.findings)) for c in checked]
    return checked


_worker_state: dict = {}


def _start_checker(registry: Registry, options: CheckOptions) -> None:
    _worker_state.update(registry=registry, options=options)


def _check_in_worker(path: Path) -> Checked:
    return check_lesson(path, _worker_state["registry"], _worker_state["options"])


def check_lesson(path: Path, registry: Registry, options: CheckOptions | None = None) -> Checked:
    options = options or CheckOptions(lesson_index(None).with_folders((path.parent,)))
    try:
        source = load_lesson(path, options.index, options.reviews)
    except LoadError as exc:
        return Checked(path, None, [exc.finding])
    lesson, findings = validate_lesson(source)
    if lesson is None:
        return Checked(path, None, findings)
    resolved, more = resolve(lesson, source, registry, options.school)
    findings += more
    if not has_errors(more):
        findings += run_checks(resolved, registry, today=options.today, review=options.review)
    if options.outline:
        resolved = replace(resolved, source=source.outline())
    return Checked(path, resolved, findings)


def load_lesson(path: Path, index: LessonIndex, reviews: Path | None = None) -> Source:
    """A lesson file's data; for an overlay, the base lesson with the overlay's changes applied;
    for a bundled lesson, the school's own review of it where the workspace holds one."""
    source = load(path)
    if is_overlay(source):
        source = apply_overlay(source, index.with_folders((path.parent,)))
    if reviews is not None and is_bundled(path):
        source = school_review(source, reviews)
    return source


def registry_or_error(folder: Path = REGISTRY_DIR) -> Registry:
    try:
        return load_registry(folder)
    except RegistryError as exc:
        raise BrokenInput(exc.findings) from None


def school_or_error(path: Path | None = None) -> School | None:
    """The school profile at `path`, or None when no profile is given."""
    if path is None:
        return None
    try:
        return load_school(path)
    except SchoolError as exc:
        raise BrokenInput(exc.findings, what="the school profile") from None


class BrokenInput(UsageError):
    exit_code = 1

    def __init__(self, findings: list[Finding], what: str = "the registry") -> None:
        self.findings = findings
        lines = "\n".join(f.format() for f in findings)
        super().__init__(f"{what} has errors; fix them first:\n{lines}")


def _duplicate_ids(checked: list[Checked]) -> list[Checked]:
    first_seen: dict[str, Path] = {}
    out = []
    for item in checked:
        if item.resolved is None:
            out.append(item)
            continue
        lesson_id = item.resolved.lesson.id
        if lesson_id in first_seen:
            source = item.resolved.source
            clash = Finding(
                item.path,
                source.place(("id",))[1],
                Severity.error,
                "duplicate-id",
                f"another lesson already has the id '{lesson_id}' ({first_seen[lesson_id]})",
                "give each lesson its own id: it names the lesson's output folder",
            )
            item = Checked(item.path, item.resolved, [*item.findings, clash])
        else:
            first_seen[lesson_id] = item.path
        out.append(item)
    return out
