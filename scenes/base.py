"""Scene classes every chapter shares: captions, the story's data, and chapter sequencing."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

import av
import numpy as np
from manim import DOWN, FadeIn, FadeOut, ManimColor, Mobject, Scene, Succession, Text, config

from bce_math import Walkthrough
from scenes import mobjects, palette
from scenes.fast_copy import use_fast_copy
from scenes.layout import Chart, readable_values
from scenes.narration import caption as caption_text
from scenes.narration import reading_seconds, spoken
from scenes.play_hash import use_play_hash
from scenes.safe_cache import private_name, use_safe_cache
from scenes.settings import current_settings, current_story
from scenes.subtitles import Beat, write_subtitles
from scenes.voice import add_soundtrack, mix, speak

# x264 settings of the partial movies. Manim 0.21 leaves x264 at "medium"; encoding is then about
# half the work of a 1080p60 render. "superfast" at the same CRF 23 encodes in about half the time
# of "veryfast" (the full video renders 12 % faster on 2 cores): frames side by side look the same
# (PSNR 48 dB between the two), the file is 1.5 times larger (21 MB for the 7-minute story).
# One thread per encoder: the cores are busy with two renders and their encoders already, and
# x264's own threads cost a quarter more CPU per held frame (3 % less wall time in all).
ENCODER_OPTIONS = {"preset": "superfast", "crf": "23", "threads": "1"}
# Pacing. Captioned cut: a beat holds to notice its caption, then to read it. Narrated cut: a beat
# holds until its sentence is spoken, then breathes, and never for less than a glance at the picture.
NOTICE_SECONDS = 1.5
BREATH_SECONDS = 0.5
GLANCE_SECONDS = 0.8
# A still picture longer than this loses the viewer (captioned cut); reading time counts from when
# the caption appeared, since it is read while the beat's animation plays.
MAX_HOLD_SECONDS = 8.0


class Stage:
    """The objects on screen that outlive a chapter; each chapter picks up what the last one left."""

    def __init__(self) -> None:
        self.caption: Text | None = None
        self.beat: tuple[str, str] | None = None  # (chapter, beat) of the caption on screen
        self.number_line: Mobject | None = None
        self.points: list[Mobject] = []  # dataset order, like every per-point list here
        self.legend: Mobject | None = None
        self.row_labels: Mobject | None = None
        self.value_axis: Mobject | None = None
        self.curve: Mobject | None = None
        self.bars: list[Mobject] = []
        self.bar_values: list[Mobject] = []
        self.loss_curve: Mobject | None = None
        self.mean_line: Mobject | None = None
        self.result: Mobject | None = None
        # Part III: the labels' distribution q, formulas, and the model chart with its lines and numbers.
        self.q_bars: Mobject | None = None
        self.formulas: Mobject | None = None
        self.model_chart: Mobject | None = None  # Part I's chart in the right panel, with a model's curve
        self.flat_label: Mobject | None = None  # the flat model's c, riding its line
        self.entropy_line: Mobject | None = None  # H(q) across the loss bars
        self.readouts: Mobject | None = None  # live numbers under the charts
        self.rungs: list[Mobject] = []  # the ladder's models: (rung, leader, label) each
        self.product: list[Mobject] = []  # the likelihood so far: its bar and its readout
        self.stack: list[Mobject] = []  # the losses end to end, left to right from the bottom
        self.stack_axis: Mobject | None = None


class StoryScene(Scene):
    """A scene of the story: knows the data in use and how to show captions."""

    story: Walkthrough
    chart: Chart
    readable_values: tuple[bool, ...]
    stage: Stage
    timeline: list[Beat]  # when each caption appears: the subtitles' source
    section_times: dict[str, float]  # section name -> its start, in seconds of the scene
    speech: list[tuple[float, Path]]  # narrated cut: when each beat's sentence starts, and its WAV
    speech_end: float  # when the sentence being spoken ends
    # A part of the two-process render leaves its speech to the joined video (see scenes/render.py).
    speech_to_join = False

    def setup(self) -> None:
        self.camera.background_color = ManimColor(palette.BACKGROUND)
        self.story = current_story()
        self.chart = Chart.for_story(self.story)
        # Which per-bar values are written (crowded data thins them); the same in every chapter.
        self.readable_values = readable_values(self.chart, self.story.x, self.story.order_by_x)
        self.stage = Stage()
        self.timeline, self.section_times = [], {}
        self.speech, self.speech_end = [], 0.0
        self.frames = 0  # frames of video so far: the clock of captions and sections
        _write_videos_atomically(self.renderer.file_writer)
        use_safe_cache(self.renderer.file_writer)
        _encode_with_options(self.renderer.file_writer, ENCODER_OPTIONS)
        _draw_only_frames_written(self.renderer)
        use_play_hash()
        use_fast_copy()

    def next_section(self, name: str = "unnamed", section_type: str = "default.normal", skip_animations=False) -> None:
        super().next_section(name, section_type, skip_animations)
        self.section_times[name] = self.clock

    def render(self, preview: bool = False) -> None:
        """Render, then write the subtitles (every language) of the video and of each saved clip."""
        super().render(preview)
        writer = self.renderer.file_writer
        if not config.write_to_movie or config.dry_run or not Path(writer.movie_file_path).exists():
            return
        # The video starts with the first section not skipped (a chapter alone skips the earlier ones).
        played = [section for section in writer.sections if not section.skip_animations]
        starts = [self.section_times[section.name] for section in played]
        end = self.clock
        video = Path(writer.movie_file_path)
        write_subtitles(video, self.timeline, starts[0] if starts else 0.0, end, self.story)
        clips = [
            (writer.sections_output_dir / section.video, start, stop)
            for section, start, stop in zip(played, starts, [*starts[1:], end], strict=True)
            if section.video is not None
        ]
        for clip, start, stop in clips:
            write_subtitles(clip, self.timeline, start, stop, self.story)
        if self.cut != "narrated":
            return
        if self.speech_to_join:
            start = starts[0] if starts else 0.0
            speech = [(at - start, str(path)) for at, path in self.speech]
            video.with_suffix(".speech.json").write_text(json.dumps(speech), encoding="utf-8")
            return
        for clip, start, stop in [(video, starts[0] if starts else 0.0, end), *clips]:
            add_soundtrack(clip, mix(self.speech, start, stop))

    @property
    def clock(self) -> float:
        """Seconds of video so far, counted in the frames the animations write.

        Manim's own clock (renderer.time) adds an animation's run time when its movie comes from
        the cache but its frame count when drawn, so captions timed by it move between a cold and
        a cached render, and can end after the video does.
        """
        return self.frames / config.frame_rate

    def play(self, *args, **kwargs) -> None:
        super().play(*args, **kwargs)
        # A drawn animation's updaters last ran on its last frame, before it finished; a cached one's
        # on its end. Run them once more so that both leave the same state: the next animation's
        # cache key is made from it (the first re-render after a cold one drew 67 animations again).
        self.update_mobjects(0)
        self.frames += frames_written(self)
        # `.animate` leaves a copy of each moved mobject as its .target, which every later play
        # call would copy and hash along with it.
        for mobject in self.mobjects:
            for part in mobject.get_family():
                part.target = None

    def say(self, chapter: str, beat: str, run_time: float = 0.8) -> None:
        """Replace the caption with this beat's text; in the narrated cut, start speaking it."""
        new = mobjects.caption(caption_text(chapter, beat, self.story))
        old = self.stage.caption
        animation = FadeIn(new, shift=0.15 * DOWN)
        if old is not None:  # the old sentence is gone before the new one can be read: never two at once
            animation = Succession(FadeOut(old, run_time=0.4), FadeIn(new, shift=0.15 * DOWN, run_time=0.6))
        self.subtitle(chapter, beat)
        self.play(animation, run_time=run_time)
        self.stage.caption, self.stage.beat = new, (chapter, beat)

    @property
    def cut(self) -> str:
        """How beats are paced: "captioned" (silent, held for reading), "narrated" (held for the
        voice) or "deck" (a slide per beat, no holds: the lecturer speaks)."""
        return "narrated" if current_settings().narrated else "captioned"

    def subtitle(self, chapter: str, beat: str) -> None:
        """Start a beat: its subtitle cue and, in the narrated cut, its sentence (after the last one ends).

        A title or closing card calls this alone: its words are on the card rather than in a caption.
        """
        # A skipped section (the chapters before a chapter rendered alone) needs no voice.
        if self.cut == "narrated" and not self.renderer.file_writer.sections[-1].skip_animations:
            if self.speech_end > self.clock:
                self.wait(self.speech_end - self.clock + BREATH_SECONDS)
            sentence = speak(spoken(chapter, beat, self.story), current_settings().voice)
            self.speech.append((self.clock, sentence.path))
            self.speech_end = self.clock + sentence.seconds
        self.begin_beat(chapter, beat)
        self.timeline.append(Beat(self.clock, chapter, beat))

    def begin_beat(self, chapter: str, beat: str) -> None:
        """What else a new beat starts (the deck: a slide)."""

    def unsay(self, run_time: float = 0.6) -> None:
        """Fade the caption out (the closing card stands alone)."""
        if self.stage.caption is not None:
            self.timeline.append(Beat(self.clock))
            self.play(FadeOut(self.stage.caption), run_time=run_time)
            self.stage.caption, self.stage.beat = None, None

    def clear_stage(self, run_time: float = 1.0) -> None:
        """Fade out everything but the caption."""
        leaving = [m for m in self.mobjects if m is not self.stage.caption]
        if leaving:
            self.play(*(FadeOut(m) for m in leaving), run_time=run_time)

    def hold(self, extra: float = 0.0) -> None:
        """End a beat: wait until its caption is read (captioned cut) or its sentence is spoken (narrated);
        the deck's slide stops here instead."""
        if self.cut == "deck":
            return
        if self.cut == "narrated":
            self.wait(max(GLANCE_SECONDS, self.speech_end + BREATH_SECONDS - self.clock) + extra)
            return
        reading = reading_seconds(*self.stage.beat, self.story) if self.stage.beat else 0.0
        shown_for = self.clock - self.timeline[-1].time if self.timeline else 0.0
        self.wait(min(MAX_HOLD_SECONDS, max(GLANCE_SECONDS, NOTICE_SECONDS + reading - shown_for) + extra))


