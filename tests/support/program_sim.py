"""Provides a program lived day by day: real routine files, a real history, a fake clock.

`ProgramSim` takes a program up in a fresh SQLite history and plays its routines
through the engine on a `FakeClock` at chosen wall times (through the same dose
hook the player uses), rates pain after, and checks in each morning, so six
weeks run in well under a second. The program starts on Monday 2024-04-01.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import expand
from evenside.history.checkins import Checkin, save_checkin
from evenside.history.db import open_database
from evenside.history.recorder import HistoryRecorder
from evenside.history.store import HistoryStore
from evenside.history.timestamps import to_iso
from evenside.program.active import dosed_routine
from evenside.program.loader import load_program
from evenside.program.progression import Suggestion
from evenside.program.status import ProgramStatus, accept, decline, status_of, take_up
from evenside.routine.loader import load_routine
from tests.support.routine_files import write_routine
from tests.support.session_builders import play_to_the_end

START = date(2024, 4, 1)
"""A Monday: week 1 of every simulated program."""

STRETCH = """\
name: Supine stretch
defaults: {prep: 0, switch: 5s, sides: both}
steps:
  - exercise: Supine release
    id: supine
    hold: 1m
"""
QUICK_STRETCH = STRETCH.replace("hold: 1m", "hold: 1s").replace("switch: 5s", "switch: 0")
"""The same routine, played through in two seconds (for tests that play it in real time)."""
STRENGTH = """\
name: Clam strength
defaults: {prep: 0, switch: 5s, sides: both}
steps:
  - exercise: Clamshell
    id: clam
    reps: 10
    tempo: 2s
"""
PROGRAM = """\
name: Test rehab
weeks: 6
schedule:
  - routine: stretch
    days: daily
    times: 2
  - routine: strength.yaml
    days: [mon, wed, fri]
progress:
  every: 1 week
  hold: +5s up to 1m10s
  reps: +2 up to 14
  pain:
    during: 5
    morning: no worse
"""


def write_program(folder: Path, program: str = PROGRAM, stretch: str = STRETCH) -> Path:
    """The routine files and the program in `folder`; the program's path."""
    write_routine(folder, stretch, "stretch.yaml")
    write_routine(folder, STRENGTH, "strength.yaml")
    return write_routine(folder, program, "test-rehab.yaml")


def day_of(week: int, weekday: int) -> date:
    """The date of `weekday` (Monday 0) in program week `week`."""
    return START + timedelta(days=7 * (week - 1) + weekday)


class ProgramSim:
    """One program taken up on START in a fresh history at `history`."""

    def __init__(self, folder: Path, history: Path, program: str = PROGRAM) -> None:
        self.path = write_program(folder, program)
        self.history = history
        self.store = HistoryStore(open_database(history))
        self.program = load_program(self.path)
        self.enrolment = take_up(
            self.store.conn, self.program, START, now=lambda: datetime(2024, 4, 1, 7, tzinfo=UTC)
        )

    def close(self) -> None:
        """Close the history."""
        self.store.conn.close()

    def play(self, day: date, key: str, after: tuple[int, int] | None = None, hour: int = 9) -> str:
        """Play the routine `key` on `day` at `hour` (UTC) at the program's doses; rate pain
        after (left, right). The session id."""
        line = self.program.line_for(key)
        assert line is not None and line.routine.source is not None
        routine = dosed_routine(load_routine(line.routine.source), self.history, today=day)
        clock = FakeClock()
        session = Session(expand(routine), clock)
        when = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
        recorder = HistoryRecorder.for_routine(self.store, routine, now=lambda: when)
        session.subscribe(recorder)
        play_to_the_end(session, clock)
        assert recorder.session_id is not None
        if after is not None:
            self.store.add_rating(recorder.session_id, "after", "left", after[0])
            self.store.add_rating(recorder.session_id, "after", "right", after[1])
        return recorder.session_id

    def morning(self, day: date, left: int, right: int) -> None:
        """Check in on `day` at 07:00."""
        stamp = to_iso(datetime(day.year, day.month, day.day, 7, tzinfo=UTC))
        save_checkin(self.store.conn, Checkin(day, "left", left, stamp))
        save_checkin(self.store.conn, Checkin(day, "right", right, stamp))

    def day(
        self, day: date, after: tuple[int, int] = (2, 2), morning: tuple[int, int] | None = (2, 2)
    ) -> None:
        """A full day: the check-in, then everything due, rated `after`."""
        if morning is not None:
            self.morning(day, *morning)
        for due in self.status(day).due:
            for time in range(due.left):
                self.play(day, due.key, after, hour=9 + 6 * time)

    def status(self, day: date) -> ProgramStatus:
        """The program on `day`."""
        return status_of(self.store.conn, self.program, self.enrolment, day)

    def accept(self, suggestion: Suggestion, day: date) -> None:
        """Say yes to `suggestion` at 08:00 on `day`."""
        moment = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
        accept(self.store.conn, self.program, suggestion, now=lambda: moment)

    def decline(self, suggestion: Suggestion, day: date, hour: int = 8) -> None:
        """Say no to `suggestion` at `hour` (UTC) on `day`."""
        moment = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
        decline(self.store.conn, self.program, suggestion, now=lambda: moment)

    def dose(self, day: date, key: str, exercise_id: str, side: str) -> int:
        """The dose of an exercise and side on `day`."""
        for dose in self.status(day).doses[key]:
            if dose.exercise_id == exercise_id and dose.side == side:
                return dose.value
        raise KeyError((key, exercise_id, side))
