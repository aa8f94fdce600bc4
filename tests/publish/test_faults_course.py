"""Faults of make course and make lab: Ctrl-C at each step, a kill (SIGKILL) and the run after it,
a read-only or full media folder, and who may read media/course.

Most runs are the real `python -m scenes.publish.course` with the slow parts stood in for: a
`python` that, asked for the story's render, the deck's render or manim-slides' converter, writes a
tiny video in their place (after a pause the test chooses); everything else (ffmpeg's posters,
previews and last pictures, the pages, the PDF handout) runs as it is. Two runs use the real render
and are stopped in its first seconds.
"""

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from scenes.chapters import CHAPTERS, section_name

# Each builds the whole course (its renders stood in for): make test runs these, make check does not.
pytestmark = pytest.mark.course

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = (".en.srt", ".zh.srt", ".en.vtt", ".zh.vtt")

# A `python` for the course's processes: the render, the deck and the converter are stood in for.
FAKE_PYTHON = """#!{python}
import json, os, signal, sys, tempfile, time
from pathlib import Path

arguments = sys.argv[1:]
module = arguments[1] if arguments[:1] == ["-m"] else None
if module not in ("scenes.publish.render", "manim", "manim_slides"):
    os.execv({python!r}, [{python!r}, *arguments])
# A clip per language when the test gives one (FAKE_CLIP_ZH), with its chapters' length in "seconds".
clip = Path(os.environ.get("FAKE_CLIP_" + os.environ.get("BCE_LANG", "en").upper(), os.environ["FAKE_CLIP"]))
section_seconds = float((clip / "seconds").read_text()) if (clip / "seconds").exists() else 0.4
pause = float(os.environ.get("FAKE_" + module.upper().replace(".", "_") + "_SECONDS", "0"))
if module == "scenes.publish.render":
    def stopped(number, frame):  # as the real render stops: its own line, exit 130
        print("error: interrupted; FullStory.mp4 is as it was", file=sys.stderr, flush=True)
        os._exit(130)
    signal.signal(signal.SIGINT, stopped)
    signal.signal(signal.SIGTERM, stopped)
with tempfile.NamedTemporaryFile(prefix="fake-") as scratch:  # as Manim and manim-slides use /tmp
    time.sleep(pause)
if module == "manim_slides":
    Path(arguments[-1]).write_text("slides")
    sys.exit(0)
media = Path(arguments[arguments.index("--media_dir") + 1])
if module == "manim":
    (media / "slides").mkdir(parents=True, exist_ok=True)
    slides = [dict(file=str(clip / "clip.mp4"), notes=f"slide {{n}}") for n in range(3)]
    (media / "slides" / "Deck.json").write_text(json.dumps(dict(slides=slides)))
    sys.exit(0)
folder = media / "videos" / "story" / "480p15"
(folder / "sections").mkdir(parents=True, exist_ok=True)
# The record the real render leaves beside the video, which the course reads (written last).
sys.path.insert(0, {root!r})
from scenes.timeline import Section, Timeline
sections = []
names = json.loads(os.environ["FAKE_SECTIONS"])
frames = round(section_seconds * 1000)  # the record counts in frames: a thousand a second here
for stem in ["FullStory", *(f"FullStory_{{n:04d}}_{{name}}" for n, name in enumerate(names))]:
    where = folder if stem == "FullStory" else folder / "sections"
    for suffix in (".mp4", ".en.srt", ".zh.srt", ".en.vtt", ".zh.vtt"):
        (where / (stem + suffix)).unlink(missing_ok=True)
        (where / (stem + suffix)).symlink_to(clip / ("clip" + suffix))
    if stem != "FullStory":
        n, name = len(sections), stem.split("_", 2)[2]
        sections.append(Section(f"{{n:02d}}_{{name}}", n * frames, (n + 1) * frames, where / (stem + ".mp4")))
Timeline(folder / "FullStory.mp4", False, 1000.0, 0, len(sections) * frames, tuple(sections)).write()
"""

