"""How long the lab takes to refit and redraw after a drag, with 40 points (the most a dataset has).

    .venv/bin/python benchmarks/lab_speed.py

Builds the lab for 40 points, opens it in headless Chromium and moves a point 200 times, timing
each update (the fit, every bar, the losses, the mean, the ladder and the table) with
performance.now(). Then the same with the optimiser's mode on (optimiser.js), where an update is
everything above for the model the learner holds, plus the optimiser's panel and its map of what
Fit lowers, computed again because the points moved; and 200 moves of the held model alone (a
slider or a drag of the curve: the map stays, its marker moves). A 60 Hz frame is 16.7 ms; the
goal is 8 ms (median) for each.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
UPDATES = 200
# Each timed update: a point moved (the fit, the chart, the table, and the optimiser's panel and map
# when its mode is on), as a drag does.
MOVE_A_POINT = """(updates) => {
    const lab = window.bceLab.instance, point = lab.state.points[0], times = [];
    for (let k = 0; k < updates; k++) {
        point.x = -4 + (k % 50) * 0.1;
        const start = performance.now();
        lab.update();
        times.push([performance.now() - start, window.bceOptimiser.lastRenderMs]);
    }
    return times;
}"""
# The model held moved, as a slider or a drag of the curve does: the map stays, its marker moves.
MOVE_THE_MODEL = """(updates) => {
    const lab = window.bceLab.instance, times = [];
    for (let k = 0; k < updates; k++) {
        const start = performance.now();
        lab.setModel({ w: -2 + (k % 40) * 0.1, b: 0.5 });
        times.push([performance.now() - start, window.bceOptimiser.lastRenderMs]);
    }
    return times;
}"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        points = Path(folder) / "forty.csv"
        rows = [f"{-4 + 0.2 * i:.1f},{1 if (i * 7) % 10 > 3 else 0}" for i in range(40)]
        points.write_text("x,y\n" + "\n".join(rows) + "\n", encoding="utf-8")
        environment = os.environ | {"BCE_DATA": str(points)}
        subprocess.run([sys.executable, "-m", "scenes.publish.page", folder], cwd=ROOT, env=environment, check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto((Path(folder) / "lab.html").as_uri())
            page.wait_for_function("window.bceLab && window.bceLab.instance")
            plain = page.evaluate(MOVE_A_POINT, UPDATES)
            page.locator("button.optimiser-toggle").click()
            with_map = page.evaluate(MOVE_A_POINT, UPDATES)
            held = page.evaluate(MOVE_THE_MODEL, UPDATES)
            browser.close()
    report("lab update, 40 points, {updates} drags", [whole for whole, _ in plain])
    report("optimiser on, 40 points, {updates} drags (map recomputed each time)", [whole for whole, _ in with_map])
    report("  of which the optimiser's panel and map", [panel for _, panel in with_map])
    report("optimiser on, 40 points, {updates} moves of the held model", [whole for whole, _ in held])
    report("  of which the optimiser's panel (the map's marker only)", [panel for _, panel in held])


def report(what: str, times: list[float]) -> None:
    label = what.format(updates=len(times))
    print(f"{label}: median {statistics.median(times):.2f} ms, max {max(times):.2f} ms")


if __name__ == "__main__":
    main()
