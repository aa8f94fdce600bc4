"""How well an offline recogniser hears the Chinese narration, chapter by chapter.

    .venv/bin/python benchmarks/chinese_hearing.py media/course          # a make course BCE_LANG=zh folder
    .venv/bin/python benchmarks/chinese_hearing.py media/course/zh       # or the zh/ of LANGS=en,zh
    .venv/bin/python benchmarks/chinese_hearing.py media/videos/story/480p15/sections   # make video's clips

For each chapter's clip (NN-name.mp4 or FullStory_NNNN_NN_name.mp4, with its .zh.srt): the
language Whisper base detects and its probability, the character error rate against the subtitles'
text, the error rate on toneless pinyin (homophones such as 熵/商 are the recogniser's confusion, not
the voice's), and the largest distance between a sentence's first cue and the start of its sound.
The same measures as tests/tracks/test_voice.py's Chinese chapter test, over the whole story.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import srt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.tracks.test_voice import (
    character_error_rate,
    characters,
    samples,
    sentence_starts,
    speech_onsets,
    whisper_model,
    word_error_rate,
)

PROMPT = "以下是普通话的句子。使用简体中文。"


def main(folder: Path) -> None:
    from faster_whisper import WhisperModel
    from pypinyin import lazy_pinyin

    with tempfile.TemporaryDirectory() as temp:
        model = WhisperModel(str(whisper_model(Path(temp))), device="cpu", compute_type="int8", cpu_threads=2)
        print(f"{'chapter':28} {'P(zh)':>6} {'CER':>6} {'pinyin':>7} {'cue-sound s':>11}")
        clips = [clip for clip in folder.glob("*.mp4") if clip.stem not in ("00-full-story", "FullStory")]
        for clip in sorted(clips):
            cues = list(srt.parse(clip.with_suffix(".zh.srt").read_text(encoding="utf-8")))
            said = "".join(cue.content for cue in cues)
            if not characters(said):
                continue
            segments, info = model.transcribe(str(clip), initial_prompt=PROMPT)
            heard = "".join(segment.text for segment in segments)
            pinyin = word_error_rate(lazy_pinyin(characters(said)), lazy_pinyin(characters(heard)))
            onsets = speech_onsets(samples(clip))
            firsts = [cue.start.total_seconds() for cue in sentence_starts(cues)]
            offset = max((min(abs(at - start) for at in onsets) for start in firsts), default=0.0) if onsets else -1
            print(
                f"{clip.stem:28} {info.language_probability if info.language == 'zh' else 0:6.3f} "
                f"{character_error_rate(said, heard):6.3f} {pinyin:7.3f} {offset:11.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
