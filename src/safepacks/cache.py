"""What each output was made from, so an unchanged output is not rebuilt.

Each output's key is a hash of everything that can change its bytes: the lesson's bytes as
they were read and checked, the registries, the school profile and its files, templates,
stylesheets, images, the toolkit's own source and the renderers' versions, and the build
options. Paths inside the hashes are relative, so moving a workspace or a checkout keeps its
cache; compiled bytecode is never hashed, so a fresh clone's second build rebuilds nothing.

The manifest beside the outputs records each output's key, the lesson file it came from and
its own hash, and the school the packs were made for. It lives in a folder other people may
have shared, so it is read as untrusted: an entry naming a place outside the output folder
is dropped, never acted on.
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


@dataclass
class Manifest:
    """`outputs`: relative path → {key, source, sha256}; `school`: whose packs these are."""

    path: Path
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    school: str | None = None

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(data, dict):
            return cls(path)
        outputs = data.get("outputs")
        kept = {}
        for name, entry in outputs.items() if isinstance(outputs, dict) else ():
            if safe_relative(name) and isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in _KEYS):
                kept[name] = {k: entry[k] for k in _KEYS}
        school = data.get("school")
        return cls(path, kept, school if isinstance(school, str) else None)

    def is_fresh(self, relative: str, key: str, root: Path) -> bool:
        entry = self.outputs.get(relative)
        target = root / relative
        return bool(entry and entry["key"] == key and target.is_file() and file_digest(target) == entry["sha256"])

    def record(self, relative: str, key: str, source: Path | None, data: bytes) -> None:
        """`source` is the lesson file an output came from (None for library-wide pages)."""
        entry = {"key": key, "source": str(source) if source else "", "sha256": hashlib.sha256(data).hexdigest()}
        self.outputs[relative] = entry

    def orphans(self) -> list[str]:
        """Outputs whose lesson file no longer exists."""
        return [rel for rel, entry in self.outputs.items() if entry["source"] and not Path(entry["source"]).exists()]

    def text(self) -> str:
        return json.dumps({"school": self.school, "outputs": dict(sorted(self.outputs.items()))}, indent=1)


_KEYS = ("key", "source", "sha256")
