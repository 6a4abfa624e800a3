"""Provides the peer for memory figures: a bare Textual app showing one label."""

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Label


class BareApp(App[None]):
    """One label; q quits."""

    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Label("bare textual")


if __name__ == "__main__":
    BareApp().run()
