"""The pipeline, read top to bottom: load → validate → resolve → compose → render → write.

Every lesson in the batch is read and checked before anything is written, and a lesson
that fails never stops the others: its findings are reported and nothing is written for it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .checks import run_checks
from .checks.rules import RULES
from .errors import UsageError
from .findings import Finding, has_errors, promote_warnings
from .loading import LoadError, load
from .output import OutputWriter
from .paths import LESSONS_DIR, REGISTRY_DIR
from .registry import Registry, RegistryError, load_registry
from .resolve import ResolvedLesson, resolve
from .validate import validate_lesson

log = logging.getLogger(__name__)

AUDIENCES = ("teacher", "pupil", "parent")
FORMATS = ("pdf", "docx")
LESSON_SUFFIXES = (".yaml", ".yml")
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


@dataclass
class LessonResult:
    path: Path
    lesson_id: str | None
    outputs: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: str = ""
    draft: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.outputs) and not self.error


@dataclass
class BuildReport:
    out: Path
    results: list[LessonResult]

    @property
    def built(self) -> int:
        return sum(result.ok for result in self.results)

    @property
    def failed(self) -> int:
        return len(self.results) - self.built

    def summary(self) -> str:
        lessons = "lesson" if self.built == 1 else "lessons"
        drafts = sum(result.draft and result.ok for result in self.results)
        note = f" ({drafts} as drafts)" if drafts else ""
        return f"{self.built} {lessons} built{note}, {self.failed} failed; output in {self.out}"


def find_lessons(paths: Iterable[Path]) -> list[Path]:
    """Lesson files named directly, or found in folders; sorted, each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.suffix in LESSON_SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def check_lessons(
    paths: Iterable[Path],
    registry: Registry | None = None,
    *,
    today: dt.date | None = None,
    strict: bool = False,
    review: bool = True,
) -> list[Checked]:
    """Load, validate, resolve and check every lesson; nothing is rendered or written."""
    registry = registry or registry_or_error()
    checked = [check_lesson(path, registry, today=today, review=review) for path in find_lessons(paths)]
    checked = _duplicate_ids(checked)
    if strict:
        checked = [Checked(c.path, c.resolved, promote_warnings(c.findings)) for c in checked]
    return checked


def check_lesson(path: Path, registry: Registry, *, today: dt.date | None = None, review: bool = True) -> Checked:
    try:
        source = load(path)
    except LoadError as exc:
        return Checked(path, None, [exc.finding])
    lesson, findings = validate_lesson(source)
    if lesson is None:
        return Checked(path, None, findings)
    resolved, more = resolve(lesson, source, registry)
    findings += more
    if not has_errors(more):
        findings += run_checks(resolved, registry, today=today, review=review)
    return Checked(path, resolved, findings)


def registry_or_error(folder: Path = REGISTRY_DIR) -> Registry:
    try:
        return load_registry(folder)
    except RegistryError as exc:
        raise RegistryBroken(exc.findings) from None


class RegistryBroken(UsageError):
    exit_code = 1

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        lines = "\n".join(f.format() for f in findings)
        super().__init__(f"the registry has errors; fix them before building:\n{lines}")


def build(
    paths: Iterable[Path] = (LESSONS_DIR,),
    *,
    out: Path = Path("build"),
    audiences: tuple[str, ...] = AUDIENCES,
    formats: tuple[str, ...] = FORMATS,
    allow_draft: bool = False,
    today: dt.date | None = None,
    on_lesson: Callable[[LessonResult], None] | None = None,
) -> BuildReport:
    """Build packs for every lesson under `paths` into `out`; returns what happened to each.

    A lesson with errors is refused. With `allow_draft`, a lesson whose only errors are
    about its review is built with "DRAFT – NOT REVIEWED" on every page.
    """
    paths = tuple(paths)
    registry = registry_or_error()
    checked = check_lessons(paths, registry, today=today)
    renderers = _renderers(formats)
    writer = OutputWriter(out)
    results = []
    for item in checked:
        result = _build_one(item, audiences, renderers, writer, allow_draft=allow_draft)
        results.append(result)
        if on_lesson:
            on_lesson(result)
    if any(path.is_dir() for path in paths):  # a whole library: write its coverage page too
        _write_coverage(checked, registry, renderers, writer, today=today or dt.date.today())
    return BuildReport(writer.root, results)


def _write_coverage(checked: list[Checked], registry: Registry, renderers, writer: OutputWriter, *, today) -> None:  # noqa: ANN001
    from .coverage import coverage
    from .paths import IMAGES_DIR
    from .render.html import render_html
    from .views.coverage import coverage_document

    lessons = [item.resolved.lesson for item in checked if item.resolved is not None]
    document = coverage_document(coverage(lessons, registry), today=today)
    files = {"coverage.html": render_html(document, images_url=IMAGES_DIR.as_uri(), stylesheet=True).encode()}
    if "pdf" in renderers:
        files["coverage.pdf"] = renderers["pdf"](document)
    writer.write_all(files)


def _build_one(item: Checked, audiences, renderers, writer: OutputWriter, *, allow_draft: bool) -> LessonResult:  # noqa: ANN001
    lesson_id = item.resolved.lesson.id if item.resolved else None
    result = LessonResult(item.path, lesson_id, findings=item.findings)
    result.draft = allow_draft and item.only_review_errors
    if not (item.ok or result.draft):
        return result
    from .views import VIEWS

    files: dict[str, bytes] = {}
    try:
        for audience in audiences:
            if audience == "parent" and item.resolved.lesson.parents is None:
                continue  # reported by the `parents-missing` rule
            stem, view = VIEWS[audience]
            document = replace(view(item.resolved), draft=result.draft)
            for suffix, render in renderers.items():
                files[f"{lesson_id}/{stem}.{suffix}"] = render(document)
        result.outputs = writer.write_all(files)
    except Exception as exc:  # noqa: BLE001 - one lesson's failure must not stop the batch
        log.debug("rendering %s failed", item.path, exc_info=True)
        result.error = f"could not render {lesson_id}: {exc}"
    return result


def _renderers(formats: tuple[str, ...]) -> dict[str, Callable]:
    """Import only the renderers asked for: WeasyPrint alone takes about a second to import."""
    renderers: dict[str, Callable] = {}
    for name in formats:
        if name == "pdf":
            from .render.pdf import render_pdf

            renderers["pdf"] = render_pdf
        elif name == "docx":
            from .render.docx import render_docx

            renderers["docx"] = render_docx
        else:
            raise UsageError(f"unknown format {name!r}: use {', '.join(FORMATS)}")
    return renderers


def _duplicate_ids(checked: list[Checked]) -> list[Checked]:
    from .findings import Severity

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
                source.position(("id",)),
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
