"""make course LANGS=en,zh: a complete course per language and one page that switches between them
(scenes/publish/course.py, page.py, web/course/languages.js).

The course runs as it is with the slow parts stood in for (tests/publish/test_faults_course.py's
`python`): each language's "render" is a two-minute test pattern, its chapters timed differently in
each language, as the narrated cuts are (each is timed by its own speech).
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.chapters import CHAPTERS
from scenes.narration import chapter_title, page_words
from tests.publish.test_faults_course import DRIVER, FAKE_PYTHON, SUFFIXES

# Each builds the whole course (its renders stood in for): make test runs these, make check does not.
pytestmark = pytest.mark.course

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES_JS = ROOT / "scenes" / "publish" / "web" / "course" / "languages.js"
CHAPTER_SECONDS = {"en": 15.0, "zh": 12.0}  # the fake cuts' chapters: 8 of them, 120 s and 96 s
FAKE_CHAPTERS = 8


def fake_clip(folder: Path, language: str) -> Path:
    folder.mkdir()
    seconds = CHAPTER_SECONDS[language] * FAKE_CHAPTERS
    command = ["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", f"testsrc=s=96x54:r=5:d={seconds}"]
    subprocess.run([*command, "-pix_fmt", "yuv420p", str(folder / "clip.mp4")], check=True)
    for suffix in SUFFIXES:
        text = f"{suffix[1:3]} {language}"  # which cut and which track: "zh en" is the English cut's Chinese track
        if suffix.endswith(".srt"):
            (folder / f"clip{suffix}").write_text(f"1\n00:00:00,000 --> 00:01:30,000\n{text}\n", encoding="utf-8")
        else:
            (folder / f"clip{suffix}").write_text(
                f"WEBVTT\n\n00:00:00.000 --> 00:01:30.000\n{text}\n", encoding="utf-8"
            )
    (folder / "seconds").write_text(str(CHAPTER_SECONDS[language]))
    return folder


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory) -> Path:
    """The course folder of make course LANGS=en,zh -ql, with the stand-ins."""
    work = tmp_path_factory.mktemp("bilingual")
    python = work / "fake-python"
    python.write_text(FAKE_PYTHON.format(python=sys.executable, root=str(ROOT)))
    python.chmod(0o755)
    sections = [chapter.__name__ for chapter in CHAPTERS[:FAKE_CHAPTERS]]
    environment = os.environ | {
        "FAKE_CLIP": str(fake_clip(work / "clip-en", "en")),
        "FAKE_CLIP_ZH": str(fake_clip(work / "clip-zh", "zh")),
        "FAKE_SECTIONS": json.dumps(sections),
        "BCE_DATA": "",
    }
    environment.pop("BCE_LANG", None)
    media = work / "media"
    command = [sys.executable, "-c", DRIVER, str(python), "-ql", "--media_dir", str(media), "--languages", "en,zh"]
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "the page of both languages" in result.stdout
    return media / "course"


def visible_words(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))


def test_each_language_has_a_complete_course_of_its_own(bilingual):
    for language in ("en", "zh"):
        folder = bilingual / language
        for name in ("00-full-story.mp4", "thumbnail.png", "youtube-description.txt", "lab.html"):
            assert (folder / name).is_file(), (language, name)
        for name in ("index.html", "slides.pptx", "slides.pdf"):
            assert (folder / "deck" / name).is_file(), (language, name)
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}">' in page and "data-switch" not in page  # one language, no switch
        titles = [chapter_title(chapter.__name__, language) for chapter in CHAPTERS[:FAKE_CHAPTERS]]
        assert all(title in page for title in titles)
        words = visible_words(page)
        # Entirely in its language: every page word of it, none of the other's (bar the shared ones).
        other = "zh" if language == "en" else "en"
        fixed = dict(re.findall(r'data-word="(\w+)">([^<]*)<', page))
        assert len(fixed) > 10 and all(page_words(language)[key] == html.unescape(text) for key, text in fixed.items())
        foreign = [t for t in page_words(other).values() if t not in page_words(language).values() and t in words]
        assert not [t for t in foreign if len(t) > 3], foreign


def test_the_top_page_links_each_languages_files_and_nothing_outside(bilingual):
    page = (bilingual / "index.html").read_text(encoding="utf-8")
    links = [link for link in re.findall(r'(?:src|href|poster)="([^"]+)"', page) if not link.startswith(("data:", "#"))]
    assert not [link for link in links if "://" in link or link.startswith("//")]
    assert [link for link in links if not (bilingual / link).is_file()] == []
    assert page.count("<video") == 2 and page.count('class="lab"') == 1  # a player per language, one lab
    assert {"en/00-full-story.mp4", "zh/00-full-story.mp4", "zh/deck/index.html"} <= set(links)
    assert (bilingual / "lab.html").is_file() and "data-switch" in (bilingual / "lab.html").read_text()


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs the page's script")
def test_the_place_in_the_story_is_the_same_chapter_and_share_of_it():
    """Cuts timed alike: the same time (60 s is 60 s). Cuts timed by their own speech: the same
    chapter, as far into it (a learner is not sent to another chapter's explanation)."""
    script = f"""
        const {{ storyTime }} = require({json.dumps(str(LANGUAGES_JS))}).bceLanguages;
        const en = [{{start: 0, seconds: 40}}, {{start: 40, seconds: 50}}, {{start: 90, seconds: 30}}];
        const zh = [{{start: 0, seconds: 30}}, {{start: 30, seconds: 70}}, {{start: 100, seconds: 20}}];
        console.log(JSON.stringify([storyTime(en, en, 60), storyTime(en, zh, 60), storyTime(zh, en, 65),
            storyTime(en, zh, 0), storyTime(en, zh, 125), storyTime(en, zh, 40)]));
    """
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == pytest.approx([60, 30 + 0.4 * 70, 40 + 0.5 * 50, 0, 120, 30])


SWITCHED = """language => {
    const video = document.getElementById('story-' + language);
    const shown = [...video.textTracks].filter(track => track.mode === 'showing').map(track => track.language);
    const chapters = [...document.querySelectorAll('.language:not([hidden]) .chapters li span:first-child')];
    return {time: video.currentTime, paused: video.paused, shown, lang: document.documentElement.lang,
            visible: [...new Set([...document.querySelectorAll('.language:not([hidden])')]
                .map(b => b.dataset.language))],
            chapters: chapters.map(span => span.textContent), lab: document.getElementById('lab-title').textContent,
            title: document.title, address: location.hash};
}"""


def test_switching_at_60_s_plays_the_other_cut_from_the_same_place(bilingual):
    """Headless Chromium, offline: playing the English cut at 60 s (chapter 4's start), the switch
    plays the Chinese cut from chapter 4's start, with its Chinese subtitles, chapter titles, page
    and lab words; and back."""
    from playwright.sync_api import sync_playwright

    flags = ["--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required"]
    flags += ["--host-resolver-rules=MAP * ~NOTFOUND"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((bilingual / "index.html").as_uri())
        page.wait_for_function("document.getElementById('story-en').readyState >= 1")
        assert page.evaluate(SWITCHED, "en")["visible"] == ["en"]
        page.evaluate(
            "(() => { const v = document.getElementById('story-en'); v.muted = true; v.currentTime = 60; })()"
        )
        page.wait_for_function("Math.abs(document.getElementById('story-en').currentTime - 60) < 0.5")
        page.evaluate("document.getElementById('story-en').play()")
        page.wait_for_function("!document.getElementById('story-en').paused")
        page.locator("[data-switch=zh]").click()
        # En chapter 4 starts at 4 x 15 s = 60 s; zh chapter 4 at 4 x 12 s = 48 s (it plays on a little).
        page.wait_for_function("document.getElementById('story-zh').currentTime >= 48")
        zh = page.evaluate(SWITCHED, "zh")
        assert zh["time"] == pytest.approx(48, abs=0.5) and not zh["paused"]
        assert page.evaluate("document.getElementById('story-en').paused")
        assert zh["shown"] == ["zh"] and zh["lang"] == "zh" and zh["visible"] == ["zh"]
        assert zh["chapters"] == [f"{n:02d} {chapter_title(c.__name__, 'zh')}" for n, c in enumerate(CHAPTERS[:8])]
        assert zh["lab"] == page_words("zh")["lab"] and zh["address"] == "#lang=zh"
        assert page.locator("[data-switch=zh]").get_attribute("aria-pressed") == "true"
        cue = page.evaluate("[...document.getElementById('story-zh').textTracks].find(t => t.mode === 'showing')")
        assert cue is not None
        # Its own chapter list seeks it.
        page.locator(".language:not([hidden]) .chapters li").nth(2).locator("button").click()
        page.wait_for_function("Math.abs(document.getElementById('story-zh').currentTime - 24) < 0.5")
        page.wait_for_function(
            "document.querySelectorAll('#chapters-title-zh + ol li')[2].getAttribute('aria-current')"
        )
        page.evaluate("document.getElementById('story-zh').currentTime = 48")
        # The lab's buttons and chart follow.
        assert page.locator(".lab .add-green").inner_text() == page_words("zh")["add_green"]
        assert page_words("zh")["prob_axis"] in page.locator(".lab svg.lab-chart").text_content()
        paused_at = page.evaluate(
            "(() => { const v = document.getElementById('story-zh'); v.pause(); return v.currentTime; })()"
        )
        page.locator("[data-switch=en]").click()
        en = page.evaluate(SWITCHED, "en")
        assert en["visible"] == ["en"] and en["shown"] == ["en"] and en["paused"]
        assert en["time"] == pytest.approx(60 + (paused_at - 48) * 15 / 12, abs=0.05)
        assert page.locator(".lab .add-green").inner_text() == page_words("en")["add_green"]
        # A shared link opens in its language.
        shared = browser.new_page()
        shared.goto((bilingual / "index.html").as_uri() + "#lang=zh")
        shared.wait_for_function("document.documentElement.lang === 'zh'")
        assert shared.evaluate(SWITCHED, "zh")["visible"] == ["zh"]
        browser.close()
    assert errors == []


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def test_axe_finds_nothing_serious_on_the_course_page_in_either_language(bilingual):
    """axe-core (npm, from the lockfile) on index.html as opened, then switched to Chinese."""
    from playwright.sync_api import sync_playwright

    if not AXE.exists():
        pytest.skip("axe-core is installed by npm ci (package.json's devDependencies)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto((bilingual / "index.html").as_uri())
        page.add_script_tag(path=str(AXE))
        for language in ("en", "zh"):
            page.locator(f"[data-switch={language}]").click()
            # No preload: axe would fetch the stylesheet again, which a file:// page may not.
            results = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
            serious = [
                (violation["id"], [node["target"] for node in violation["nodes"]][:3])
                for violation in results["violations"]
                if violation["impact"] in ("serious", "critical")
            ]
            assert serious == [], language
        browser.close()
