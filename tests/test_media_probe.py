"""The video measures the render tests rely on, held to videos made to a known answer."""

import subprocess

import pytest

from tests.media_probe import still_runs


@pytest.mark.render
def test_a_planted_ten_second_still_is_found(tmp_path):
    """2 s of motion, 10 s of one picture, 2 s of motion: the still run is found, and a small flash splits it."""
    video = tmp_path / "planted.mp4"
    moving = "testsrc2=size=320x180:rate=15:duration=2"
    still = "color=c=0x111111:size=320x180:rate=15:duration=10"
    graph = f"{moving}[a];{still}[b];{moving}[c];[a][b][c]concat=n=3:v=1:a=0,format=yuv420p"
    subprocess.run(["ffmpeg", "-v", "error", "-filter_complex", graph, "-c:v", "libx264", str(video)], check=True)
    start, seconds = still_runs(video)[0]
    assert start == pytest.approx(2.0, abs=0.1) and seconds == pytest.approx(10.0, abs=0.1)
    # A small flash (a highlighted label) is motion: a 6 x 6 white square in the middle of the still.
    flashed = tmp_path / "flashed.mp4"
    box = "drawbox=x=100:y=80:w=6:h=6:color=white:t=fill:enable='between(t,7,8)'"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(video), "-vf", box, str(flashed)], check=True)
    assert still_runs(flashed)[0][1] == pytest.approx(5.0, abs=0.15)
