"""Provides the history pane interface: what the history screen needs to know to show one pane."""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.widget import Widget
from textual.widgets import Static

from evenside.history.aggregates import HistoryFilter, HistoryWindow


@dataclass(frozen=True)
class FilteredHistory:
    """The history as the screen shows it now: the database, today and the filters."""

    conn: sqlite3.Connection
    """The history database."""
    window: HistoryWindow
    """Today, and how dates and times are read."""
    filters: HistoryFilter
    """The days, routine and exercise the person chose."""


class HistoryPane(ABC):
    """One pane of the history screen. The screen holds its panes in one ordered list and
    derives the rest from it: a pane's key is its place in that list (1 for the first),
    and the pane bar, the key bindings and the "1-4" hint follow from the list.

    A pane keeps no state of its own (the screen may be open twice, one over the other):
    what it shows lives in its widgets, inside the screen's container with the pane's id.
    """

    id: ClassVar[str]
    """The id of the pane's container (and the argument of `show_pane`)."""
    title: ClassVar[str]
    """Its name in the pane bar."""
    focus: ClassVar[type[Widget] | None] = None
    """The widget that takes the keys when the pane is shown; None leaves focus alone."""

    @abstractmethod
    def widgets(self) -> list[Widget]:
        """The pane's widgets before their numbers are in, built when it is first shown."""

    @abstractmethod
    def load(self, container: Widget, history: FilteredHistory) -> None:
        """Read `history` and show it in the widgets of `container` (once per filter)."""


NARROW_BELOW = 70
"""Under this many columns (a phone over SSH) the panes stack what sits side by side."""


def is_narrow(width: int) -> bool:
    """True when a screen `width` cells wide shows the panes' narrow layouts."""
    return 0 < width < NARROW_BELOW


def pane_keys(panes: Sequence[HistoryPane]) -> list[tuple[str, HistoryPane]]:
    """Each pane with the digit that shows it: its place in `panes`, from 1."""
    if len(panes) > 9:
        # Digits are the keys; a tenth pane would need a key of another kind.
        raise ValueError(f"a history screen shows at most 9 panes, not {len(panes)}")
    return [(str(number), pane) for number, pane in enumerate(panes, 1)]


def keys_hint(panes: Sequence[HistoryPane]) -> str:
    """The keys of `panes` as the key bar shows them: '1-4' (or '1' for a single pane)."""
    return "1" if len(panes) == 1 else f"1-{len(panes)}"


def days_text(days: int) -> str:
    """'today' or 'the last 30 days'."""
    return "today" if days == 1 else f"the last {days} days"


def nothing_text(history: FilteredHistory) -> str:
    """What a pane says when the window holds nothing."""
    return f"Nothing recorded in {days_text(history.filters.days)}."


def show_note(note: Static, text: str) -> None:
    """Put `text` in `note`, hidden when there is nothing to say."""
    note.update(text)
    note.display = bool(text)