def frames_written(scene: Scene) -> int:
    """Frames the last play call adds to the video, drawn or taken from the cache (as Manim counts them)."""
    if scene.is_current_animation_frozen_frame():
        return int(scene.duration / (1 / config.frame_rate))
    return len(np.arange(0, scene.duration, 1 / config.frame_rate))


def _draw_only_frames_written(renderer) -> None:
    """Draw nothing in a play call whose frames are not written (its movie is cached, or its section skipped).

    Manim's Cairo renderer still paints the still picture under each such animation and its last
    frame, then throws them away: at 1080p that was most of an unchanged re-render. The last
    frame saved as an image (-s, and the headless builds) is drawn after the plays, as before.
    """
    play, update_frame = renderer.play, renderer.update_frame

    def play_drawing_what_is_written(*args, **kwargs) -> None:
        renderer.in_play = True
        try:
            play(*args, **kwargs)
        finally:
            renderer.in_play = False

    def update_frame_if_written(*args, **kwargs) -> None:
        if not (renderer.in_play and renderer.skip_animations):
            update_frame(*args, **kwargs)

    renderer.in_play = False
    renderer.play, renderer.update_frame = play_drawing_what_is_written, update_frame_if_written


def _encode_with_options(writer, options: dict[str, str]) -> None:
    """Set the x264 options of each partial movie's stream before its first frame is encoded,
    and convert a held frame to the stream's pixel format once instead of once per frame."""
    open_stream = writer.open_partial_movie_stream

    def open_tuned(*args, **kwargs) -> None:
        open_stream(*args, **kwargs)
        job = writer._current_encode_job
        if job.stream.codec_context.name == "libx264":
            job.stream.codec_context.options = {**job.stream.codec_context.options, **options}
            job._encode_and_write_frame = partial(_encode_held_frame, job)

    writer.open_partial_movie_stream = open_tuned


