"""The studio, driven in a real headless browser (Debian's chromium, through Playwright) the way
a PSHE lead would use it, step by step, with a screenshot of each step in
build/studio-screens/; then its defences, request by request."""

from __future__ import annotations

import io
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import EXAMPLE_SCHOOL, read
from safepacks.cli import main
from safepacks.studio import free_port
from safepacks.studio.app import create_app
from safepacks.studio.service import Studio
from safepacks.workspace import init_workspace

SCREENS = Path(__file__).resolve().parents[1] / "build" / "studio-screens"
TOKEN = "test-token-for-the-studio"
BASE = "ks3-recognising-grooming"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("chromium is not installed: `make test` installs it")
    return found


class Running:
    def __init__(self, workspace) -> None:  # noqa: ANN001
        import uvicorn

        self.port = free_port()
        self.studio = Studio(workspace)
        app = create_app(self.studio, token=TOKEN, port=self.port)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.studio.close()


@pytest.fixture
def workspace(tmp_path):
    return init_workspace(tmp_path / "Oakfield Primary – PSHE", name="Oakfield Academy")


@pytest.fixture
def studio(workspace):
    running = Running(workspace)
    yield running
    running.stop()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield launched
        launched.close()


def shot(page, name: str) -> None:  # noqa: ANN001
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"))


def settle(page) -> None:  # noqa: ANN001
    """Wait until what was typed has been saved, checked and previewed (the page keeps count)."""
    page.wait_for_timeout(100)
    page.wait_for_function("window.studioIdle === true", timeout=30000)