# The course with that python; the rest as `python -m scenes.publish.course` runs it.
DRIVER = textwrap.dedent(
    """
    import sys
    fake, sys.argv = sys.argv[1], ["course", *sys.argv[2:]]
    sys.executable = fake
    import runpy
    runpy.run_module("scenes.publish.course", run_name="__main__")
    """
)


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    """A clip of six frames (its posters and previews are quick to make) and its subtitles."""
    folder = tmp_path_factory.mktemp("clip")
    command = ["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=s=96x54:r=15:d=0.4"]
    subprocess.run([*command, "-pix_fmt", "yuv420p", str(folder / "clip.mp4")], check=True)
    for suffix in SUFFIXES:
        if suffix.endswith(".srt"):
            text = "1\n00:00:00,000 --> 00:00:01,500\nA sentence.\n"
        else:
            text = "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nA sentence.\n"
        (folder / f"clip{suffix}").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def fake(tmp_path, clip) -> dict:
    """The stand-in python, and the environment a course run with it gets: its own /tmp."""
    python = tmp_path / "fake-python"
    python.write_text(FAKE_PYTHON.format(python=sys.executable, root=str(ROOT)))
    python.chmod(0o755)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # The first eight chapters, up to the player's poster (all_bars): a third of the clips to make.
    sections = json.dumps([section_name(chapter).split("_", 1)[1] for chapter in CHAPTERS[:8]])
    environment = os.environ | {"FAKE_CLIP": str(clip), "FAKE_SECTIONS": sections, "TMPDIR": str(temporary)}
    return {"python": python, "environment": environment, "tmp": temporary}


def course(fake: dict, media: Path, **pauses: float) -> subprocess.Popen:
    """make course -ql with the stand-ins, in a session of its own (as a terminal's foreground job)."""
    environment = fake["environment"] | {f"FAKE_{name.upper()}_SECONDS": str(value) for name, value in pauses.items()}
    command = [sys.executable, "-c", DRIVER, str(fake["python"]), "-ql", "--media_dir", str(media)]
    return popen(command, environment)


