"""The studio's background work (checking every lesson for the library page, drawing the
thumbnails) in worker processes: CPU-bound Python in a thread holds the interpreter lock and
would make every page wait behind it."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

_studio = None  # each worker's own Studio over the same workspace


def pool(workspace_root: Path, today: dt.date | None, workers: int = 2) -> ProcessPoolExecutor:
    """Workers started fresh ("spawn", as on Windows and macOS), never forked from a process
    that is serving pages from several threads."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(workspace_root, today))


def _start(workspace_root: Path, today: dt.date | None) -> None:
    global _studio
    from ..workspace import Workspace
    from .service import Studio

    _studio = Studio(Workspace(workspace_root), today=today, background=False)


def check(path: Path, key: tuple):  # noqa: ANN201
    return _studio.check_now(path, key)


def thumbnail(lesson_id: str, target: Path) -> None:
    _studio.make_thumbnail(lesson_id, target)
