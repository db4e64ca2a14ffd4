"""The only way output reaches disk: inside the output folder, once per path, atomically.

Each file is written to a temporary file beside its target and renamed into place, so a
crash or a failed lesson never leaves a half-written pack where a teacher will print it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import SafepacksError


class OutputWriter:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.written: set[Path] = set()

    def target(self, relative: str) -> Path:
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root):
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
