"""Provides the "Stop this session?" question, a yes/no modal dismissed with the answer."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class StopDialog(ModalScreen[bool]):
    """Asks whether to stop the session: y (or the Stop button) answers True, n or escape False."""

    DEFAULT_CSS = """
    StopDialog { align: center middle; }
    #stop-dialog {
        grid-size: 2;
        grid-gutter: 1 2;
        grid-rows: auto auto 3;
        padding: 1 2;
        width: 44;
        max-width: 100%;
        height: auto;
        border: thick $warning;
        background: $surface;
    }
    #stop-question { column-span: 2; width: 1fr; content-align: center middle; text-style: bold; }
    #stop-note { column-span: 2; width: 1fr; content-align: center middle; color: $text-muted; }
    #stop-dialog Button { width: 1fr; min-width: 8; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes, stop"),
        Binding("n", "answer(False)", "No, go on"),
        Binding("escape", "answer(False)", "Back", show=False),
    ]

    def __init__(self, question: str = "Stop this session?") -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Grid(id="stop-dialog"):
            yield Label(self.question, id="stop-question")
            yield Label("Paused. What you did so far is kept.", id="stop-note")
            yield Button("Stop (y)", variant="error", id="stop-yes")
            yield Button("Go on (n)", variant="primary", id="stop-no")

    def on_mount(self) -> None:
        # Focus "go on", so a stray enter never ends a session by accident.
        self.query_one("#stop-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "stop-yes")

    def action_answer(self, stop: bool) -> None:
        """Close the dialog with the answer."""
        self.dismiss(stop)
