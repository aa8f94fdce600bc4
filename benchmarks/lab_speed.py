"""How long the lab takes to refit and redraw after a drag, with 40 points (the most a dataset has).

    .venv/bin/python benchmarks/lab_speed.py

Builds the lab for 40 points, opens it in headless Chromium and moves a point 200 times, timing
each update (the fit, every bar, the losses, the mean, the ladder and the table) with
performance.now(). A 60 Hz frame is 16.7 ms; the goal is 8 ms (median).
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
            times = page.evaluate(
                """(updates) => {
                    const lab = window.bceLab.instance, point = lab.state.points[0], times = [];
                    for (let k = 0; k < updates; k++) {
                        point.x = -4 + (k % 50) * 0.1;
                        const start = performance.now();
                        lab.update();
                        times.push(performance.now() - start);
                    }
                    return times;
                }""",
                UPDATES,
            )
            browser.close()
    print(f"lab update, 40 points, {UPDATES} drags: median {statistics.median(times):.2f} ms, max {max(times):.2f} ms")


if __name__ == "__main__":
    main()
