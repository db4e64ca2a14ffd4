"""The `safepacks` command: thin click commands, each one call into the library.

Library modules are imported inside each command so `safepacks --help` starts fast.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .outputs import AUDIENCES, FORMATS
from .render.style import PDF_VARIANTS, VARIANTS

KEY_STAGES = ("KS1", "KS2", "KS3", "KS4", "KS5")  # model.KeyStage, without importing pydantic for --help
TOPICS = ("grooming", "live-streaming", "reporting", "image-sharing", "online-relationships")  # model.Topic

if TYPE_CHECKING:
    from .findings import Finding

TARGETS = click.argument("targets", nargs=-1)  # files, folders or lesson ids


def _csv(table: dict[str, Any]) -> Callable[[click.Context, click.Parameter, str | None], tuple[str, ...]]:
    """Comma-separated names from one of the output registries (all of them by default),
    read when the command runs, so an output registered later is accepted too."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:  # noqa: ARG001
        if value is None:
            return tuple(table)
        items = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
        unknown = [item for item in items if item not in table]
        if unknown or not items:
            raise click.BadParameter(f"use one or more of {', '.join(table)}, separated by commas")
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
        except KeyboardInterrupt:
            click.echo("\nstopped: the lessons finished so far are kept; run the command again to finish", err=True)
            # Leave now: every finished lesson is already whole on disk, and the interpreter's
            # tidying (joining worker pools, finalisers) can take seconds on a busy machine.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)
        except OSError as exc:  # a full disk, a read-only folder, a file where a folder should be
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            sys.exit(1)

    return wrapper


def _here():  # noqa: ANN202 - Workspace | None
    """The workspace the command runs in, found from the current folder, or None."""
    from .workspace import find_workspace

    return find_workspace()


def _lessons(targets: tuple[str, ...], workspace) -> tuple[Path, ...]:  # noqa: ANN001
    from .workspace import targets as resolve_targets

    return resolve_targets(targets, workspace)


def _school(given: Path | None, workspace) -> Path | None:  # noqa: ANN001
    return given or (workspace.school_file if workspace else None)


class _Progress:
    """click's progress bar, on stderr and only when stderr is a terminal (so `build 2>log`
    logs no frames). A line printed while it runs clears the bar first, then the bar is
    drawn again below it, so the two never share a line."""

    def __init__(self) -> None:
        self.bar = None

    def update(self, job, done: int, total: int) -> None:  # noqa: ANN001, ARG002
        if total <= 3:
            return
        if self.bar is None:
            self.bar = click.progressbar(
                length=total,
                label="Rendering",
                file=sys.stderr,
                show_pos=True,
                show_eta=True,
                item_show_func=lambda shown: shown and shown.relative[-40:],
            )
        self.bar.update(1, job)

    def echo(self, message: str, *, err: bool = False) -> None:
        if self.bar is None:
            click.echo(message, err=err)
            return
        sys.stderr.write("\r\033[K")  # clear the bar's line
        sys.stderr.flush()
        click.echo(message, err=err)
        sys.stderr.write("\r" + self.bar.format_progress_line())
        sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()


def _print_findings(findings: list[Finding], *, err: bool) -> None:
    for finding in findings:
        click.echo(finding.format(), err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="safepacks", prog_name="safepacks")  # looked up only when asked
def main() -> None:
    """Turn YAML lesson specs into print-ready teacher packs and pupil handouts.

    \b
    Example:
      safepacks build lessons/ks3/recognising-grooming.yaml
    """


