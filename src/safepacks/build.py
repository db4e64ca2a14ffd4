"""`safepacks build`, read top to bottom: check everything → plan → render → write.

Invariants:
- every lesson in the batch is read and checked before anything is written;
- what is rendered is exactly what was checked: documents are made here from the checked
  lesson and handed to the renderers, so a file edited during a build cannot reach print;
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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import LESSON_MANIFEST, MANIFEST, Manifest, output_key, shared_digest
from .checking import Checked, check_lessons, registry_or_error, school_or_error
from .document import DRAFT_MARK, Document, build_time
from .errors import UsageError
from .findings import Finding
from .library import library_documents
from .output import OutputWriter
from .outputs import AUDIENCES, FORMATS, Audience, Format, audience, file_format
from .registry import Registry
from .render.style import VARIANTS, Style
from .resources import LIBRARY_DIR
from .school import School
from .workers import render_job
from .workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One file to make: a document, already made from the checked lesson, and a format."""

    lesson: Path
    document: Document
    format: str
    relative: str  # where it goes, under the output folder
    key: str
    style: Style
    cost: int = 1


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
    school: str = ""  # whose packs these are ("" when no school profile was given)
    replaced_school: str | None = None  # the school the folder's packs were made for before
    pages: list[Path] = field(default_factory=list)  # library-wide pages written
    warnings: list[str] = field(default_factory=list)  # about the machine, e.g. a missing font

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
    audiences: Iterable[str] = tuple(AUDIENCES),
    formats: Iterable[str] = tuple(FORMATS),
    variant: str = "standard",
    cream: bool = False,
    school: Path | None = None,
    reference_docx: Path | None = None,
    reference_pptx: Path | None = None,
    pdf_variant: str = "pdf/ua-1",
    allow_draft: bool = False,
    force: bool = False,
    jobs: int | None = None,
    today: dt.date | None = None,
    workspace: Workspace | None = None,
    registry: Registry | None = None,
    on_lesson: Callable[[LessonResult], None] | None = None,
    on_document: Callable[[Job, int, int], None] | None = None,
) -> BuildReport:
    """Build every document of every lesson under `paths` into `out`; returns what happened.

    A lesson with errors is refused. With `allow_draft`, a lesson whose only errors are about
    its review is built with "DRAFT – NOT REVIEWED" on every page.
    """
    paths = tuple(paths)
    today = today or dt.date.today()
    wanted = ([audience(name) for name in audiences], [file_format(name) for name in formats])
    _check_options(variant, reference_docx, reference_pptx)
    registry = registry or registry_or_error()
    profile = school_or_error(school)
    style = Style.for_school(
        profile,
        variant=variant,
        cream=cream,
        reference_docx=reference_docx,
        reference_pptx=reference_pptx,
        pdf_variant=pdf_variant,
    )
    jobs = jobs or os.cpu_count() or 1
    checked = check_lessons(paths, registry, school=profile, today=today, jobs=jobs, workspace=workspace)

    writer = OutputWriter(out)
    writer.recover()
    manifest = Manifest.read(writer.root)
    report = BuildReport(writer.root, [], school=_school_label(profile))
    if manifest.school is not None and manifest.school != report.school:
        report.replaced_school = manifest.school
    shared = shared_digest(
        registry_files=registry.paths, school_files=_school_files(profile, style), options=repr(style.key())
    )
    plan: list[Job] = []

    def fresh(relative: str, key: str) -> bool:
        return not force and manifest.is_fresh(relative, key, writer.root)

    for item in checked:
        result, lesson_jobs = _plan(item, *wanted, style, shared, allow_draft=allow_draft, fresh=fresh)
        plan.extend(lesson_jobs)
        report.results.append(result)

    if any(job.format == "pdf" for job in plan):
        from .fonts import missing_fonts

        report.warnings += [font.message() for font in missing_fonts(style)]
    rendered = _render_by_lesson(plan, jobs=jobs, on_document=on_document)
    planned = {job.lesson for job in plan}
    for result in report.results:  # in lesson order; each is written as soon as its files are made
        if result.path in planned:
            _write_lesson(result, next(rendered), writer, manifest)
        if on_lesson:
            on_lesson(result)
    rendered.close()

    report.removed = _remove_orphans(manifest, writer)
    if any(path.is_dir() for path in paths):  # a whole library: its coverage and verification pages too
        documents = library_documents(checked, registry, today=today, organisation=report.school)
        report.pages = _write_pages(documents, wanted[1], style, shared, writer, manifest, force=force)
    manifest.school = report.school
    writer.write_all({MANIFEST: manifest.text()})
    return report


def _check_options(variant: str, *references: Path | None) -> None:
    if variant not in VARIANTS:
        raise UsageError(f"unknown variant {variant!r}: use {', '.join(VARIANTS)}")
    for reference in references:
        if reference is not None and not reference.is_file():
            command = "reference-pptx" if reference.suffix.lower() in (".pptx", ".potx") else "reference-docx"
            raise UsageError(f"{reference}: no such file (make one with `safepacks {command}`)")


