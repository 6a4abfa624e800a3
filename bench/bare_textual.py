"""Provides the peer for memory figures: a bare Textual app showing one label."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class BareApp(App[None]):
    """One label; q quits."""

    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Label("bare textual")


if __name__ == "__main__":
    BareApp().run()