@main.command()
@TARGETS
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Folder the packs are written to, one sub-folder per lesson (default: the workspace's build/, else build/).",
)
@click.option(
    "--audience",
    callback=_csv(AUDIENCES),
    help="Which documents to make (default: all): " + "; ".join(f"{a.name}, {a.summary}" for a in AUDIENCES.values()),
)
@click.option(
    "--format",
    "formats",
    callback=_csv(FORMATS),
    help="Which file formats to write (default: all): " + "; ".join(f"{f.name}, {f.summary}" for f in FORMATS.values()),
)
@click.option(
    "--variant",
    type=click.Choice(VARIANTS),
    default="standard",
    show_default=True,
    help="A print variant: same content, different styles.",
)
@click.option("--cream", is_flag=True, help="With --variant dyslexia-friendly: a cream page instead of white.")
@click.option(
    "--school",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A school profile (default: the workspace's school.yaml; with none, packs name no school and no DSL).",
)
@click.option(
    "--reference-docx",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Take Word styles from this document (see `safepacks reference-docx`).",
)
@click.option(
    "--reference-pptx",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Take the slides' masters and layouts from this template (see `safepacks reference-pptx`).",
)
@click.option(
    "--pdf-variant",
    type=click.Choice(PDF_VARIANTS),
    default="pdf/ua-1",
    show_default=True,
    help="The PDF standard to write: PDF/UA-1 (accessible) unless you need another; none for plain tagged PDF.",
)
@click.option(
    "--allow-draft",
    is_flag=True,
    help="Build lessons whose only problem is their review, marked DRAFT – NOT REVIEWED on every page.",
)
@click.option("--force", is_flag=True, help="Rebuild everything, even outputs whose inputs have not changed.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Documents rendered at once (default: CPU cores).")
@_user_errors
def build(
    targets: tuple[str, ...],
    out: Path | None,
    audience: tuple[str, ...],
    formats: tuple[str, ...],
    school: Path | None,
    **options: Any,
) -> None:
    """Build teacher packs, pupil handouts, parent/carer leaflets and card sheets.

    TARGETS are lesson ids, lesson files or folders of them (default: your workspace's
    lessons and the whole bundled library). Each lesson gets a folder under --out with
    its documents as PDF and Word. Outputs whose inputs have not changed are kept.

    \b
    Examples:
      safepacks build
      safepacks build ks3-recognising-grooming --format pdf
      safepacks build lessons/our-grooming.yaml --audience pupil --variant large-print
      safepacks build --school ../our-school/school.yaml -j 2
    """
    from .build import build as run_build
    from .findings import Severity, display_path

    progress = _Progress() if sys.stderr.isatty() else None
    say = progress.echo if progress else click.echo

    def report(result) -> None:  # noqa: ANN001
        name = result.lesson_id or display_path(result.path)
        if result.ok:
            draft = " as a DRAFT (not reviewed)" if result.draft else ""
            kept = f", {result.unchanged} unchanged" if result.unchanged else ""
            say(f"built  {name}: {len(result.outputs)} written{kept}{draft}")
            shown = [f for f in result.findings if f.severity is Severity.warning]
        else:
            say(f"FAILED {name}: nothing written", err=True)
            shown = [f for f in result.findings if f.severity is not Severity.info]
            if result.error:
                shown.append(f"    {result.error}")
        for finding in shown:
            say(finding if isinstance(finding, str) else finding.format(), err=True)

    workspace = _here()
    outcome = run_build(
        _lessons(targets, workspace),
        out=out or (workspace.build_dir if workspace else Path("build")),
        audiences=audience,
        formats=formats,
        school=_school(school, workspace),
        workspace=workspace,
        on_lesson=report,
        on_document=progress.update if progress else None,
        **options,
    )
    if progress:
        progress.close()
    for warning in outcome.warnings:
        click.echo(f"warning: {warning}", err=True)
    if outcome.replaced_school is not None:
        before, now = outcome.replaced_school or "no school profile", outcome.school or "no school profile"
        click.echo(f"note: {outcome.out} held packs made for {before}; they were rebuilt for {now}", err=True)
    click.echo(outcome.summary())
    if not outcome.school:
        click.echo(
            "note: no school profile was given, so the packs name no school and no DSL: help boxes say "
            '"the safeguarding lead at your school". Give one with --school FILE.',
            err=True,
        )
    sys.exit(1 if outcome.failed else 0)


@main.command()
@TARGETS
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for other programs.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--rules", "show_rules", is_flag=True, help="List every rule with its id and severity, then stop.")
@_user_errors
def check(targets: tuple[str, ...], output_format: str, strict: bool, show_rules: bool) -> None:
    """Check lesson files and report problems as path:line:col.

    Exits 0 when there are no errors; warnings are printed but do not fail unless
    --strict is given; notes marked info never fail.

    \b
    Examples:
      safepacks check lessons/
      safepacks check --strict --format json lessons/ks3
      safepacks check --rules
    """
    import json

    if show_rules:
        from .rules import RULES

        for rule in RULES.values():
            click.echo(f"{rule.id:24} {rule.severity.value:8} {rule.family:14} {rule.summary}")
        return

    import os

    from .checking import check_lessons, school_or_error
    from .findings import Severity, has_errors, sorted_findings

    workspace = _here()
    school = school_or_error(_school(None, workspace))  # a broken profile is reported first
    checked = check_lessons(
        _lessons(targets, workspace), school=school, strict=strict, jobs=os.cpu_count() or 1, workspace=workspace
    )
    findings = sorted_findings([f for item in checked for f in item.findings])
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], indent=2))
    else:
        _print_findings(findings, err=False)
        counts = {severity: sum(f.severity is severity for f in findings) for severity in Severity}
        lessons = "lesson" if len(checked) == 1 else "lessons"
        click.echo(
            f"{len(checked)} {lessons} checked: {counts[Severity.error]} errors, "
            f"{counts[Severity.warning]} warnings, {counts[Severity.info]} notes"
        )
    sys.exit(1 if has_errors(findings) else 0)


