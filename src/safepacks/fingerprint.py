"""A lesson's fingerprint: a hash of its normalised content, review block excluded.

Normalised means parsed: comments, quoting style, indentation and key order do not change
it; any change to what a pack would say does.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def fingerprint(data: dict[str, Any]) -> str:
    content = {key: value for key, value in data.items() if key != "review"}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]
