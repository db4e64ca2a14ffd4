"""The toolkit's own files (lessons, registries, templates, styles, images, schemas), shipped
inside the package and found with `importlib.resources`, so an installed wheel works from
any folder. A school's own files live in its workspace (see `workspace`), never here."""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path


def _data_dir() -> Path:
    """The package's data folder as a real folder: WeasyPrint and fontconfig need file paths,
    so a package imported from a zip is unpacked once for the life of the process."""
    ref = files("safepacks") / "data"
    if isinstance(ref, Path):
        return ref
    stack = ExitStack()
    atexit.register(stack.close)
    return stack.enter_context(as_file(ref))


DATA_DIR = _data_dir()
LIBRARY_DIR = DATA_DIR / "lessons"  # the bundled lesson library, addressed by lesson id
REGISTRY_DIR = DATA_DIR / "registry"
TEMPLATES_DIR = DATA_DIR / "templates"
CSS_DIR = DATA_DIR / "css"
IMAGES_DIR = DATA_DIR / "images"
SCHEMAS_DIR = DATA_DIR / "schemas"
