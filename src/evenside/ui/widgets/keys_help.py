"""Provides the `?` screen: every key of the screen below, with what it does.

The key bar keeps the keys that matter at any width; this screen lists all of
them, whatever the width. Any of escape, `?`, q or enter closes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def keys_table(rows: Sequence[tuple[str, str]]) -> Table:
    """One row per key: the key in bold, then what it does (wrapped in a narrow terminal,
    under its own column)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, what in rows:
        table.add_row(key, what)
    return table


class KeysHelp(ModalScreen[None]):
    """Lists `rows` (key, what it does) over the screen that opened it."""

    DEFAULT_CSS = """
    KeysHelp { align: center middle; }
    KeysHelp > VerticalScroll {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $accent;
        border-title-align: center;
        background: $surface;
    }
    KeysHelp Static { width: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,enter", "dismiss", "Close"),
    ]

    def __init__(self, rows: Sequence[tuple[str, str]], *, title: str = "Keys") -> None:
        super().__init__()
        self.rows = list(rows)
        self.title_text = title

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = f"{self.title_text} · esc closes"
            yield Static(keys_table(self.rows), id="keys-help-table")
