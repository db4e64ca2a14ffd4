"""Every rule safepacks reports, with a stable id, its severity and what it means.

Ids are part of the contract (like a linter's): scripts and review notes refer to them,
so a rule may be added or reworded but never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, Position, Severity
from .loading import Location, Source

ERROR, WARNING, INFO = Severity.error, Severity.warning, Severity.info


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    family: str
    summary: str

    def at(self, source: Source, location: Location, message: str, hint: str = "") -> Finding:
        path, position = source.place(location)
        return Finding(path, position, self.severity, self.id, message, hint, tuple(location))

    def at_position(
        self, source: Source, position: Position, message: str, hint: str = "", location: Location = ()
    ) -> Finding:
        return Finding(source.path, position, self.severity, self.id, message, hint, tuple(location))


_ALL = [
    # reading the file
    Rule("read", ERROR, "file", "The file cannot be read."),
    Rule("too-large", ERROR, "file", "The file is larger than a lesson file can be."),
    Rule("encoding", ERROR, "file", "The file is not UTF-8 text."),
    Rule("empty", ERROR, "file", "The file is empty."),
    Rule("yaml-syntax", ERROR, "file", "The YAML is not well formed."),
    Rule("yaml-alias", ERROR, "file", "YAML anchors and aliases are not allowed."),
    Rule("yaml-tag", ERROR, "file", "YAML tags such as !!python/... or !!set are not allowed."),
    Rule(
        "yaml-value", ERROR, "file", "A value YAML cannot read as meant: an impossible date, an octal-looking number."
    ),
    Rule("yaml-depth", ERROR, "file", "Lists and mappings are nested far deeper than any lesson needs."),
    Rule("duplicate-key", ERROR, "file", "A key appears twice in one mapping."),
    Rule("yaml-hashtag", WARNING, "file", "Text after ' #' in an unquoted value was read as a comment and dropped."),
    # the lesson model
    Rule(
        "overlay", ERROR, "schema", "An overlay names a base lesson or activity that does not exist, or a bad change."
    ),
    Rule("schema", ERROR, "schema", "A field is missing, unknown, or has the wrong type or value."),
    Rule("timings", ERROR, "schema", "Activity minutes do not add up to duration_minutes."),
    Rule("duplicate-id", ERROR, "schema", "Two lessons have the same id."),
    # references
    Rule(
        "unknown-guidance",
        ERROR,
        "references",
        "An outcome cites a guidance statement the registry does not have.",
    ),
    Rule("unknown-signposting", ERROR, "references", "Signposting names a route the registry does not have."),
    Rule("unknown-fact", ERROR, "references", "Background cites a fact the facts registry does not have."),
    Rule(
        "guidance-unverified",
        INFO,
        "references",
        "A cited guidance statement has not been checked against the published document.",
    ),
    Rule(
        "signposting-unverified",
        INFO,
        "references",
        "A signposting route's details have not been confirmed on its own pages.",
    ),
    # facts: every printed statistic and legal statement comes from the facts registry
    Rule(
        "uncited-number",
        WARNING,
        "facts",
        "Teacher background gives a figure (a percentage, a count) that is not a cited fact.",
    ),
    Rule("fact-unverified", WARNING, "facts", "A cited fact has not been confirmed on the page it was read from."),
    Rule("fact-key-stage", WARNING, "facts", "A cited fact is not marked as suitable for the lesson's key stage."),
    Rule("fact-old", WARNING, "facts", "A cited statistic is more than five years old: look for newer figures."),
    Rule("fact-secondary", INFO, "facts", "A cited fact was read on a copy, not on its publisher's own page."),
    # review
    Rule("review-missing", ERROR, "review", "The lesson has no review record."),
    Rule("review-stale", ERROR, "review", "The lesson changed after it was reviewed (fingerprint mismatch)."),
    Rule("review-superseded", ERROR, "review", "The lesson was reviewed against guidance that has been superseded."),
    Rule(
        "review-unknown-guidance",
        ERROR,
        "review",
        "The review names a guidance document the registry does not have.",
    ),
    Rule("review-overdue", WARNING, "review", "The lesson's next review date has passed."),
    # safe practice
    Rule("safe-ground-rules", ERROR, "safe-practice", "A sensitive lesson has no ground rules."),
    Rule("safe-disclosure", ERROR, "safe-practice", "A sensitive lesson has no guidance on handling a disclosure."),
    Rule("safe-signposting", ERROR, "safe-practice", "A sensitive lesson signposts nowhere to get help."),
    Rule("safe-question-box", ERROR, "safe-practice", "A sensitive lesson has no anonymous question box note."),
    Rule("safe-distancing", ERROR, "safe-practice", "A sensitive lesson has no distancing note."),
    Rule(
        "risk-areas",
        WARNING,
        "safe-practice",
        "The lesson does not say which of KCSIE's four areas of risk it covers.",
    ),
    # wording
    Rule("placeholder", ERROR, "wording", "Text still holds a TODO from `safepacks new`."),
    Rule(
        "unfinished",
        ERROR,
        "wording",
        "Text carries a checking note ('not yet confirmed', 'check before use'): verify it, or leave it out.",
    ),
    Rule(
        "two-instructions",
        WARNING,
        "wording",
        "An activity gives pupils both a task and worksheet instructions: pupils should read one instruction.",
    ),
    Rule("terminology", WARNING, "terminology", "A discouraged term is used; the preferred term is suggested."),
    Rule(
        "inline-contact",
        ERROR,
        "contacts",
        "A phone number, web or email address is typed into lesson text instead of coming from the registry.",
    ),
    Rule("readability", WARNING, "readability", "Pupil-facing text is above the reading level for its key stage."),
    Rule("parents-missing", WARNING, "audiences", "The lesson has no `parents:` block, so no parent/carer leaflet."),
    # the school profile
    Rule(
        "school-file", ERROR, "school", "A file the school profile names is missing, outside its folder, or unusable."
    ),
    # accessibility
    Rule("image-alt", ERROR, "accessibility", "An image has no alt text."),
    Rule("image-missing", ERROR, "accessibility", "An image file does not exist in assets/images/."),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _ALL}
