"""Provides the routine detail view: what a routine asks, and its safety notes, before it plays.

The library opens it on enter; enter here plays, escape goes back. Every piece
of the routine's own text (name, summary, description, tags, exercises, cues)
is shown through `safe_text` and as plain content, so neither a terminal escape
nor Textual markup written in the file does anything but show.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from evenside.balance.tracker import RoutineBalance
from evenside.terminal_text import safe_text
from evenside.ui.screens.library.balance_bar import FLAG, balance_bar, behind_words
from evenside.ui.screens.library.entries import LibraryEntry
from evenside.ui.screens.library.step_lines import step_lines

DESCRIPTION_TITLE = "Before you start"
"""Above the description: where a routine's author puts its safety notes."""
NO_DESCRIPTION = "This routine has no notes. Stop if anything hurts more than a stretch should."


LIST_MARKS = ("-", "*", "•")


def _starts_item(line: str) -> bool:
    """True for a line that begins a list item ("- ...", "* ...", "1. ...")."""
    first = line.split(" ", 1)[0]
    return first in LIST_MARKS or (first[:-1].isdigit() and first[-1:] in ".)")


def reflowed(description: str) -> str:
    """The description with its hard-wrapped lines joined, so it wraps to the screen.

    A YAML block keeps the author's line breaks at their editor's width; drawn as
    they are in a narrower terminal they break twice. Blank lines (paragraphs) and
    list items stay on lines of their own.
    """
    out: list[str] = []
    for raw in description.strip().splitlines():
        line = raw.strip()
        joins = out and out[-1] and line and not _starts_item(line)
        if joins:
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out)


def facts_line(entry: LibraryEntry) -> str:
    """'Total 1:40 + 1 set · hips, daily · yours'."""
    parts = [f"Total {entry.time_text}"]
    if entry.tags:
        parts.append(", ".join(safe_text(tag) for tag in entry.tags))
    parts.append("bundled" if entry.bundled else "yours")
    return " · ".join(parts)


def balance_line(balance: RoutineBalance | None) -> Text:
    """'This week L ░███│████ R ⚑  the right side is behind this week', or that none is known."""
    if balance is None:
        return Text("This week: nothing recorded yet", style="dim")
    line = Text("This week L ")
    bar = balance_bar(balance)
    # The flag goes after the words "R", not inside the bar: "L ███│██░░ R ⚑".
    line.append_text(bar[: len(bar) - 2] if balance.flagged else bar)
    line.append(" R")
    behind = behind_words(balance)
    if behind:
        line.append(f" {FLAG} {behind}", style="bold")
    return line


class RoutineDetailScreen(Screen[bool]):
    """One routine, whole: summary, notes, tags, total time, steps and balance.
    Dismissed with True to play it, False to go back to the list."""

    DEFAULT_CSS = """
    RoutineDetailScreen #detail-scroll { height: 1fr; padding: 0 1; }
    RoutineDetailScreen #detail-name { text-style: bold; }
    RoutineDetailScreen #detail-summary { color: $text-muted; }
    RoutineDetailScreen .detail-heading { text-style: bold; margin: 1 0 0 0; color: $accent; }
    RoutineDetailScreen #detail-description { border-left: thick $warning; padding: 0 1; }
    RoutineDetailScreen #detail-care { color: $warning; }
    RoutineDetailScreen #detail-steps { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "Play"),
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
    ]

    def __init__(
        self, entry: LibraryEntry, balance: RoutineBalance | None = None, care: str = ""
    ) -> None:
        super().__init__()
        if entry.routine is None:
            raise ValueError("a routine with errors has no detail view")
        self.entry = entry
        self.routine = entry.routine
        self.balance = balance
        self.care = care

    def compose(self) -> ComposeResult:
        routine = self.routine
        with VerticalScroll(id="detail-scroll"):
            yield Static(Content(safe_text(routine.name)), id="detail-name")
            if routine.summary:
                yield Static(Content(safe_text(routine.summary)), id="detail-summary")
            yield Static(Content(facts_line(self.entry)), id="detail-facts")
            yield Static(balance_line(self.balance), id="detail-balance")
            if self.care:
                yield Static(Content(f"♡ {safe_text(self.care)}"), id="detail-care")
            yield Static(DESCRIPTION_TITLE, classes="detail-heading")
            description = (routine.description or "").strip()
            text = safe_text(reflowed(description), keep_newlines=True)
            yield Static(Content(text if description else NO_DESCRIPTION), id="detail-description")
            yield Static("Steps", classes="detail-heading")
            with Vertical(id="detail-steps"):
                for line in step_lines(routine):
                    # One widget a line, indented as a whole: a long cue wraps under itself.
                    text = line.lstrip(" ")
                    step = Static(Content(text), classes="detail-step")
                    step.styles.padding = (0, 0, 0, len(line) - len(text))
                    yield step
        yield Footer()

    def on_mount(self) -> None:
        self.title = "evenside"
        self.sub_title = safe_text(self.routine.name)
        self.query_one("#detail-scroll").focus()

    def action_play(self) -> None:
        """Play the routine."""
        self.dismiss(True)

    def action_back(self) -> None:
        """Back to the list, nothing played."""
        self.dismiss(False)