def _encode_held_frame(job, frame: np.ndarray, num_frames: int) -> None:
    """Encode one rendered frame num_frames times (a wait gives the whole hold at once).

    Manim converts RGBA to YUV for every repeat; at 1080p that conversion costs about as much as
    encoding, and holds are two thirds of the story. Each repeat still gets its own VideoFrame:
    the encoder must not see one frame object twice.
    """
    picture = av.VideoFrame.from_ndarray(frame, format="rgba")
    if num_frames > 1:
        planes = picture.reformat(format=job.stream.pix_fmt).to_ndarray()
    for repeat in range(num_frames):
        if repeat:
            picture = av.VideoFrame.from_ndarray(planes, format=job.stream.pix_fmt)
        for packet in job.stream.encode(picture):
            job.container.mux(packet)


def _write_videos_atomically(writer) -> None:
    """Make Manim write each final video (full or section) under a temporary name, then rename it.

    An error or Ctrl-C while the file is written leaves the previous good video in place.
    """
    combine = writer.combine_files

    def combine_then_rename(input_files, output_file, *args, **kwargs) -> None:
        output_file = Path(output_file)
        partial = private_name(output_file)
        try:
            combine(input_files, partial, *args, **kwargs)
            os.replace(partial, output_file)
        finally:
            partial.unlink(missing_ok=True)

    writer.combine_files = combine_then_rename


Chapter = Callable[[StoryScene], None]


class ChapterScene(StoryScene):
    """One chapter as its own clip, starting from exactly what the previous chapters leave.

    The earlier chapters run through the same code with animations skipped, so the first frame
    of this clip equals the last frame of the previous one in the full video.
    """

    chapter: Chapter

    def chapter_range(self) -> range:
        """Indices in CHAPTERS of the chapters this scene shows."""
        from scenes.chapters import CHAPTERS

        index = CHAPTERS.index(self.chapter)
        return range(index, index + 1)

    def construct(self) -> None:
        from scenes.chapters import CHAPTERS, section_name

        shown = self.chapter_range()
        if shown.start:
            self.next_section("setup", skip_animations=True)
            for earlier in CHAPTERS[: shown.start]:
                earlier(self)
        for chapter in CHAPTERS[shown.start : shown.stop]:
            self.next_section(section_name(chapter))
            chapter(self)
