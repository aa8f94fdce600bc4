"""Manim's video encoding, tuned: x264 options, a held picture encoded once, final videos written atomically.

Works around manim 0.21.0's SceneFileWriter, which leaves x264 at its "medium" preset, converts and
encodes a held frame once per repeat, and writes the final video in place.
"""

from __future__ import annotations

from fractions import Fraction
from functools import partial
from pathlib import Path

import av
import numpy as np
from av.video.frame import PictureType

from scenes.atomic import private_folder, remove_orphans, written_atomically

# x264 settings of the partial movies. Manim 0.21 leaves x264 at "medium"; encoding is then about
# half the work of a 1080p60 render. "superfast" at the same CRF 23 encodes in about half the time
# of "veryfast" (the full video renders 12 % faster on 2 cores): frames side by side look the same
# (PSNR 48 dB between the two), the file is 1.5 times larger (21 MB for the 7-minute story).
# One thread per encoder: the cores are busy with two renders and their encoders already, and
# x264's own threads cost a quarter more CPU per held frame (3 % less wall time in all).
ENCODER_OPTIONS = {"preset": "superfast", "crf": "23", "threads": "1"}


def encode_with_options(writer, options: dict[str, str]) -> None:
    """Set the x264 options of each partial movie's stream (and its MP4 time scale) before its
    first frame is encoded, and encode held frames as _encode_held_frame does."""
    open_stream = writer.open_partial_movie_stream

    def open_tuned(*args, **kwargs) -> None:
        open_stream(*args, **kwargs)
        job = writer._current_encode_job
        if job.stream.codec_context.name == "libx264":
            job.stream.codec_context.options = {**job.stream.codec_context.options, **options}
            # The MP4's edit list (written when B-frames delay the first picture) counts in the
            # movie's time scale, a millisecond by default: a movie of 8 frames at 15 fps then lasts
            # 533 ms, 5 ticks short, and Manim's join starts the next movie that early (a gap in the
            # timestamps). A multiple of the frame rate makes every length exact.
            rate = Fraction(job.stream.codec_context.framerate)
            job.container.container_options["movie_timescale"] = str(rate.numerator * 1024)
            job._encode_and_write_frame = partial(_encode_held_frame, job)

    writer.open_partial_movie_stream = open_tuned


# How long a run of a held picture is encoded once and then repeated by copying its packets: an
# IDR frame every second of a hold (each repeat decodes on its own, so nothing drifts).
HELD_RUN_SECONDS = 1
SHORTEST_RUN = 0.75  # of a run: the run is shortened this far when that leaves less over to encode


def run_length(frames: int, longest: int) -> int:
    """Frames in the run a hold of `frames` repeats: the length between SHORTEST_RUN and 1 of the
    longest that leaves least to encode (the run, and the rest after its whole repeats)."""
    lengths = range(max(1, int(SHORTEST_RUN * longest)), longest + 1)
    return min(lengths, key=lambda length: (length + frames % length, -length))


