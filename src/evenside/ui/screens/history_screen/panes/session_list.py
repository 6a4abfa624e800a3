"""Provides the session list: date, routine, status, time and owed sides; enter opens one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from evenside.history.session_list import SessionRow
from evenside.terminal_text import safe_text
from evenside.ui.screens.history_screen.panes.fitted_table import FittedTable, cut
from evenside.wording import clock_done

STATUS_STYLE = {"completed": "", "stopped": "#f0b429", "interrupted": "#ff6b6b", "open": "dim"}
OWED_STYLE = "#f0b429"


def time_text(row: SessionRow) -> str:
    """How long the session took, pauses excluded (as its summary said), or '-' when it
    never ended."""
    return clock_done(row.duration_ms) if row.duration_ms is not None else "-"


class SessionList(FittedTable[SessionRow]):
    """The sessions of the window, newest first. Narrow, each session takes two lines:
    when and how long, then what and how it ended."""

    DEFAULT_CSS = """
    SessionList { height: 1fr; }
    """

    WIDE: ClassVar[tuple[str, ...]] = ("Date", "Routine", "Status", "Time", "Owed")
    NARROW: ClassVar[tuple[str, ...]] = ("When · time", "Routine · status")

    class Opened(Message):
        """The person asked to see one session."""

        def __init__(self, session_id: str) -> None:
            super().__init__()
            self.session_id = session_id

    @property
    def sessions(self) -> list[SessionRow]:
        """The sessions on show, newest first."""
        return self.items

    def row_key(self, number: int, item: SessionRow) -> str:
        return item.id

    def wide_row(self, item: SessionRow) -> tuple[list[Text], int]:
        return [
            Text(f"{item.started:%a %d %b %Y %H:%M}"),
            Text(safe_text(item.routine)),
            Text(item.status, style=STATUS_STYLE.get(item.status, "")),
            Text(time_text(item)),
            Text(safe_text(item.owed), style=OWED_STYLE),
        ], 1

    def narrow_row(self, item: SessionRow) -> tuple[list[Text], int]:
        when = Text(f"{item.started:%a %d %b %y}\n{item.started:%H:%M} · {time_text(item)}")
        what = cut(safe_text(item.routine))
        what.append("\n")
        what.append(item.status, style=STATUS_STYLE.get(item.status, ""))
        if item.owed:
            what.append(f" · owed {safe_text(item.owed)}", style=OWED_STYLE)
        return [when, what], 2

    def column_widths(
        self, rows: Sequence[Sequence[Text]], headings: Sequence[str]
    ) -> list[int | None]:
        # The owed sides (wide) or the routine's name (narrow) give way to the rest.
        return self.cutting(rows, headings, flexible=1 if self.narrow else 4)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Opened(event.row_key.value))
