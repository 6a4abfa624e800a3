"""Provides the key bar: one line of keys that keeps the ones that matter at any width.

A Footer draws a widget per key and, in a narrow terminal, cuts the line at
the edge: at 40 columns only "q" was left. The key bar is one line of text;
each key has a priority, and when the line does not fit, the least needed keys
go first (their order kept), so stop and the `?` that lists every key always
stay. A click on a key does what the key does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.events import Resize
from textual.widgets import Static

SEPARATOR = "  "


@dataclass(frozen=True)
class KeyHint:
    """One key as the bar shows it."""

    key: str
    """The key as shown: "space", "n", "q"."""
    label: str
    """What it does, in a word: "Pause"."""
    action: str
    """The action a click runs, with its namespace: "screen.toggle_pause"."""
    priority: int = 0
    """0: always shown; the highest numbers are dropped first when the line is short."""

    @property
    def width(self) -> int:
        """Cells the hint takes."""
        return len(self.key) + 1 + len(self.label)


def fit_hints(hints: Sequence[KeyHint], width: int) -> list[KeyHint]:
    """The hints that fit in `width` cells, in their order: the least needed dropped first
    (the highest priority number, the last of equals). Priority 0 hints always stay."""
    kept = list(hints)

    def total() -> int:
        return sum(h.width for h in kept) + len(SEPARATOR) * max(0, len(kept) - 1)

    while total() > width:
        droppable = [h for h in kept if h.priority > 0]
        if not droppable:
            break
        worst = max(droppable, key=lambda h: (h.priority, kept.index(h)))
        kept.remove(worst)
    return kept


def hints_content(hints: Sequence[KeyHint]) -> Content:
    """The line for `hints`: each key bold, then its word; a click runs its action."""
    parts = [
        Content.from_markup(
            f"[bold $accent @click={h.action}]$key[/] $label", key=h.key, label=h.label
        )
        for h in hints
    ]
    return Content(SEPARATOR).join(parts)


class KeyBar(Static):
    """The bottom line of keys; the screen gives it every key it may show (`show_keys`)."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        padding: 0 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(
        self, hints: Sequence[KeyHint] = (), *, width: int = 80, id: str | None = None
    ) -> None:
        """`width`: the terminal's width, so the first frame is already fitted."""
        self._hints = tuple(hints)
        self._fitted: list[KeyHint] = fit_hints(self._hints, width - 2)
        super().__init__(hints_content(self._fitted), markup=False, id=id)

    @property
    def shown(self) -> list[KeyHint]:
        """The hints on the line now."""
        return list(self._fitted)

    def show_keys(self, hints: Sequence[KeyHint]) -> None:
        """Show these hints (as many as fit), from now on."""
        self._hints = tuple(hints)
        self._fit(self.content_size.width or self.app.size.width - 2)

    def _on_resize(self, event: Resize) -> None:
        self._fit(self.content_size.width)

    def _fit(self, width: int) -> None:
        fitted = fit_hints(self._hints, width)
        if fitted != self._fitted:
            self._fitted = fitted
            self.update(hints_content(fitted))
