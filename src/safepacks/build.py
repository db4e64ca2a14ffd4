"""`safepacks build`, read top to bottom: check everything → plan → render → write.

Invariants:
- every lesson in the batch is read and checked before anything is written;
- a lesson that fails never stops the others, and nothing is written for it;
- an output whose inputs have not changed is not rendered again (see `cache`);
- rendering may run in worker processes, but results come back and are written here, in
  the order of the lessons, through the one guarded writer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Manifest, output_key, shared_digest
from .checking import Checked, check_lessons, registry_or_error, school_or_error
from .document import build_time
from .errors import UsageError
from .findings import Finding
from .output import OutputWriter
from .resources import LIBRARY_DIR
from .render.style import VARIANTS, Style

log = logging.getLogger(__name__)

AUDIENCES = ("teacher", "pupil", "parent")
FORMATS = ("pdf", "docx")
STEMS = {"teacher": "teacher-pack", "pupil": "pupil-handout", "parent": "parent-leaflet"}
_COST = {  # rough relative render times, to schedule the longest documents first
    ("teacher", "pdf"): 10,
    ("pupil", "pdf"): 5,
    ("parent", "pdf"): 2,
    ("teacher", "docx"): 2,
    ("pupil", "docx"): 1,
    ("parent", "docx"): 1,
}


@dataclass(frozen=True)
class Job:
    """One document to make: picklable, so a worker process can make it from scratch."""

    lesson: Path
    audience: str
    format: str
    relative: str  # where it goes, under the output folder
    key: str
    draft: bool
    style: Style
    school: Path | None
    today: dt.date
    created: dt.datetime  # decided here, not in a worker, whose environment may be older
    stamps: tuple[tuple[str, int, int], ...] = ()  # (file, mtime, size) of every source file


@dataclass
class LessonResult:
    path: Path
    lesson_id: str | None
    outputs: list[Path] = field(default_factory=list)
    unchanged: int = 0
    findings: list[Finding] = field(default_factory=list)
    error: str = ""
    draft: bool = False

    @property
    def ok(self) -> bool:
        return (bool(self.outputs) or self.unchanged > 0) and not self.error


@dataclass
class BuildReport:
    out: Path
    results: list[LessonResult]
    removed: list[str] = field(default_factory=list)

    @property
    def built(self) -> int:
        return sum(result.ok for result in self.results)

    @property
    def failed(self) -> int:
        return len(self.results) - self.built

    def summary(self) -> str:
        lessons = "lesson" if self.built == 1 else "lessons"
        drafts = sum(result.draft and result.ok for result in self.results)
        written = sum(len(result.outputs) for result in self.results)
        unchanged = sum(result.unchanged for result in self.results)
        notes = [f"{drafts} as drafts"] if drafts else []
        if unchanged:
            notes.append(f"{written} files written, {unchanged} unchanged")
        note = f" ({'; '.join(notes)})" if notes else ""
        return f"{self.built} {lessons} built{note}, {self.failed} failed; output in {self.out}"


def build(
    paths: Iterable[Path] = (LIBRARY_DIR,),
    *,
    out: Path = Path("build"),
    audiences: tuple[str, ...] = AUDIENCES,
    formats: tuple[str, ...] = FORMATS,
    variant: str = "standard",
    cream: bool = False,
    school: Path | None = None,
    reference_docx: Path | None = None,
    allow_draft: bool = False,
    force: bool = False,
    jobs: int | None = None,
    today: dt.date | None = None,
    on_lesson: Callable[[LessonResult], None] | None = None,
    on_document: Callable[[Job, int, int], None] | None = None,
) -> BuildReport:
    """Build packs for every lesson under `paths` into `out`; returns what happened to each.

    A lesson with errors is refused. With `allow_draft`, a lesson whose only errors are about
    its review is built with "DRAFT – NOT REVIEWED" on every page.
    """
    paths = tuple(paths)
    today = today or dt.date.today()
    _check_options(formats, variant, reference_docx)
    registry = registry_or_error()
    profile = school_or_error(school)
    style = Style.for_school(profile, variant=variant, cream=cream, reference_docx=reference_docx)
    jobs = jobs or os.cpu_count() or 1
    checked = check_lessons(paths, registry, school=profile, today=today, jobs=jobs)

    writer = OutputWriter(out)
    manifest = Manifest.read(writer.root)
    school_files = [*filter(None, [profile and profile.path, style.reference_docx]), *style.allowed_files]
    shared = shared_digest(school_files=school_files, options=repr(style))  # drafts: in each output's key
    results, plan = [], []
    for item in checked:
        result, lesson_jobs = _plan(item, audiences, formats, style, school, shared, allow_draft, today)
        for job in lesson_jobs:
            if not force and manifest.is_fresh(job.relative, job.key, writer.root):
                result.unchanged += 1
            else:
                plan.append(job)
        results.append(result)

    rendered = _render_by_lesson(plan, jobs=jobs, on_document=on_document)
    planned = {job.lesson for job in plan}
    for result in results:  # in lesson order; each is written as soon as its documents are made
        if result.path in planned:
            _write_lesson(result, next(rendered), writer, manifest)
        if on_lesson:
            on_lesson(result)
    rendered.close()

    removed = _remove_orphans(manifest, writer.root)
    if any(path.is_dir() for path in paths):  # a whole library: its coverage page too
        _write_coverage(checked, registry, style, writer, manifest, shared, today, profile.profile.name if profile else "", formats)
    manifest.write()
    return BuildReport(writer.root, results, removed)


def _check_options(formats: tuple[str, ...], variant: str, reference_docx: Path | None) -> None:
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format {unknown[0]!r}: use {', '.join(FORMATS)}")
    if variant not in VARIANTS:
        raise UsageError(f"unknown variant {variant!r}: use {', '.join(VARIANTS)}")
    if reference_docx is not None and not reference_docx.is_file():
        raise UsageError(f"{reference_docx}: no such file (make one with `safepacks reference-docx`)")


def _plan(
    item: Checked,
    audiences,
    formats,
    style: Style,
    school: Path | None,
    shared: str,
    allow_draft: bool,  # noqa: ANN001
    today: dt.date,
) -> tuple[LessonResult, list[Job]]:
    lesson = item.resolved.lesson if item.resolved else None
    result = LessonResult(item.path, lesson.id if lesson else None, findings=item.findings)
    result.draft = allow_draft and item.only_review_errors
    if lesson is None or not (item.ok or result.draft):
        return result, []
    jobs = []
    stamps = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in item.resolved.source_files)
    for audience in audiences:
        if audience == "parent" and lesson.parents is None:
            continue  # reported by the `parents-missing` rule
        for fmt in formats:
            relative = f"{lesson.id}/{STEMS[audience]}{style.suffix}.{fmt}"
            key = output_key(shared, item.resolved.source_files, f"{relative}|{result.draft}")
            jobs.append(
                Job(item.path, audience, fmt, relative, key, result.draft, style, school, today, build_time(), stamps)
            )
    return result, jobs


def _render_by_lesson(plan: list[Job], *, jobs: int, on_document) -> Iterator[list[tuple[Job, bytes | str]]]:  # noqa: ANN001
    """Each lesson's documents, rendered, as soon as the lesson is complete and in plan order,
    so a build of any size holds only a few lessons' files in memory. A document's result is
    its bytes, or a message saying why it could not be made."""
    from .workers import render_job, rendering, start_worker

    lessons: dict[Path, list[Job]] = {}
    for job in plan:
        lessons.setdefault(job.lesson, []).append(job)
    done, total = 0, len(plan)

    def progress(job: Job) -> None:
        nonlocal done
        done += 1
        if on_document:
            on_document(job, done, total)

    if jobs <= 1 or total == 1:
        with rendering():
            for lesson_jobs in lessons.values():
                made = []
                for job in lesson_jobs:
                    made.append((job, render_job(job)))
                    progress(job)
                yield made
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=context, initializer=start_worker) as pool:
        # Lesson by lesson, each lesson's longest documents first, so lessons finish in order
        # and no worker is left with a big teacher pack at the end.
        pending = []
        for group in lessons.values():
            futures = {id(job): pool.submit(render_job, job) for job in sorted(group, key=_cost, reverse=True)}
            pending.append([(job, futures[id(job)]) for job in group])
        for group in pending:
            made = []
            for job, future in group:
                made.append((job, future.result()))
                progress(job)
            yield made


def _cost(job: Job) -> int:
    return _COST[job.audience, job.format]


def _write_lesson(
    result: LessonResult, made: list[tuple[Job, bytes | str]], writer: OutputWriter, manifest: Manifest
) -> None:
    failures = [data for _, data in made if isinstance(data, str)]
    if failures:
        result.error = failures[0]
        return
    files = {job.relative: data for job, data in made}
    result.outputs = writer.write_all(files)
    for job, data in made:
        manifest.record(job.relative, job.key, job.lesson.resolve(), data)


def _remove_orphans(manifest: Manifest, root: Path) -> list[str]:
    """Outputs of lessons whose files were deleted: stale packs must not be printed."""
    removed = []
    for relative in manifest.orphans():
        target = root / relative
        if target.is_file():
            target.unlink()
            removed.append(relative)
        if target.parent != root and target.parent.is_dir() and not any(target.parent.iterdir()):
            target.parent.rmdir()
        del manifest.outputs[relative]
    return removed


def _write_coverage(checked, registry, style, writer, manifest, shared, today, organisation, formats) -> None:  # noqa: ANN001
    from .coverage import coverage
    from .render.html import render_html
    from .views.coverage import coverage_document

    lessons = [item.resolved.lesson for item in checked if item.resolved is not None]
    stages = coverage(lessons, registry)
    fingerprint = hashlib.sha256(repr((stages, today, organisation)).encode()).hexdigest()
    wanted = ["coverage.html"] + (["coverage.pdf"] if "pdf" in formats else [])
    key = hashlib.sha256(f"{shared}|{fingerprint}".encode()).hexdigest()
    if all(manifest.is_fresh(name, key, writer.root) for name in wanted):
        return
    document = coverage_document(stages, today=today, organisation=organisation)
    files = {"coverage.html": render_html(document, style, standalone=True).encode()}
    if "pdf" in formats:
        from .render.pdf import render_pdf

        files["coverage.pdf"] = render_pdf(document, style)
    writer.write_all(files)
    for name, data in files.items():
        manifest.record(name, key, None, data)