@main.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--by", "reviewer", required=True, help="The reviewer's name.")
@click.option("--role", required=True, help="The reviewer's role, e.g. 'PSHE lead' or 'DSL'.")
@click.option(
    "--in-package",
    is_flag=True,
    help="For safepacks' own maintainers, in a checkout: write a bundled lesson's review into the lesson itself.",
)
@_user_errors
def review(targets: tuple[str, ...], reviewer: str, role: str, in_package: bool) -> None:
    """Record a review of lessons, once every check passes.

    Runs the checks; if a lesson has no errors, records its review (reviewer, role, date,
    the guidance versions checked against, next review date and a fingerprint of the
    content). Your own lessons get a `review:` block in the file, leaving comments and
    layout untouched; a bundled lesson's review goes into your workspace's reviews/ folder.

    \b
    Examples:
      safepacks review ks3-recognising-grooming --by "A. Patel" --role "DSL"
      safepacks review lessons/our-grooming.yaml --by "A. Patel" --role "PSHE lead"
    """
    from .checking import find_lessons
    from .errors import SafepacksError
    from .reviews import review as record_review

    workspace = _here()
    failed = 0
    for path in find_lessons(_lessons(targets, workspace)):
        try:
            record = record_review(path, by=reviewer, role=role, workspace=workspace, in_package=in_package)
        except SafepacksError as exc:
            failed += 1
            click.echo(f"error: {exc}", err=True)
            continue
        click.echo(f"reviewed {path}: against {', '.join(record.guidance)}; next review {record.next_review}")
    sys.exit(1 if failed else 0)


@main.command(name="list")
@TARGETS
@click.option("--library", is_flag=True, help="Only the lessons that come with safepacks, with their ids.")
@_user_errors
def list_lessons(targets: tuple[str, ...], library: bool) -> None:
    """List lessons: id, key stage, topic, title and review status.

    \b
    Examples:
      safepacks list
      safepacks list --library
    """
    from .checking import check_lessons
    from .findings import display_path
    from .resources import LIBRARY_DIR

    workspace = _here()
    found = (LIBRARY_DIR,) if library else _lessons(targets, workspace)
    for item in check_lessons(found, workspace=workspace):
        if item.resolved is None:
            click.echo(f"{display_path(item.path)}: cannot be read (run `safepacks check`)")
            continue
        lesson = item.resolved.lesson
        review = f"reviewed {lesson.review.date}" if lesson.review else "not reviewed"
        click.echo(f"{lesson.id:32} {lesson.key_stage.value:4} {lesson.topic.value:21} {lesson.title} [{review}]")


@main.command()
@TARGETS
@click.option(
    "--key-stage",
    "key_stages",
    multiple=True,
    type=click.Choice(KEY_STAGES),
    help="Only this key stage (repeat for more).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "html", "pdf"]),  # coverage.FORMATS (a test keeps them the same)
    default="table",
    show_default=True,
    help="table for the terminal, csv for spreadsheets, html or pdf to print.",
)
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file instead of the terminal.")
@click.option(
    "--school",
    "school_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A school profile, for the name on the printed matrix.",
)
@_user_errors
def coverage(
    targets: tuple[str, ...],
    key_stages: tuple[str, ...],
    output_format: str,
    out: Path | None,
    school_path: Path | None,
) -> None:
    """Show which guidance statements the lessons cover, and which no lesson covers.

    \b
    Examples:
      safepacks coverage
      safepacks coverage --key-stage KS3 --format csv > ks3.csv
      safepacks coverage --format pdf --out coverage.pdf
    """
    from .checking import check_lessons, registry_or_error, school_or_error
    from .coverage import report
    from .errors import UsageError
    from .model import KeyStage
    from .render.style import Style

    if output_format == "pdf" and out is None:
        raise UsageError("--format pdf needs --out FILE")
    workspace = _here()
    registry = registry_or_error()
    school = school_or_error(_school(school_path, workspace))
    checked = check_lessons(_lessons(targets, workspace), registry, workspace=workspace)
    result = report(
        [item.resolved.lesson for item in checked if item.resolved],
        registry,
        key_stages=tuple(KeyStage(k) for k in key_stages),
        fmt=output_format,
        organisation=school.profile.name if school else "",
        style=Style.for_school(school),
    )
    if out is None:
        click.echo(result, nl=False)
    else:
        from .output import OutputWriter

        OutputWriter(out.parent).write_all({out.name: result.encode() if isinstance(result, str) else result})
        click.echo(f"coverage written to {out}")


