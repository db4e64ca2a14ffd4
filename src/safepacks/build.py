"""The pipeline, read top to bottom: load → validate → resolve → compose → render → write.

Every lesson in the batch is read and checked before anything is written, and a lesson
that fails never stops the others: its findings are reported and nothing is written for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .findings import Finding, has_errors
from .loading import LoadError, load
from .output import OutputWriter
from .paths import LESSONS_DIR, REGISTRY_DIR
from .registry import Registry, RegistryError, load_registry
from .resolve import ResolvedLesson, resolve
from .validate import validate_lesson

log = logging.getLogger(__name__)

AUDIENCES = ("teacher", "pupil")
FORMATS = ("pdf", "docx")
LESSON_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Checked:
    """One lesson file after load, validate and resolve: a lesson, or the reasons it is not."""

    path: Path
    resolved: ResolvedLesson | None
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return self.resolved is not None and not has_errors(self.findings)


@dataclass
class LessonResult:
    path: Path
    lesson_id: str | None
    outputs: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and not has_errors(self.findings)


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
        return f"{self.built} {lessons} built, {self.failed} failed; output in {self.out}"


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


def check_lessons(paths: Iterable[Path], registry: Registry | None = None) -> list[Checked]:
    """Load, validate and resolve every lesson; nothing is rendered or written."""
    registry = registry or registry_or_error()
    checked = [check_lesson(path, registry) for path in find_lessons(paths)]
    return _duplicate_ids(checked)


def check_lesson(path: Path, registry: Registry) -> Checked:
    try:
        source = load(path)
    except LoadError as exc:
        return Checked(path, None, [exc.finding])
    lesson, findings = validate_lesson(source)
    if lesson is None:
        return Checked(path, None, findings)
    resolved, more = resolve(lesson, source, registry)
    return Checked(path, resolved, findings + more)


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
    on_lesson: Callable[[LessonResult], None] | None = None,
) -> BuildReport:
    """Build packs for every lesson under `paths` into `out`; returns what happened to each."""
    checked = check_lessons(paths)
    renderers = _renderers(formats)
    writer = OutputWriter(out)
    results = []
    for item in checked:
        result = _build_one(item, audiences, renderers, writer)
        results.append(result)
        if on_lesson:
            on_lesson(result)
    return BuildReport(writer.root, results)


def _build_one(item: Checked, audiences, renderers, writer: OutputWriter) -> LessonResult:  # noqa: ANN001
    lesson_id = item.resolved.lesson.id if item.resolved else None
    result = LessonResult(item.path, lesson_id, findings=item.findings)
    if not item.ok:
        return result
    from .views import VIEWS

    files: dict[str, bytes] = {}
    try:
        for audience in audiences:
            stem, view = VIEWS[audience]
            document = view(item.resolved)
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
