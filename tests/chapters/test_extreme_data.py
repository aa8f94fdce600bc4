"""Extreme datasets re-lay the whole story: inside the frame, no text over text or bars, numbers from bce_math."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import srt

from bce_math import Dataset, walkthrough
from scenes import settings
from scenes import story as story_module
from scenes.narration import placeholders, spoken
from tests.chapters.test_screen_against_oracle import _all_templates
from tests.media_probe import probe_duration
from tests.oracle import Oracle
from tests.relations import FORMULA_RELATIONS, caption_relations, formula_relations
from tests.scene_checks import build

pytestmark = pytest.mark.story  # builds the whole story headless: make test, not make check

ROOT = Path(__file__).resolve().parents[2]
RNG = np.random.default_rng(1)

DATASETS = {
    # 40 points in a narrow range: per-bar values must be thinned.
    "crowded": (np.round(RNG.uniform(-5, 5, 40), 3), np.arange(40) % 2),
    # x in the thousands, perfectly separable: probabilities clipped, tiny losses.
    "thousands": (np.array([1200, 1500, 1750, 2100, 2500, 3100]), np.array([0, 0, 1, 1, 1, 1])),
    # the smallest datasets, and every x equal.
    "two": (np.array([-1.0, 1.0]), np.array([0, 1])),
    "three": (np.array([0.5, 1.5, 3.0]), np.array([0, 1, 1])),
    "same_x": (np.array([2.0, 2.0, 2.0, 2.0, 2.0]), np.array([0, 1, 1, 0, 1])),
    "negative_only": (np.array([-40.0, -35, -30, -22, -18]), np.array([0, 1, 0, 1, 1])),
    # Unix timestamps: a large offset, a spread of 150 s; tick labels relative to 1.7e9.
    "timestamps": (
        1.7e9 + np.array([3.1, 17.9, 24.6, 51.2, 60.0, 77.5, 98.3, 120.4, 139.8, 153.0]),
        np.array([0, 0, 1, 0, 1, 0, 1, 1, 1, 1]),
    ),
    # As far from 0 as a file may go, and a spread a float there can hardly hold.
    "bounds": (np.array([-1e15, 1e15, 1e15 - 0.125, 0.0]), np.array([0, 1, 0, 1])),
    "far_and_close": (np.array([1e15, 1e15 - 0.125, 1e15 - 0.25]), np.array([0, 1, 1])),
}


def write_csv(path: Path, x, y) -> Path:
    path.write_text("x,y\n" + "".join(f"{a},{b}\n" for a, b in zip(x, y, strict=True)), encoding="utf-8")
    return path


@pytest.fixture
def data_in_use(tmp_path, monkeypatch):
    """Point BCE_DATA at a CSV for this test only."""

    def use(name: str) -> Path:
        path = write_csv(tmp_path / f"{name}.csv", *DATASETS[name])
        monkeypatch.setenv("BCE_DATA", str(path))
        settings.current_settings.cache_clear()
        settings.current_story.cache_clear()
        return path

    yield use
    settings.current_settings.cache_clear()
    settings.current_story.cache_clear()


@pytest.mark.parametrize("name", DATASETS)
def test_walkthrough_of_extreme_data_is_finite(name):
    story = walkthrough(Dataset(*DATASETS[name]))
    values = [story.mean_loss, story.entropy_q, story.cross_entropy_other, *story.losses, *story.x_range]
    values += [*story.ladder, story.unpenalised_w, story.unpenalised_b, story.neg_log_likelihood]
    values += [*story.likelihood_partials, *story.flat_path.mean_loss, *story.flat_path.gap]
    assert np.all(np.isfinite(values))
    assert story.unpenalised_loss <= story.mean_loss and story.flat_rate_loss <= story.flat_even_loss
    assert story.likelihood > 0.0
    assert story.loss_bar_range[1] >= max(story.losses)
    assert story.x_range[0] < min(story.x) and max(story.x) < story.x_range[1]


RELATIONS_CHECKED = ("crowded", "thousands")


@pytest.mark.parametrize("name", ["crowded", "thousands", "timestamps"])
def test_full_story_lays_itself_out(name, data_in_use, tmp_path):
    data_in_use(name)
    story = settings.current_story()
    full = build(story_module.FullStory, tmp_path / "media", inside=False)
    for index, snap in enumerate(full.snapshots):
        assert not snap.outside_frame, f"animation {index}: {snap.outside_frame} leave the frame"
        assert not snap.overlapping_texts, f"animation {index}: texts overlap {snap.overlapping_texts}"
        assert not snap.texts_over_bars, f"animation {index}: text over a bar {snap.texts_over_bars}"
        assert not snap.outside_safe_area, f"animation {index}: {snap.outside_safe_area} in a band"
        assert not snap.untraced_numbers, f"animation {index}: numbers not from fmt {snap.untraced_numbers}"
    shown = {text for snap in full.snapshots for text, _ in snap.numbers}
    assert story.mean_loss == pytest.approx(next(v for t, v in full.snapshots[-1].numbers if t in shown))
    if story.clipped:
        assert any("1e-15" in text for snap in full.snapshots for text in snap.captions)
    if name in RELATIONS_CHECKED:
        # Every relation stated holds for these digits too (timestamps: scikit-learn's own solver
        # cannot fit x near 1.7e9 without centring, so there is no independent oracle for it).
        oracle = Oracle(*DATASETS[name])
        formulas = {tex for snap in full.snapshots for tex in snap.formulas}
        stated = [r for tex in formulas for r in formula_relations(tex, oracle)]
        stated += caption_relations(_all_templates(), placeholders(story), oracle)
        assert [(r.kind, r.problem, r.text) for r in stated if r.problem] == []
        assert {r.kind for r in stated} >= set(FORMULA_RELATIONS)


@pytest.mark.render
@pytest.mark.parametrize("name", ["three", "crowded"])
def test_a_chapter_renders_with_small_and_large_data(name, tmp_path):
    data = write_csv(tmp_path / f"{name}.csv", *DATASETS[name])
    media = tmp_path / "media"
    command = [sys.executable, "-m", "manim", "-ql", "--media_dir", str(media), "scenes/story.py", "Average"]
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"BCE_DATA": str(data), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    video = media / "videos" / "story" / "480p15" / "Average.mp4"
    assert video.stat().st_size > 10_000
    story = walkthrough(Dataset(*DATASETS[name]))
    cues = list(srt.parse(video.with_name("Average.en.srt").read_text(encoding="utf-8")))
    # The clip's subtitles start with its own chapter, at 0, not with the chapters it skipped; in the
    # narrated cut (the default) they carry the spoken words.
    said = [" ".join(spoken("average", beat, story, "en").split()) for beat in ("mean", "done")]
    shown = " ".join(" ".join(cue.content.split()) for cue in cues)
    assert cues[0].start.total_seconds() == 0 and shown == " ".join(said)
    assert cues[-1].end.total_seconds() <= float(probe_duration(video)) + 0.1