def _school_label(profile: School | None) -> str:
    return profile.profile.name if profile else ""


def _school_files(profile: School | None, style: Style) -> list[Path]:
    return [*filter(None, [profile and profile.path, style.reference_docx, style.reference_pptx]), *style.allowed_files]


def _plan(
    item: Checked,
    audiences: list[Audience],
    formats: list[Format],
    style: Style,
    shared: str,
    *,
    allow_draft: bool,
    fresh=lambda relative, key: False,  # noqa: ANN001
) -> tuple[LessonResult, list[Job]]:
    """The files to make for one checked lesson: one Document per audience, in every format.
    An audience whose files are all `fresh` (made before from the same inputs) is counted as
    unchanged and not composed at all: keys come from the inputs, not from the documents."""
    resolved = item.resolved
    result = LessonResult(item.path, resolved.lesson.id if resolved else None, findings=item.findings)
    result.draft = allow_draft and item.only_review_errors
    if resolved is None or not (item.ok or result.draft):
        return result, []
    review = resolved.lesson.review
    created = build_time(review.date if review and not result.draft else None)
    shown = resolved.as_draft() if result.draft else resolved  # its review is out of date or missing
    jobs = []
    for who in audiences:
        if not who.applies(resolved.lesson):
            continue
        wanted = []
        for fmt in (f for f in formats if who.made_in(f)):
            relative = f"{resolved.lesson.id}/{who.stem}{style.suffix}.{fmt.name}"
            key = output_key(shared, resolved.source.content_digest, f"{relative}|{result.draft}")
            if fresh(relative, key):
                result.unchanged += 1
            else:
                wanted.append((fmt, relative, key))
        if not wanted:
            continue
        document = replace(who.view(shown), draft=result.draft, created=created)
        if result.draft:
            document = replace(document, footer=f"{resolved.lesson.key_stage.value} · {DRAFT_MARK}")
        for fmt, relative, key in wanted:
            jobs.append(Job(item.path, document, fmt.name, relative, key, style, who.cost * fmt.cost))
    return result, jobs


def _render_by_lesson(plan: list[Job], *, jobs: int, on_document) -> Iterator[list[tuple[Job, bytes | str]]]:  # noqa: ANN001
    """Each lesson's files, rendered, as soon as the lesson is complete and in plan order,
    so a build of any size holds only a few lessons' files in memory. A file's result is
    its bytes, or a message saying why it could not be made."""
    from .workers import rendering, start_worker

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

    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    pool = ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=context, initializer=start_worker)
    try:
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
    except BaseException:  # Ctrl-C, or the build stopped early: stop the workers now, not after the queue
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    processes = list((pool._processes or {}).values())  # noqa: SLF001 - the executor offers no way to kill them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def _cost(job: Job) -> int:
    return job.cost


def _write_lesson(
    result: LessonResult, made: list[tuple[Job, bytes | str]], writer: OutputWriter, manifest: Manifest
) -> None:
    failures = [data for _, data in made if isinstance(data, str)]
    if failures:
        result.error = failures[0]
        return
    folder = made[0][0].relative.split("/", 1)[0]
    for job, data in made:
        manifest.record(job.relative, job.key, job.lesson.resolve(), data)  # type: ignore[arg-type]
    files = {job.relative.split("/", 1)[1]: data for job, data in made}
    result.outputs = writer.write_folder(folder, {**files, LESSON_MANIFEST: manifest.lesson_text(folder)})[:-1]


def _write_pages(
    documents: dict[str, Document],
    formats: list[Format],
    style: Style,
    shared: str,
    writer: OutputWriter,
    manifest: Manifest,
    *,
    force: bool,
) -> list[Path]:
    """Library-wide pages, each rendered only when what it says has changed."""
    from .render.html import render_html

    files = {}
    for name, document in documents.items():
        key = output_key(shared, hashlib.sha256(repr(document).encode()).hexdigest(), name)
        wanted = [f"{name}.html", *(f"{name}.{f.name}" for f in formats if f.for_library)]
        if not force and all(manifest.is_fresh(relative, key, writer.root) for relative in wanted):
            continue
        made = {f"{name}.html": render_html(document, style, standalone=True).encode()}
        made.update({f"{name}.{f.name}": f.render(document, style) for f in formats if f.for_library})
        for relative, data in made.items():
            manifest.record(relative, key, None, data)
        files.update(made)
    return writer.write_all(files)


def _remove_orphans(manifest: Manifest, writer: OutputWriter) -> list[str]:
    """The folders of lessons whose files were deleted: stale packs must not be printed."""
    removed = []
    for folder in manifest.orphan_folders():
        files = sorted(rel for rel in manifest.outputs if rel.startswith(f"{folder}/"))
        if writer.remove_folder(folder):
            removed += files
        manifest.forget(folder)
    return removed