class _Flushed:
    """A stream whose encoder this module has already flushed: Manim's own flush at the end of the
    partial movie finds nothing left (a second flush of a libx264 encoder is an error)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def encode(self, frame=None) -> list:
        if frame is not None:
            raise RuntimeError("a held partial movie got a frame after its hold")
        return []

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def rendered_picture(frame: np.ndarray, pix_fmt: str) -> av.VideoFrame:
    """A rendered RGBA frame in the stream's pixel format, converted here rather than by the encoder.

    The same conversion (swscale, the same options) as PyAV's encoder would make, read from the
    array without copying it: 1080p frames encode in 8 ms of CPU instead of 13 ms.
    """
    # One swscale thread: the cores are busy (its helper threads cost a tenth more CPU, same pixels).
    return av.VideoFrame.from_numpy_buffer(frame, format="rgba").reformat(format=pix_fmt, threads=1)


def convert_while_drawing(renderer) -> None:
    """Hand each drawn frame of an animation to the encoder already converted, read from the
    camera's pixels: Manim copies the whole RGBA frame (8 MB at 1080p) for the encoder thread to
    convert later, a millisecond a frame. A still image (-s, png) and held frames go as before."""
    render, writer = renderer.render, renderer.file_writer

    def render_converted(scene, time, moving_mobjects=None) -> None:
        job = writer._current_encode_job
        if renderer.skip_animations or job is None or job.stream.codec_context.name != "libx264":
            render(scene, time, moving_mobjects)
            return
        renderer.update_frame(scene, moving_mobjects)
        renderer.add_frame(rendered_picture(renderer.camera.pixel_array, job.stream.pix_fmt))

    renderer.render = render_converted


def _encode_held_frame(job, frame: np.ndarray | av.VideoFrame, num_frames: int) -> None:
    """Encode one rendered frame num_frames times (a wait gives the whole hold at once).

    The frame comes converted (an animation's, see convert_while_drawing) or as Manim's RGBA copy
    (a hold's), which Manim would convert once per repeat; here it is converted once. A hold of at least two
    runs (a run: up to HELD_RUN_SECONDS of frames, see run_length) is not encoded frame by frame: one run is
    encoded, and a shorter one for the rest after a forced IDR frame, in one go; the run's packets
    are then written again and again with their timestamps moved on, then the rest's. Every
    frame is still in the file (constant frame rate), with the codec, size, pixel format and x264
    settings of every other partial movie, so Manim's and the render's joins stay stream copies.
    """
    picture = frame if isinstance(frame, av.VideoFrame) else rendered_picture(frame, job.stream.pix_fmt)
    planes = picture.to_ndarray() if num_frames > 1 else None
    run = run_length(num_frames, int(HELD_RUN_SECONDS * job.stream.codec_context.framerate))
    first_write = not getattr(job, "frames_written", 0)
    job.frames_written = getattr(job, "frames_written", 0) + num_frames
    if not (first_write and num_frames >= 2 * run):
        for repeat in range(num_frames):
            if repeat:  # the encoder must not see one frame object twice
                picture = av.VideoFrame.from_ndarray(planes, format=job.stream.pix_fmt)
            for packet in job.stream.encode(picture):
                job.container.mux(packet)
        return
    runs, rest = divmod(num_frames, run)
    packets = []
    for index in range(run + rest):
        picture = av.VideoFrame.from_ndarray(planes, format=job.stream.pix_fmt)
        if index == run:
            picture.pict_type = PictureType.I  # the rest starts a closed group of its own
        packets += job.stream.encode(picture)
    packets += job.stream.encode(None)
    job.stream = _Flushed(job.stream)
    # Muxing rescales a packet's timestamps in place: keep them, in the encoder's time base, first.
    kept = [(bytes(p), p.pts, p.dts, p.is_keyframe) for p in packets]
    time_base, stream = packets[0].time_base, packets[0].stream
    frame_step = round(1 / (Fraction(job.stream.codec_context.framerate) * time_base))
    split = next((i for i, (_, pts, _, _) in enumerate(kept) if pts >= run * frame_step), len(kept))
    pieces = [(kept[:split], start * run) for start in range(runs)]
    if rest:
        pieces.append((kept[split:], (runs - 1) * run))
    for piece, offset in pieces:
        for data, pts, dts, keyframe in piece:
            packet = av.Packet(data)
            packet.pts, packet.dts = pts + offset * frame_step, dts + offset * frame_step
            packet.time_base, packet.stream, packet.is_keyframe = time_base, stream, keyframe
            job.container.mux(packet)


def write_videos_atomically(writer) -> None:
    """Make Manim write each final video (full or section) under a temporary name, then rename it.

    An error or Ctrl-C while the file is written leaves the previous good video in place. Manim
    lists the partial movies to join in partial_movie_file_list.txt, in place, in the partial
    movie folder two renders share: here the list is written in a folder of this process's own
    (beside that folder: Manim's cache clean-up deletes what is inside it), removed when joined.
    """
    combine = writer.combine_files

    def combine_then_rename(input_files, output_file, *args, **kwargs) -> None:
        remove_orphans(Path(output_file).parent)  # a video a killed render left half-written
        movies = getattr(writer, "partial_movie_directory", None)
        if movies is None:
            with written_atomically(Path(output_file)) as partial:
                combine(input_files, partial, *args, **kwargs)
            return
        listings = Path(movies).parent
        remove_orphans(listings)
        with written_atomically(Path(output_file)) as partial, private_folder(listings) as listing:
            writer.partial_movie_directory = Path(listing)  # where combine_files writes its list
            try:
                combine([str(Path(movie).resolve()) for movie in input_files], partial, *args, **kwargs)
            finally:
                writer.partial_movie_directory = movies

    writer.combine_files = combine_then_rename
