"""Finding the system libraries WeasyPrint and CairoSVG load, once per process.

WeasyPrint asks cffi for each library under several names (`libpango-1.0-0`, `pango-1.0-0`,
`pango-1.0`, …) and every name that is not a file makes cffi call `ctypes.util.find_library`,
which on Linux runs `ldconfig -p` and then gcc and ld for each miss: about 200 programs per
build process, for nothing. Here the linker cache is read once and answered from memory;
anything it does not know still goes to the standard lookup.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import subprocess
import sys
from functools import cache

_standard = ctypes.util.find_library


@cache
def _linker_cache() -> dict[str, str]:
    """Library name → soname, from one run of `ldconfig -p` (empty where there is none)."""
    try:
        output = subprocess.run(
            ["/sbin/ldconfig", "-p"], capture_output=True, env={"LC_ALL": "C", "LANG": "C"}, check=False
        ).stdout.decode(errors="replace")
    except OSError:
        return {}
    names: dict[str, str] = {}
    for match in re.finditer(r"^\s+(lib(\S+?)\.so\S*)\s", output, re.MULTILINE):
        names.setdefault(match.group(2), match.group(1))  # the first listed: this machine's own
    return names


def find_library(name: str) -> str | None:
    soname = _linker_cache().get(name.removeprefix("lib"))
    if soname is not None:
        return soname
    if _linker_cache():  # the cache was read and does not have it: gcc and ld will not find it either
        return None
    return _standard(name)


def install() -> None:
    """Answer cffi's library lookups from the linker cache (Linux only; elsewhere, unchanged)."""
    if sys.platform.startswith("linux") and os.path.exists("/sbin/ldconfig"):
        ctypes.util.find_library = find_library