@main.command()
@click.option(
    "--kind",
    type=click.Choice(["lesson", "overlay", "school"]),
    default="lesson",
    show_default=True,
    help="Which file the schema describes.",
)
def schema(kind: str) -> None:
    """Print the JSON Schema of a lesson, overlay or school profile file.

    The same schemas are in schemas/; files made by `safepacks new` point VS Code's YAML
    extension at them, for completion and checking as you type.

    \b
    Example:
      safepacks schema > lesson.schema.json
      safepacks schema --kind school
    """
    from .scaffold import schema_json

    click.echo(schema_json(kind), nl=False)


@main.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--from", "base_id", help="Make an overlay of this lesson id: your changes, the rest kept.")
@click.option("--key-stage", type=click.Choice(KEY_STAGES), default="KS3", show_default=True)
@click.option("--topic", type=click.Choice(TOPICS), default="grooming", show_default=True)
@_user_errors
def new(path: Path, base_id: str | None, key_stage: str, topic: str) -> None:
    """Start a new lesson, or an overlay of an existing one, with every field explained.

    \b
    Examples:
      safepacks new lessons/ks3/our-lesson.yaml --key-stage KS3 --topic reporting
      safepacks new our-school/grooming.yaml --from ks3-recognising-grooming
    """
    from .scaffold import new_lesson, new_overlay_from, write_new

    text = new_overlay_from(base_id, path, _here()) if base_id else new_lesson(path, key_stage=key_stage, topic=topic)
    write_new(path, text)
    click.echo(f"wrote {path}: fill it in, then run `safepacks check {path}`")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--name", help="The school's name, as printed on every pack (default: the folder's name).")
@_user_errors
def init(folder: Path, name: str | None) -> None:
    """Make a workspace for your school: its profile, lessons, logo, reviews and packs.

    \b
    Example:
      safepacks init "PSHE Resources/Oakfield Primary"
    """
    from .workspace import init_workspace

    workspace = init_workspace(folder, name=name)
    click.echo(f"made a workspace in {workspace.root}: fill in {workspace.school_file.name}, then run")
    click.echo("  safepacks list --library     (the bundled lessons)")
    click.echo("  safepacks build              (every lesson, with your school's details)")


@main.command()
@click.argument("workspace", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--port", type=click.IntRange(1024, 65535), help="The port to listen on (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Print the address; do not open a browser.")
@_user_errors
def studio(workspace: Path | None, port: int | None, no_browser: bool) -> None:
    """Open the studio: customise, check, preview, review and download packs in the browser.

    It works on your workspace's files (WORKSPACE, or the one you are in), writing the
    same YAML the command line reads, and listens on this computer only.

    \b
    Examples:
      safepacks studio
      safepacks studio "PSHE Resources/Oakfield Primary" --port 8765
    """
    from .errors import UsageError
    from .studio import serve
    from .workspace import PROFILE, find_workspace

    found = find_workspace(workspace) if workspace else _here()
    if found is None or (workspace is not None and found.root != workspace.resolve()):
        where = workspace or Path.cwd()
        raise UsageError(f"{where} is not a workspace (it has no {PROFILE}): make one with `safepacks init FOLDER`")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how the studio is stopped
        serve(found, port=port, open_browser=not no_browser, announce=click.echo)


@main.command(name="reference-docx")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@_user_errors
def reference_docx(out: Path) -> None:
    """Write the default Word styles document, for a school to restyle in Word.

    Open it in Word or LibreOffice, change the styles (Title, Heading 1–3, Normal, List
    Bullet, List Number, Table Grid, Header, Footer) and the margins, save it, and build
    with --reference-docx FILE (or `reference_docx:` in school.yaml).

    \b
    Example:
      safepacks reference-docx our-styles.docx
    """
    from .output import OutputWriter
    from .render.reference import reference_document

    OutputWriter(out.parent).write_all({out.name: reference_document()})
    click.echo(f"wrote {out}: change its styles in Word, then build with --reference-docx {out}")


@main.command(name="reference-pptx")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@_user_errors
def reference_pptx(out: Path) -> None:
    """Write the default slide template, for a school to restyle in PowerPoint or Impress.

    Change its slide master and the "Title Slide" and "Title and Content" layouts (fonts,
    colours, background, logo), save it as .pptx, and build with --reference-pptx FILE (or
    `reference_pptx:` in school.yaml). Text on the slides never goes below 24 pt whatever the
    template says.

    \b
    Example:
      safepacks reference-pptx our-slides.pptx
    """
    from .output import OutputWriter
    from .render.pptx import default_template
    from .render.style import Style

    OutputWriter(out.parent).write_all({out.name: default_template(Style())})
    click.echo(f"wrote {out}: change its master and layouts, then build with --reference-pptx {out}")
