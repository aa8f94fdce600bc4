"""What the tests measure of a rendered video: its length, frames, decoded pictures and loudness (ffmpeg)."""

import re
import subprocess
from pathlib import Path


def probe_duration(path: Path) -> float:
    output = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(output.stdout)


def audio_seconds(path: Path) -> float:
    command = ["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration"]
    output = subprocess.run([*command, "-of", "csv=p=0", str(path)], capture_output=True, text=True, check=True)
    return float(output.stdout)


FRAME_COUNT = ["ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0"]


def frame_count(path: Path) -> int:
    command = [*FRAME_COUNT, "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", str(path)]
    return int(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def decoded_frames(path: Path) -> list[str]:
    """The MD5 of every decoded frame: equal lists mean the two videos show the same pictures."""
    command = ["ffmpeg", "-loglevel", "error", "-i", str(path), "-map", "0:v", "-f", "framemd5", "-"]
    lines = subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()
    return [line.rsplit(",", 1)[1].strip() for line in lines if not line.startswith("#")]


def loudness(video: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP), by ffmpeg's EBU R128 meter."""
    command = ["ffmpeg", "-nostats", "-i", str(video), "-af", "ebur128=peak=true", "-f", "null", "-"]
    report = subprocess.run(command, capture_output=True, text=True, check=True).stderr.split("Summary:")[-1]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", report).group(1))
    peak = float(re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", report).group(1))
    return integrated, peak


# A frame moves when at least this many pixels change by more than this (of 255, in grey): a flashed
# label or a growing tick counts, the encoder's noise does not.
MOVING_PIXELS, MOVING_STEP = 12, 24


def still_runs(path: Path) -> list[tuple[float, float]]:
    """(start, seconds) of every run of frames that do not move, longest first."""
    import numpy as np

    fields = ["-show_entries", "stream=width,height,r_frame_rate", "-of", "csv=p=0"]
    probe = ["ffprobe", "-v", "error", "-select_streams", "v:0", *fields, str(path)]
    size = subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip()
    width, height, rate = size.split(",")
    numerator, denominator = rate.split("/")
    fps, frame_bytes = int(numerator) / int(denominator), int(width) * int(height)
    command = ["ffmpeg", "-loglevel", "error", "-i", str(path), "-map", "0:v", "-f", "rawvideo"]
    command += ["-pix_fmt", "gray", "-"]
    runs, last, run_start, index = [], None, 0, 0
    with subprocess.Popen(command, stdout=subprocess.PIPE) as decoder:
        while chunk := decoder.stdout.read(frame_bytes):
            frame = np.frombuffer(chunk, dtype=np.uint8).astype(np.int16)
            if last is not None and np.count_nonzero(np.abs(frame - last) > MOVING_STEP) >= MOVING_PIXELS:
                runs.append((run_start / fps, (index - run_start) / fps))
                run_start = index
            last, index = frame, index + 1
    runs.append((run_start / fps, (index - run_start) / fps))
    return sorted(runs, key=lambda run: -run[1])
