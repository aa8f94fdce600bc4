"""Part II, show me the code: the scikit-learn program, run while the video renders."""

from __future__ import annotations

from manim import DOWN, LEFT, UP, Code, FadeIn, LaggedStart, VGroup

from scenes.chapters.example_run import example_output, example_source
from scenes.narration import word
from scenes.stage import fonts, layout, lettering, palette
from scenes.stage.scene import StoryScene

CODE_MAX_WIDTH, CODE_MAX_HEIGHT = 11.0, 4.5
CODE_TOP = 2.85
OUTPUT_GAP = 0.3  # between the listing and its output
SAFE_CLEARANCE = 0.05  # between the output's last line and the subtitles' band


MAX_OUTPUT_LINES = 3


def _fit_lines(output: str) -> str:
    """The program's output, with middle rows elided when there are too many to read."""
    lines = output.splitlines()
    if len(lines) <= MAX_OUTPUT_LINES:
        return output
    hidden = len(lines) - MAX_OUTPUT_LINES + 1
    return "\n".join([*lines[: MAX_OUTPUT_LINES - 2], word("more_rows", hidden=hidden), lines[-1]])


def code(scene: StoryScene) -> None:
    """Code: the program's source, then what it printed when run on the data in use."""
    story = scene.story
    listing = Code(
        code_string=example_source(),
        language="python",
        formatter_style=palette.THEME.code_style,
        background="window",
        add_line_numbers=False,
        paragraph_config={"font": fonts.MONO_FONT},
    )
    printed = lettering.monospace(_fit_lines(example_output(story)))
    heading = lettering.label(word("output"), fonts.TICK_SIZE, palette.MUTED)
    output = VGroup(heading, printed).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
    # The listing takes the height the output leaves above the subtitles' band.
    room = CODE_TOP - layout.SAFE_BOTTOM - SAFE_CLEARANCE - OUTPUT_GAP - output.height
    lettering.lighten(listing).scale_to_fit_width(CODE_MAX_WIDTH)
    if listing.height > min(CODE_MAX_HEIGHT, room):
        listing.scale_to_fit_height(min(CODE_MAX_HEIGHT, room))
    listing.move_to([0, CODE_TOP - listing.height / 2, 0])
    output.next_to(listing, DOWN, buff=OUTPUT_GAP).align_to(listing, LEFT)

    # Program: the example program's source, the same computation in scikit-learn.
    scene.clear_stage(caption=True)
    scene.play(FadeIn(listing, shift=0.2 * UP), run_time=1.2)
    scene.say("code", "program")
    scene.hold(2.0)
    # Output: what it printed when run during this render, line by line.
    scene.say("code", "output")
    scene.play(FadeIn(heading), LaggedStart(*(FadeIn(line, shift=0.1 * DOWN) for line in printed), lag_ratio=0.4))
    scene.hold()
    # Same: its numbers are the bars' and the mean's.
    scene.say("code", "same")
    scene.hold(1.0)
