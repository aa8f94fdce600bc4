"""Typefaces and sizes. Noto Sans CJK covers Latin and Chinese, so both languages look alike."""

TEXT_FONT = "Noto Sans CJK SC"
MONO_FONT = "Noto Sans Mono CJK SC"

TITLE_SIZE = 60
SUBTITLE_SIZE = 34
CAPTION_SIZE = 28  # every caption fits one line at this size (long ones were rewritten, not shrunk)
LABEL_SIZE = 26
TICK_SIZE = 24
VALUE_SIZE = 20  # written upward, 0.82 long: fits under the baseline above the subtitles
FORMULA_SIZE = 40
CODE_SIZE = 22
