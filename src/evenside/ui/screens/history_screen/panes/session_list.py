"""Provides the session list: date, routine, status, time and owed sides; enter opens one."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from evenside.history.session_list import SessionRow
from evenside.wording import clock_done

STATUS_STYLE = {"completed": "", "stopped": "#f0b429", "interrupted": "#ff6b6b", "open": "dim"}


class SessionList(DataTable[Text]):
    """The sessions of the window, newest first."""

    DEFAULT_CSS = """
    SessionList { height: 1fr; }
    """

    COLUMNS = ("Date", "Routine", "Status", "Time", "Owed")

    class Opened(Message):
        """The person asked to see one session."""

        def __init__(self, session_id: str) -> None:
            super().__init__()
            self.session_id = session_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.sessions: list[SessionRow] = []

    def on_mount(self) -> None:
        self.add_columns(*self.COLUMNS)

    def show(self, sessions: list[SessionRow]) -> None:
        """Fill the list with `sessions`."""
        self.sessions = sessions
        self.clear()
        for row in sessions:
            time_text = "-"
            if row.duration_ms is not None:
                time_text = clock_done(row.duration_ms)
            self.add_row(
                Text(f"{row.started:%a %d %b %Y %H:%M}"),
                Text(row.routine),
                Text(row.status, style=STATUS_STYLE.get(row.status, "")),
                Text(time_text),
                Text(row.owed, style="#f0b429"),
                key=row.id,
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Opened(event.row_key.value))
