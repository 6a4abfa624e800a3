"""Tests the summary table's columns: Done, Skipped and Time at every width from 40 up."""

from __future__ import annotations

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.session_summary import SummaryRow, summary_rows
from evenside.engine.timeline import expand
from evenside.ui.screens.summary.columns import CELL_PADDING, summary_table
from tests.support.ui_routines import lunge_routine


def played_rows() -> list[SummaryRow]:
    """The lunge routine's rows after its first left hold was done, then a stop."""
    clock = FakeClock()
    session = Session(expand(lunge_routine()), clock)
    session.start()
    clock.advance(5 + 45)
    session.update()
    session.stop()
    return summary_rows(session.timeline, session.results())


def table_width(width: int) -> int:
    """The cells a table drawn for `width` takes."""
    table = summary_table(played_rows(), width)
    columns = list(zip(table.headers, *table.cells, strict=False))
    widths = [table.exercise_width] + [max(len(c) for c in col) for col in columns[1:]]
    return sum(w + CELL_PADDING for w in widths)


def test_the_full_table_from_60_columns() -> None:
    table = summary_table(played_rows(), 76)
    assert table.headers == ("Exercise", "Side", "Done", "Skipped", "Time")
    assert table.cells[0] == ("Runner's lunge", "◀ LEFT", "1/2", "-", "0:45")


def test_a_narrow_table_keeps_the_numbers_and_cuts_the_names() -> None:
    table = summary_table(played_rows(), 36)  # 40 columns, less padding and scrollbar
    assert table.headers == ("Exercise", "Side", "Done", "Skip", "Time")
    assert table.cells[0] == ("Runner's …", "◀ L", "1/2", "-", "0:45")
    assert table.cells[1][1:] == ("R ▶", "0/2", "-", "0:00")
    assert table_width(36) <= 36


def test_the_table_fits_every_width_from_40_to_60() -> None:
    for width in range(36, 60):
        assert table_width(width) <= width, width
