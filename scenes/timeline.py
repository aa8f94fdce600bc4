"""What a render of the story did, as one typed record: its beats, its sections and its speech.

The stage (scenes/stage/scene.py) records it and does nothing else with it. From it, tracks/
makes the subtitles and the soundtrack, and publish/ makes the joined video, the chapters' clips
and the course. The record is written once, beside the video it describes (NAME.timeline.json),
whole or not at all, and read back typed; a record of another version is refused in one line.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from scenes.atomic import written_atomically

# Raised whenever a field is added, removed or changes its meaning: a reader refuses other versions.
TIMELINE_VERSION = 1
RECORD_SUFFIX = ".timeline.json"


@dataclass(frozen=True)
class Beat:
    """At `time` (seconds of the scene), the caption of (chapter, beat) appears; chapter None clears it.

    In the narrated cut the beat's sentence starts at the same time and lasts `speech` seconds: the
    subtitles then carry the spoken words, timed to the speech, instead of the caption.
    """

    time: float
    chapter: str | None = None
    beat: str | None = None
    speech: float = 0.0


@dataclass(frozen=True)
class Speech:
    """One synthesised sentence: its WAV (mono, 16 bit) and how long it lasts."""

    path: Path
    seconds: float


@dataclass(frozen=True)
class Sentence:
    """Narrated cut: a beat's sentence, its WAV starting at `time` (seconds of the scene)."""

    time: float
    path: Path


@dataclass(frozen=True)
class Section:
    """A section of the video (a chapter): its frames [first_frame, end_frame) of the scene, and its
    clip: the file Manim saved it to, if it did, or in a joined video's record the file make video
    publishes it to (with --save_sections). Counted in frames, so its length is exactly its clip's."""

    name: str
    first_frame: int
    end_frame: int
    clip: Path | None = None


@dataclass(frozen=True)
class Timeline:
    """One rendered video: the sections it plays (not those skipped to reach its first chapter), the
    beats and sentences of the whole scene (a caption on screen as the video starts is among them),
    on the scene's clock; the video itself runs from the first section's start to `end_frame`."""

    video: Path
    narrated: bool  # the narrated cut: its sentences are its soundtrack
    frame_rate: float
    first_frame: int
    end_frame: int
    sections: tuple[Section, ...] = ()
    beats: tuple[Beat, ...] = ()
    speech: tuple[Sentence, ...] = ()
    version: int = TIMELINE_VERSION

    @property
    def start(self) -> float:
        """Seconds of the scene at the video's first frame."""
        return self.first_frame / self.frame_rate

    @property
    def end(self) -> float:
        return self.end_frame / self.frame_rate

    def seconds(self, section: Section) -> tuple[float, float]:
        """When a section starts and stops, in seconds of the scene."""
        return section.first_frame / self.frame_rate, section.end_frame / self.frame_rate

    @property
    def record(self) -> Path:
        return record_of(self.video)

    def write(self, path: Path | None = None) -> Path:
        """The record beside its video (or at path: a video's next record, made beside it under a
        private name), written whole: two renders at once never mix theirs."""
        path = path or self.record
        with written_atomically(path) as partial:
            partial.write_text(json.dumps(asdict(self), default=str, indent=1), encoding="utf-8")
        return path

    @classmethod
    def read(cls, path: Path) -> Timeline:
        """The record at path; a record of another version, or not a record, raises ValueError
        with one line naming the file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != TIMELINE_VERSION:
                raise ValueError(f"version {data.get('version')}, this code reads version {TIMELINE_VERSION}")
            return cls(
                video=Path(data["video"]),
                narrated=bool(data["narrated"]),
                frame_rate=float(data["frame_rate"]),
                first_frame=int(data["first_frame"]),
                end_frame=int(data["end_frame"]),
                sections=tuple(
                    Section(s["name"], s["first_frame"], s["end_frame"], Path(s["clip"]) if s["clip"] else None)
                    for s in data["sections"]
                ),
                beats=tuple(Beat(**beat) for beat in data["beats"]),
                speech=tuple(Sentence(s["time"], Path(s["path"])) for s in data["speech"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"{path}: not a timeline record this code can read ({error})") from None


def record_of(video: Path) -> Path:
    """Where a video's record is: NAME.timeline.json beside NAME.mp4."""
    return video.with_name(video.stem + RECORD_SUFFIX)
