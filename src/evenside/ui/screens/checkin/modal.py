"""Provides the morning check-in modal: left then right, one key each, skippable.

A digit 0-9 answers a side (t is 10), enter or s skips it, escape skips the
rest. It never blocks: it is offered over the library and closes at once.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Static

from evenside.program.checkin_offer import QUESTION

Answers = dict[str, int | None]
SIDES = ("left", "right")
KEYS_HINT = "0-9 (t = 10) answers, enter skips a side, escape skips the check-in"


class CheckinModal(ModalScreen[Answers]):
    """Asks the morning check-in; dismissed with the answers given (None for a skipped side)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip_all", "Skip"),
        Binding("enter,s", "skip_side", "Skip side"),
    ]
    CSS_PATH = "checkin.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.answers: Answers = {side: None for side in SIDES}
        self.side_index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin-box"):
            yield Static(QUESTION, id="checkin-question")
            yield Static(self._progress(), id="checkin-sides")
            yield Static(KEYS_HINT, id="checkin-hint")

    def _progress(self) -> str:
        parts = []
        for index, side in enumerate(SIDES):
            value = self.answers[side]
            shown = "-" if value is None else str(value)
            mark = "▸ " if index == self.side_index else "  "
            parts.append(f"{mark}{side}: {shown if index < self.side_index else '_'}")
        return "    ".join(parts)

    def on_key(self, event: Key) -> None:
        character = event.character or ""
        if character.isdigit() or character == "t":
            event.stop()
            self._answer(10 if character == "t" else int(character))

    def _answer(self, value: int | None) -> None:
        self.answers[SIDES[self.side_index]] = value
        self.side_index += 1
        if self.side_index >= len(SIDES):
            self.dismiss(self.answers)
            return
        self.query_one("#checkin-sides", Static).update(self._progress())

    def action_skip_side(self) -> None:
        """Leave this side unanswered."""
        self._answer(None)

    def action_skip_all(self) -> None:
        """Close with what was given so far."""
        self.dismiss(self.answers)
