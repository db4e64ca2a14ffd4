"""The `safepacks` command: thin click commands, each one call into the library.

Library modules are imported inside each command so `safepacks --help` starts fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from .findings import Finding

PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("safepacks")
    except PackageNotFoundError:
        return "unknown"


def _csv(allowed: tuple[str, ...]) -> Callable[[click.Context, click.Parameter, str], tuple[str, ...]]:
    def parse(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:  # noqa: ARG001
        items = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
        unknown = [item for item in items if item not in allowed]
        if unknown or not items:
            raise click.BadParameter(f"use one or more of {', '.join(allowed)}, separated by commas")
        return items

    return parse


def _user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's SafepacksError into a message and an exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import SafepacksError

        try:
            return command(*args, **kwargs)
        except SafepacksError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper


def _default_paths(paths: tuple[Path, ...]) -> tuple[Path, ...]:
    from .paths import LESSONS_DIR

    return paths or (Path("lessons") if Path("lessons").is_dir() else LESSONS_DIR,)


def _print_findings(findings: list[Finding], *, err: bool) -> None:
    for finding in findings:
        click.echo(finding.format(), err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="safepacks")
def main() -> None:
    """Turn YAML lesson specs into print-ready teacher packs and pupil handouts.

    \b
    Example:
      safepacks build lessons/ks3/recognising-grooming.yaml
    """


@main.command()
@PATHS
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder the packs are written to, one sub-folder per lesson.",
)
@click.option(
    "--audience",
    default="teacher,pupil",
    show_default=True,
    callback=_csv(("teacher", "pupil")),
    help="Which documents to make.",
)
@click.option(
    "--format",
    "formats",
    default="pdf,docx",
    show_default=True,
    callback=_csv(("pdf", "docx")),
    help="Which file formats to write.",
)
@_user_errors
def build(paths: tuple[Path, ...], out: Path, audience: tuple[str, ...], formats: tuple[str, ...]) -> None:
    """Build teacher packs and pupil handouts from lesson files or folders.

    PATHS are lesson files or folders of them (default: lessons/). Each lesson gets a
    folder under --out holding teacher-pack.pdf/.docx and pupil-handout.pdf/.docx.

    \b
    Examples:
      safepacks build
      safepacks build lessons/ks3/recognising-grooming.yaml --format pdf
      safepacks build lessons/ks2 --audience pupil --out handouts
    """
    from .build import build as run_build
    from .findings import display_path

    def report(result) -> None:  # noqa: ANN001
        name = result.lesson_id or display_path(result.path)
        if result.ok:
            click.echo(f"built  {name}: {len(result.outputs)} files")
        else:
            click.echo(f"FAILED {name}: nothing written", err=True)
            _print_findings(result.findings, err=True)
            if result.error:
                click.echo(f"    {result.error}", err=True)

    outcome = run_build(_default_paths(paths), out=out, audiences=audience, formats=formats, on_lesson=report)
    click.echo(outcome.summary())
    sys.exit(1 if outcome.failed else 0)


@main.command()
@PATHS
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for other programs.",
)
@_user_errors
def check(paths: tuple[Path, ...], output_format: str) -> None:
    """Check lesson files and report problems as path:line:col.

    Exits 0 when there are no errors (warnings are printed but do not fail).

    \b
    Example:
      safepacks check lessons/
    """
    import json

    from .build import check_lessons
    from .findings import has_errors, sorted_findings

    checked = check_lessons(_default_paths(paths))
    findings = sorted_findings([f for item in checked for f in item.findings])
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], indent=2))
    else:
        _print_findings(findings, err=False)
        errors = sum(f.is_error for f in findings)
        click.echo(f"{len(checked)} lessons checked: {errors} errors, {len(findings) - errors} warnings")
    sys.exit(1 if has_errors(findings) else 0)


@main.command(name="list")
@PATHS
@_user_errors
def list_lessons(paths: tuple[Path, ...]) -> None:
    """List lessons: id, key stage, topic, title and review status.

    \b
    Example:
      safepacks list lessons/
    """
    from .build import check_lessons
    from .findings import display_path

    for item in check_lessons(_default_paths(paths)):
        if item.resolved is None:
            click.echo(f"{display_path(item.path)}: cannot be read (run `safepacks check`)")
            continue
        lesson = item.resolved.lesson
        review = f"reviewed {lesson.review.date}" if lesson.review else "not reviewed"
        click.echo(
            f"{lesson.id:32} {lesson.key_stage.value:4} {lesson.topic.value:21} {lesson.title} [{review}]"
        )


@main.command()
def schema() -> None:
    """Print the JSON Schema of a lesson file (for editors that validate YAML).

    \b
    Example:
      safepacks schema > lesson.schema.json
    """
    import json

    from .model import Lesson

    click.echo(json.dumps(Lesson.model_json_schema(by_alias=True), indent=2))
