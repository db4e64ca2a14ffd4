"""Benchmark safepacks builds against the rendering floor.

Usage (from the repository, after `make packs` or `make test` has set up .venv):

    .venv/bin/python benchmarks/run.py                 # bundled library + 200 generated lessons
    .venv/bin/python benchmarks/run.py --generated 20  # a quicker run

Prints, for the bundled library and a generated one:
  1. full build wall time with -j1 and -j2, and the speed-up;
  2. the floor: WeasyPrint and python-docx alone writing the same final documents (the HTML,
     stylesheets and document trees the toolkit produced, rendered directly), and the
     toolkit's overhead ratio over that floor;
  3. no-change rebuild time, and one-lesson-edit rebuild time (and what was rebuilt);
  4. whole-process time of `safepacks --help` and `safepacks check`;
  5. peak memory of the build's largest process;
plus which font subsetter WeasyPrint used, the core count, and `check` on 1,000 lessons.
Results go to stdout and to benchmarks/results.json (or --json PATH).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "src" / "safepacks" / "data" / "lessons"  # the bundled lessons, as in a checkout
BIN = Path(sys.executable).parent
SAFEPACKS = str(BIN / "safepacks")


def run(*args: str, env: dict | None = None) -> tuple[float, int, str]:
    """Wall time, exit code and output of one whole process; peak memory is read separately."""
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env)
    return time.perf_counter() - start, done.returncode, done.stdout + done.stderr


def best_of(times: int, *args: str) -> float:
    return min(run(*args)[0] for _ in range(times))


def generate_library(folder: Path, count: int) -> Path:
    """`count` lessons cloned from the bundled ones with new ids, each reviewed (so they build)."""
    sources = sorted(LIBRARY.rglob("*.yaml"))
    folder.mkdir(parents=True)
    for n in range(count):
        text = sources[n % len(sources)].read_text()
        text = re.sub(r"^id: (\S+)", rf"id: \1-copy-{n:04d}", text, count=1, flags=re.M)
        text = re.sub(r"\n\nreview:\n(?:  .*\n)+", "\n", text)
        (folder / f"lesson-{n:04d}.yaml").write_text(text)
    sys.path.insert(0, str(ROOT / "src"))
    from safepacks.checking import registry_or_error
    from safepacks.reviews import review

    registry = registry_or_error()
    for path in sorted(folder.glob("*.yaml")):
        review(path, by="Benchmark", role="generated copy", registry=registry)
    return folder


def peak_memory_mb(*args: str) -> tuple[float, float]:
    """Wall time and the peak resident memory of the largest process (the build or a worker)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    seconds, code, output = run(*args)
    if code != 0:
        raise SystemExit(f"build failed:\n{output[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(before, after) / 1024


def floor_seconds(lessons: Path) -> dict[str, float]:
    """WeasyPrint and python-docx alone on the documents the toolkit composed for `lessons`: the
    HTML, stylesheets (parsed once) and document trees it produced, rendered directly."""
    sys.path.insert(0, str(ROOT / "src"))
    from weasyprint import CSS, HTML

    from safepacks.checking import check_lessons, registry_or_error
    from safepacks.library import library_documents
    from safepacks.outputs import AUDIENCES, FORMATS
    from safepacks.render.docx import render_docx
    from safepacks.render.html import render_html, stylesheets
    from safepacks.render.pdf import AssetsOnlyFetcher
    from safepacks.render.style import Style
    from safepacks.resources import IMAGES_DIR

    style = Style()
    registry = registry_or_error()
    checked = check_lessons([lessons], registry)
    documents = [
        audience.view(item.resolved)
        for item in checked
        for audience in AUDIENCES.values()
        if audience.applies(item.resolved.lesson) and audience.made_in(FORMATS["pdf"])
    ]
    # The build also writes the library's coverage and verification pages: the floor renders them too.
    pages = library_documents(checked, registry, today=dt.date.today(), organisation="").values()
    captured = [render_html(d, style) for d in [*documents, *pages]]
    fetcher = AssetsOnlyFetcher(files=style.allowed_files)
    base = IMAGES_DIR.as_uri() + "/"
    sheets = [CSS(string=text, url_fetcher=fetcher, base_url=base) for text in stylesheets(style)]
    start = time.perf_counter()
    for html in captured:
        HTML(string=html, base_url=base, url_fetcher=fetcher).write_pdf(stylesheets=sheets, pdf_tags=True)
    pdf = time.perf_counter() - start
    start = time.perf_counter()
    for document in documents:
        render_docx(document, style)
    docx = time.perf_counter() - start
    decks = [AUDIENCES["slides"].view(item.resolved) for item in checked]
    ours, alone = slides_seconds(decks, style)
    return {
        "pdf": pdf,
        "docx": docx,
        "total": pdf + docx,
        "documents": len(captured) + len(documents),
        "pptx": ours,
        "pptx_alone": alone,
        "decks": len(decks),
    }


def slides_seconds(decks: list, style) -> tuple[float, float]:  # noqa: ANN001
    """Our PPTX renderer on every deck, and python-pptx alone making the same decks: read back
    from ours, every slide remade from its layout, title, paragraphs, notes, pictures and
    shapes with python-pptx's plain API, without our formatting, splitting or checks."""
    import io

    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE

    from safepacks.render.pptx import _template, render_pptx

    start = time.perf_counter()
    made = [render_pptx(deck, style) for deck in decks]
    ours = time.perf_counter() - start

    plans = []  # what each of our slides holds, read back (not timed)
    for data in made:
        slides = []
        for slide in Presentation(io.BytesIO(data)).slides:
            shapes = []
            for shape in slide.shapes:
                box = (shape.left, shape.top, shape.width, shape.height)
                if shape.is_placeholder:
                    lines = [p.text for p in shape.text_frame.paragraphs]
                    shapes.append(("placeholder", shape.placeholder_format.idx, lines))
                elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                    shapes.append(("picture", shape.image.blob, box))
                elif shape.has_text_frame and shape.text_frame.text:
                    shapes.append(("text", shape.text_frame.text, box))
                else:
                    shapes.append(("shape", None, box))
            notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
            slides.append((slide.slide_layout.name, shapes, notes))
        plans.append(slides)

    template = _template(style)
    start = time.perf_counter()
    for slides in plans:
        deck = Presentation(io.BytesIO(template))
        layouts = {layout.name: layout for layout in deck.slide_layouts}
        for layout, shapes, notes in slides:
            page = deck.slides.add_slide(layouts[layout])
            placeholders = {p.placeholder_format.idx: p for p in page.placeholders}
            for kind, content, extra in shapes:
                if kind == "placeholder":
                    frame = placeholders[content].text_frame
                    for n, line in enumerate(extra):
                        (frame.paragraphs[0] if n == 0 else frame.add_paragraph()).text = line
                elif kind == "picture":
                    page.shapes.add_picture(io.BytesIO(content), *extra[:3])
                elif kind == "text":
                    page.shapes.add_textbox(*extra).text_frame.text = content
                else:
                    page.shapes.add_shape(MSO_SHAPE.RECTANGLE, *extra)
            if notes:
                page.notes_slide.notes_text_frame.text = notes
        deck.save(io.BytesIO())
    return ours, time.perf_counter() - start


def subsetter() -> str:
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0):
        return "HarfBuzz (libharfbuzz-subset)"
    return "fontTools (slower fallback: install libharfbuzz-subset0)"


