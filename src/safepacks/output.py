"""The only way output reaches disk: inside the output folder, once per path, atomically.

A lesson's documents are written together into a staging folder (with its manifest and the
files of that lesson the build left unchanged), which then takes the place of the lesson's
folder: a teacher sees the lesson's old documents or all of its new ones, never a mixture,
however a build is stopped. A single file is written beside its target and renamed into
place. Whatever a stopped build leaves behind is tidied up by the next one. Removing a stale
output goes through the same checks, so nothing outside the folder (say, a path read from a
manifest someone else wrote) is ever touched, and symbolic links are never followed out.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import SafepacksError


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it, then rename it into place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


class OutputWriter:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.written: set[Path] = set()
        if self.root.exists() and not self.root.is_dir():
            raise SafepacksError(f"{root} is a file: give --out a folder")
        if self.root == Path(self.root.anchor) or self.root == Path.home().resolve():
            raise SafepacksError(f"refused to write packs straight into {self.root}: give --out a folder of their own")

    def target(self, relative: str) -> Path:
        path = (self.root / relative).resolve()
        if path == self.root or not path.is_relative_to(self.root):
            raise SafepacksError(f"refused to write {relative!r}: it is outside {self.root}")
        return path

    def write_all(self, files: dict[str, bytes]) -> list[Path]:
        """Write a lesson's files together: all are staged before any is renamed into place."""
        staged: list[tuple[Path, Path]] = []
        try:
            for relative, data in files.items():
                path = self.target(relative)
                if path in self.written:
                    raise SafepacksError(f"two outputs would be written to {relative!r}")
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.chmod(temporary, 0o644)
                staged.append((Path(temporary), path))
            for temporary, path in staged:
                os.replace(temporary, path)
                self.written.add(path)
        finally:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
        return [path for _, path in staged]

    def write_folder(self, name: str, files: dict[str, bytes]) -> list[Path]:
        """Replace the folder `name` (one lesson's) by one holding `files` and whatever it held
        besides them, in one rename; the paths of `files`, as they now are."""
        target = self.target(name)
        if target.parent != self.root:
            raise SafepacksError(f"refused to write {name!r}: a lesson's folder sits directly in {self.root}")
        staging, old = self.target(f"{STAGING}{name}"), self.target(f"{OLD}{name}")
        _remove_tree(staging)
        staging.mkdir(parents=True)
        if target.is_dir() and not target.is_symlink():
            for existing in target.iterdir():
                if existing.is_file() and not existing.is_symlink() and existing.name not in files:
                    _link_or_copy(existing, staging / existing.name)
        for filename, data in files.items():
            (staging / filename).write_bytes(data)
        _remove_tree(old)
        if target.exists() or target.is_symlink():
            os.replace(target, old)
        os.replace(staging, target)
        _remove_tree(old)
        paths = [target / filename for filename in files]
        self.written.update(paths)
        return paths

    def remove_folder(self, name: str) -> bool:
        """Delete one lesson's folder; True if there was one."""
        path = self.target(name)
        if path.parent != self.root or not path.is_dir() or path.is_symlink():
            return False
        _remove_tree(path)
        return True

    def recover(self) -> None:
        """Tidy up after a build that was stopped: staging folders and temporary files go; a
        lesson caught between its old folder and its new one gets its old folder back."""
        if not self.root.is_dir():
            return
        for path in self.root.iterdir():
            if path.name.startswith(STAGING):
                _remove_tree(path)
            elif path.name.startswith(OLD):
                original = path.with_name(path.name[len(OLD) :])
                if original.exists():
                    _remove_tree(path)
                else:
                    os.replace(path, original)
            elif path.name.startswith(".") and path.name.endswith(".part") and path.is_file():
                path.unlink()


STAGING, OLD = ".staging-", ".old-"


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _remove_tree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
