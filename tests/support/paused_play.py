"""Provides a session played with a long pause on a fake clock, recorded, with its summary.

`play_paused` plays the Psoas release of `history_fixtures` through the engine
and the history recorder, pausing once part-way into the first left lunge for
`PAUSE_MS` (a little over five minutes: the phone rang), and keeps what the
end-of-session summary says (`plain.summary.summary_lines`, the rows the TUI's
summary draws too), so a test can hold every other place to the same time taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind, expand
from evenside.history.recorder import HistoryRecorder
from evenside.history.store import HistoryStore
from evenside.plain.summary import summary_lines
from evenside.routine.model import Side
from evenside.wording import clock_done
from tests.support.history_fixtures import PSOAS
from tests.support.session_builders import Act, play_to_the_end

PAUSE_MS = 5 * 60_000 + 400
"""How long the pause lasts: five minutes and a bit, so a rounding slip shows."""
INTO_HOLD_MS = 20_250
"""How far into the first left lunge the pause comes."""


@dataclass(frozen=True)
class PausedPlay:
    """One recorded session with a pause, and what its summary said."""

    session_id: str
    taken: str
    """The summary's time taken, as it shows it ("4:11")."""
    summary: list[str]
    """The summary's lines (the first ends "time taken 4:11")."""
    span: str
    """Start to end, pause included, as the history showed it before it kept pauses."""


def pause_once(pause_ms: int = PAUSE_MS, *, stop_while_paused: bool = False) -> Act:
    """Pause `INTO_HOLD_MS` into the first left lunge for `pause_ms`, then resume (or stop
    while still paused)."""
    done = False

    def act(session: Session, interval: Interval, clock: FakeClock) -> bool:
        nonlocal done
        if done or interval.kind is not IntervalKind.WORK or interval.side is not Side.LEFT:
            return False
        done = True
        clock.advance_ms(INTO_HOLD_MS)
        session.update()
        session.pause()
        clock.advance_ms(pause_ms)
        if stop_while_paused:
            session.stop()
        else:
            session.resume()
        return True

    return act


def play_paused(
    store: HistoryStore, when: datetime, *, stop_while_paused: bool = False
) -> PausedPlay:
    """Play the Psoas release at wall time `when` with one long pause; record it in `store`."""
    clock = FakeClock()
    began_ns = clock.now_ns
    session = Session(expand(PSOAS), clock)
    recorder = HistoryRecorder.for_routine(store, PSOAS, now=lambda: when)
    session.subscribe(recorder)
    play_to_the_end(session, clock, pause_once(stop_while_paused=stop_while_paused))
    assert recorder.session_id is not None and session.finished
    wall_ms = (clock.now_ns - began_ns) // 1_000_000
    return PausedPlay(
        recorder.session_id,
        clock_done(session.session_elapsed_ms()),
        summary_lines(session),
        clock_done(wall_ms),
    )
