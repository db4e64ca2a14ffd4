"""Make one document from scratch, in this process or a worker: load → resolve → view → render.

A job carries paths and options, not parsed objects, so it crosses a process boundary
cheaply; each worker reads the registry and the school profile once and keeps them.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .build import Job

log = logging.getLogger(__name__)


def start_worker() -> None:
    """Warm a worker: import the renderers once, before the first job arrives."""
    import safepacks.render.docx  # noqa: F401
    import safepacks.render.pdf  # noqa: F401

    _tune_gc()


@contextmanager
def rendering() -> Iterator[None]:
    """Render in this process with the collector tuned, and put it back afterwards."""
    before = gc.get_threshold()
    _tune_gc()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def _tune_gc() -> None:
    """Layout makes millions of short-lived objects: collecting the youngest less often, and
    never scanning what was loaded before rendering began, makes rendering faster (measured
    with benchmarks/run.py); older generations keep their defaults, so memory stays flat."""
    gc.freeze()
    gc.set_threshold(100_000, 10, 10)


@lru_cache(maxsize=1)
def _registry():  # noqa: ANN202
    from .checking import registry_or_error

    return registry_or_error()


@lru_cache(maxsize=4)
def _school(path: Path | None):  # noqa: ANN202
    from .checking import school_or_error

    return school_or_error(path)


@lru_cache(maxsize=16)
def _resolved(path: Path, stamps: tuple, school: Path | None):  # noqa: ANN202, ARG001 - stamps: cache key
    """A lesson resolved once for all its documents (keyed on its files' stamps, so edits count)."""
    from .checking import resolve_lesson

    return resolve_lesson(path, _registry(), _school(school))


def render_job(job: Job) -> bytes | str:
    """The document's bytes, or a message saying why it could not be made (never raises)."""
    try:
        from .views import VIEWS

        resolved = _resolved(job.lesson, job.stamps, job.school)
        document = replace(VIEWS[job.audience][1](resolved), draft=job.draft, created=job.created)
        if job.format == "pdf":
            from .render.pdf import render_pdf

            return render_pdf(document, job.style)
        from .render.docx import render_docx

        return render_docx(document, job.style)
    except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the batch
        log.debug("rendering %s failed", job.relative, exc_info=True)
        return f"could not make {job.relative}: {exc}"
