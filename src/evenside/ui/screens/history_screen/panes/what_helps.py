"""Provides the "what helps" table: per routine, the average change in pain and what it rests on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text

from evenside.pain.care import RoutineCare
from evenside.pain.trends import FOLLOWING_DAYS, RoutineEffect
from evenside.terminal_text import safe_text
from evenside.ui.screens.history_screen.panes.fitted_table import FittedTable, cut

CARE_STYLE = "bold #f0b429"


def change_text(change: float | None, sessions: int, *, short: bool = False) -> str:
    """'-0.35 (10 sessions)', or '-0.35 (10)' short; a dash when nothing was rated."""
    if change is None:
        return "-"
    if short:
        return f"{change:+.2f} ({sessions})"
    noun = "session" if sessions == 1 else "sessions"
    return f"{change:+.2f} ({sessions} {noun})"


class WhatHelpsTable(FittedTable[RoutineEffect]):
    """Each routine rated in the window; below zero means less pain. Narrow, the two
    changes stack under their names."""

    DEFAULT_CSS = """
    WhatHelpsTable { height: auto; max-height: 10; }
    """

    WIDE: ClassVar[tuple[str, ...]] = (
        "Routine",
        "Before → after",
        f"Over the next {FOLLOWING_DAYS} days",
        "Care",
    )
    NARROW: ClassVar[tuple[str, ...]] = ("Routine", "Change (sessions)")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marked: dict[str, RoutineCare] = {}

    @property
    def effects(self) -> list[RoutineEffect]:
        """The routines on show."""
        return self.items

    def show_effects(self, effects: list[RoutineEffect], marked: dict[str, RoutineCare]) -> None:
        """Fill the table; a routine in `marked` keeps leaving you sorer and says so."""
        self.marked = marked
        self.show(effects)

    def _care(self, effect: RoutineEffect) -> Text:
        care = self.marked.get(effect.routine)
        return (
            Text(f"sorer {care.worse} of last {care.rated}", style=CARE_STYLE) if care else Text("")
        )

    def wide_row(self, item: RoutineEffect) -> tuple[list[Text], int]:
        return [
            Text(safe_text(item.routine)),
            Text(change_text(item.after_change, item.after_sessions)),
            Text(change_text(item.later_change, item.later_sessions)),
            self._care(item),
        ], 1

    def narrow_row(self, item: RoutineEffect) -> tuple[list[Text], int]:
        name = cut(safe_text(item.routine))
        care = self._care(item)
        if care:
            name.append("\n")
            name.append_text(care)
        after = change_text(item.after_change, item.after_sessions, short=True)
        later = change_text(item.later_change, item.later_sessions, short=True)
        change = Text(f"after  {after}\n{FOLLOWING_DAYS} days {later}")
        return [name, change], 2

    def column_widths(
        self, rows: Sequence[Sequence[Text]], headings: Sequence[str]
    ) -> list[int | None]:
        return self.cutting(rows, headings, flexible=0)
