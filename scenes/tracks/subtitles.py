"""Subtitles from the story's own timeline: one cue per caption, in every language, as .srt and .vtt.

The scenes record when each caption appears (``Beat``); the cues are those captions, in any
language, timed to the video. A clip (a section, or a chapter rendered alone) gets the cues of
its own stretch of the timeline, shifted to start at 0.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

import srt

from bce_math import Walkthrough
from scenes.atomic import written_atomically
from scenes.narration import caption, columns, is_cjk, spoken
from scenes.settings import LANGUAGES
from scenes.timeline import Beat, Timeline
from scenes.tracks.voice import SENTENCE_PAUSE

# What follows a video's stem in its subtitle files' names: NAME.en.srt, NAME.en.vtt, ...
SUBTITLE_SUFFIXES = [f".{language}{kind}" for language in LANGUAGES for kind in (".srt", ".vtt")]
# A caption ending within this of its own continuation, across a join, is one cue (times are in ms).
JOIN_TOLERANCE = datetime.timedelta(milliseconds=2)


# Closed captions as broadcasters cut them: at most two lines, of 42 characters in English and 16 in
# Chinese, each cue on screen for 1 to 7 seconds, cut at the end of a clause where a cut is needed.
LINE_CHARACTERS = {"en": 42, "zh": 16}
MAX_LINES = 2
MIN_CUE_SECONDS = 1.0
MAX_CUE_SECONDS = 7.0
SENTENCE_ENDS = ".?!\u3002\uff1f\uff01"
CLAUSE_ENDS = ",;:\u2014\uff0c\uff1b\uff1a\u3001" + SENTENCE_ENDS


def lines(text: str, language: str = "en") -> list[str]:
    """text in lines of at most LINE_CHARACTERS[language] where it can be: broken at a space, or
    after a CJK character; two lines that fit rather than three, after a clause where one fits, else
    where the two lines come out nearest in length."""
    limit = LINE_CHARACTERS[language]
    if len(text) <= limit:
        return [text]
    breaks = [i for i in range(1, len(text)) if text[i] == " " or is_cjk(text[i - 1])]
    fitting = [i for i in breaks if len(text[:i].rstrip()) <= limit]
    if not fitting:
        return [text]
    two_lines = [i for i in fitting if len(text[i:].strip()) <= limit] or fitting
    after_clause = [i for i in two_lines if text[i - 1] in CLAUSE_ENDS]
    best = min(after_clause or two_lines, key=lambda i: abs(len(text[:i].rstrip()) - len(text[i:].lstrip())))
    return [text[:best].rstrip(), *lines(text[best:].lstrip(), language)]


def fits(text: str, seconds: float, language: str = "en") -> bool:
    """Whether text makes one cue: at most two lines of LINE_CHARACTERS, at most MAX_CUE_SECONDS."""
    wrapped = lines(text, language)
    limit = LINE_CHARACTERS[language]
    return len(wrapped) <= MAX_LINES and max(map(len, wrapped)) <= limit and seconds <= MAX_CUE_SECONDS


def _joined(first: str, second: str) -> str:
    """Two pieces of one text run together: Chinese runs on after its own characters, else a space."""
    return f"{first}{'' if first and is_cjk(first[-1]) else ' '}{second}"


def _pieces(text: str, ends: str) -> list[str]:
    """text cut after each character of ends (followed by a space, or CJK punctuation)."""
    pieces, current = [], ""
    for index, char in enumerate(text):
        current += char
        following = text[index + 1 : index + 2]
        if char in ends and (following in ("", " ") or columns(char) == 2):
            pieces.append(current.strip())
            current = ""
    if current.strip():
        pieces.append(current.strip())
    return pieces


def _words(text: str) -> list[str]:
    return text.split(" ") if " " in text else list(text)


def chunks(text: str, seconds: float, language: str = "en") -> list[tuple[str, float]]:
    """text spoken in seconds, cut into cues that fit: (cue text, its seconds), by sentence, then
    clause, then word; each piece takes its share of the time by its length, and the shares add up
    to seconds."""
    per_column = seconds / max(columns(text), 1)
    while True:
        pieces = _fitting(text, per_column, language)
        total = sum(columns(piece) for piece in pieces) or 1
        # Cutting drops the spaces between pieces: each column then lasts a little longer.
        if seconds / total <= per_column * (1 + 1e-9):
            return [(piece, seconds * columns(piece) / total) for piece in pieces]
        per_column = seconds / total


def _fitting(text: str, per_column: float, language: str) -> list[str]:
    """text in pieces that each fit a cue, spoken at per_column seconds a column."""
    if fits(text, columns(text) * per_column, language) or not text:
        return [text]
    for ends in (SENTENCE_ENDS, CLAUSE_ENDS, None):
        pieces = _pieces(text, ends) if ends else _words(text)
        if len(pieces) > 1:
            break
    else:
        return [text]
    merged: list[str] = []
    for piece in pieces:
        candidate = _joined(merged[-1], piece) if merged else piece
        if merged and fits(candidate, columns(candidate) * per_column, language):
            merged[-1] = candidate
        else:
            merged.append(piece)
    return [part for piece in merged for part in _fitting(piece, per_column, language)]


def _spoken_cues(beat: Beat, story: Walkthrough, language: str) -> list[tuple[float, float, str]]:
    """(start, end, text) of each cue of a beat's spoken words, spread over its speech by length;
    the pause between two sentences is given to neither."""
    text = spoken(beat.chapter, beat.beat, story, language)
    sentences = _pieces(text, SENTENCE_ENDS)
    talking = max(beat.speech - SENTENCE_PAUSE * (len(sentences) - 1), 1e-3)
    per_column = talking / max(sum(columns(sentence) for sentence in sentences), 1)
    cues, at = [], beat.time
    for sentence in sentences:
        for piece, seconds in chunks(sentence, columns(sentence) * per_column, language):
            cues.append((at, at + seconds, piece))
            at += seconds
        at += SENTENCE_PAUSE
    return _lasting(cues, language)


def _lasting(cues: list[tuple[float, float, str]], language: str) -> list[tuple[float, float, str]]:
    """A beat's cues, none under MIN_CUE_SECONDS: a short one is merged with a neighbour where the two
    make one cue that fits, else it takes the time it lacks from a neighbour that can spare it."""
    cues = list(cues)
    while True:
        short = [i for i, (a, b, _) in enumerate(cues) if b - a < MIN_CUE_SECONDS - 1e-9]
        if len(cues) == 1:  # a beat of one short sentence: its cue stays a second, into the pause after it
            a, b, text = cues[0]
            return [(a, max(b, a + MIN_CUE_SECONDS), text)]
        if not short:
            return cues
        index = short[0]
        neighbours = sorted(
            (j for j in (index - 1, index + 1) if 0 <= j < len(cues)), key=lambda j: cues[j][1] - cues[j][0]
        )
        for j in neighbours:
            first, second = sorted((index, j))
            text = _joined(cues[first][2], cues[second][2])
            if fits(text, cues[second][1] - cues[first][0], language):
                cues[first : second + 1] = [(cues[first][0], cues[second][1], text)]
                break
        else:
            j = neighbours[-1]  # the longer neighbour lends the time: the cue starts earlier or ends later
            lack = MIN_CUE_SECONDS - (cues[index][1] - cues[index][0])
            (a, b, text), (c, d, other) = cues[index], cues[j]
            if j > index:
                cues[index], cues[j] = (a, b + lack, text), (max(c, b + lack), d, other)
            else:
                cues[index], cues[j] = (a - lack, b, text), (c, min(d, a - lack), other)
            if cues[j][1] - cues[j][0] < MIN_CUE_SECONDS:
                return cues  # neither can spare it (a beat shorter than two cues): keep what there is


def cues(timeline: Sequence[Beat], start: float, end: float, story: Walkthrough, language: str) -> list[srt.Subtitle]:
    """The subtitles between start and end, in language, on a clock that starts at `start`: the
    spoken words where a beat is narrated, else the caption while it is on screen."""
    timed = []
    bounds = [*timeline[1:], Beat(end)]
    for beat, following in zip(timeline, bounds, strict=True):
        if beat.chapter is None:
            continue
        if beat.speech:
            spoken_cues = _spoken_cues(beat, story, language)
            timed += [(a, min(b, following.time), "\n".join(lines(text, language))) for a, b, text in spoken_cues]
        else:
            text = caption(beat.chapter, beat.beat, story, language)
            timed.append((beat.time, following.time, "\n".join(lines(text, language))))
    subtitles = []
    for shown_from, shown_to, text in timed:
        shown_from, shown_to = max(shown_from, start), min(shown_to, end)
        if shown_to - shown_from < 1e-3:
            continue
        subtitles.append(
            srt.Subtitle(
                index=len(subtitles) + 1,
                start=datetime.timedelta(seconds=round(shown_from - start, 3)),
                end=datetime.timedelta(seconds=round(shown_to - start, 3)),
                content=text,
            )
        )
    return subtitles


def to_vtt(subtitles: list[srt.Subtitle]) -> str:
    """WebVTT, for the HTML5 <track> element."""
    blocks = ["WEBVTT\n"]
    for cue in subtitles:
        times = f"{srt.timedelta_to_srt_timestamp(cue.start)} --> {srt.timedelta_to_srt_timestamp(cue.end)}"
        blocks.append(f"{times.replace(',', '.')}\n{cue.content}\n")
    return "\n".join(blocks)


def _write(path: Path, text: str) -> None:
    with written_atomically(path) as partial:  # two renders at once never write one partial file
        partial.write_text(text, encoding="utf-8")


def subtitle_texts(timeline: Sequence[Beat], start: float, end: float, story: Walkthrough) -> list[str]:
    """The subtitles of timeline from start to end, one text per file of SUBTITLE_SUFFIXES."""
    texts = []
    for language in LANGUAGES:
        subtitles = cues(timeline, start, end, story, language)
        texts += [srt.compose(subtitles), to_vtt(subtitles)]
    return texts


def write_subtitles(video: Path, timeline: Sequence[Beat], start: float, end: float, story: Walkthrough) -> list[Path]:
    """NAME.en.srt, NAME.zh.srt, NAME.en.vtt, NAME.zh.vtt beside video; returns their paths."""
    written = [video.with_name(video.stem + suffix) for suffix in SUBTITLE_SUFFIXES]
    for path, text in zip(written, subtitle_texts(timeline, start, end, story), strict=True):
        _write(path, text)
    return written


def join_subtitles(parts: list[tuple[Timeline, float]], target: Path, story: Walkthrough) -> None:
    """Subtitles for target, the videos of parts (each video's record, and its seconds) played one
    after another.

    Each part's cues are shifted by the length of the parts before it; a caption on screen across
    a join becomes one cue again.
    """
    for language in LANGUAGES:
        joined: list[srt.Subtitle] = []
        offset = datetime.timedelta()
        for record, seconds in parts:
            # Timed as a part's own .srt file would give them (to the millisecond).
            own = srt.parse(srt.compose(cues(record.beats, record.start, record.end, story, language)))
            for cue in own:
                cue.start, cue.end = cue.start + offset, cue.end + offset
                if joined and joined[-1].content == cue.content and cue.start - joined[-1].end < JOIN_TOLERANCE:
                    joined[-1].end = cue.end
                else:
                    joined.append(cue)
            offset += datetime.timedelta(seconds=round(seconds, 3))
        for index, cue in enumerate(joined, start=1):
            cue.index = index
        _write(target.with_name(f"{target.stem}.{language}.srt"), srt.compose(joined, reindex=False))
        _write(target.with_name(f"{target.stem}.{language}.vtt"), to_vtt(joined))
