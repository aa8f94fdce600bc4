"""The scene every chapter draws on: the story's data, captions and beats, paced for its cut.

The Stage holds what one chapter leaves on screen for the next.
"""

from __future__ import annotations

from pathlib import Path

from manim import (
    DOWN,
    Animation,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    ManimColor,
    Mobject,
    Scene,
    Succession,
    Text,
    config,
)

from bce_math import Walkthrough
from scenes import engine
from scenes.narration import caption as caption_text
from scenes.narration import mark_shares, reading_seconds, spoken
from scenes.settings import current_settings, current_story
from scenes.stage import lettering, pacing, palette
from scenes.stage.layout import Chart, readable_values
from scenes.timeline import Beat, Section, Sentence, Speech, Timeline


class Stage:
    """The objects on screen that outlive a chapter; each chapter picks up what the last one left.

    Each field says which chapters set it (->) and which read it (<-), by their function names in
    scenes/chapters (a number would drift when a chapter is inserted); tests/oracle.py reads them
    to check the screen. Per-point lists are in dataset order.
    """

    def __init__(self) -> None:
        # Every beat (StoryScene.say): the caption on screen, and its (chapter, beat).
        self.caption: Text | None = None
        self.beat: tuple[str, str] | None = None
        # Part I, the picture.
        self.number_line: Mobject | None = None  # -> feature; <- split, side_by_side
        # -> feature, labels, distribution; <- labels, split, positive_bars, negative_bars, side_by_side
        self.points: list[Mobject] = []
        self.legend: Mobject | None = None  # -> labels; <- split
        self.row_labels: Mobject | None = None  # -> split; <- sigmoid_fit
        self.curve: Mobject | None = None  # the fit: -> sigmoid_fit; <- positive_bars, negative_bars, side_by_side
        # The value axis of the chart in use: -> sigmoid_fit, losses, average, distribution, entropy, ladder,
        # likelihood; <- reposition, losses, average, entropy, cross_entropy, kl_divergence, loss_at_work
        self.value_axis: Mobject | None = None
        # One bar per point and its written value: -> positive_bars, negative_bars, losses, average, entropy,
        # cross_entropy, kl_divergence, loss_at_work (sliding, the fit replayed), likelihood; <- the next
        # chapter that moves or replaces them.
        self.bars: list[Mobject] = []
        self.bar_values: list[Mobject] = []
        self.loss_curve: Mobject | None = None  # -ln p: -> log_curve; <- losses, average
        # -> average, entropy; <- cross_entropy, kl_divergence, loss_at_work, back_to_loss
        self.mean_line: Mobject | None = None
        self.result: Mobject | None = None  # the BCE, large: -> average
        # Part III, the math.
        self.q_bars: Mobject | None = None  # the labels' distribution q(y): -> distribution; <- entropy
        self.q_shares: Mobject | None = None  # q(y=0) and q(y=1) as count over N: -> distribution; <- entropy
        # Part I's chart beside the bars, with a model's curve: -> entropy; <- cross_entropy, kl_divergence,
        # loss_at_work, back_to_loss
        self.model_chart: Mobject | None = None
        self.flat_label: Mobject | None = None  # c: -> entropy; <- cross_entropy, kl_divergence, loss_at_work
        self.entropy_line: Mobject | None = None  # H(q) across the bars: -> entropy; <- kl_divergence, loss_at_work
        # The live numbers in a row under the model chart, each in its line's colour, made together in
        # entropy (KL's place kept until kl_divergence shows it); back_to_loss fades out the row.
        self.entropy_readout: Mobject | None = None  # H(q): -> entropy; <- cross_entropy, back_to_loss
        # The mean loss: -> entropy; <- cross_entropy, kl_divergence, loss_at_work, back_to_loss
        self.mean_readout: Mobject | None = None
        # KL = mean - H(q): -> entropy; <- cross_entropy, kl_divergence, loss_at_work (w takes its place)
        self.kl_readout: Mobject | None = None
        self.w_readout: Mobject | None = None  # the replayed fit's w: -> loss_at_work; <- back_to_loss
        self.entropy_formula: Mobject | None = None  # H(q) = -[...]: -> entropy; <- cross_entropy
        # H_p(q) = -[...] > H(q), and the model p = (1 - c, c): -> cross_entropy; <- kl_divergence
        self.cross_entropy_formula: Mobject | None = None
        self.kl_definition: Mobject | None = None  # D_KL(q || p) = H_p(q) - H(q): -> kl_divergence; <- loss_at_work
        # The flat model's loss over c, and the model's place on it: -> kl_divergence; <- loss_at_work
        self.flat_loss_curve: Mobject | None = None
        self.flat_dot: Mobject | None = None
        self.rungs: list[Mobject] = []  # the ladder's models, (rung, leader, card) each: -> ladder
        self.product: list[Mobject] = []  # the likelihood so far, its bar and readout: -> likelihood
        # The losses end to end (green and red columns in back_to_loss, one column in likelihood), and
        # their axis: -> back_to_loss, likelihood
        self.stack: list[Mobject] = []
        self.stack_axis: Mobject | None = None


