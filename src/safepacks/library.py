"""Pages about the whole library, written beside the lessons' folders by a library build:
the coverage matrix (for a DSL or governors) and the verification page (for maintainers),
each as an HTML page, and as a PDF when PDFs are built."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checking import Checked
    from .document import Document
    from .registry import Registry


def library_documents(
    checked: list[Checked], registry: Registry, *, today: dt.date, organisation: str
) -> dict[str, Document]:
    """The coverage matrix and the verification page, as Documents named by their file stem."""
    from .coverage import coverage
    from .verification import unverified
    from .views.coverage import coverage_document
    from .views.verification import verification_document

    lessons = [item.resolved.lesson for item in checked if item.resolved is not None]
    return {
        "coverage": coverage_document(coverage(lessons, registry), today=today, organisation=organisation),
        "verification": verification_document(unverified(lessons, registry, today=today), today=today),
    }
