"""Benchmark the studio as a PSHE lead meets it: a real `safepacks studio` process over HTTP.

Usage (from the repository, after `make test` has set up .venv):

    .venv/bin/python benchmarks/studio.py                 # a workspace with 200 lessons of its own
    .venv/bin/python benchmarks/studio.py --lessons 20    # a quicker run

Prints, against the targets in the studio issue:
  1. start: from launching `safepacks studio` to the first library page served (target 2 s);
  2. the library page with the workspace's lessons plus the bundled ones: the first request,
     how long until every lesson is checked in the background, then the median of 10 while
     every thumbnail is being drawn in the background (target 500 ms);
  3. preview refresh: one edit saved to "our version" of the largest bundled lesson, then its
     teacher pack previewed, median of 20 (target 300 ms).
Results go to stdout and to benchmarks/studio-results.json (or --json PATH).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from run import LIBRARY, ROOT, SAFEPACKS, generate_library

TARGETS = {"start_s": 2.0, "library_ms": 500, "preview_refresh_ms": 300}


def start(workspace: Path) -> tuple[subprocess.Popen, str, float]:
    """The studio process, its opening address (with the token) and seconds to first page."""
    began = time.perf_counter()
    process = subprocess.Popen(
        [SAFEPACKS, "studio", str(workspace), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    address = None
    for line in process.stdout:  # "… is at\n  http://127.0.0.1:PORT/?token=…"
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
        if found:
            address = found.group(0)
            break
    if address is None:
        raise SystemExit("the studio did not start: " + (process.stdout.read() if process.stdout else ""))
    response = httpx.get(address, follow_redirects=True)
    response.raise_for_status()
    return process, address, time.perf_counter() - began


def timed(call) -> float:  # noqa: ANN001
    began = time.perf_counter()
    response = call()
    response.raise_for_status()
    return (time.perf_counter() - began) * 1000


def largest_bundled() -> str:
    path = max(LIBRARY.rglob("*.yaml"), key=lambda p: p.stat().st_size)
    return re.search(r"^id: (\S+)", path.read_text(), flags=re.M).group(1)


def wait_until_checked(client: httpx.Client, seconds: float = 300) -> float:
    """Seconds until every lesson on the library page has been checked (in the background)."""
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        if all(entry["checked"] for entry in client.get("/api/entries").json()):
            break
        time.sleep(0.2)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lessons", type=int, default=200, help="the workspace's own lessons (default 200)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "studio-results.json")
    args = parser.parse_args()
    results: dict = {"cores": os.cpu_count(), "workspace_lessons": args.lessons, "targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="safepacks-studio-bench-") as temporary:
        workspace = Path(temporary) / "Oakfield Primary – PSHE"
        subprocess.run(
            [SAFEPACKS, "init", str(workspace), "--name", "Oakfield Academy"], check=True, capture_output=True
        )
        if args.lessons:
            generate_library(workspace / "lessons" / "generated", args.lessons)
        process, address, seconds = start(workspace)
        try:
            results["start_s"] = round(seconds, 3)
            print(f"start to first library page: {seconds:.2f} s (target {TARGETS['start_s']} s)")
            base = address.split("/?")[0]
            token = address.split("token=")[1]
            with httpx.Client(base_url=base, headers={"X-Safepacks-Token": token}, timeout=120) as client:
                client.get(f"/?token={token}", follow_redirects=True).raise_for_status()
                results["library_first_ms"] = round(timed(lambda: client.get("/")), 1)
                ids = [entry["id"] for entry in client.get("/api/entries").json()]
                for lesson_id in ids:  # as the page's pictures do: each is drawn in the background
                    client.get(f"/thumbs/{lesson_id}.png")
                results["all_checked_s"] = round(wait_until_checked(client), 2)
                library = [timed(lambda: client.get("/")) for _ in range(10)]  # while thumbnails are drawn
                results["library_ms"] = round(statistics.median(library), 1)
                total = len(client.get("/api/entries").json())
                print(
                    f"library page, {total} lessons: first {results['library_first_ms']:.0f} ms; every lesson "
                    f"checked {results['all_checked_s']:.1f} s after; then median of 10 "
                    f"{results['library_ms']:.0f} ms (target {TARGETS['library_ms']} ms; thumbnails are made "
                    "in the background as the page asks for them, and were being drawn meanwhile)"
                )

                lesson = largest_bundled()
                ours = client.post(f"/api/lessons/{lesson}/our-version").json()["id"]
                client.get(f"/preview/{ours}/teacher").raise_for_status()  # warm: the first build of the overlay
                refresh = []
                for n in range(20):
                    change = {"op": "set", "field": "summary", "value": f"Our summary, version {n}."}
                    began = time.perf_counter()
                    saved = client.post(f"/api/lessons/{ours}/edit", json=change)
                    saved.raise_for_status()
                    assert saved.json()["ok"], saved.text
                    shown = client.get(f"/preview/{ours}/teacher")
                    shown.raise_for_status()
                    assert f"version {n}." in shown.text
                    refresh.append((time.perf_counter() - began) * 1000)
                results["preview_refresh_ms"] = round(statistics.median(refresh), 1)
                results["preview_refresh_max_ms"] = round(max(refresh), 1)
                print(
                    f"preview refresh after an edit ({lesson}, teacher pack): median of 20 "
                    f"{results['preview_refresh_ms']:.0f} ms, slowest {results['preview_refresh_max_ms']:.0f} ms "
                    f"(target {TARGETS['preview_refresh_ms']} ms)"
                )
        finally:
            process.terminate()
            process.wait(10)
    results["met"] = {key: results[key] <= target for key, target in TARGETS.items() if key in results}
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {args.json}")
    sys.exit(0)


if __name__ == "__main__":
    main()
