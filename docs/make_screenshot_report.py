"""Provides docs/report.png: the physio report of six weeks of typical use, as Chromium shows it.

The history is the one the report's tests use (tests/support/report_history.py):
routines really played through the engine on a fake clock and recorded in
SQLite; the picture is made by the same headless Chromium run as the
real-browser test (tests/support/headless_chromium.py).
Run from the repository root: python docs/make_screenshot_report.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from tests.support.headless_chromium import screenshot  # noqa: E402
from tests.support.history_fixtures import TODAY  # noqa: E402
from tests.support.report_history import build_six_weeks  # noqa: E402

from evenside.report.output import write_report  # noqa: E402
from evenside.report.period import ReportPeriod  # noqa: E402
from evenside.report.red_flags import red_flag_notes  # noqa: E402

RED_FLAGS = red_flag_notes(
    "Stop and see a doctor if you have fever with the pain, bowel or bladder changes, "
    "night pain that wakes you, or leg weakness or numbness."
)
WIDTH, HEIGHT = 900, 1250
"""The window: as wide as an A4 page on screen, as tall as the report's first sections."""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        store = build_six_weeks(work / "history.sqlite3")
        page = write_report(
            store.conn,
            work / "report.html",
            ReportPeriod.last_days(TODAY.date(), 42),
            now=TODAY,
            red_flags={"Psoas release": RED_FLAGS},
        )
        store.conn.close()
        shot = screenshot(page, work / "profile", work / "report.png", WIDTH, HEIGHT)
        with Image.open(shot) as image:
            # A palette of greys and the two sides' colours: a fraction of the size.
            small = image.convert("RGB").quantize(colors=64)
            small.save(ROOT / "docs" / "report.png", optimize=True)


if __name__ == "__main__":
    main()
