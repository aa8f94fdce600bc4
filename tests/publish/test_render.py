"""One real low-quality build of the course (FullStory narrated, with a clip per chapter, and the lecture Deck)."""

import datetime
import html
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import srt
from PIL import Image

from bce_math import default_dataset, fmt, walkthrough
from scenes.chapters import CHAPTERS, section_name
from scenes.narration import _table, spoken
from tests.media_probe import audio_seconds, decoded_frames, frame_count, loudness, probe_duration, still_runs
from tests.scene_checks import sharing_typesetting

ROOT = Path(__file__).resolve().parents[2]
STORY = walkthrough(default_dataset())
# Every beat of the story, in order: each caption, and the title and closing cards' spoken words.
CARD_WORDS = {("title", "title"), ("title", "subtitle"), ("closing", "title"), ("closing", "data")}
# Said instead of ("loss_at_work", "worse") where one mistake grows without the penalty, not two as here.
NOT_SAID_HERE = {("loss_at_work", "worse_one")}
BEATS = [
    (chapter, beat)
    for chapter, beats in _table("en").items()
    if chapter not in ("words", "chapters", "page")
    for beat in beats
    if (chapter, beat) not in CARD_WORDS | NOT_SAID_HERE
]


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """One real low-quality build of the course: FullStory narrated with sections, and the Deck beside it."""
    media = sharing_typesetting(tmp_path_factory.mktemp("media"))
    command = [sys.executable, "-m", "scenes.publish.course", "-ql", "--media_dir", str(media)]
    environment = os.environ | {"BCE_DATA": "", "BCE_VOICE": "en"}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr[-2000:]
    chapters = len(CHAPTERS)
    assert "done in" in result.stdout and f"clip {chapters}/{chapters}" in result.stdout  # progress and summary
    # The render's progress off a terminal: plain lines, one per chapter, up to 100 %; no bar.
    lines = [line for line in result.stderr.splitlines() if line.startswith("[render] ")]
    assert len(lines) == chapters and lines[-1].startswith(f"[render] {chapters}/{chapters} chapters (100 %)")
    assert "\r" not in result.stderr
    assert f"{len(BEATS)} slides, one per beat" in result.stdout
    return media


@pytest.mark.render
def test_full_story_renders_with_a_section_per_chapter(course):
    video = course / "videos" / "story" / "480p15" / "FullStory.mp4"
    duration = probe_duration(video)
    index = json.loads((video.parent / "sections" / "FullStory.json").read_text())
    assert [section["name"] for section in index] == [section_name(chapter) for chapter in CHAPTERS]
    clip_total = sum(probe_duration(video.parent / "sections" / section["video"]) for section in index)
    assert clip_total == pytest.approx(duration, abs=0.2 * len(index))
    # Narrated: the video and every clip carry their speech, as long as their pictures.
    for narrated in [video, *(video.parent / "sections" / section["video"] for section in index)]:
        assert audio_seconds(narrated) == pytest.approx(frame_count(narrated) / 15, abs=0.1), narrated.name

    integrated, peak = loudness(video)  # the whole story's AAC track, as online video wants it
    assert integrated == pytest.approx(-16, abs=1.0) and peak < -1.0
    check_subtitles(video, duration)
    for section in index:
        clip = video.parent / "sections" / section["video"]
        assert check_subtitles(clip, probe_duration(clip)), f"{section['name']} has no subtitles"
    assert fmt(STORY.mean_loss) in video.with_name("FullStory.en.srt").read_text(encoding="utf-8")
    # The partial movies were encoded with the faster x264 preset (superfast: subme=1, me=dia;
    # Manim's medium: subme=7, me=hex), as x264 writes its settings into the stream.
    partial = next((course / "parts").rglob("partial_movie_files/*/*.mp4")).read_bytes()
    assert b" subme=1 " in partial and b" me=dia " in partial