def measure(name: str, lessons: Path, work: Path) -> dict:
    print(f"\n== {name}: {len(list(lessons.rglob('*.yaml')))} lessons", flush=True)
    result: dict = {"lessons": len(list(lessons.rglob("*.yaml")))}
    for jobs in (1, 2):
        out = work / f"{name}-j{jobs}"
        seconds, memory = peak_memory_mb(SAFEPACKS, "build", str(lessons), "--out", str(out), "-j", str(jobs))
        result[f"build_j{jobs}_s"] = round(seconds, 2)
        result[f"peak_memory_j{jobs}_mb"] = round(memory, 1)
        print(f"  full build -j{jobs}: {seconds:.2f} s (largest process {memory:.0f} MB)", flush=True)
    result["speedup_j2"] = round(result["build_j1_s"] / result["build_j2_s"], 2)
    print(f"  speed-up -j2 over -j1: {result['speedup_j2']:.2f}×")

    floor = floor_seconds(lessons)
    result["floor_s"] = round(floor["total"], 2)
    result["floor_pdf_s"], result["floor_docx_s"] = round(floor["pdf"], 2), round(floor["docx"], 2)
    result["overhead_ratio_j1"] = round(result["build_j1_s"] / floor["total"], 3)
    print(
        f"  floor (WeasyPrint {floor['pdf']:.2f} s + python-docx {floor['docx']:.2f} s for "
        f"{floor['documents']} documents): {floor['total']:.2f} s; "
        f"overhead ratio -j1: {result['overhead_ratio_j1']:.3f}"
    )

    result["slides_s"], result["slides_alone_s"] = round(floor["pptx"], 2), round(floor["pptx_alone"], 2)
    result["slides_share_of_pdf"] = round(floor["pptx"] / floor["pdf"], 3)
    result["slides_overhead_ratio"] = round(floor["pptx"] / floor["pptx_alone"], 3)
    print(
        f"  slides: {floor['decks']} decks in {floor['pptx']:.2f} s ({result['slides_share_of_pdf']:.1%} of the "
        f"PDF floor's time); python-pptx alone {floor['pptx_alone']:.2f} s; "
        f"overhead ratio {result['slides_overhead_ratio']:.3f}"
    )

    out = work / f"{name}-j2"
    result["no_change_rebuild_s"] = round(
        statistics.median(run(SAFEPACKS, "build", str(lessons), "--out", str(out))[0] for _ in range(3)), 3
    )
    print(f"  no-change rebuild: {result['no_change_rebuild_s']:.3f} s")
    edited = sorted(lessons.rglob("*.yaml"))[0]
    original = edited.read_text()
    try:  # change one lesson's summary; its review goes stale, so build it as a draft
        data = yaml.safe_load(original)
        data["summary"] += " (Edited for the benchmark.)"
        edited.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        seconds, code, output = run(SAFEPACKS, "build", str(lessons), "--out", str(out), "--allow-draft")
        rebuilt = re.findall(r"built\s+(\S+): (\d+) written", output)
        result["one_edit_rebuild_s"] = round(seconds, 2)
        result["one_edit_rebuilt"] = {lesson: int(n) for lesson, n in rebuilt if int(n)}
        print(f"  one-lesson edit rebuild: {seconds:.2f} s, rebuilt {result['one_edit_rebuilt']}")
    finally:
        edited.write_text(original)

    result["help_s"] = round(best_of(5, SAFEPACKS, "--help"), 3)
    result["check_s"] = round(best_of(3, SAFEPACKS, "check", str(lessons)), 3)
    print(f"  safepacks --help: {result['help_s']:.3f} s; safepacks check: {result['check_s']:.3f} s (whole process)")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generated", type=int, default=200, help="size of the generated library (default 200)")
    parser.add_argument("--check-size", type=int, default=1000, help="lessons for the large `check` run")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args()

    results: dict = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "subsetter": subsetter(),
    }
    print(f"cores: {os.cpu_count()}; WeasyPrint font subsetting: {results['subsetter']}")
    with tempfile.TemporaryDirectory(prefix="safepacks-bench-") as temporary:
        work = Path(temporary)
        bundled = work / "bundled"
        shutil.copytree(LIBRARY, bundled)
        results["bundled"] = measure("bundled", bundled, work)
        if args.generated:
            results["generated"] = measure("generated", generate_library(work / "generated", args.generated), work)
        big = generate_library(work / "check", args.check_size) if args.check_size else None
        if big:
            seconds = best_of(1, SAFEPACKS, "check", str(big))
            results["check_large"] = {"lessons": args.check_size, "seconds": round(seconds, 2)}
            print(f"\nsafepacks check on {args.check_size} lessons: {seconds:.2f} s")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nresults written to {args.json}")


if __name__ == "__main__":
    main()
