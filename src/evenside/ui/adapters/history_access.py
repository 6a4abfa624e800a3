"""Provides `HistoryAccess`: the TUI's short reads of the user's history (balance, owed, care).

Each read opens the database, asks, and closes it again, so it always sees
what the sessions before it wrote. A history that cannot be read answers
"nothing known": it must never stop the library from opening or a routine
from starting.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from evenside.balance.chooser import BalanceChooser, load_balance_chooser
from evenside.balance.owed import OwedSide, owed_sides
from evenside.balance.tracker import BalanceReport, balance_report
from evenside.history.db import open_database
from evenside.locations import history_path

if TYPE_CHECKING:
    from evenside.pain.care import RoutineCare

_READ_ERRORS = (sqlite3.Error, OSError, RuntimeError)


@dataclass(frozen=True)
class LibraryMarks:
    """What the library shows beside its routines: balance per exercise and care marks."""

    report: BalanceReport
    """The last week per exercise and side."""
    care: dict[str, RoutineCare] = field(default_factory=dict)
    """Routines that keep leaving a side sorer, by name."""


class HistoryAccess:
    """Reads the history at `path` (the user's history when None)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path

    def _open(self) -> sqlite3.Connection:
        return open_database(self.path or history_path())

    def chooser(self) -> BalanceChooser:
        """A side chooser from the history as it is now (for one session)."""
        return load_balance_chooser(self.path)

    def owed(self, exercise_ids: Iterable[str]) -> list[OwedSide]:
        """The sides owed for these exercises, oldest first."""
        ids = list(exercise_ids)
        if not ids:
            return []
        try:
            with closing(self._open()) as conn:
                return owed_sides(conn, ids)
        except _READ_ERRORS:
            return []

    def played_before(self, routine_name: str) -> bool:
        """True when the history holds a session of `routine_name` (False: its first time,
        or a history that cannot be read, where a safety note shown once more does no harm)."""
        try:
            with closing(self._open()) as conn:
                row = conn.execute(
                    "SELECT 1 FROM sessions WHERE routine = ? LIMIT 1", (routine_name,)
                ).fetchone()
        except _READ_ERRORS:
            return False
        return row is not None

    def library_marks(self) -> LibraryMarks:
        """Balance over the last week and the routines marked for care."""
        # Imported here: care pulls in the history aggregates, which only the library needs
        # (the player's first frame does not).
        from evenside.pain.care import marked_routines

        try:
            with closing(self._open()) as conn:
                return LibraryMarks(balance_report(conn), marked_routines(conn))
        except _READ_ERRORS:
            return LibraryMarks(BalanceReport(days=7, exercises=()))
