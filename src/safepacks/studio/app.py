"""The studio's web layer: Starlette routes that turn requests into `Studio` calls and their
results into pages. Pages are Jinja2 templates; the little JavaScript there is is our own
(`static/studio.js`), with no build step.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..findings import Finding
from ..outputs import AUDIENCES
from ..resources import DATA_DIR, IMAGES_DIR
from ..school import FONTS, LOGO_MAX_BYTES, LOGO_TYPES
from .security import FIELD, Guard
from .service import Studio

STUDIO_DIR = DATA_DIR / "studio"
PREVIEWS = ("teacher", "pupil", "parent", "cards", "slides")
EDITABLE = (  # (field, label, rows): what the lesson form offers besides the activities
    ("title", "Title", 1),
    ("summary", "Summary (teacher pack)", 4),
    ("learning_objective", "Learning objective", 2),
    ("safeguarding.distancing", "Safeguarding: distancing", 4),
    ("safeguarding.question_box", "Safeguarding: the question box", 4),
    ("plenary", "Plenary", 5),
    ("parents.summary", "Parent leaflet: what your child learned", 3),
)


def create_app(studio: Studio, *, token: str, port: int) -> Guard:
    templates = Environment(
        loader=FileSystemLoader(STUDIO_DIR / "templates"), autoescape=select_autoescape(default=True), trim_blocks=True
    )

    def page(name: str, request: Request, **context) -> HTMLResponse:  # noqa: ANN003
        school, school_findings = studio.school()
        body = templates.get_template(name).render(
            token=token,
            field=FIELD,
            school=school,
            school_findings=school_findings,
            path=request.url.path,
            **context,
        )
        return HTMLResponse(body, headers={"Cache-Control": "no-store"})

    async def library(request: Request) -> Response:
        entries = studio.entries()
        groups: dict[str, list] = {}
        for entry in entries:
            groups.setdefault(entry.key_stage or "Not yet checked", []).append(entry)
        return page("library.html.j2", request, entries=entries, groups=sorted(groups.items()))

    async def entries(request: Request) -> Response:  # noqa: ARG001
        return JSONResponse([_entry_json(e) for e in studio.entries()])

    async def thumbnail(request: Request) -> Response:
        found = studio.thumbnail(request.path_params["lesson"])
        if found is None:
            return Response(status_code=204)
        return FileResponse(found, media_type="image/png", headers={"Cache-Control": "max-age=3600"})

    async def lesson(request: Request) -> Response:
        lesson_id = request.path_params["lesson"]
        entry = studio.entry(lesson_id)
        if entry is None:
            return page("missing.html.j2", request, lesson_id=lesson_id)
        editable = studio.editable(lesson_id)
        return page("lesson.html.j2", request, entry=entry, editable=editable, previews=_previews(studio, lesson_id))

    async def state(request: Request) -> Response:
        lesson_id = request.path_params["lesson"]
        made = studio.preview(lesson_id, "teacher")
        if made is None:
            return JSONResponse({"error": "no such lesson"}, status_code=404)
        raw = studio_raw(studio, lesson_id)
        data = made.data or raw
        activities = [
            {
                "id": a.get("id"),
                "title": a.get("title", ""),
                "minutes": a.get("minutes", 0),
                "pupil_task": a.get("pupil_task", ""),
                "teacher_notes": a.get("teacher_notes", ""),
                "ours": _activity_is_ours(raw, a.get("id")),
            }
            for a in data.get("activities", [])
        ]
        fields = [
            {"field": key, "label": label, "rows": rows, "value": _get(data, key), "ours": _is_ours(raw, key)}
            for key, label, rows in EDITABLE
        ]
        return JSONResponse(
            {
                "title": made.lesson.display_title if made.lesson else lesson_id,
                "overlay": "extends" in raw,
                "extends": raw.get("extends"),
                "fields": fields,
                "activities": activities,
                "duration": data.get("duration_minutes"),
                "total": sum(a["minutes"] for a in activities if isinstance(a["minutes"], int)),
                "findings": [_finding_json(f) for f in made.findings],
                "draft": made.draft,
            }
        )

    async def edit(request: Request) -> Response:
        lesson_id = request.path_params["lesson"]
        try:
            payload = json.loads(await request.body())
            refused = studio.edit(lesson_id, payload.pop("op"), payload)
        except (KeyError, ValueError, TypeError) as exc:
            return JSONResponse({"ok": False, "findings": [_plain_problem(f"That change could not be made ({exc}).")]})
        except PermissionError as exc:
            return JSONResponse({"ok": False, "findings": [_plain_problem(str(exc))]}, status_code=403)
        return JSONResponse({"ok": not refused, "findings": [_finding_json(f) for f in refused]})

    async def our_version(request: Request) -> Response:
        try:
            made = studio.make_our_version(request.path_params["lesson"])
        except KeyError:
            return JSONResponse({"error": "no such lesson"}, status_code=404)
        return JSONResponse({"id": made, "url": f"/lessons/{made}"})

    async def preview(request: Request) -> Response:
        lesson_id, audience = request.path_params["lesson"], request.path_params["audience"]
        made = studio.preview(lesson_id, audience) if audience in AUDIENCES else None
        if made is None or made.html is None:
            message = "This document cannot be shown yet: see the problems listed beside it."
            return HTMLResponse(f"<p style='font-family:sans-serif;padding:2em'>{message}</p>")
        return HTMLResponse(_for_browser(made.html, studio, draft=made.draft), headers={"Cache-Control": "no-store"})

    async def image(request: Request) -> Response:
        name = request.path_params["name"]
        path = (IMAGES_DIR / name).resolve()
        if not path.is_relative_to(IMAGES_DIR.resolve()) or not path.is_file():
            return Response(status_code=404)
        return FileResponse(path, media_type=mimetypes.guess_type(name)[0] or "application/octet-stream")

    async def logo(request: Request) -> Response:  # noqa: ARG001
        school, _ = studio.school()
        if school is None or school.logo_path is None or not school.logo_path.is_file():
            return Response(status_code=404)
        return FileResponse(school.logo_path, headers={"Cache-Control": "no-store"})

    async def school_page(request: Request) -> Response:
        saved = request.query_params.get("saved")
        problems = json.loads(request.query_params.get("problems", "[]"))
        return page("school.html.j2", request, saved=saved, problems=problems, fonts=FONTS)

    async def school_save(request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=60, max_part_size=LOGO_MAX_BYTES + 1)
        changes = {key: str(form.get(key, "")).strip() for key in SCHOOL_FIELDS}
        upload = form.get("logo_file")
        problems: list[str] = []
        if upload is not None and getattr(upload, "filename", ""):
            data = await upload.read()
            name, problem = _logo_name(upload.filename, data)
            if problem:
                problems.append(problem)
            else:
                assets = studio.workspace.root / "assets"
                assets.mkdir(exist_ok=True)
                from ..output import atomic_write

                atomic_write(assets / name, data)
                changes["logo"] = f"assets/{name}"
        if not problems:
            problems = [f"{f.message}. {f.hint}".strip() for f in studio.save_school(_nested(changes))]
        target = "/school?saved=1" if not problems else "/school?problems=" + _quote(json.dumps(problems))
        return RedirectResponse(target, status_code=303)

    async def build_lesson(request: Request) -> Response:
        lesson_id = request.path_params["lesson"]
        try:
            files, findings = studio.build(lesson_id)
        except KeyError:
            return JSONResponse({"error": "no such lesson"}, status_code=404)
        return JSONResponse(
            {
                "files": [{"name": p.name, "url": f"/files/{lesson_id}/{p.name}"} for p in files],
                "findings": [_finding_json(f) for f in findings if f.severity.value != "info"],
            }
        )

    async def built_file(request: Request) -> Response:
        found = studio.file(request.path_params["lesson"], request.path_params["name"])
        if found is None:
            return Response("No such file.", status_code=404)
        inline = found.suffix == ".pdf"
        return FileResponse(found, filename=found.name, content_disposition_type="inline" if inline else "attachment")

    async def pack_zip(request: Request) -> Response:
        lesson_id = request.path_params["lesson"]
        if studio.path_of(lesson_id) is None:
            return Response("No such lesson.", status_code=404)
        return Response(
            studio.zip_of(lesson_id),
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{lesson_id}.zip"'},
        )

    async def review_page(request: Request) -> Response:
        lesson_id = request.path_params["lesson"]
        entry = studio.entry(lesson_id)
        if entry is None:
            return page("missing.html.j2", request, lesson_id=lesson_id)
        problems = json.loads(request.query_params.get("problems", "[]"))
        return page(
            "review.html.j2",
            request,
            entry=entry,
            previews=_previews(studio, lesson_id),
            changes=studio.changes(lesson_id),
            problems=problems,
            signed=request.query_params.get("signed"),
        )

    async def review_sign(request: Request) -> Response:
        lesson_id = request.path_params["lesson"]
        form = await request.form()
        name, role = str(form.get("name", "")).strip(), str(form.get("role", "")).strip()
        if not name or not role:
            problems = ["Give your name and your role (for example: Jo Smith, designated safeguarding lead)."]
        else:
            problems = [f"{f.message}. {f.hint}".strip() for f in studio.sign(lesson_id, name, role)]
        query = "signed=1" if not problems else "problems=" + _quote(json.dumps(problems))
        return RedirectResponse(f"/lessons/{lesson_id}/review?{query}", status_code=303)

    routes = [
        Route("/", library),
        Route("/api/entries", entries),
        Route("/thumbs/{lesson}.png", thumbnail),
        Route("/school", school_page, methods=["GET"]),
        Route("/school", school_save, methods=["POST"]),
        Route("/lessons/{lesson}", lesson),
        Route("/lessons/{lesson}/review", review_page, methods=["GET"]),
        Route("/lessons/{lesson}/review", review_sign, methods=["POST"]),
        Route("/lessons/{lesson}/pack.zip", pack_zip),
        Route("/api/lessons/{lesson}/state", state),
        Route("/api/lessons/{lesson}/edit", edit, methods=["POST"]),
        Route("/api/lessons/{lesson}/our-version", our_version, methods=["POST"]),
        Route("/api/lessons/{lesson}/build", build_lesson, methods=["POST"]),
        Route("/preview/{lesson}/{audience}", preview),
        Route("/files/{lesson}/{name}", built_file),
        Route("/assets/images/{name}", image),
        Route("/assets/logo", logo),
        Mount("/static", StaticFiles(directory=STUDIO_DIR / "static"), name="static"),
    ]
    return Guard(Starlette(routes=routes), token=token, port=port)


SCHOOL_FIELDS = (
    "name",
    "accent_colour",
    "font",
    "dsl.name",
    "dsl.role",
    "dsl.for_pupils",
    "dsl.for_staff",
    "dsl.for_parents",
    "deputy_dsl.name",
    "deputy_dsl.role",
    "deputy_dsl.for_pupils",
    "deputy_dsl.for_staff",
    "deputy_dsl.for_parents",
)


def studio_raw(studio: Studio, lesson_id: str) -> dict:
    from ..loading import LoadError, load

    path = studio.path_of(lesson_id)
    try:
        data = load(path).data
    except LoadError:
        return {}
    return data if isinstance(data, dict) else {}


def _previews(studio: Studio, lesson_id: str) -> list[tuple[str, str]]:
    entry = studio.entry(lesson_id)
    labels = {"teacher": "Teacher pack", "pupil": "Pupil handout", "parent": "Parent leaflet", "cards": "Cards"}
    labels["slides"] = "Slides"
    shown = []
    made = studio.preview(lesson_id, "teacher")
    lesson = made.lesson if made else None
    for audience in PREVIEWS:
        if lesson is None or AUDIENCES[audience].applies(lesson):
            shown.append((audience, labels[audience]))
    return shown if entry else []


def _get(data: dict, key: str) -> object:
    node: object = data
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, str) else ""


def _is_ours(raw: dict, key: str) -> bool:
    if "extends" not in raw:
        return True
    node: object = raw
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def _activity_is_ours(raw: dict, activity_id: str) -> bool:
    if "extends" not in raw:
        return True
    for change in raw.get("activity_changes") or []:
        if not isinstance(change, dict):
            continue
        for key in ("with", "activity"):
            if isinstance(change.get(key), dict) and change[key].get("id") == activity_id:
                return True
        if isinstance(change.get("minutes"), dict) and activity_id in change["minutes"]:
            return True
    return False


def _entry_json(entry) -> dict:  # noqa: ANN001
    return {
        "id": entry.id,
        "checked": entry.checked,
        "errors": entry.errors,
        "warnings": entry.warnings,
        "review": entry.review,
        "title": entry.title,
    }


STUDIO_WORDS = {  # the command line's advice, said the studio's way
    "review-missing": (
        "This lesson has not been reviewed yet",
        "once nothing else is left to fix, use Review and sign",
    ),
    "review-stale": ("The lesson has changed since it was reviewed", "read it again, then use Review and sign"),
}


def _finding_json(finding: Finding) -> dict:
    message, hint = STUDIO_WORDS.get(finding.rule, (finding.message, finding.hint))
    return {
        "severity": finding.severity.value,
        "rule": finding.rule,
        "message": message,
        "hint": hint,
        "line": finding.position.line,
        "file": finding.path.name,
        "field": ".".join(str(p) for p in finding.location),
        "location": list(finding.location),
    }


def _plain_problem(message: str) -> dict:
    return {"severity": "error", "rule": "studio", "message": message, "hint": "", "line": 0, "file": "", "field": ""}


def _for_browser(html: str, studio: Studio, *, draft: bool) -> str:
    """The standalone HTML with pictures served by the studio (a browser will not open
    file:// addresses from a web page), and a draft banner where the print has one."""
    html = html.replace(IMAGES_DIR.as_uri() + "/", "/assets/images/")
    school, _ = studio.school()
    if school is not None and school.logo_path is not None:
        html = html.replace(school.logo_path.as_uri(), "/assets/logo")
    if draft:
        banner = (
            '<div style="position:sticky;top:0;background:#fff3cd;border-bottom:2px solid #000;'
            'padding:6px 12px;font:700 14px sans-serif;z-index:9">DRAFT – NOT REVIEWED: '
            "see the problems beside the preview; print once they are fixed and the lesson is reviewed.</div>"
        )
        html = html.replace("<body>", "<body>" + banner, 1)
    return html


def _logo_name(filename: str, data: bytes) -> tuple[str, str | None]:
    suffix = Path(filename).suffix.lower()
    if suffix not in LOGO_TYPES:
        return "", "The logo must be a PNG, JPEG or SVG file."
    if len(data) > LOGO_MAX_BYTES:
        return "", f"The logo is {len(data):,} bytes; it can be at most {LOGO_MAX_BYTES:,}."
    signatures = {".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8",), ".jpeg": (b"\xff\xd8",), ".svg": (b"<svg", b"<?xml")}
    if not data.lstrip().startswith(signatures[suffix]):
        return "", f"That file is not really a {suffix[1:].upper()} picture: save it again as PNG, JPEG or SVG."
    return f"logo{suffix}", None


def _nested(flat: dict[str, str]) -> dict:
    """Form fields with empty people left out: a deputy with no name is no deputy."""
    out = dict(flat)
    for person in ("dsl", "deputy_dsl"):
        if not flat.get(f"{person}.name"):
            for key in [k for k in out if k.startswith(f"{person}.")]:
                out[key] = ""
    return out


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")