def popen(command: list[str], environment: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment or os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for_line(process: subprocess.Popen, text: str, timeout: float = 60) -> None:
    """Read the course's output until a line holding text (the step it has reached)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        line = process.stdout.readline()
        assert line, f"the course ended before {text!r}: {process.communicate()}"
        if text in line:
            return
    raise AssertionError(f"no {text!r} in {timeout} s")


def ctrl_c(process: subprocess.Popen) -> tuple[str, str]:
    """Ctrl-C in the terminal: SIGINT to the foreground process group. Returns stdout and stderr."""
    os.killpg(process.pid, signal.SIGINT)
    interrupted = time.monotonic()
    output, errors = process.communicate(timeout=60)
    assert time.monotonic() - interrupted < 15, "stopping took too long"
    return output, errors


def said_once(output: str, errors: str, start: str) -> None:
    """One error line, no traceback, and nothing that merely stopped calling itself failed."""
    lines = [line for line in (output + errors).splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and lines[0].startswith(start), output + errors
    assert "Traceback" not in output + errors and "failed" not in output + errors, errors
    assert errors.strip().splitlines()[-1] == lines[0]


def running(marker: str) -> list[int]:
    """The processes whose command line holds marker (a test's own temporary path)."""
    found = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


@pytest.fixture
def no_strays(tmp_path):
    """After the test no process of it is left (each found is stopped, by its id, and the test fails)."""
    yield
    time.sleep(1.0)
    left = running(str(tmp_path))
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "a process outlived the course"


def leftovers(media: Path, temporary: Path) -> list[Path]:
    """What a course leaves behind that no one will use: its private files and folders, temporary
    files. (A render killed mid-write leaves its caches' private names, in texts/ or parts/, to the
    next render, which removes them: tests/publish/test_faults.py.)"""
    private = [*media.glob(".*partial*"), *media.glob(".course-*"), *media.glob("course/**/.*partial*")]
    return private + list(temporary.iterdir())


def old_course(media: Path) -> Path:
    (media / "course").mkdir(parents=True)
    marker = media / "course" / "index.html"
    marker.write_text("the course of last week")
    return marker


@pytest.mark.parametrize("module", ["scenes.publish.course", "scenes.publish.page"])
def test_ctrl_c_while_it_starts(tmp_path, module):
    """Ctrl-C in the first second (Python loading Manim, scikit-learn): it printed a KeyboardInterrupt
    traceback from an import."""
    arguments = ["-ql", "--media_dir", str(tmp_path / "media")] if module.endswith("course") else [str(tmp_path)]
    process = popen([sys.executable, "-m", module, *arguments])
    time.sleep(0.4)
    output, errors = ctrl_c(process)
    assert process.returncode == 130
    said_once(output, errors, "error: interrupted")


@pytest.mark.parametrize("step", ["clip 3/", "lecture deck"])
def test_ctrl_c_in_a_step_of_the_course(tmp_path, fake, no_strays, step):
    """Ctrl-C while the clips' posters and previews or the deck's converters and the handout's
    pictures run: one line, exit 130, the last course as it was. It printed a traceback, and in the
    deck step first the failures of every tool that the Ctrl-C stopped ("error: last picture of …
    failed: no output", "error: converting to PowerPoint failed: KeyboardInterrupt")."""
    media = tmp_path / "media"
    marker = old_course(media)
    process = course(fake, media, manim_slides=30)
    wait_for_line(process, step)
    time.sleep(0.3 if step.startswith("clip") else 1.5)
    output, errors = ctrl_c(process)
    assert process.returncode == 130, errors
    said_once(output, errors, "error: interrupted")
    assert "media/course is as it was" in errors or f"{media / 'course'} is as it was" in errors
    assert marker.read_text() == "the course of last week"
    assert not leftovers(media, fake["tmp"])


def test_ctrl_c_while_the_story_renders(tmp_path, fake, no_strays):
    """Ctrl-C during the render (stood in for): the render's own line, and nothing after it (it was
    followed by a 30-line KeyboardInterrupt traceback from course.py's subprocess.run)."""
    media = tmp_path / "media"
    process = course(fake, media, scenes_publish_render=30, manim=30)
    wait_for_line(process, "rendering the story")
    time.sleep(1.0)
    output, errors = ctrl_c(process)
    assert process.returncode == 130
    said_once(output, errors, "error: interrupted; FullStory.mp4 is as it was")
    assert not leftovers(media, fake["tmp"])


@pytest.mark.render
def test_ctrl_c_and_a_kill_during_the_real_render(tmp_path, no_strays):
    """The real make course, stopped 6 s into its render (both parts and the deck running): Ctrl-C
    gives the render's one line and exit 130; a kill (SIGKILL) of the course stops its processes
    with it and leaves nothing outside media/ (the deck's log was left in /tmp/tmpXXXX/)."""
    media, temporary = tmp_path / "media", tmp_path / "tmp"
    temporary.mkdir()
    command = [sys.executable, "-m", "scenes.publish.course", "-ql", "--media_dir", str(media)]
    environment = os.environ | {"TMPDIR": str(temporary)}
    process = popen(command, environment)
    wait_for_line(process, "rendering the story")
    time.sleep(4)
    output, errors = ctrl_c(process)
    assert process.returncode == 130, errors[-2000:]
    said_once(output, errors, "error: interrupted")
    assert not leftovers(media, temporary)

    process = popen(command, environment)
    wait_for_line(process, "rendering the story")
    time.sleep(4)
    process.kill()
    process.communicate()
    time.sleep(1.0)
    assert not running(str(media)), "a render outlived the course"
    assert not list(temporary.iterdir()), "a temporary file outside media/"


def test_a_killed_course_leaves_nothing_the_next_run_keeps(tmp_path, fake, no_strays):
    """SIGKILL during the render, the clips and the deck, then a whole run: no private folder or
    temporary file is left (a killed course left media/.course-XXXXXXXX, 31 MB, for good, and the
    deck's log in /tmp), the course's processes died with it, and the next course is complete."""
    media = tmp_path / "media"
    for step, pauses in [
        ("rendering the story", {"scenes_publish_render": 30}),
        ("clip 3/", {}),
        ("lecture deck", {"manim_slides": 30}),
    ]:
        process = course(fake, media, **pauses)
        wait_for_line(process, step)
        time.sleep(0.5)
        process.kill()
        process.communicate()
        time.sleep(0.5)
        assert not running(str(tmp_path)), f"a process of the course outlived it ({step})"
        assert not list(fake["tmp"].iterdir()), f"a temporary file outside media/ ({step})"
    (media / ".course-k1ll3d00").mkdir()  # what a course killed before this fix left
    process = course(fake, media)
    errors = process.communicate(timeout=300)[1]
    assert process.returncode == 0, errors
    assert not leftovers(media, fake["tmp"])
    assert (media / "course" / "index.html").exists() and (media / "course" / "deck" / "slides.pdf").exists()


def test_the_course_folder_is_readable_by_others(tmp_path, fake):
    """media/course and all in it as a folder the user makes (umask 022: 0755 and 0644); it was
    drwx------, the temporary folder's mode, and a web server or a colleague could not read it."""
    media = tmp_path / "media"
    old_course(media)
    command = [sys.executable, "-c", DRIVER, str(fake["python"]), "-ql", "--media_dir", str(media)]
    result = subprocess.run(
        command, cwd=ROOT, env=fake["environment"], capture_output=True, text=True, preexec_fn=lambda: os.umask(0o022)
    )
    assert result.returncode == 0, result.stderr
    folder = media / "course"
    paths = [folder, *folder.rglob("*")]
    assert len(paths) > 60
    modes = {path.relative_to(media): stat.S_IMODE(path.stat().st_mode) for path in paths}
    assert {path: mode for path, mode in modes.items() if mode != (0o755 if (media / path).is_dir() else 0o644)} == {}


def test_readable_follows_the_umask(tmp_path):
    from scenes.publish.course import readable

    (tmp_path / "a" / "b").mkdir(parents=True, mode=0o700)
    (tmp_path / "a" / "b" / "c.txt").write_text("c")
    (tmp_path / "a" / "b" / "c.txt").chmod(0o600)
    mask = os.umask(0o027)
    try:
        readable(tmp_path / "a")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o750
    assert stat.S_IMODE((tmp_path / "a" / "b" / "c.txt").stat().st_mode) == 0o640


def mounted(
    folder: Path, options: str, command: list[str], environment: dict | None = None
) -> subprocess.CompletedProcess:
    """command with folder read-only (a bind mount) or a small disk (tmpfs), in a mount namespace of
    its own: root writes through file permissions, not through a read-only mount."""
    if options == "ro":
        mount = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder}"
    else:
        mount = f"mount -t tmpfs -o {options} tmpfs {folder}"
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("no mount namespace here (unshare -m needs CAP_SYS_ADMIN)")
    shell = f'{mount} && exec "$@"'
    environment = (environment or os.environ) | {"TMPDIR": str(folder.parent)}
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", shell, "sh", *command], cwd=ROOT, capture_output=True, text=True, env=environment
    )


