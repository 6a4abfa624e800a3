"""Tests the report page: nothing a browser would fetch, gaps in words, escaped names, sections."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from evenside.history.db import open_database
from evenside.history.store import HistoryStore
from evenside.report.numbers import gather_report
from evenside.report.page import render_report
from evenside.report.period import ReportPeriod
from evenside.report.schedule import ProgramAdherence, WeekDue
from tests.support.history_fixtures import DESK, TODAY, play
from tests.support.report_history import GAP_MONDAY

PERIOD = ReportPeriod.last_days(TODAY.date(), 42)

# Anything that makes a browser load something: a scheme, a CSS url() or @import, an
# attribute naming a resource, or an element that loads one.
FETCHING = [
    re.compile(r"\b(?:https?|ftp|file|data|blob|wss?|about|javascript):", re.I),
    re.compile(r"url\s*\(", re.I),
    re.compile(r"@import", re.I),
    re.compile(r"\b(?:src|href|srcset|action|poster|background|xlink:href)\s*=", re.I),
    re.compile(r"<\s*(?:script|link|img|iframe|object|embed|audio|video|source|image|use)\b", re.I),
    re.compile(r"//[a-z0-9.-]+\.[a-z]{2,}", re.I),
]


@pytest.fixture(scope="module")
def page(six_weeks: HistoryStore) -> str:
    flags = {"Psoas release": ("Stop and see a doctor if you have a fever with the pain.",)}
    return render_report(gather_report(six_weeks.conn, PERIOD, now=TODAY, red_flags=flags))


def fetches(html: str) -> list[str]:
    return [match.group(0) for pattern in FETCHING for match in pattern.finditer(html)]


def test_the_page_contains_nothing_a_browser_would_fetch(page: str) -> None:
    assert fetches(page) == []
    assert "<svg" in page and "<style>" in page  # the charts and style are inline
    assert "default-src 'none'" in page  # and a policy refuses any load all the same


def test_the_fetch_check_catches_each_kind_of_load() -> None:
    for bad in (
        '<img src="x.png">',
        "<style>body{background:url(x.png)}</style>",
        '<link rel="stylesheet" href="a.css">',
        "<script>1</script>",
        "see https://example.com",
        "<style>@import 'a.css';</style>",
    ):
        assert fetches(bad), bad


def test_the_sections_come_in_the_order_a_clinician_reads_them(page: str) -> None:
    titles = re.findall(r"<h2>(.*?)</h2>", page)
    assert titles == [
        "Adherence",
        "Dose per side",
        "Pain per side",
        "What helps",
        "Care notes raised",
        "Red flags the routines list",
    ]
    assert "11 Apr 2024 to 22 May 2024 (42 days)" in page
    assert "Psoas release (30 sessions)" in page


def test_a_week_without_data_says_so(page: str) -> None:
    assert page.count("no data recorded this week") == 1
    gap_row = page.split(f"<td>{GAP_MONDAY.day} Apr 2024</td>", 1)[1].split("</tr>", 1)[0]
    assert "no data recorded this week" in gap_row
    assert ">0<" not in gap_row  # no zero that reads like a measurement


def test_the_weaker_side_and_the_owed_side_are_marked(page: str) -> None:
    right = re.search(r'<tr class="right weaker" data-exercise="lunge".*?</tr>', page)
    assert right is not None and "◀ weaker" in right.group(0)
    assert "Runner&#x27;s lunge, right side (since 2024-05-22)" in page


def test_the_program_columns_appear_only_with_a_program(six_weeks: HistoryStore, page: str) -> None:
    assert "Done of due" not in page
    mondays = PERIOD.mondays()
    program = ProgramAdherence("Psoas <six> weeks", {mondays[2]: WeekDue(5, 4)})
    with_program = render_report(gather_report(six_weeks.conn, PERIOD, now=TODAY, program=program))
    assert "Done of due" in with_program and "4 of 5" in with_program
    assert "Psoas &lt;six&gt; weeks" in with_program
    assert with_program.count("not in the program") == len(mondays) - 1


def test_names_from_routine_files_are_escaped(tmp_path: Path) -> None:
    store = HistoryStore(open_database(tmp_path / "h.sqlite3"), now=lambda: TODAY)
    hostile = DESK.__class__(
        name='<script src="https://evil.example/x.js"></script>',
        steps=DESK.steps,
        prep_ms=DESK.prep_ms,
    )
    play(store, hostile, TODAY - timedelta(hours=2))
    page = render_report(gather_report(store.conn, PERIOD, now=TODAY))
    store.conn.close()
    assert "&lt;script" in page
    assert "<script" not in page


def test_an_empty_history_says_there_is_nothing_rather_than_zeros(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "empty.sqlite3")
    page = render_report(gather_report(conn, PERIOD, now=TODAY))
    conn.close()
    assert page.count("no data recorded this week") == len(PERIOD.mondays())
    assert "No exercise with a side was done" in page
    assert "no ratings recorded" in page
    assert fetches(page) == []
