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
