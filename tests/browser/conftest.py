"""Browser suite: Debian's chromium driven by Playwright against Django's live server."""

import json
import os
from pathlib import Path

import pytest

from tests.conftest import chromium_path, service_missing

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = HERE / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        service_missing("chromium is not installed (make test-browser installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        service_missing("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        viewport={"width": 1200, "height": 900}, locale="nb-NO", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def demo_site(django_db_serialized_rollback, transactional_db):
    from guidelines.demo import load_guidelines_demo

    return load_guidelines_demo()


#: The response form of the demo hearing, and the MIME type browsers send for a Word file.
FORM = "/horinger/demohoring/svar/"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def demo_with_hearings(demo_site):
    """The demo site with its hearings (open, closed) and their responses."""
    from hearings.demo import load_hearing_demo

    load_hearing_demo()
    return demo_site


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def axe_violations(page) -> list[dict]:
    """Run axe-core with the WCAG 2.0/2.1 A and AA rules and return the violations."""
    if not AXE.exists():
        service_missing(
            "axe-core is not installed (make test-browser runs npm ci in tests/browser)"
        )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def login(page, live_server, username: str, password: str = "demo-passord-2024"):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


# Finds the hidden field a Draftail editor serialises into: the nearest ancestor of the editable
# area that holds a hidden input.
_DRAFTAIL_SAVED = """([el, text]) => {
    if (!el.contains(document.activeElement)) return false;
    for (let node = el.parentElement; node; node = node.parentElement) {
        const field = node.querySelector("input[type=hidden]");
        if (field) return field.value.includes(text);
    }
    return false;
}"""


def type_rich_text(page, editable, text: str, at_end: bool = False):
    """Types into a Draftail editor and waits until the form field holds the text.

    Draftail mounts and takes focus asynchronously, and writes its content to a hidden input on
    change; typing too early loses keys and submitting too early loses the text.
    """
    editable.click()
    page.wait_for_function(
        "el => el.contains(document.activeElement)", arg=editable.element_handle()
    )
    if at_end:
        page.keyboard.press("Control+End")
        page.keyboard.press("Enter")
    page.keyboard.type(text)
    page.wait_for_function(_DRAFTAIL_SAVED, arg=[editable.element_handle(), text])