def test_a_pshe_lead_customises_checks_reviews_and_downloads_a_lesson(studio, browser, workspace, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.goto(f"{studio.url}/?token={TOKEN}")
    page.wait_for_selector(".card")
    shot(page, "01-library")

    # The school profile, with a logo uploaded and the DSL named.
    page.click("text=School profile")
    page.fill("input[name='dsl.name']", "Mrs J. Okafor")
    page.fill("input[name='dsl.role']", "Designated safeguarding lead")
    page.fill("input[name='dsl.for_pupils']", "Room B4, or ask your form tutor.")
    page.fill("input[name='dsl.for_staff']", "Through the safeguarding system, the same day.")
    page.set_input_files("input[name='logo_file']", str(EXAMPLE_SCHOOL / "school-logo.svg"))
    page.fill("input[name='accent_colour']", "#5a1f4e")
    assert "readable" in page.inner_text("#contrast")
    shot(page, "02-school-profile")
    page.click("text=Save the profile")
    page.wait_for_selector("text=Saved.")
    profile = workspace.school_file.read_text()
    assert "Mrs J. Okafor" in profile and "assets/logo.svg" in profile
    assert profile.startswith("# Your school profile.")  # the file's own comments are kept
    assert (workspace.root / "assets" / "logo.svg").is_file()

    # Our version of a bundled lesson.
    page.goto(f"{studio.url}/lessons/{BASE}")
    shot(page, "03-bundled-lesson")
    page.click("text=Make our version")
    page.wait_for_url(f"**/lessons/{BASE}-ours")
    page.wait_for_selector("#activities > li")
    settle(page)
    shot(page, "04-our-version")
    ours = workspace.lessons_dir / f"{BASE}-ours.yaml"
    assert ours.is_file() and yaml.safe_load(ours.read_text())["extends"] == BASE

    # Reorder and retime the activities; the running total and the preview follow.
    titles = page.locator("#activities > li h3 input")
    first, second = titles.nth(0).input_value(), titles.nth(1).input_value()
    page.click(f"[aria-label='Move {first} down']")
    settle(page)
    assert [titles.nth(0).input_value(), titles.nth(1).input_value()] == [second, first]
    minutes = page.locator("#activities > li input[type=number]")
    before = int(minutes.nth(0).input_value())
    minutes.nth(0).fill(str(before + 5))
    minutes.nth(0).dispatch_event("change")
    settle(page)
    assert "bad" in page.get_attribute("#total", "class")  # 65 of 60 minutes
    assert "add up to" in page.inner_text("#findings")
    shot(page, "05-timings-wrong")
    later = int(minutes.nth(1).input_value())
    minutes.nth(1).fill(str(later - 5))
    minutes.nth(1).dispatch_event("change")
    settle(page)
    assert "good" in page.get_attribute("#total", "class")
    assert "add up to" not in page.inner_text("#findings")

    # A change to the text shows in the preview.
    page.fill("[data-field='title']", "Spotting grooming at Oakfield")
    settle(page)
    assert "Spotting grooming at Oakfield" in page.frame_locator("#preview").locator("h1").inner_text()
    shot(page, "06-preview-follows")

    # An error, shown next to its field, then fixed.
    task = page.locator("#activities > li textarea[data-key='pupil_task']").nth(0)
    task.fill("If you are worried, call 0800 1111 tonight.")
    settle(page)
    beside = page.locator("#activities > li").nth(0).locator(".field-finding")
    assert beside.count() >= 1 and "phone" in beside.first.inner_text().lower()
    shot(page, "07-error-beside-its-field")
    task.fill("If you are worried, tell a trusted adult tonight.")
    settle(page)
    assert page.locator("#activities > li").nth(0).locator(".field-finding").count() == 0

    # Sign the review.
    page.click("text=Review and sign")
    page.wait_for_selector("form.sign")
    page.fill("form.sign input[name='name']", "Pat Lead")
    page.fill("form.sign input[name='role']", "PSHE lead")
    shot(page, "08-review")
    page.click("form.sign button[type=submit]")
    page.wait_for_selector(".alert")
    shot(page, "08b-signed")
    assert "Signed." in page.inner_text("main"), page.inner_text(".alert")
    assert yaml.safe_load(ours.read_text())["review"]["reviewer"] == "Pat Lead"

    # Download the whole pack.
    page.goto(f"{studio.url}/lessons/{BASE}-ours")
    with page.expect_download() as download:
        page.click("text=Download all (zip)")
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    names = {Path(n).name for n in archive.namelist()}
    assert {"teacher-pack.pdf", "pupil-handout.pdf", "parent-leaflet.docx", "slides.pptx"} <= names
    studio_pdf = archive.read(f"{BASE}-ours/teacher-pack.pdf")
    shot(page, "09-downloaded")

    # The command line makes the same pack from the same files.
    out = tmp_path / "cli-build"
    result = CliRunner().invoke(
        main, ["build", str(ours), "--out", str(out), "--school", str(workspace.school_file), "--format", "pdf"]
    )
    assert result.exit_code == 0, result.output
    cli_pdf = out / f"{BASE}-ours" / "teacher-pack.pdf"
    assert cli_pdf.read_bytes() == studio_pdf
    assert "Spotting grooming at Oakfield" in read(cli_pdf) and "Mrs J. Okafor" in read(cli_pdf)


def test_a_stale_review_shows_what_changed_since_it_was_signed(studio, browser, workspace):
    made = studio.studio.make_our_version(BASE)
    studio.studio.sign(made, "Pat Lead", "PSHE lead")
    assert studio.studio.edit(made, "set", {"field": "plenary", "value": "A shorter plenary for Oakfield."}) == []
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{studio.url}/lessons/{made}/review?token={TOKEN}")
    page.wait_for_selector(".changes table")
    rows = page.inner_text(".changes table")
    assert "plenary" in rows and "A shorter plenary for Oakfield." in rows
    shot(page, "10-stale-review-changes")


def test_a_file_with_tabs_is_explained_in_plain_words(studio, browser, workspace):
    broken = workspace.lessons_dir / "broken.yaml"
    broken.write_text("id: broken\nsafeguarding:\n\tsensitivity: high\n")
    page = browser.new_page()
    page.goto(f"{studio.url}/lessons/broken?token={TOKEN}")
    page.wait_for_selector(".finding-list li")
    assert "line 3 is indented with a tab" in page.inner_text("#findings")


# --- defences ---------------------------------------------------------------------


@pytest.fixture
def client(workspace):
    from starlette.testclient import TestClient

    port = 8123
    studio = Studio(workspace)
    app = create_app(studio, token=TOKEN, port=port)
    with TestClient(app, base_url=f"http://127.0.0.1:{port}") as test_client:
        yield test_client
    studio.close()


def test_requests_without_the_token_or_with_a_wrong_one_are_refused(client):
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    client.cookies.set("safepacks_studio", "wrong")
    assert client.get("/api/entries").status_code == 403
    client.cookies.clear()
    opened = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert opened.status_code == 303 and "token" not in opened.headers["location"]
    assert client.get("/").status_code == 200  # the cookie now carries it


def test_a_foreign_host_header_is_refused(client):
    assert client.get(f"/?token={TOKEN}", headers={"Host": "evil.example:8123"}).status_code == 421


def test_a_cross_site_or_unsigned_change_is_refused(client, workspace):
    client.get(f"/?token={TOKEN}")
    before = workspace.school_file.read_text()
    evil = client.post("/school", data={"name": "Hacked"}, headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403
    unsigned = client.post("/school", data={"name": "Hacked"})
    assert unsigned.status_code == 403
    assert workspace.school_file.read_text() == before
    signed = client.post("/school", data={"name": "Oakfield Academy", "csrf_token": TOKEN, "font": "Lato"})
    assert signed.status_code in (200, 303)


def test_uploads_that_are_too_big_or_not_pictures_are_refused_and_nothing_is_lost(client, workspace):
    client.get(f"/?token={TOKEN}")
    before = workspace.school_file.read_text()
    fake = client.post(
        "/school",
        data={"csrf_token": TOKEN, "name": "Oakfield Academy", "font": "Lato"},
        files={"logo_file": ("logo.png", b"MZ\x90\x00 not a picture", "image/png")},
        follow_redirects=True,
    )
    assert "not really a PNG" in fake.text
    huge = client.post(
        "/school",
        data={"csrf_token": TOKEN, "name": "Oakfield Academy", "font": "Lato"},
        files={"logo_file": ("logo.png", b"\x89PNG" + b"0" * 5_100_000, "image/png")},
        follow_redirects=True,
    )
    assert huge.status_code in (200, 413) and "logo.png" not in workspace.school_file.read_text()
    assert workspace.school_file.read_text() == before
    assert not (workspace.root / "assets" / "logo.png").exists()


def test_nothing_outside_the_workspace_can_be_read_or_changed(client, workspace):
    client.get(f"/?token={TOKEN}")
    for path in (
        "/files/ks3-recognising-grooming/..%2F..%2Fschool.yaml",
        "/files/..%2F..%2Fetc/passwd",
        "/assets/images/..%2F..%2Fregistry%2Ffacts.yaml",
        "/preview/..%2F..%2Fetc/teacher",
    ):
        response = client.get(path)
        assert response.status_code in (200, 404) and "name:" not in response.text, path
    bundled = client.post(
        f"/api/lessons/{BASE}/edit",
        json={"op": "set", "field": "title", "value": "Changed in the package"},
        headers={"X-Safepacks-Token": TOKEN},
    )
    assert bundled.status_code == 403
    assert (
        "Changed in the package"
        not in (Path(__file__).parents[1] / "src")
        .joinpath("safepacks/data/lessons/ks3/recognising-grooming.yaml")
        .read_text()
    )
