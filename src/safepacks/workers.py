"""Render one file, in this process or a worker: a Document and a format in, bytes out.

Workers receive documents already made from the checked lesson; they never read a lesson
file, so what reaches print is exactly what was checked.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .build import Job

log = logging.getLogger(__name__)


def start_worker() -> None:
    """Warm a worker: import the renderers once, before the first job arrives."""
    from .outputs import FORMATS, _load

    for fmt in FORMATS.values():
        _load(fmt.renderer_path)
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


def render_job(job: Job) -> bytes | str:
    """The file's bytes, or a message saying why it could not be made (never raises)."""
    from .outputs import file_format

    try:
        return file_format(job.format).render(job.document, job.style)
    except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the batch
        log.debug("rendering %s failed", job.relative, exc_info=True)
        return f"could not make {job.relative}: {exc}"
