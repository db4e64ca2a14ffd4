"""Render one file, in this process or a worker: a Document and a format in, bytes out.

Workers receive documents already made from the checked lesson; they never read a lesson
file, so what reaches print is exactly what was checked.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .build import Job

log = logging.getLogger(__name__)


def start_worker() -> None:
    """Set a worker up: it dies with the build that started it (even one killed outright),
    leaves Ctrl-C to the build, and imports the renderers once, before the first job."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .outputs import FORMATS, _load

    for fmt in FORMATS.values():
        _load(fmt.renderer_path)
    _tune_gc()


def _die_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)  # the build is gone: nobody will collect this worker's work

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


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
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - WeasyPrint's refused-asset error is a BaseException
        log.debug("rendering %s failed", job.relative, exc_info=True)
        return f"could not make {job.relative}: {exc}"