@pytest.mark.parametrize("what", ["course", "lab"])
def test_a_read_only_media_folder(tmp_path, what):
    """A media/ that cannot be written (a read-only mount; a lab folder kept from before): one line
    naming the folder, exit 2. The course printed 46 lines with tracebacks, the lab a 16-line
    traceback from copy_assets."""
    media = tmp_path / "media"
    (media / "lab").mkdir(parents=True)
    (media / "lab" / "lab.html").write_text("last week's lab")
    if what == "course":
        command = [sys.executable, "-m", "scenes.publish.course", "-ql", "--media_dir", str(media)]
    else:
        command = [sys.executable, "-m", "scenes.publish.page", str(media / "lab")]
    result = mounted(media, "ro", command)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: cannot write in {media if what == 'course' else media / 'lab'} (Read-only file system); "
        f"the {what} needs a folder it can write"
    ]
    assert (media / "lab" / "lab.html").read_text() == "last week's lab"


@pytest.mark.parametrize("what", ["course", "lab"])
def test_a_file_where_the_media_folder_should_be(tmp_path, what):
    media = tmp_path / "media"
    media.write_text("not a folder")
    if what == "course":
        command = [sys.executable, "-m", "scenes.publish.course", "-ql", "--media_dir", str(media)]
    else:
        command = [sys.executable, "-m", "scenes.publish.page", str(media / "lab")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error: cannot write in")


def test_a_full_disk_under_the_lab(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    result = mounted(media, "size=64k", [sys.executable, "-m", "scenes.publish.page", str(media / "lab")])
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: no space left in {media / 'lab'} (No space left on device); the lab needs more free space there"
    ]


def test_a_full_disk_under_the_course(tmp_path, fake):
    """The clips fill the disk while the course is laid out: one line, exit 2, no traceback, nothing left."""
    media = tmp_path / "media"
    media.mkdir()
    command = [sys.executable, "-c", DRIVER, str(fake["python"]), "-ql", "--media_dir", str(media)]
    result = mounted(media, "size=1m", command, fake["environment"])
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "No space left on device" in errors[0], result.stderr
    assert "Traceback" not in result.stderr


SLOW_LAB = """
import sys, time
from scenes.publish import page
def slow(story):
    print("writing", flush=True)
    time.sleep(30)
page.lab_page = slow
sys.exit(page.main(sys.argv[1:]))
"""


def test_ctrl_c_while_the_lab_is_written(tmp_path):
    """Ctrl-C while make lab writes: one line, exit 130, the last lab as it was (a traceback)."""
    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / "lab.html").write_text("last week's lab")
    process = popen([sys.executable, "-c", SLOW_LAB, str(lab)])
    wait_for_line(process, "writing")
    output, errors = ctrl_c(process)
    assert process.returncode == 130
    said_once(output, errors, f"error: interrupted; {lab / 'lab.html'} is as it was")
    assert (lab / "lab.html").read_text() == "last week's lab"
    assert sorted(path.name for path in lab.rglob(".*")) == []


