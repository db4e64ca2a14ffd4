"""What each output was made from, so an unchanged output is not rebuilt.

Each output's key is a hash of everything that can change its bytes: the lesson's bytes as
they were read and checked, the registries, the school profile and its files, templates,
stylesheets, images, the toolkit's own source and the renderers' versions, and the build
options. Paths inside the hashes are relative, so moving a workspace or a checkout keeps its
cache; compiled bytecode is never hashed, so a fresh clone's second build rebuilds nothing.

The manifests beside the outputs record each output's key, the lesson file it came from and
its own hash, and the school the packs were made for. They live in a folder other people may
have shared, so they are read as untrusted: an entry naming a place outside its folder is
dropped, never acted on.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

from .resources import CSS_DIR, IMAGES_DIR, TEMPLATES_DIR

MANIFEST = ".safepacks-manifest.json"
_NOT_SOURCE = {"__pycache__"}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_digest(paths: Iterable[Path]) -> str:
    """One hash over the contents of files, and of folders walked (hidden files, `__pycache__`
    and `.pyc` skipped), named relative to the folder given, so the hash does not depend on
    where the folder is."""
    digest = hashlib.sha256()
    entries: list[tuple[str, Path]] = []
    for path in paths:
        if path.is_dir():
            for file in path.rglob("*"):
                relative = file.relative_to(path)
                if file.is_file() and not _skipped(relative):
                    entries.append((f"{path.name}/{relative.as_posix()}", file))
        elif path.is_file():
            entries.append((path.name, path))
    for name, file in sorted(set(entries)):
        digest.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def _skipped(relative: Path) -> bool:
    return relative.suffix == ".pyc" or any(part.startswith(".") or part in _NOT_SOURCE for part in relative.parts)


@lru_cache(maxsize=1)
def toolkit_digest() -> str:
    """The toolkit's own Python source and the renderers' versions: a change to either
    rebuilds everything. Lessons are not part of it: each output keys on its own lesson."""
    from .outputs import FORMATS

    code = Path(__file__).parent
    sources = sorted(p for p in code.rglob("*.py") if not _skipped(p.relative_to(code)))
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.relative_to(code).as_posix().encode() + b"\0" + path.read_bytes())
    versions = "|".join(f.versions for f in FORMATS.values())
    return hashlib.sha256(digest.hexdigest().encode() + versions.encode()).hexdigest()


def shared_digest(*, registry_files: Iterable[Path], school_files: Iterable[Path], options: str) -> str:
    """Inputs every output shares: the registry files read, templates, styles, images, the
    school's files, the toolkit and the options."""
    parts = [
        tree_digest(registry_files),
        tree_digest([TEMPLATES_DIR, CSS_DIR, IMAGES_DIR]),
        tree_digest(school_files),
        toolkit_digest(),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        options,
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def output_key(shared: str, lesson_digest: str, document: str) -> str:
    return hashlib.sha256(f"{shared}|{lesson_digest}|{document}".encode()).hexdigest()


def safe_relative(name: object) -> str | None:
    """`name` if it is a plain relative path inside the output folder, else None."""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return None
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        return None
    return name


LESSON_MANIFEST = ".safepacks-lesson.json"
"""In each lesson's folder, the keys of the files beside it: written into the same staging
folder as the files and renamed into place with them, so the record of a lesson's outputs can
never disagree with the outputs, however a build is stopped."""


@dataclass
class Manifest:
    """`outputs`: relative path → {key, source, sha256}; `school`: whose packs these are.
    Read from the output folder's own manifest (the school, and the library-wide pages) and
    each lesson folder's manifest."""

    root: Path
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    school: str | None = None

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        manifest = cls(folder)
        top = _read_json(folder / MANIFEST)
        manifest.outputs.update(_entries(top.get("outputs"), prefix=""))
        school = top.get("school")
        manifest.school = school if isinstance(school, str) else None
        for lesson in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else ():
            if safe_relative(lesson.name) and not lesson.name.startswith("."):
                entries = _read_json(lesson / LESSON_MANIFEST).get("outputs")
                manifest.outputs.update(_entries(entries, prefix=f"{lesson.name}/"))
        return manifest

    def is_fresh(self, relative: str, key: str, root: Path) -> bool:
        entry = self.outputs.get(relative)
        target = root / relative
        return bool(entry and entry["key"] == key and target.is_file() and file_digest(target) == entry["sha256"])

    def record(self, relative: str, key: str, source: Path | None, data: bytes) -> None:
        """`source` is the lesson file an output came from (None for library-wide pages)."""
        entry = {"key": key, "source": str(source) if source else "", "sha256": hashlib.sha256(data).hexdigest()}
        self.outputs[relative] = entry

    def lesson_text(self, folder: str) -> bytes:
        """The manifest of one lesson's folder, as it is written into that folder."""
        prefix = f"{folder}/"
        entries = {rel[len(prefix) :]: e for rel, e in sorted(self.outputs.items()) if rel.startswith(prefix)}
        return json.dumps({"outputs": entries}, indent=1).encode()

    def text(self) -> bytes:
        """The output folder's own manifest: the school, and the pages about the whole library."""
        pages = {rel: e for rel, e in sorted(self.outputs.items()) if "/" not in rel}
        return json.dumps({"school": self.school, "outputs": pages}, indent=1).encode()

    def orphan_folders(self) -> list[str]:
        """Lesson folders whose lesson file no longer exists: stale packs must not be printed."""
        folders: dict[str, list[str]] = {}
        for relative, entry in self.outputs.items():
            if "/" in relative:
                folders.setdefault(relative.split("/", 1)[0], []).append(entry["source"])
        return [name for name, sources in folders.items() if all(s and not Path(s).exists() for s in sources)]

    def forget(self, folder: str) -> None:
        for relative in [r for r in self.outputs if r.startswith(f"{folder}/")]:
            del self.outputs[relative]


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _entries(outputs: object, *, prefix: str) -> dict[str, dict[str, str]]:
    """The well-formed entries of a manifest found on disk; anything else is dropped."""
    kept = {}
    for name, entry in outputs.items() if isinstance(outputs, dict) else ():
        relative = safe_relative(f"{prefix}{name}") if isinstance(name, str) and "/" not in name else None
        if relative and isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in _KEYS):
            kept[relative] = {k: entry[k] for k in _KEYS}
    return kept


_KEYS = ("key", "source", "sha256")
