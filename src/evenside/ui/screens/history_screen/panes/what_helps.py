"""Provides the "what helps" table: per routine, the average change in pain and what it rests on."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from evenside.pain.care import RoutineCare
from evenside.pain.trends import FOLLOWING_DAYS, RoutineEffect


def change_text(change: float | None, sessions: int) -> str:
    """'-0.35 (10 sessions)'; a dash when nothing was rated."""
    if change is None:
        return "-"
    noun = "session" if sessions == 1 else "sessions"
    return f"{change:+.2f} ({sessions} {noun})"


class WhatHelpsTable(DataTable[Text]):
    """Each routine rated in the window; below zero means less pain."""

    DEFAULT_CSS = """
    WhatHelpsTable { height: auto; max-height: 10; }
    """

    COLUMNS = ("Routine", "Before → after", f"Over the next {FOLLOWING_DAYS} days", "Care")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.effects: list[RoutineEffect] = []

    def on_mount(self) -> None:
        self.add_columns(*self.COLUMNS)

    def show(self, effects: list[RoutineEffect], marked: dict[str, RoutineCare]) -> None:
        """Fill the table; a routine in `marked` keeps leaving you sorer and says so."""
        self.effects = effects
        self.clear()
        for number, effect in enumerate(effects):
            care = marked.get(effect.routine)
            self.add_row(
                Text(effect.routine),
                Text(change_text(effect.after_change, effect.after_sessions)),
                Text(change_text(effect.later_change, effect.later_sessions)),
                Text(f"sorer {care.worse} of last {care.rated}", style="bold #f0b429")
                if care
                else Text(""),
                key=str(number),
            )
