"""Review rules: is there a review, does it still match the lesson, is its guidance current?"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..fingerprint import fingerprint
from ..rules import RULES
from . import Context


def check_review(ctx: Context) -> Iterator[Finding]:
    source, review = ctx.source, ctx.lesson.review
    if review is None:
        yield RULES["review-missing"].at(
            source,
            (),
            "this lesson has not been reviewed",
            "run `safepacks review FILE --by NAME --role ROLE` once the checks pass",
        )
        return
    if review.fingerprint != fingerprint(source.data):
        yield RULES["review-stale"].at(
            source,
            ("review", "fingerprint"),
            f"the lesson has changed since {review.reviewer} reviewed it on {review.date}",
            "have the change reviewed, then run `safepacks review` to record it",
        )
    for index, document_id in enumerate(review.guidance):
        document = ctx.registry.documents.get(document_id)
        location = ("review", "guidance", index)
        if document is None:
            yield RULES["review-unknown-guidance"].at(
                source,
                location,
                f"the review names '{document_id}', which is not in the guidance registry",
                "use a document id from registry/guidance/",
            )
        elif document.superseded_by:
            newer = ctx.registry.documents.get(document.superseded_by)
            name = newer.short_title if newer else document.superseded_by
            yield RULES["review-superseded"].at(
                source,
                location,
                f"reviewed against {document.short_title}, which is superseded by {name}",
                f"review the lesson again against {name}",
            )
    if review.next_review and review.next_review < ctx.today:
        yield RULES["review-overdue"].at(
            source,
            ("review", "next_review"),
            f"the next review was due on {review.next_review}",
            "review the lesson against the current guidance and run `safepacks review`",
        )
