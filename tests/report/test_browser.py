"""Tests the report in a real browser: headless Chromium renders it, dumps it and prints it.

The page is six weeks of typical use (tests/support/report_history.py). The
screenshot must show something, the DOM must hold both sides' numbers as the
history has them, and printing must take at most two pages on Letter
(Chromium's default paper) and on A4.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from PIL import Image

from evenside.history.store import HistoryStore
from evenside.report.output import write_report
from evenside.report.period import ReportPeriod
from tests.support.headless_chromium import dump_dom, print_to_pdf, screenshot
from tests.support.history_fixtures import TODAY
from tests.support.pdf_pages import page_count, page_sizes_mm
from tests.support.report_history import PLAN
from tests.support.tools import require_tool

pytestmark = pytest.mark.slow

PERIOD = ReportPeriod.last_days(TODAY.date(), 42)
A4_MM, LETTER_MM = (210, 297), (216, 279)


@pytest.fixture(autouse=True)
def chromium() -> None:
    require_tool("chromium")


@pytest.fixture(scope="module")
def report(six_weeks: HistoryStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    flags = {"Psoas release": ("Stop and see a doctor if you have a fever with the pain.",)}
    return write_report(six_weeks.conn, out, PERIOD, now=TODAY, red_flags=flags)


def test_the_rendered_page_is_not_blank(report: Path, tmp_path: Path) -> None:
    shot = screenshot(report, tmp_path / "profile", tmp_path / "report.png")
    with Image.open(shot) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
        inked = sum(histogram[:200]) / (grey.width * grey.height)
        colours = len(image.convert("RGB").getcolors(maxcolors=1 << 20) or [])
    assert inked > 0.01  # text, tables and charts, not an empty white window
    assert colours > 20  # the chart's two colours and anti-aliased text, not one flat fill


def _row_text(dom: str, exercise: str, side: str) -> str:
    row = re.search(rf'<tr class="{side}[^"]*" data-exercise="{exercise}"[^>]*>(.*?)</tr>', dom)
    assert row is not None, f"no {side} row for {exercise}"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", row.group(1))).split())


def test_both_sides_numbers_are_in_the_rendered_dom(report: Path, tmp_path: Path) -> None:
    dom = dump_dom(report, tmp_path / "profile")
    kinds = [p.psoas for p in PLAN if p.psoas]
    full, skipped = kinds.count("full"), kinds.count("skip-right")
    left_sets = 2 * full + 2 * skipped + 1  # and the left lunge of today's stopped session
    right_done, right_asked = 2 * full + skipped, 2 * full + 2 * skipped
    left = _row_text(dom, "lunge", "left")
    right = _row_text(dom, "lunge", "right")
    assert f"{45 * left_sets:,} / {45 * left_sets:,} s" in left
    assert f"{left_sets} / {left_sets}" in left and "100%" in left
    assert f"{45 * right_done:,} / {45 * right_asked:,} s" in right
    assert f"{right_done} / {right_asked}" in right
    assert f"{round(right_done / right_asked * 100)}%" in right and "weaker" in right
    assert "weaker" not in left
    played = [p for p in PLAN if p.psoas]
    mean_before = {
        side: round(sum(p.before[side] for p in played) / len(played), 1)
        for side in ("left", "right")
    }
    for side, mean in mean_before.items():
        pain = re.search(rf'<tr data-side="{side}">(.*?)</tr>', dom)
        assert pain is not None
        assert f"{mean:g} (n={len(played)})" in " ".join(
            unescape(re.sub(r"<[^>]+>", " ", pain.group(1))).split()
        )


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_six_weeks_print_on_at_most_two_pages(report: Path, tmp_path: Path, paper: str) -> None:
    page = report
    if paper == "a4":
        # The report leaves the paper to the printer; here the page asks for A4.
        page = tmp_path / "a4.html"
        page.write_text(
            report.read_text(encoding="utf-8").replace(
                "</style>", "@page { size: A4; }</style>", 1
            ),
            encoding="utf-8",
        )
    pdf = print_to_pdf(page, tmp_path / "profile", tmp_path / "report.pdf")
    assert page_sizes_mm(pdf) == {A4_MM if paper == "a4" else LETTER_MM}
    assert 1 <= page_count(pdf) <= 2


def test_the_page_counter_counts_more_than_two_pages(tmp_path: Path) -> None:
    long = tmp_path / "long.html"
    long.write_text(
        "<!DOCTYPE html><html><body>"
        + "".join(f"<p>paragraph {n}</p>" for n in range(400))
        + "</body></html>"
    )
    pdf = print_to_pdf(long, tmp_path / "profile", tmp_path / "long.pdf")
    assert page_count(pdf) > 2
