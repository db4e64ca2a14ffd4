"""One lesson as an audience will see it, as HTML, with everything the checks found: what the
studio shows beside its form. The same views and HTML renderer make the PDF, so the
preview is the pack. A lesson with errors still previews, marked as a draft; one that
cannot be read at all gives its findings and no HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .checking import CheckOptions, check_lesson
from .findings import Finding, has_errors
from .model import Lesson
from .outputs import AUDIENCES
from .registry import Registry
from .render.html import render_html
from .render.style import Style
from .school import School
from .workspace import Workspace, lesson_index


@dataclass(frozen=True)
class Preview:
    html: str | None  # None when the lesson cannot be read or validated
    findings: list[Finding]
    lesson: Lesson | None
    data: dict | None  # the lesson's data as checked (an overlay merged with its base)
    draft: bool


def preview(
    path: Path,
    audience: str,
    registry: Registry,
    *,
    workspace: Workspace | None = None,
    school: School | None = None,
) -> Preview:
    index = lesson_index(workspace).with_folders((path.parent,))
    options = CheckOptions(index, school, reviews=workspace.reviews_dir if workspace else None)
    checked = check_lesson(path, registry, options)
    resolved = checked.resolved
    if resolved is None:
        return Preview(None, checked.findings, None, None, draft=True)
    draft = has_errors(checked.findings)
    who = AUDIENCES[audience]
    if not who.applies(resolved.lesson):
        return Preview(None, checked.findings, resolved.lesson, resolved.source.data, draft)
    shown = resolved.as_draft() if draft else resolved  # here as in print
    document = replace(who.view(shown), draft=draft)
    html = render_html(document, Style.for_school(school), standalone=True)
    return Preview(html, checked.findings, resolved.lesson, resolved.source.data, draft)
