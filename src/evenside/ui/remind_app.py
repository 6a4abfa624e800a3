"""Provides `remind_tui`: desk mode in the TUI, waiting on the remind screen and playing breaks.

The app is the ordinary evenside app (same player, summary, sound, history and
balance hooks) with the remind screen at the bottom of the stack: a break
pushes the player over it, and closing the summary pops back to waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import events, on

from evenside.desk.break_plan import BreakPlanner
from evenside.desk.nudge import Nudger
from evenside.desk.prompt import BreakPlan
from evenside.desk.records import local_now
from evenside.desk.schedule import ReminderSchedule
from evenside.engine.clock import Clock
from evenside.playback.assembly import SessionAssembly
from evenside.routine.model import Routine
from evenside.ui.app import EvensideApp
from evenside.ui.screens.remind.screen import RemindScreen
from evenside.ui.screens.summary.screen import SummaryScreen

BreakEnded = Callable[[datetime], bool]
"""Given when the break began, records it and says whether it counts as taken."""

REMIND_CSS = """
#remind-body { height: 1fr; padding: 1 2; align: center middle; }
#remind-heading { width: 1fr; text-align: center; color: $text-muted; text-style: bold; }
#remind-wait { width: 1fr; text-align: center; text-style: bold; }
#remind-count { width: 1fr; text-align: center; }
#remind-prompt { width: 1fr; height: auto; text-align: center; margin: 1 0 0 0; }
RemindScreen.-due #remind-heading { color: $warning; }
RemindScreen.-due #remind-prompt { background: $warning; color: $background; text-style: bold; }
"""


class RemindApp(EvensideApp):
    """The evenside app in desk mode: waits on the remind screen, plays a break when asked."""

    CSS = REMIND_CSS

    def __init__(
        self,
        routine: Routine,
        schedule: ReminderSchedule,
        planner: BreakPlanner,
        *,
        on_skip: Callable[[BreakPlan], None],
        on_break_ended: BreakEnded,
        nudger: Nudger | None = None,
        clock: Clock | None = None,
        assembly: SessionAssembly | None = None,
        now: Callable[[], datetime] = local_now,
    ) -> None:
        super().__init__(None, assembly=assembly, clock=clock, entries=[])
        self.break_routine = routine
        self.planner = planner
        self.remind_screen = RemindScreen(schedule, planner.plan, nudger, now=now)
        self.on_skip = on_skip
        self.on_break_ended = on_break_ended
        self.now = now
        self._break_began: datetime | None = None

    @on(events.Mount)
    def show_remind_screen(self, event: events.Mount) -> None:
        """Open on the remind screen."""
        # Not the library: desk mode waits on its own screen (and the base app's
        # handler, which would open the library, is not run).
        event.prevent_default()
        self.push_screen(self.remind_screen)

    def on_remind_screen_break_requested(self, message: RemindScreen.BreakRequested) -> None:
        self._break_began = self.now()
        # Play with the chooser the prompt was planned with, so the side named goes first.
        self.choose = self.planner.chooser
        self.start_session(self.break_routine)

    def on_remind_screen_break_skipped(self, message: RemindScreen.BreakSkipped) -> None:
        self.on_skip(message.plan)

    def on_summary_screen_closed(self, message: SummaryScreen.Closed) -> None:
        # Runs before the base app's handler, which closes the session and pops
        # back to this screen (with no first routine it does not quit).
        taken = False
        if self.played is not None:
            self.played.wait_for_history()  # the break's record is read on another connection
        if self._break_began is not None:
            taken = self.on_break_ended(self._break_began)
            self._break_began = None
        self.remind_screen.break_ended(taken)


def remind_tui(
    routine: Routine,
    schedule: ReminderSchedule,
    planner: BreakPlanner,
    *,
    on_skip: Callable[[BreakPlan], None],
    on_break_ended: BreakEnded,
    nudger: Nudger | None = None,
    assembly: SessionAssembly | None = None,
) -> list[str]:
    """Run desk mode in the TUI until the person quits (q); what the breaks could not
    write to the history, if anything."""
    app = RemindApp(
        routine,
        schedule,
        planner,
        on_skip=on_skip,
        on_break_ended=on_break_ended,
        nudger=nudger,
        assembly=assembly,
    )
    try:
        app.run()
    finally:
        # Also when the app ended abruptly: the break's sound, history and trace close.
        app.close_session()
    return app.unsaved_reports
