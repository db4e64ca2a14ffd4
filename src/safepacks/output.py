"""The only way output reaches disk: inside the output folder, once per path, atomically.

Each file is written to a temporary file beside its target and renamed into place, so a
crash or a failed lesson never leaves a half-written pack where a teacher will print it.
Removing a stale output goes through the same check, so nothing outside the folder (say, a
path read from a manifest someone else wrote) is ever touched.
"""

from __future__ import annotations

import os
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

    def remove(self, relative: str) -> bool:
        """Delete one output (and its folder, once empty); True if a file was removed."""
        path = self.target(relative)
        if not path.is_file():
            return False
        path.unlink()
        if path.parent != self.root and not any(path.parent.iterdir()):
            path.parent.rmdir()
        return True
