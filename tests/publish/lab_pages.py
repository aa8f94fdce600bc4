"""What the lab's tests share: the lab built as `make lab` builds it, Debian's Chromium, a page opened
with its errors and requests watched, and a bridge to one of the lab's scripts run in Node."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium drives the page tests")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def build_lab(folder: Path, data: str = "") -> Path:
    """lab.html in folder for BCE_DATA=data (the article's points when empty), in English."""
    environment = os.environ | {"BCE_DATA": data, "BCE_LANG": "en"}
    subprocess.run([sys.executable, "-m", "scenes.publish.page", str(folder)], cwd=ROOT, env=environment, check=True)
    return folder / "lab.html"


def build_bilingual_lab(folder: Path) -> Path:
    """lab.html in folder as `make course LANGS=en,zh` writes it beside the course page: English first,
    the language switch, the lab's words in both (the article's points)."""
    from bce_math import default_dataset, walkthrough
    from scenes.publish.page import copy_assets, lab_page

    copy_assets(folder)
    page = folder / "lab.html"
    page.write_text(lab_page(walkthrough(default_dataset()), ["en", "zh"]), encoding="utf-8")
    return page


@contextmanager
def chromium():
    """Debian's Chromium, headless, offline."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@contextmanager
def opened(browser, lab: Path, size: tuple[int, int] = (1280, 900), **context_options):
    """The lab at a viewport size, its numbers drawn; when done: no page error, nothing fetched
    from the network."""
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height}, **context_options)
    page = context.new_page()
    errors, requests = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(lab.as_uri())
    page.wait_for_function("document.querySelector('.bce-value').textContent !== ''")
    yield page
    assert errors == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    context.close()


class NodeBridge:
    """A script of tests/publish run in Node: one JSON request per line, one JSON answer per line."""

    def __init__(self, script: Path) -> None:
        self.process = subprocess.Popen(
            ["node", str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )

    def ask(self, **request):
        self.process.stdin.write(json.dumps(request) + "\n")
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=10)
