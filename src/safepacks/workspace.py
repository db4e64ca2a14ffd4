"""A school's workspace: its profile, its own lessons and overlays, its logo, its reviews of
bundled lessons, and its `build/` folder, kept apart from the installed toolkit.

`safepacks init FOLDER` makes one. Commands find the workspace from the current folder, as
git finds its repository: the nearest folder, going up, that holds a `school.yaml`. Bundled
lessons stay in the package and are addressed by id; a school never edits the package's
files, so an update of the toolkit never conflicts with the school's changes.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .errors import SafepacksError, UsageError
from .loading import LoadError, Source, load
from .resources import DATA_DIR, LIBRARY_DIR

PROFILE = "school.yaml"
LESSON_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def school_file(self) -> Path:
        return self.root / PROFILE

    @property
    def lessons_dir(self) -> Path:
        return self.root / "lessons"

    @property
    def reviews_dir(self) -> Path:
        """Reviews the school records of bundled lessons, one file per lesson id."""
        return self.root / "reviews"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"


def find_workspace(start: Path | None = None) -> Workspace | None:
    """The workspace holding `start` (default: the current folder), or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PROFILE).is_file():
            return Workspace(folder)
    return None


@dataclass
class LessonIndex:
    """Lesson id → file, for the school's own lessons and the bundled library (the school's
    first, so an id of its own is found before a bundled one). Built once per command."""

    folders: tuple[Path, ...]

    @cached_property
    def all(self) -> dict[str, list[Path]]:
        """Every file claiming each id, in search order."""
        index: dict[str, list[Path]] = {}
        for folder in self.folders:
            for path in lesson_files(folder):
                lesson_id = top_level_id(path, "id")
                if lesson_id and path.resolve() not in index.get(lesson_id, []):
                    index.setdefault(lesson_id, []).append(path.resolve())
        return index

    @property
    def ids(self) -> dict[str, Path]:
        return {lesson_id: paths[0] for lesson_id, paths in self.all.items()}

    def get(self, lesson_id: str) -> Path | None:
        paths = self.all.get(lesson_id)
        return paths[0] if paths else None

    def with_folders(self, folders: tuple[Path, ...]) -> LessonIndex:
        """This index, searching `folders` (say, the folders of the files in a batch) first."""
        extra = tuple(f.resolve() for f in folders if f.resolve() not in self.folders)
        return LessonIndex((*dict.fromkeys(extra), *self.folders)) if extra else self


def lesson_files(folder: Path) -> list[Path]:
    """Every lesson file under `folder`, sorted; none if it is not a folder."""
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.rglob("*")) if p.suffix in LESSON_SUFFIXES and p.is_file()]


@lru_cache(maxsize=8)
def _line_of(key: str) -> re.Pattern:
    return re.compile(rf"^{key}:\s*['\"]?([a-z0-9]+(?:-[a-z0-9]+)*)['\"]?\s*(?:#.*)?$", re.MULTILINE)


def top_level_id(path: Path, key: str) -> str | None:
    """A lesson file's top-level `key` whose value is an id (`id`, `extends`), read cheaply:
    its own line, else the parsed file; None if the file has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = _line_of(key).search(text)
    if match:
        return match.group(1)
    if key not in text:
        return None
    try:
        data = load(path).data  # the loader with all its defences: any file may sit in a lessons folder
    except LoadError:
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def lesson_index(workspace: Workspace | None) -> LessonIndex:
    folders = (workspace.lessons_dir,) if workspace else ()
    return LessonIndex(tuple(f.resolve() for f in (*folders, LIBRARY_DIR)))


def is_bundled(path: Path) -> bool:
    return path.resolve().is_relative_to(LIBRARY_DIR.resolve())


def targets(names: tuple[str, ...], workspace: Workspace | None) -> tuple[Path, ...]:
    """What a command works on: files and folders as given, lesson ids looked up; with none
    given, the school's own lessons and the whole bundled library."""
    if not names:
        own = (workspace.lessons_dir,) if workspace and workspace.lessons_dir.is_dir() else ()
        return (*own, LIBRARY_DIR)
    index = lesson_index(workspace)
    found = []
    for name in names:
        path = Path(name)
        if path.exists():
            found.append(path)
        elif index.get(name):
            found.append(index.ids[name])
        else:
            raise UsageError(f"{name}: no such file, folder or lesson id (see `safepacks list --library`)")
    return tuple(found)


def init_workspace(folder: Path, *, name: str | None = None) -> Workspace:
    """Make a workspace in `folder` (created if need be): a profile to fill in, folders for
    lessons, the logo and reviews, and a README for the PSHE lead. Refuses to overwrite."""
    workspace = Workspace(folder)
    if workspace.school_file.exists():
        raise SafepacksError(f"{folder} is a workspace already: it has a {PROFILE}, which is left as it is")
    school = name or folder.resolve().name
    template = (DATA_DIR / "workspace" / PROFILE).read_text(encoding="utf-8")
    readme = (DATA_DIR / "workspace" / "README.md").read_text(encoding="utf-8")
    for sub in (workspace.lessons_dir, workspace.root / "assets", workspace.reviews_dir):
        sub.mkdir(parents=True, exist_ok=True)
    (workspace.root / "README.md").write_text(readme.replace("{school}", school), encoding="utf-8")
    quoted = json.dumps(" ".join(school.split()), ensure_ascii=False)  # a JSON string is a YAML string too
    workspace.school_file.write_text(template.replace('"{school}"', quoted), encoding="utf-8")
    return workspace


def review_file(reviews: Path, lesson_id: str) -> Path:
    return reviews / f"{lesson_id}.yaml"


def school_review(source: Source, reviews: Path) -> Source:
    """A bundled lesson with the school's own review of it, when the workspace holds one: the
    `review:` block in `reviews/<lesson id>.yaml` takes the place of the package's, and
    findings about it point at that file."""
    lesson_id = source.data.get("id") if isinstance(source.data, dict) else None
    path = review_file(reviews, lesson_id) if isinstance(lesson_id, str) else None
    if path is None or not path.is_file():
        return source
    record = load(path)
    if not isinstance(record.data, dict) or "review" not in record.data:
        return source
    data = {**source.data, "review": record.data["review"]}
    origins = (*source.origins, (("review",), record, ("review",)))
    return dataclasses.replace(source, data=data, origins=origins)
