"""Read a YAML file into plain data, remembering where every value came from.

Lesson files are untrusted: they arrive by email and download. So only the safe subset
of YAML is accepted (no Python tags), aliases are refused before anything walks the data
(an alias bomb is cheap to load and ruinous to traverse), and a duplicate key is an error
rather than PyYAML's silent "last one wins".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding, Position, Severity

Location = tuple[str | int, ...]
"""A path into the data, e.g. ("activities", 2, "minutes")."""

MAX_FILE_BYTES = 1_000_000
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: about 8× faster


@dataclass(frozen=True)
class Source:
    """A file's data with the position of every key and value in it.

    An overlay's resolved lesson is a Source too: its data merges a base lesson and the
    overlay, and `origins` says which file (and where in it) each part really comes from,
    so messages point at the file that holds the text.
    """

    path: Path
    data: Any
    positions: dict[Location, Position]
    key_positions: dict[Location, Position]
    spans: dict[Location, tuple[int, int]]  # character offsets of each value in `text`
    text: str
    origins: tuple[tuple[Location, Source, Location], ...] = ()  # merged prefix → (file, prefix there)
    digest: str = ""  # sha256 of the bytes read: what was checked is what the cache keys on

    @property
    def content_digest(self) -> str:
        """One hash of every file's bytes as read (the overlay and its bases), never re-read."""
        parts = [self.digest, *(origin.content_digest for _, origin, _ in self.origins)]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file this data was read from, the overlay first."""
        found = [self.path]
        for _, origin, _ in self.origins:
            found += [f for f in origin.files if f not in found]
        return tuple(found)

    def locate(self, location: Location) -> tuple[Source, Location]:
        """The file that holds the value at `location`, and where it is in that file."""
        location = tuple(location)
        if not location:  # the file as a whole: the overlay itself, not its base
            return self, location
        best = max(
            (entry for entry in self.origins if location[: len(entry[0])] == entry[0]),
            key=lambda entry: len(entry[0]),
            default=None,
        )
        if best is None:
            return self, location
        prefix, origin, there = best
        return origin.locate(there + location[len(prefix) :])

    def outline(self) -> Source:
        """This source without the file's text and the position of every value: what a batch
        keeps once a lesson is checked, so memory does not grow with the number of lessons."""
        keep = {loc: pos for loc, pos in self.positions.items() if len(loc) <= 1}
        origins = tuple((prefix, origin.outline(), there) for prefix, origin, there in self.origins)
        return Source(self.path, self.data, keep, {}, {}, "", origins, self.digest)

    def place(self, location: Location) -> tuple[Path, Position]:
        origin, there = self.locate(location)
        return origin.path, origin.position(there)

    def position(self, location: Location) -> Position:
        """The position of the value at `location` in this file, or of its nearest ancestor."""
        location = tuple(location)
        while location not in self.positions and location:
            location = location[:-1]
        return self.positions.get(location, Position(1, 1))

    def offset_position(self, offset: int) -> Position:
        """The line and column of a character offset in the file."""
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return Position(line, column)

    def key_position(self, location: Location) -> Position:
        """The position of the key naming `location` (better for "remove this key")."""
        return self.key_positions.get(tuple(location)) or self.position(location)


class LoadError(Exception):
    """The file could not be read as lesson data at all."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def load(path: Path) -> Source:
    """Read `path` as YAML, or raise `LoadError` naming the place and the fix."""
    try:
        with path.open("rb") as stream:  # never read more than a lesson file can hold
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _error(path, Position(1, 1), "read", f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _error(
            path,
            Position(1, 1),
            "too-large",
            f"the file is more than {MAX_FILE_BYTES:,} bytes; lesson files are at most that",
            "check this is really a lesson file",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _error(
            path,
            Position(line, column),
            "encoding",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            "save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
        ) from None
    text = text.removeprefix("\ufeff")
    try:
        _refuse_aliases_and_deep_nesting(path, text)
        node = yaml.compose(text, Loader=Loader)
        if node is None:
            raise _error(
                path,
                Position(1, 1),
                "empty",
                "the file is empty",
                "start from `safepacks new` or copy one of the bundled lessons",
            )
        positions: dict[Location, Position] = {}
        key_positions: dict[Location, Position] = {}
        spans: dict[Location, tuple[int, int]] = {}
        _walk(path, node, (), positions, key_positions, spans)
        data = Loader(text).construct_document(node)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise _error(
            path,
            Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1),
            "yaml-tag",
            "YAML tags (such as !!python/...) are not allowed in lesson files",
            "remove the tag: lesson files hold only text, numbers, lists and mappings",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        problem = exc.problem or exc.context or "the YAML is not well formed"
        message, hint = plain_yaml_problem(text, position, problem, exc.context_mark)
        raise _error(path, position, "yaml-syntax", message, hint) from None
    except yaml.YAMLError as exc:
        raise _error(path, Position(1, 1), "yaml-syntax", f"YAML syntax: {exc}") from None
    except (ValueError, OverflowError, TypeError) as exc:  # e.g. a date 2026-13-01: PyYAML raises plain errors
        raise _error(
            path,
            Position(1, 1),
            "yaml-value",
            f"a value cannot be read: {exc}",
            "write dates as YYYY-MM-DD with a real month and day, and put other text in quotes",
        ) from None
    return Source(path, data, positions, key_positions, spans, text, digest=hashlib.sha256(raw).hexdigest())


def plain_yaml_problem(text: str, position: Position, problem: str, context_mark=None) -> tuple[str, str]:  # noqa: ANN001
    """PyYAML's complaint in words a teacher understands, and how to fix it. Lines indented
    with tabs are all named at once: they are the commonest cause, and easy to fix together."""
    tabs = [
        n for n, line in enumerate(text.splitlines(), start=1) if line[: len(line) - len(line.lstrip())].count("\t")
    ]
    if tabs:
        return f"{_lines(tabs)} indented with a tab", "indent with spaces only: replace each tab with two spaces"
    line = f"line {position.line}"
    if "mapping values are not allowed" in problem:
        return (
            f"{line}: a colon and a space (': ') inside this text makes YAML read a new field",
            'put the whole text in double quotes, e.g. title: "Friends: online and off"',
        )
    if "could not find expected ':'" in problem or "did not find expected key" in problem:
        return (
            f"{line} does not line up with the lines around it",
            "indent it exactly like the other lines at its level (spaces only), or put a long text in quotes",
        )
    if "expected <block end>" in problem or "did not find expected '-' indicator" in problem:
        return (
            f"{line} is indented differently from the lines before it",
            "line up items of the same list or mapping with the same number of spaces",
        )
    if "end of stream" in problem and "quoted" in problem:
        opened = f"line {context_mark.line + 1}" if context_mark is not None else "a line above"
        return f"a quote opened on {opened} is never closed", "close the text with the same kind of quote (\" or ')"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return (
            f"{line}: a list in [brackets] or a mapping in {{braces}} is not closed, or misses a comma",
            "close it with ] or } and separate the items with commas",
        )
    if "found character" in problem and "cannot start any token" in problem:
        return (
            f"{line}: a text cannot start with the character YAML found here",
            'put the text in double quotes, e.g. "@username" or "`code`"',
        )
    return (
        f"{line}: the file's layout cannot be read ({problem})",
        "check the indentation and that text containing ': ' or starting with a special character is in quotes",
    )


def _lines(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"line {numbers[0]} is"
    shown = ", ".join(map(str, numbers[:8])) + (" and others" if len(numbers) > 8 else "")
    return f"lines {shown} are"


MAX_DEPTH = 40  # a lesson nests about 8 deep; far deeper is an attack on the parser's stack


def _refuse_aliases_and_deep_nesting(path: Path, text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        mark = event.start_mark
        where = Position(mark.line + 1, mark.column + 1)
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor:
            raise _error(
                path,
                where,
                "yaml-alias",
                "YAML anchors and aliases (& and *) are not allowed in lesson files",
                "write the text out in full where it is needed",
            )
        tag = getattr(event, "tag", None)
        if tag and tag not in _PLAIN_TAGS:
            short = tag.replace("tag:yaml.org,2002:", "!!")
            raise _error(
                path,
                where,
                "yaml-tag",
                f"YAML tags (such as {short}) are not allowed in lesson files",
                "remove the tag: lesson files hold only text, numbers, lists and mappings",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _error(path, where, "yaml-depth", f"lists and mappings are nested more than {MAX_DEPTH} deep", "")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


_PLAIN_TAGS = {"!", "tag:yaml.org,2002:str"}  # `!` marks a quoted scalar; `!!str` is harmless
_OCTAL_LOOKING = re.compile(r"^[-+]?0[0-9_]+$")  # YAML 1.1 reads 036 as 30


def _walk(
    path: Path,
    node: yaml.Node,
    location: Location,
    out: dict[Location, Position],
    keys_out: dict[Location, Position],
    spans: dict[Location, tuple[int, int]],
) -> None:
    out[location] = _start(node)
    spans[location] = (node.start_mark.index, node.end_mark.index)
    if isinstance(node, yaml.ScalarNode):
        _check_scalar(path, node)
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _error(
                    path, _start(key_node), "yaml-syntax", "a key must be a plain word, not a list or mapping", ""
                )
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _error(
                    path,
                    _start(key_node),
                    "yaml-syntax",
                    "'<<' merge keys are not allowed in lesson files",
                    "write the keys out in full",
                )
            key = key_node.value
            where = _start(key_node)
            if key in seen:
                first = seen[key]
                raise _error(
                    path,
                    where,
                    "duplicate-key",
                    f"the key '{key}' appears twice (first at line {first.line})",
                    "remove or rename one of them: YAML would silently keep only the last",
                )
            seen[key] = where
            keys_out[location + (key,)] = where
            _walk(path, value_node, location + (key,), out, keys_out, spans)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(path, item, location + (index,), out, keys_out, spans)


def _check_scalar(path: Path, node: yaml.ScalarNode) -> None:
    """Values YAML would read as something other than what was written, found with their place."""
    if node.tag.endswith((":int", ":float")) and not node.style and _OCTAL_LOOKING.match(node.value):
        raise _error(
            path,
            _start(node),
            "yaml-value",
            f"'{node.value}' starts with 0, which YAML reads as an octal number",
            f"write {node.value.lstrip('0') or '0'} without the leading 0, or put it in quotes if it is text",
        )
    if node.tag.endswith(":timestamp"):
        try:
            yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise _error(
                path, _start(node), "yaml-value", f"'{node.value}' is not a real date ({exc})", "write it as YYYY-MM-DD"
            ) from None


def _start(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _error(path: Path, position: Position, rule: str, message: str, hint: str = "") -> LoadError:
    return LoadError(Finding(path, position, Severity.error, rule, message, hint))
