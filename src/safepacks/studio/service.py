"""What the studio does, over the same library the command line uses: list and check
lessons, preview them, make and edit a school's version, build, review. The web layer
(`app.py`) only turns requests into these calls and their results into pages.

Checks and thumbnails are cached by the files they come from (and made in the
background), so the library page stays quick with hundreds of lessons.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..build import build
from ..checking import REVIEW_RULES, CheckOptions, check_lesson, registry_or_error
from ..editing import EditRefused, LessonFile, YamlFile, readable
from ..findings import Finding
from ..loading import load
from ..outputs import AUDIENCES
from ..preview import Preview, preview
from ..render.pdf import render_pdf
from ..render.style import Style
from ..reviews import Change, changes_since_review, review
from ..scaffold import new_overlay_from, write_new
from ..school import SchoolError, load_school
from ..workspace import Workspace, is_bundled, lesson_files, lesson_index, top_level_id
from . import background
from .background import pool as background_pool

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
THUMB_WIDTH = 260  # pixels


@dataclass
class Entry:
    """A lesson as the library page lists it."""

    id: str
    path: Path
    title: str = ""
    key_stage: str = ""
    topic: str = ""
    bundled: bool = True
    extends: str | None = None
    errors: int = 0
    warnings: int = 0
    review: str = "checking"  # reviewed, stale, missing, checking
    checked: bool = False
    findings: list[Finding] = field(default_factory=list)


class Studio:
    def __init__(self, workspace: Workspace, *, today: dt.date | None = None, background: bool = True) -> None:
        self.workspace = workspace
        self.registry = registry_or_error()
        self.today = today
        self.cache_dir = workspace.root / ".safepacks-studio"
        self._lock = threading.Lock()
        self._checked: dict[Path, tuple[tuple, Entry]] = {}
        self._last_good: dict[tuple[str, str], str] = {}  # (lesson id, audience) → HTML
        self._previews: dict[tuple[str, str], tuple[tuple, Preview]] = {}  # the latest, with its files' key
        self._index: tuple[tuple, object] | None = None  # (the lessons folder's listing, its index)
        self._bases: dict[Path, tuple[tuple, str | None]] = {}  # file → (version, the id it extends)
        self._pool = background_pool(workspace.root, today) if background else None
        self._thumbs: set[Path] = set()
        self._queued: dict[Path, tuple] = {}  # lessons being checked in the background, with their key

    # --- the school ---------------------------------------------------------------

    def school(self) -> tuple[object, list[Finding]]:
        if not self.workspace.school_file.is_file():
            return None, []
        try:
            return load_school(self.workspace.school_file), []
        except SchoolError as exc:
            return None, exc.findings

    def save_school(self, changes: dict) -> list[Finding]:
        """Write the profile's fields from the form; refused (and nothing written) if the
        result is not a valid profile."""
        profile = YamlFile(self.workspace.school_file)
        for key, value in changes.items():
            field_path = tuple(key.split("."))
            if value in (None, "", []):
                profile.remove(field_path)
            else:
                profile.set(field_path, value)

        def valid(path: Path) -> tuple[object, list[Finding]]:
            try:
                return load_school(path), []
            except SchoolError as exc:
                return None, exc.findings

        try:
            profile.save(readable(valid))
        except EditRefused as refused:
            return refused.findings
        return []

    # --- lessons ------------------------------------------------------------------

    def index(self):  # noqa: ANN201
        """The lesson index, made again only when a file in the school's lessons folder has
        been added, removed or changed (the bundled library does not change while we run)."""
        listing = _listing(self.workspace.lessons_dir)
        with self._lock:
            if self._index is None or self._index[0] != listing:
                self._index = (listing, lesson_index(self.workspace))
            return self._index[1]

    def path_of(self, lesson_id: str) -> Path | None:
        if not SLUG.match(lesson_id):
            return None
        return self.index().get(lesson_id)

    def entries(self) -> list[Entry]:
        """Every lesson, the school's own first; checked ones with their status, the rest
        queued to be checked in the background."""
        out = []
        index = self.index()
        for lesson_id, path in sorted(index.ids.items()):
            key = self._key(path, index)
            with self._lock:
                cached = self._checked.get(path)
            if cached and cached[0] == key:
                out.append(cached[1])
                continue
            out.append(Entry(lesson_id, path, bundled=is_bundled(path), title=lesson_id))
            self._in_background(path, key)
        return sorted(out, key=lambda e: (e.bundled, e.key_stage, e.topic, e.title))

    def _in_background(self, path: Path, key: tuple) -> None:
        """Check a lesson for the library page in a worker, once per version of its files."""
        with self._lock:
            if self._pool is None or self._queued.get(path) == key:
                return
            self._queued[path] = key

        def done(future) -> None:  # noqa: ANN001
            if future.cancelled() or future.exception() is not None:
                with self._lock:  # tried again the next time the page asks
                    self._queued.pop(path, None)
            else:
                self._keep(path, key, future.result())

        self._submit("check", path, key).add_done_callback(done)

    def _submit(self, job: str, *args):  # noqa: ANN002, ANN201
        """Background work for a worker process; if the workers cannot run (one died, or
        this Python cannot start them), in a thread of this process instead."""
        if not isinstance(self._pool, ThreadPoolExecutor):
            try:
                return self._pool.submit(getattr(background, job), *args)
            except BrokenProcessPool:
                self._pool = ThreadPoolExecutor(2, thread_name_prefix="studio")
        work = {"check": self.check_now, "thumbnail": self.make_thumbnail}[job]
        return self._pool.submit(work, *args)

    def _keep(self, path: Path, key: tuple, entry: Entry) -> None:
        with self._lock:
            self._checked[path] = (key, entry)

    def close(self) -> None:
        """Stop the background workers (what they were doing is simply dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def entry(self, lesson_id: str) -> Entry | None:
        path = self.path_of(lesson_id)
        return None if path is None else self.check_now(path, self._key(path))

    def _key(self, path: Path, index=None) -> tuple:  # noqa: ANN001
        """What a lesson's check depends on, cheaply: the files' sizes and times."""
        files = [path, self.workspace.school_file, self.workspace.reviews_dir / f"{path.stem}.yaml"]
        base = (index or self.index()).get(self._base_of(path) or "")
        if base is not None:
            files.append(base)
        stats = []
        for file in files:
            try:
                stat = file.stat()
                stats.append((str(file), stat.st_mtime_ns, stat.st_size))
            except OSError:
                stats.append((str(file), None, None))
        return tuple(stats)

    def _base_of(self, path: Path) -> str | None:
        """The id a school's lesson extends, read once per version of the file."""
        if is_bundled(path):
            return None
        try:
            stat = path.stat()
        except OSError:
            return None
        version = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            known = self._bases.get(path)
        if known and known[0] == version:
            return known[1]
        base_id = top_level_id(path, "extends")
        with self._lock:
            self._bases[path] = (version, base_id)
        return base_id

    def check_now(self, path: Path, key: tuple) -> Entry:
        school, _ = self.school()
        options = CheckOptions(
            self.index().with_folders((path.parent,)), school, self.today, reviews=self.workspace.reviews_dir
        )
        checked = check_lesson(path, self.registry, options)
        entry = Entry(path.stem, path, bundled=is_bundled(path), findings=checked.findings)
        if checked.resolved is not None:
            lesson = checked.resolved.lesson
            entry.id, entry.title = lesson.id, lesson.display_title
            entry.key_stage, entry.topic = lesson.key_stage.value, lesson.topic.value
            entry.extends = self._base_of(path)
        entry.errors = sum(1 for f in checked.findings if f.is_error and f.rule not in REVIEW_RULES)
        entry.warnings = sum(1 for f in checked.findings if f.severity.value == "warning")
        rules = {f.rule for f in checked.findings}
        entry.review = "stale" if "review-stale" in rules else "missing" if rules & REVIEW_RULES else "reviewed"
        entry.checked = True
        self._keep(path, key, entry)
        return entry

    def preview(self, lesson_id: str, audience: str) -> Preview | None:
        path = self.path_of(lesson_id)
        if path is None or audience not in AUDIENCES:
            return None
        key = self._key(path)
        with self._lock:
            cached = self._previews.get((lesson_id, audience))
        if cached and cached[0] == key:  # nothing it depends on has changed since
            return cached[1]
        school, _ = self.school()
        made = preview(path, audience, self.registry, workspace=self.workspace, school=school)
        if made.html is not None:
            self._last_good[(lesson_id, audience)] = made.html
        elif made.lesson is None and (lesson_id, audience) in self._last_good:
            made = replace(made, html=self._last_good[(lesson_id, audience)])
        with self._lock:
            self._previews[(lesson_id, audience)] = (key, made)
        return made

    # --- our version of a lesson ----------------------------------------------------

    def make_our_version(self, base_id: str) -> str:
        """An overlay of `base_id` in the workspace's lessons folder; its id."""
        base = self.path_of(base_id)
        if base is None:
            raise KeyError(base_id)
        self.workspace.lessons_dir.mkdir(parents=True, exist_ok=True)
        stem = f"{base_id}-ours"
        target, n = self.workspace.lessons_dir / f"{stem}.yaml", 2
        while target.exists() or self.path_of(target.stem):
            target, n = self.workspace.lessons_dir / f"{stem}-{n}.yaml", n + 1
        text = new_overlay_from(base_id, target, self.workspace)
        text = re.sub(r"^id: .*$", f"id: {target.stem}", text, count=1, flags=re.M)
        write_new(target, text)
        return target.stem

    def editable(self, lesson_id: str) -> bool:
        path = self.path_of(lesson_id)
        return path is not None and not is_bundled(path)

    def edit(self, lesson_id: str, op: str, payload: dict) -> list[Finding]:
        """One change from the lesson form, saved to the school's file; the findings that
        refused it (nothing saved), or [] when it was saved."""
        path = self.path_of(lesson_id)
        if path is None or is_bundled(path):
            raise PermissionError("only the school's own lessons and versions can be changed")
        made = self.preview(lesson_id, "teacher")
        data = made.data if made and made.data else load(path).data
        current = {a.get("id"): a for a in data.get("activities", [])}
        lesson = LessonFile(path)
        if op == "set":
            lesson.set(_field(payload["field"]), payload["value"])
        elif op == "revert":
            lesson.remove(_field(payload["field"]))
        elif op == "activity":
            lesson.update_activity(payload["id"], payload["fields"], current[payload["id"]])
        elif op == "add-activity":
            activity = {"minutes": 5, "teacher_notes": "What to do and say.", **payload["activity"]}
            activity["id"] = _fresh_id(activity.get("title") or "our activity", current)
            lesson.add_activity(payload["after"], activity)
        elif op == "remove-activity":
            lesson.remove_activity(payload["id"])
        elif op == "order":
            lesson.reorder(list(payload["ids"]))
        else:
            raise ValueError(f"unknown change {op!r}")
        index = self.index()

        def valid(candidate: Path) -> tuple[object, list[Finding]]:
            checked = check_lesson(candidate, self.registry, CheckOptions(index.with_folders((path.parent,))))
            if checked.resolved is None:
                return None, checked.findings
            return checked.resolved, []

        try:
            lesson.save(readable(valid))
        except EditRefused as refused:
            return refused.findings
        return []

    # --- build, download, review ----------------------------------------------------

    def build(self, lesson_id: str) -> tuple[list[Path], list[Finding]]:
        path = self.path_of(lesson_id)
        if path is None:
            raise KeyError(lesson_id)
        school = self.workspace.school_file if self.workspace.school_file.is_file() else None
        report = build(
            [path], out=self.workspace.build_dir, school=school, workspace=self.workspace, allow_draft=True, jobs=1
        )
        result = report.results[0]
        folder = self.workspace.build_dir / lesson_id
        return sorted(p for p in folder.glob("*") if not p.name.startswith(".")), result.findings

    def file(self, lesson_id: str, name: str) -> Path | None:
        """A built file, only from that lesson's folder in the workspace's build folder."""
        if not SLUG.match(lesson_id) or "/" in name or name.startswith("."):
            return None
        folder = (self.workspace.build_dir / lesson_id).resolve()
        path = (folder / name).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            return None
        return path

    def zip_of(self, lesson_id: str) -> bytes:
        files, _ = self.build(lesson_id)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, f"{lesson_id}/{path.name}")
        return buffer.getvalue()

    def sign(self, lesson_id: str, name: str, role: str) -> list[Finding]:
        from ..reviews import ReviewRefused

        path = self.path_of(lesson_id)
        if path is None:
            raise KeyError(lesson_id)
        try:
            review(path, by=name, role=role, today=self.today, registry=self.registry, workspace=self.workspace)
        except ReviewRefused as refused:
            return [f for f in refused.findings if f.is_error]
        return []

    def changes(self, lesson_id: str) -> list[Change] | None:
        made = self.preview(lesson_id, "teacher")
        if made is None or made.data is None or made.lesson is None:
            return None
        return changes_since_review(self.workspace, made.lesson.id, made.data)

    # --- thumbnails ------------------------------------------------------------------

    def thumbnail(self, lesson_id: str) -> Path | None:
        """The first page of the lesson's teacher pack as a small PNG, or None while it is
        being made (in the background)."""
        path = self.path_of(lesson_id)
        if path is None:
            return None
        key = hashlib.sha256(repr(self._key(path)).encode()).hexdigest()[:16]
        target = self.cache_dir / "thumbnails" / f"{lesson_id}-{key}.png"
        if target.is_file():
            return target
        with self._lock:
            if target not in self._thumbs and self._pool is not None:
                self._thumbs.add(target)

                def done(future) -> None:  # noqa: ANN001
                    if future.cancelled() or future.exception() is not None:
                        self._thumbs.discard(target)  # tried again the next time the page asks

                self._submit("thumbnail", lesson_id, target).add_done_callback(done)
        return None

    def make_thumbnail(self, lesson_id: str, target: Path) -> None:
        import pypdfium2

        made = self.preview(lesson_id, "teacher")
        if made is None or made.lesson is None:
            return
        school, _ = self.school()
        path = self.path_of(lesson_id)
        checked = check_lesson(
            path, self.registry, CheckOptions(self.index().with_folders((path.parent,)), school, reviews=None)
        )
        if checked.resolved is None:
            return
        document = AUDIENCES["teacher"].view(checked.resolved)
        first = replace(document, blocks=document.blocks[:3])  # the cover page is enough
        pdf = pypdfium2.PdfDocument(render_pdf(first, Style.for_school(school)))
        page = pdf[0]
        image = page.render(scale=THUMB_WIDTH / page.get_width()).to_pil()
        target.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        from ..output import atomic_write

        atomic_write(target, buffer.getvalue())


def _field(field: str | list) -> tuple:
    parts = field if isinstance(field, list) else field.split(".")
    return tuple(int(p) if isinstance(p, str) and p.isdigit() else p for p in parts)


def _fresh_id(title: str, taken: dict) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "our-activity"
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def _listing(folder: Path) -> tuple:
    """Every lesson file under `folder` with its time and size: cheap to take, and different
    whenever a lesson is added, removed or saved."""
    found = []
    for path in lesson_files(folder):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)
