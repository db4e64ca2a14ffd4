"""What each output was made from, so an unchanged output is not rebuilt.

Each output's key is a hash of everything that can change its bytes: the lesson file, the
registries, the school profile and its files, templates, stylesheets, images, the fonts
chosen, the toolkit and renderer versions, and the build options. The manifest beside the
outputs records the key, the lesson it came from and the output's own hash.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .resources import DATA_DIR, REGISTRY_DIR

MANIFEST = ".safepacks-manifest.json"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_digest(paths: Iterable[Path]) -> str:
    """One hash over the names and contents of files (folders walked, hidden files skipped)."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")]
        elif path.is_file():
            files.append(path)
    for file in sorted(set(files)):
        digest.update(str(file).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def toolkit_digest() -> str:
    """The toolkit's own code and the renderers' versions: a change to either rebuilds all."""
    from importlib.metadata import version

    here = Path(__file__).parent
    versions = "|".join(f"{name}={version(name)}" for name in ("weasyprint", "python-docx", "pydyf"))
    return hashlib.sha256((tree_digest([here]) + versions).encode()).hexdigest()


def shared_digest(*, school_files: Iterable[Path], options: str) -> str:
    """Inputs every output shares: registries, assets, the school's files, toolkit, options."""
    parts = [
        tree_digest([REGISTRY_DIR]),
        tree_digest([DATA_DIR]),
        tree_digest(school_files),
        toolkit_digest(),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        options,
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def output_key(shared: str, lesson_files: Iterable[Path], document: str) -> str:
    return hashlib.sha256(f"{shared}|{tree_digest(lesson_files)}|{document}".encode()).hexdigest()


@dataclass
class Manifest:
    """`outputs`: relative path → {key, source, sha256}."""

    path: Path
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        try:
            outputs = json.loads(path.read_text(encoding="utf-8")).get("outputs", {})
        except (OSError, ValueError):
            outputs = {}
        return cls(path, outputs)

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

    def write(self) -> None:
        text = json.dumps({"outputs": dict(sorted(self.outputs.items()))}, indent=1)
        temporary = self.path.with_suffix(".part")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(self.path)