def test_what_a_killed_lab_left_is_removed(tmp_path):
    """A kill leaves the page and an asset under private names; the next make lab removes them
    (they stayed for good)."""
    lab = tmp_path / "lab"
    (lab / "assets").mkdir(parents=True)
    process = subprocess.Popen(["true"])  # its pid is one no process has, once it has ended
    process.wait()
    dead = process.pid
    left = [lab / f".lab.{dead}.partial.html", lab / "assets" / f".lab.{dead}.partial.js"]
    for path in left:
        path.write_text("half")
    subprocess.run([sys.executable, "-m", "scenes.publish.page", str(lab)], cwd=ROOT, check=True, capture_output=True)
    assert not [path for path in left if path.exists()]


@pytest.mark.parametrize("record", [None, '{"version": 0}'])
def test_a_missing_or_foreign_record_of_the_story_is_one_line(tmp_path, record):
    """The course reads its chapters from the record the render leaves beside the video: none (a
    render that did not finish) or one of another version stops the course in one line."""
    from scenes.publish.course import CourseError, clips_of

    if record is not None:
        (tmp_path / "FullStory.timeline.json").write_text(record)
    with pytest.raises(CourseError) as stopped:
        clips_of(tmp_path)
    message = stopped.value.message
    assert stopped.value.code == 2 and "\n" not in message and "FullStory.timeline.json" in message
    assert ("version 0, this code reads version 1" in message) == (record is not None)