@pytest.mark.render
def test_the_narrated_picture_moves_with_the_voice(course):
    """No still picture over 8 s while the voice talks (what it names is drawn or flashed as it is
    said), and no sentence burned in: the subtitles carry the speech, one text at a time."""
    video = course / "videos" / "story" / "480p15" / "FullStory.mp4"
    start, longest = still_runs(video)[0]
    assert longest <= 8.0, f"the picture stands still for {longest:.1f} s from {start:.1f} s"
    cues = list(srt.parse(video.with_name("FullStory.en.srt").read_text(encoding="utf-8")))
    assert min((cue.end - cue.start).total_seconds() for cue in cues) >= 1.0 - 1e-3
    assert all(len(line) <= 42 for cue in cues for line in cue.content.split("\n"))


@pytest.mark.render
def test_the_video_has_every_frame_once_at_a_constant_rate(course):
    """Held pictures are copied runs of packets: the joined video must still have one video and
    one audio stream, and frames one frame apart from first to last (no gap, no repeat)."""
    video = course / "videos" / "story" / "480p15" / "FullStory.mp4"
    probe = ["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,r_frame_rate,avg_frame_rate"]
    streams = subprocess.run([*probe, "-of", "json", str(video)], capture_output=True, text=True, check=True)
    kinds = json.loads(streams.stdout)["streams"]
    assert sorted(stream["codec_type"] for stream in kinds) == ["audio", "video"]
    (picture,) = (stream for stream in kinds if stream["codec_type"] == "video")
    numerator, denominator = map(int, picture["avg_frame_rate"].split("/"))  # frames over the stream's length
    assert picture["r_frame_rate"] == "15/1" and numerator / denominator == pytest.approx(15, rel=1e-4)
    frames = ["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "frame=pts", "-of", "csv=p=0"]
    listed = subprocess.check_output([*frames, str(video)], text=True).split()
    pts = np.array([int(line.split(",")[0]) for line in listed])
    assert len(pts) == frame_count(video) > 5000
    assert pts[0] == 0 and np.all(np.diff(pts) == pts[1] - pts[0])


def check_subtitles(video: Path, duration: float) -> int:
    """Both languages' .srt beside video: in order, not overlapping, inside the video; each spoken
    sentence starts at the same time in both (its words are cut into cues of their own lengths)."""
    sentence_starts = {}
    for language in ("en", "zh"):
        cues = list(srt.parse(video.with_name(f"{video.stem}.{language}.srt").read_text(encoding="utf-8")))
        for cue, following in itertools.pairwise(cues):
            assert cue.start < cue.end <= following.start
        assert cues[-1].end.total_seconds() <= duration + 0.1
        gaps = [None, *(following.start - cue.end for cue, following in itertools.pairwise(cues))]
        sentence_starts[language] = [c.start for c, gap in zip(cues, gaps, strict=True) if gap is None or gap > PAUSE]
        assert video.with_name(f"{video.stem}.{language}.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    assert sentence_starts["en"] == sentence_starts["zh"]
    return len(sentence_starts["en"])


PAUSE = datetime.timedelta(seconds=0.4)  # a new beat's sentence: after a breath (0.5 s) at least


@pytest.mark.render
def test_course_folder_has_every_clip_poster_preview_and_subtitle(course):
    folder = course / "course"
    names = [f"{number:02d}-{chapter.__name__.replace('_', '-')}" for number, chapter in enumerate(CHAPTERS)]
    for name in ["00-full-story", *names]:
        for suffix in (".mp4", ".en.srt", ".zh.srt", ".en.vtt", ".zh.vtt"):
            assert (folder / f"{name}{suffix}").is_file(), name + suffix
    for name in names:
        assert Image.open(folder / "posters" / f"{name}.png").size == (854, 480)
        preview = folder / "previews" / f"{name}.gif"
        assert Image.open(preview).size[1] == 480 and preview.stat().st_size <= 5_000_000
    assert Image.open(folder / "thumbnail.png").size == (1280, 720)


@pytest.mark.render
def test_index_page_works_offline(course):
    folder = course / "course"
    page = (folder / "index.html").read_text(encoding="utf-8")
    links = [link for link in re.findall(r'(?:src|href|poster)="([^"]+)"', page) if not link.startswith(("data:", "#"))]
    assert not [link for link in links if "://" in link or link.startswith("//")]
    assert all((folder / link).is_file() for link in links), [link for link in links if not (folder / link).is_file()]
    assert page.count("<video") == 1 and page.count('srclang="zh"') == 1  # one player, both subtitle tracks
    assert (folder / "lab.html").is_file()


@pytest.mark.render
def test_youtube_chapters_follow_the_rendered_sections(course):
    index = json.loads((course / "videos" / "story" / "480p15" / "sections" / "FullStory.json").read_text())
    lines = (course / "course" / "youtube-description.txt").read_text(encoding="utf-8").splitlines()
    stamps = [line.split(" ", 1)[0] for line in lines if re.match(r"^\d\d:\d\d ", line)]
    starts = itertools.accumulate([0.0] + [float(section["duration"]) for section in index[:-1]])
    assert stamps == [f"{int(t) // 60:02d}:{int(t) % 60:02d}" for t in starts]
    assert stamps[0] == "00:00"


@pytest.mark.render
def test_the_deck_has_a_slide_per_beat_with_its_narration_as_notes(course):
    deck = course / "course" / "deck"
    page = (deck / "index.html").read_text(encoding="utf-8")
    assert page.count("data-background-video=") == len(BEATS)
    notes = [html.unescape(note).strip() for note in re.findall(r'<aside class="notes"[^>]*>(.*?)</aside>', page, re.S)]
    assert notes == [spoken(chapter, beat, STORY, "en") for chapter, beat in BEATS]
    live = re.sub(r"<!--.*?-->", "", page, flags=re.S)
    links = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', live)
    assert links and all((deck / link).is_file() for link in links), links
    videos = re.findall(r'data-background-video="([^"]+)"', page)
    assert all((deck / video).is_file() for video in videos)  # beside the page, not inside it
    assert (deck / "index.html").stat().st_size < 200_000
    assert not (deck / "reveal.js" / "demo.html").exists()


@pytest.mark.render
def test_the_deck_as_powerpoint_and_handout(course):
    from pptx import Presentation

    deck = course / "course" / "deck"
    slides = list(Presentation(deck / "slides.pptx").slides)
    assert len(slides) == len(BEATS)
    for slide, (chapter, beat) in zip(slides, BEATS, strict=True):
        assert any(shape.shape_type == 16 or "movie" in type(shape).__name__.lower() for shape in slide.shapes)
        assert slide.notes_slide.notes_text_frame.text == spoken(chapter, beat, STORY, "en")
    pages = re.findall(rb"/Type\s*/Page[^s]", (deck / "slides.pdf").read_bytes())
    assert len(pages) == len(BEATS)


@pytest.mark.render
def test_the_deck_starts_and_ends_on_the_storys_pictures(course):
    """The first slide's first picture and the last slide's last picture are the video's."""
    slides = json.loads((course / "slides" / "Deck.json").read_text(encoding="utf-8"))["slides"]
    video = course / "videos" / "story" / "480p15" / "FullStory.mp4"

    assert decoded_frames(Path(slides[0]["file"]))[0] == decoded_frames(video)[0]
    assert decoded_frames(Path(slides[-1]["file"]))[-1] == decoded_frames(video)[-1]


@pytest.mark.render
def test_no_course_page_reaches_the_network(course):
    for path in (course / "course").rglob("*"):
        if path.suffix in (".html", ".css", ".vtt", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not re.findall(r'(?:src|href)\s*=\s*["\']?https?://', text), path


def test_bad_data_stops_manim_before_rendering(tmp_path):
    data = tmp_path / "bad.csv"
    data.write_text("x,y\n1,0\n2,5\n")
    result = subprocess.run(
        [sys.executable, "-m", "manim", "-ql", "--media_dir", str(tmp_path / "media"), "scenes/story.py", "FullStory"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ | {"BCE_DATA": str(data)},
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {data}:3: y must be 0 or 1, got '5'"
    assert "Traceback" not in result.stdout + result.stderr
    assert not list(tmp_path.glob("media/**/*.mp4"))


def cue_list(path: Path) -> list[tuple[float, float, str]]:
    return [(c.start.total_seconds(), c.end.total_seconds(), c.content) for c in srt.parse(path.read_text("utf-8"))]


@pytest.mark.render
def test_parallel_render_gives_the_serial_video(course, tmp_path):
    """The course and make video render in two processes (scenes.publish.render): their parts,
    joined, show every frame of a one-process FullStory render, with the same subtitles to the
    millisecond and the speech as long as the pictures."""
    media = sharing_typesetting(tmp_path / "media")
    command = [sys.executable, "-m", "manim", "-ql", "--media_dir", str(media), "scenes/story.py", "FullStory"]
    # The course's sentences, already synthesised.
    environment = os.environ | {"BCE_DATA": "", "BCE_VOICE": "en", "BCE_VOICE_CACHE": str(course / "voice")}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr[-2000:]
    serial = media / "videos" / "story" / "480p15" / "FullStory.mp4"
    joined = course / "videos" / "story" / "480p15" / "FullStory.mp4"
    assert decoded_frames(joined) == decoded_frames(serial)
    for suffix in (".en.srt", ".zh.srt"):
        expected, got = cue_list(serial.with_suffix(suffix)), cue_list(joined.with_suffix(suffix))
        assert [text for *_, text in got] == [text for *_, text in expected]
        for (start, end, _), (serial_start, serial_end, _) in zip(got, expected, strict=True):
            assert start == pytest.approx(serial_start, abs=0.0015) and end == pytest.approx(serial_end, abs=0.0015)
    assert audio_seconds(joined) == pytest.approx(frame_count(joined) / 15, abs=0.1)
    assert not list(joined.parent.glob(".*partial*")) and not list(course.rglob(".StoryPart*"))


@pytest.mark.render
def test_make_video_after_make_course_renders_nothing_again(course):
    """make video right after make course: the course's partial movies serve it, no animation is
    drawn or encoded again and the video is kept; --quiet prints no progress, only the video."""
    movies = {path: path.stat().st_mtime_ns for path in (course / "parts").rglob("*.mp4")}
    video = course / "videos" / "story" / "480p15" / "FullStory.mp4"
    before = video.stat().st_mtime_ns
    command = [sys.executable, "-m", "scenes.publish.render", "-ql", "--quiet", "--media_dir", str(course)]
    environment = os.environ | {"BCE_DATA": "", "BCE_VOICE": "en"}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr[-2000:]
    after = {path: path.stat().st_mtime_ns for path in (course / "parts").rglob("*.mp4")}
    partial_movies = [path for path in after if "partial_movie_files" in path.parts]
    assert partial_movies and {path: after[path] for path in partial_movies} == {p: movies[p] for p in partial_movies}
    assert video.stat().st_mtime_ns == before
    assert result.stdout.strip().splitlines() == [f"Video: {video}"] and "[render]" not in result.stderr


LOCAL = ("file://", "data:", "blob:")


@pytest.mark.render
def test_pages_open_in_headless_chromium_with_no_network(course, tmp_path):
    """The index page and the deck, opened from the file system: nothing is fetched from outside,
    the page is not blank, the first clip loads, and the deck steps beat by beat with its notes."""
    from playwright.sync_api import sync_playwright

    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    flags += ["--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        requests: list[str] = []
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto((course / "course" / "index.html").as_uri())
        first_clip = page.evaluate(
            """() => new Promise(done => {
                const video = document.getElementById('story');
                video.addEventListener('loadeddata', () => done(video.readyState));
                video.addEventListener('error', () => done('error ' + video.error.code));
                video.preload = 'auto'; video.load();
            })"""
        )
        assert first_clip >= 2  # HAVE_CURRENT_DATA: a frame is decoded
        page.screenshot(path=tmp_path / "index.png")
        deck = browser.new_page()
        deck.on("request", lambda request: requests.append(request.url))
        deck.goto((course / "course" / "deck" / "index.html").as_uri())
        deck.wait_for_function("() => window.Reveal && Reveal.isReady()")
        assert deck.evaluate("() => Reveal.getTotalSlides()") == len(BEATS)
        deck.keyboard.press("ArrowRight")
        assert deck.evaluate("() => Reveal.getIndices().h") == 1  # one beat on
        notes = deck.evaluate("() => Reveal.getSlideNotes()")  # rendered from Markdown
        assert re.sub(r"<[^>]+>", "", notes).strip() == spoken(*BEATS[1], STORY, "en")
        browser.close()
    assert requests and not [url for url in requests if not url.startswith(LOCAL)]
    shot = Image.open(tmp_path / "index.png").convert("L")
    assert max(shot.getextrema()) - min(shot.getextrema()) > 100  # text on the background: not blank


# Text that can be read in the first screen: inside the window and inside every scrolled box around it.
VISIBLE_TEXT = """() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = [];
    const inside = (r, box) => r.bottom > box.top && r.top < box.bottom && r.right > box.left && r.left < box.right;
    while (walker.nextNode()) {
        const node = walker.currentNode, range = document.createRange();
        range.selectNodeContents(node);
        const rect = range.getBoundingClientRect();
        if (!rect.width || !inside(rect, {top: 0, left: 0, bottom: innerHeight, right: innerWidth})) continue;
        let box = node.parentElement, clipped = false;
        while (box) {
            const style = getComputedStyle(box);
            const scrolls = /(auto|scroll|hidden)/.test(style.overflowY);
            if (scrolls && !inside(rect, box.getBoundingClientRect())) clipped = true;
            if (style.display === 'none' || style.visibility === 'hidden') clipped = true;
            box = box.parentElement;
        }
        if (!clipped) seen.push(node.textContent);
    }
    return seen.join(' ');
}"""


@pytest.mark.render
def test_the_course_page_plays_by_chapter_and_follows_the_voice(course, tmp_path):
    """One player: its chapter list seeks, the transcript highlights the cue being spoken and seeks
    when clicked; the first screen does not give the answer away; a phone's width fits."""
    from playwright.sync_api import sync_playwright

    folder = course / "course"
    cues = list(srt.parse((folder / "00-full-story.en.srt").read_text(encoding="utf-8")))
    index = json.loads((course / "videos" / "story" / "480p15" / "sections" / "FullStory.json").read_text())
    starts = list(itertools.accumulate([0.0] + [float(section["duration"]) for section in index[:-1]]))
    flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((folder / "index.html").as_uri())
        page.wait_for_function("document.getElementById('story').readyState >= 1")
        assert fmt(STORY.mean_loss) not in page.evaluate(VISIBLE_TEXT)
        chapters = page.locator(".chapters li")
        assert chapters.count() == len(CHAPTERS)
        for number in (4, 11, 19):
            chapters.nth(number).locator("button").click()
            page.wait_for_function(f"Math.abs(document.getElementById('story').currentTime - {starts[number]}) < 0.1")
            page.wait_for_function(f"document.querySelectorAll('.chapters li')[{number}].getAttribute('aria-current')")
        lines = page.locator(".transcript li")
        assert lines.count() == len(cues)
        assert lines.all_inner_texts() == [" ".join(cue.content.split()) for cue in cues]
        for number in (3, len(cues) // 2):
            lines.nth(number).locator("button").click()
            start = cues[number].start.total_seconds()
            page.wait_for_function(f"Math.abs(document.getElementById('story').currentTime - {start}) < 0.1")
            page.wait_for_function(
                f"document.querySelectorAll('.transcript li')[{number}].getAttribute('aria-current')"
            )
            assert page.locator(".transcript li[aria-current]").count() == 1
        # Between two beats (silence), no line is highlighted; in a cue, that cue.
        silence = next(a.end for a, b in itertools.pairwise(cues) if (b.start - a.end).total_seconds() > 0.3)
        page.evaluate(f"document.getElementById('story').currentTime = {silence.total_seconds() + 0.1}")
        page.wait_for_function("document.querySelectorAll('.transcript li[aria-current]').length === 0")
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto((folder / "index.html").as_uri())
        assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
        phone.screenshot(path=tmp_path / "phone.png", full_page=False)
        browser.close()
    assert errors == []