class StoryScene(Scene):
    """A scene of the story: knows the data in use and how to show captions.

    It stages the story and records what happened (scenes/timeline.py) and nothing else: the
    scene classes that are rendered (scenes/story.py's, the two-process render's parts) give it a
    voice and say what becomes of the record (voice, recorded, chapter_done).
    """

    story: Walkthrough
    chart: Chart
    readable_values: tuple[bool, ...]
    stage: Stage
    beats: list[Beat]  # when each caption appears: the subtitles' source
    section_frames: dict[str, int]  # section name -> its first frame
    speech: list[Sentence]  # narrated cut: when each beat's sentence starts, and its WAV
    speech_end: float  # when the sentence being spoken ends

    def setup(self) -> None:
        self.camera.background_color = ManimColor(palette.BACKGROUND)
        self.story = current_story()
        self.chart = Chart.for_story(self.story)
        # Which per-bar values are written (crowded data thins them); the same in every chapter.
        self.readable_values = readable_values(self.chart, self.story.x, self.story.order_by_x)
        self.stage = Stage()
        self.beats, self.section_frames = [], {}
        self.speech, self.speech_end = [], 0.0
        self.marks: list[float] = []  # narrated cut: when the voice reaches each marked word still ahead
        self.frames = 0  # frames of video so far: the clock of captions and sections
        engine.install(self)

    def voice(self, text: str) -> Speech:
        """Narrated cut: text spoken, as a WAV (the scene classes that render give the stage a voice)."""
        raise NotImplementedError(f"{type(self).__name__} has no voice for the narrated cut")

    def recorded(self, timeline: Timeline) -> None:
        """What becomes of the record once the video is written: nothing, here."""

    def chapter_done(self, name: str, frames: int) -> None:
        """A chapter is drawn, and the video has `frames` frames so far: nothing, here."""

    def next_section(self, name: str = "unnamed", section_type: str = "default.normal", skip_animations=False) -> None:
        super().next_section(name, section_type, skip_animations)
        self.section_frames[name] = self.frames

    def render(self, preview: bool = False) -> None:
        """Render, then hand over the record of what was rendered (recorded)."""
        super().render(preview)
        writer = self.renderer.file_writer
        if config.write_to_movie and not config.dry_run and Path(writer.movie_file_path).exists():
            self.recorded(self.timeline())

    def timeline(self) -> Timeline:
        """The record of the video just written: the video starts with the first section not skipped
        (a chapter alone skips the earlier ones)."""
        writer = self.renderer.file_writer
        played = [section for section in writer.sections if not section.skip_animations]
        # Manim opens its first section itself ("autocreated"), before the scene could count frames.
        firsts = [self.section_frames.get(section.name, 0) for section in played]
        sections = tuple(
            Section(section.name, first, end, writer.sections_output_dir / section.video if section.video else None)
            for section, first, end in zip(played, firsts, [*firsts[1:], self.frames], strict=True)
        )
        return Timeline(
            video=Path(writer.movie_file_path),
            narrated=self.cut == "narrated",
            frame_rate=config.frame_rate,
            first_frame=firsts[0] if firsts else 0,
            end_frame=self.frames,
            sections=sections,
            beats=tuple(self.beats),
            speech=tuple(self.speech),
        )

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
        self.frames += engine.frames_written(self)
        # `.animate` leaves a copy of each moved mobject as its .target, which every later play
        # call would copy and hash along with it.
        for mobject in self.mobjects:
            for part in mobject.get_family():
                part.target = None

    def say(self, chapter: str, beat: str, run_time: float = 0.8) -> None:
        """Replace the caption with this beat's text; in the narrated cut, speak it instead: the
        subtitles carry the speech, and a sentence burned in beside them would be a second text."""
        if self.cut == "narrated":
            self.subtitle(chapter, beat)
            self.stage.beat = (chapter, beat)
            return
        new = lettering.caption(caption_text(chapter, beat, self.story))
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
        speech = 0.0
        if self.cut == "narrated" and not self.renderer.file_writer.sections[-1].skip_animations:
            self.wait_unless_instant(pacing.wait_for_speech(self.clock, self.speech_end))
            sentence = self.voice(spoken(chapter, beat, self.story))
            self.speech.append(Sentence(self.clock, sentence.path))
            self.speech_end = self.clock + sentence.seconds
            speech = sentence.seconds
            marks = mark_shares(chapter, beat, self.story)
            self.marks = [self.clock + share * sentence.seconds for share in marks]
        self.begin_beat(chapter, beat)
        self.beats.append(Beat(self.clock, chapter, beat, speech))

    def at_mark(self) -> None:
        """Narrated cut: wait until the voice reaches the next word marked in the beat's spoken line
        (narration: MARK), so what follows is drawn as it is named. Other cuts: go straight on."""
        if self.marks:
            self.wait_unless_instant(self.marks.pop(0) - self.clock)

    def read_formula(self, whole_since: int) -> None:
        """Before a formula line whole on screen since frame `whole_since` is replaced: let it be read
        (pacing). Counted in frames: two renders of one chapter from different starts (the parallel
        render's parts) then wait exactly as long, where clock differences would differ in the last bit."""
        shown_for = (self.frames - whole_since) / config.frame_rate
        self.wait_unless_instant(pacing.formula_seconds_left(self.cut, shown_for))

    def wait_unless_instant(self, seconds: float) -> None:
        """Wait, unless it would be less than a frame (a moment already passed): Manim refuses those."""
        if seconds >= 1 / config.frame_rate:
            self.wait(seconds)

    def as_named(self, *animations: Animation, run_time: float = 1.5, lag_ratio: float = 0.5) -> None:
        """Play animations one by one, each as the voice reaches its marked word (the first at once);
        without marks (the captioned cut, the deck), lagged as one."""
        if not self.marks:
            self.play(LaggedStart(*animations, lag_ratio=lag_ratio), run_time=run_time)
            return
        for index, animation in enumerate(animations):
            if index:
                self.at_mark()
            self.play(animation, run_time=run_time / len(animations))

    def highlight(self, *mobjects: Mobject, run_time: float = 1.0) -> None:
        """Narrated cut: flash what the voice is naming (the captioned cut's caption names it in writing)."""
        if self.cut == "narrated":
            # One Indicate each: a group made for the flash would join the scene, and leave with them.
            flashes = [Indicate(mobject, scale_factor=1.08, color=palette.MEAN) for mobject in mobjects]
            self.play(*flashes, run_time=run_time)

    def begin_beat(self, chapter: str, beat: str) -> None:
        """What else a new beat starts (the deck: a slide)."""

    def unsay(self, run_time: float = 0.6) -> None:
        """Fade the caption out (the closing card stands alone)."""
        if self.stage.caption is not None:
            self.beats.append(Beat(self.clock))
            self.play(FadeOut(self.stage.caption), run_time=run_time)
            self.stage.caption, self.stage.beat = None, None

    def clear_stage(self, run_time: float = 1.0, caption: bool = False) -> None:
        """Fade out everything but the caption; with caption=True the caption too, when the next
        picture comes before its words (no sentence is spoken over an empty frame)."""
        if caption and self.stage.caption is not None:
            self.beats.append(Beat(self.clock))  # the cue ends as the caption leaves
            self.stage.caption, self.stage.beat = None, None
        leaving = [m for m in self.mobjects if m is not self.stage.caption]
        if leaving:
            self.play(*(FadeOut(m) for m in leaving), run_time=run_time)

    def hold(self, extra: float = 0.0) -> None:
        """End a beat: wait until its caption is read (captioned cut) or its sentence is spoken (narrated);
        the deck's slide stops here instead."""
        reading = reading_seconds(*self.stage.beat, self.story) if self.stage.beat else 0.0
        shown_for = self.clock - self.beats[-1].time if self.beats else 0.0
        seconds = pacing.hold_seconds(self.cut, self.clock, self.speech_end, reading, shown_for, extra)
        if seconds:
            self.wait(seconds)
