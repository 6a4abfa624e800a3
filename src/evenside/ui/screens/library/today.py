"""Provides the library's Today section: the running program's routines due today and done,
its suggestions, and enter to play the next one due. It also offers the morning check-in
the first time the library opens on the day after a session. Hidden without a program."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from evenside.history.timestamps import local_today
from evenside.locations import history_path
from evenside.program.active import program_runs
from evenside.routine.model import Routine
from evenside.terminal_text import safe_text

if TYPE_CHECKING:
    from evenside.program.status import ProgramStatus

# The program, check-in and routine-loading modules are imported where they are used:
# without a running program (the common case) the library's first frame needs none of them.


def read_status(path: Path | None, today: date) -> ProgramStatus | str | None:
    """The running program (None: none; text: why it cannot be shown)."""
    where = path or history_path()
    if not where.exists() or not program_runs(where, today):
        # Asked of the file alone (read-only, the standard library only) first.
        return None
    from evenside.history.db import open_database
    from evenside.program.enrolled import ProgramProblem
    from evenside.program.status import program_status

    try:
        with closing(open_database(where)) as conn:
            return program_status(conn, today)
    except ProgramProblem as error:
        return f"{error}; 'evenside program stop' ends it"
    except (sqlite3.Error, OSError, RuntimeError):
        return None


def today_lines(status: ProgramStatus) -> list[str]:
    """The section's lines."""
    program = status.program
    of = f" of {program.weeks}" if program.weeks else ""
    week = "finished" if status.finished else f"week {status.week}{of}"
    lines = [f"Today · {safe_text(program.name)} · {week}"]
    parts = []
    for due in status.due:
        tick = "✓" if due.left == 0 else "•"
        parts.append(f"{tick} {safe_text(due.name)} {due.done}/{due.times}")
    lines.append("  " + ("   ".join(parts) if parts else "nothing due today"))
    lines += [f"  Suggested: {safe_text(s.text)}" for s in status.suggestions[:3]]
    if status.suggestions:
        lines.append("  'evenside program step' answers them")
    upcoming = status.next_due()
    if upcoming is not None:
        lines.append(f"  enter plays {safe_text(upcoming.name)}")
    return lines


class TodaySection(Static, can_focus=True):
    """The running program today, above the routines; enter plays the next one due."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "play_next", "Play next due")]
    DEFAULT_CSS = """
    TodaySection { height: auto; padding: 0 2; margin: 0 0 1 0; border-left: wide $accent; }
    TodaySection:focus { background: $boost; }
    """

    class PlayDue(Message):
        """The person chose to play the next routine due today."""

        def __init__(self, routine: Routine) -> None:
            super().__init__()
            self.routine = routine

    def __init__(self, history: Path | None = None, today: date | None = None) -> None:
        super().__init__("", id="library-today", markup=False)
        self.history = history
        self.today = today
        self.status: ProgramStatus | None = None

    def on_mount(self) -> None:
        self.refresh_status()
        self.call_after_refresh(self._offer_checkin)

    @property
    def has_due(self) -> bool:
        """True when a routine is still due today."""
        return self.status is not None and self.status.next_due() is not None

    def refresh_status(self) -> None:
        """Read the program again (after a session) and redraw."""
        found = read_status(self.history, self.today or local_today())
        self.status = found if found is not None and not isinstance(found, str) else None
        if isinstance(found, str):
            self.update(f"Today · {safe_text(found)}")
        elif self.status is not None:
            self.update("\n".join(today_lines(self.status)))
        self.display = found is not None

    def action_play_next(self) -> None:
        """Play the first routine with times still due today."""
        upcoming = self.status.next_due() if self.status is not None else None
        if upcoming is None or upcoming.path is None:
            self.notify("Nothing more is due today.")
            return
        from evenside.routine.diagnostics import RoutineError
        from evenside.routine.loader import load_routine

        try:
            routine = load_routine(upcoming.path)
        except RoutineError as error:
            self.notify(
                str(error.diagnostics[0]), title="This routine has errors", severity="error"
            )
            return
        self.post_message(self.PlayDue(routine))

    def _offer_checkin(self) -> None:
        from evenside.program.checkin_offer import save_answers, should_offer

        day = self.today or local_today()
        if not should_offer(self.history, day):
            return
        from evenside.ui.screens.checkin.modal import Answers, CheckinModal

        def answered(answers: Answers | None) -> None:
            problem = save_answers(self.history, day, answers or {})
            if problem is not None:
                self.notify(problem, severity="error")
            elif answers and any(v is not None for v in answers.values()):
                self.notify("Checked in. Thank you.")
                self.refresh_status()

        self.app.push_screen(CheckinModal(), answered)
