"""Provides the owed-side offer before a routine starts: "Add the owed right side of ...? y/n"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from evenside.balance.owed import OwedSide
from evenside.ui.screens.owed.plan import offer_question

NARROW_BELOW_60 = [(0, "-narrow"), (60, "-roomy")]
"""Below 60 columns the offer loses its padding and gaps, so the question keeps its room."""


class OwedOffer(ModalScreen[bool]):
    """Offers to do the owed sides first: y answers True, n or escape False (start as written)."""

    DEFAULT_CSS = """
    OwedOffer { align: center middle; }
    #owed-dialog {
        grid-size: 2;
        grid-gutter: 1 2;
        grid-rows: auto auto 3;
        padding: 1 2;
        width: 56;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent;
        background: $surface;
    }
    #owed-question { column-span: 2; width: 1fr; content-align: center middle; text-style: bold; }
    #owed-note { column-span: 2; width: 1fr; content-align: center middle; color: $text-muted; }
    #owed-dialog Button { width: 1fr; min-width: 8; }
    OwedOffer.-narrow #owed-dialog { padding: 0 1; grid-gutter: 0 1; }
    """

    HORIZONTAL_BREAKPOINTS = NARROW_BELOW_60

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes, add"),
        Binding("n", "answer(False)", "No, start"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, owed: Sequence[OwedSide]) -> None:
        super().__init__()
        self.owed = list(owed)
        self.question = offer_question(self.owed)

    def compose(self) -> ComposeResult:
        with Grid(id="owed-dialog"):
            yield Label(f"{self.question} y/n", id="owed-question")
            yield Label("They are done first, then the routine.", id="owed-note")
            yield Button("Add (y)", variant="primary", id="owed-yes")
            yield Button("Start as is (n)", id="owed-no")

    def on_mount(self) -> None:
        self.query_one("#owed-yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "owed-yes")

    def action_answer(self, add: bool) -> None:
        """Close the offer with the answer."""
        self.dismiss(add)
