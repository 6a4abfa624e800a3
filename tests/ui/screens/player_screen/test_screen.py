"""Provides Pilot tests of the player, the stop question and the summary, on a fake clock."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Digits

from evenside.engine.clock import FakeClock
from evenside.engine.events import (
    CueDue,
    IntervalStarted,
    IntervalStatus,
    SessionEvent,
    SessionStatus,
)
from evenside.engine.session import BACK_THRESHOLD_MS, Session
from evenside.engine.session_summary import summary_rows
from evenside.engine.timeline import IntervalKind, expand
from evenside.routine.model import Side
from evenside.ui.app import EvensideApp
from evenside.ui.screens.player_screen.keys import KEYS_HELP
from evenside.ui.screens.player_screen.screen import PlayerScreen
from evenside.ui.screens.player_screen.stop_dialog import StopDialog
from evenside.ui.screens.summary.screen import SummaryScreen
from evenside.ui.widgets.keys_help import KeysHelp
from evenside.ui.widgets.side_badge import SideBadge
from tests.support.player_pilot import (
    advance,
    lunge_app,
    player,
    player_text,
    screen_lines,
    static_text,
)
from tests.support.ui_routines import lunge_routine, transition_routine


def digits(pilot: Pilot[None]) -> str:
    """What the big timer shows."""
    return pilot.app.screen.query_one("#time-left", Digits).value


async def test_prep_shows_the_first_exercise_and_its_side() -> None:
    app, _clock = lunge_app()
    async with app.run_test(size=(80, 24)) as pilot:
        session = player(pilot).session
        assert session.current is not None and session.current.kind is IntervalKind.PREP
        assert player_text(pilot, "heading") == "Get ready"
        assert player_text(pilot, "exercise") == "Runner's lunge"
        assert player_text(pilot, "side") == "◀ LEFT"
        assert pilot.app.screen.query_one(SideBadge).has_class("-left")
        assert player_text(pilot, "set") == "set 1 of 2"
        assert digits(pilot) == "0:05"
        assert player_text(pilot, "routine-left") == "4:00 left"
        assert player_text(pilot, "next") == "Next: Runner's lunge · LEFT · set 1 of 2"


async def test_digits_follow_the_clock_into_the_hold_and_the_switch() -> None:
    app, clock = lunge_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 5)
        session = player(pilot).session
        assert session.current is not None and session.current.kind is IntervalKind.WORK
        assert digits(pilot) == "0:45"
        assert static_text(pilot, "#cue") == "Tuck your tail. No bouncing."
        await advance(pilot, clock, 1.5)
        assert digits(pilot) == "0:44"
        assert player_text(pilot, "routine-left") == "3:54 left"
        await advance(pilot, clock, 43.5)
        assert session.current is not None and session.current.kind is IntervalKind.SWITCH
        assert player_text(pilot, "heading") == "Switch sides"
        assert player_text(pilot, "side") == "RIGHT ▶"
        assert pilot.app.screen.query_one(SideBadge).has_class("-right")
        assert player_text(pilot, "next") == "Next: Runner's lunge · RIGHT · set 1 of 2"


async def test_space_pauses_freezes_the_digits_and_resumes() -> None:
    app, clock = lunge_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 10)
        assert digits(pilot) == "0:40"
        await pilot.press("space")
        session = player(pilot).session
        assert session.paused
        assert "PAUSED" in static_text(pilot, "#paused-banner")
        assert pilot.app.screen.query_one("#time-left").has_class("-paused")
        await advance(pilot, clock, 30)
        assert digits(pilot) == "0:40"
        await pilot.press("space")
        assert not session.paused
        assert static_text(pilot, "#paused-banner") == ""
        await advance(pilot, clock, 1)
        assert digits(pilot) == "0:39"


async def test_n_and_right_skip_and_record_skipped() -> None:
    app, clock = lunge_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 6)
        session = player(pilot).session
        await pilot.press("n")
        assert session.current is not None and session.current.index == 2
        await pilot.press("right")
        assert session.current is not None and session.current.index == 3
        statuses = [(r.interval.index, r.status) for r in session.results()]
        assert statuses[-2:] == [(1, IntervalStatus.SKIPPED), (2, IntervalStatus.SKIPPED)]
        assert player_text(pilot, "side") == "RIGHT ▶"


async def test_b_and_left_go_back() -> None:
    app, clock = lunge_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 15)
        session = player(pilot).session
        assert digits(pilot) == "0:35"
        await pilot.press("b")
        # Ten seconds in: back restarts this hold.
        assert session.current is not None and session.current.index == 1
        assert digits(pilot) == "0:45"
        await pilot.press("left")
        # Just in: back goes to the prep before it.
        assert session.current is not None and session.current.kind is IntervalKind.PREP


async def test_b_goes_back_to_the_previous_interval_within_three_seconds() -> None:
    app, clock = lunge_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 5 + 2.5)
        session = player(pilot).session
        assert session.current is not None and session.current.kind is IntervalKind.WORK
        # 2.5 s into the hold: time enough to see it changed and press b.
        await pilot.press("b")
        assert session.current is not None and session.current.kind is IntervalKind.PREP
        await advance(pilot, clock, 5 + BACK_THRESHOLD_MS / 1000)
        await pilot.press("b")
        # Past the window: back restarts the hold itself.
        assert session.current is not None and session.current.kind is IntervalKind.WORK
        assert session.elapsed_ms() == 0


async def test_the_stop_question_pauses_and_no_resumes() -> None:
    app, clock = lunge_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 10)
        session = player(pilot).session
        heard: list[SessionEvent] = []
        session.subscribe(heard.append)
        await pilot.press("q")
        assert isinstance(pilot.app.screen, StopDialog)
        assert session.paused
        # A minute with the question up: no cue, no interval change, no time gone.
        clock.advance(60)
        session.update()
        assert not [e for e in heard if isinstance(e, CueDue | IntervalStarted)]
        assert session.remaining_ms() == 40_000
        await pilot.press("n")
        assert isinstance(pilot.app.screen, PlayerScreen)
        assert not session.paused
        assert session.remaining_ms() == 40_000
        # Paused by the person first: still paused after "no".
        await pilot.press("space", "q", "n")
        assert session.paused


async def test_plus_and_minus_add_and_take_ten_seconds() -> None:
    app, clock = lunge_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 5)
        session = player(pilot).session
        await pilot.press("plus")
        assert session.remaining_ms() == 55_000
        assert digits(pilot) == "0:55"
        await pilot.press("minus", "minus", "minus")
        assert session.remaining_ms() == 25_000
        assert digits(pilot) == "0:25"


async def test_enter_finishes_an_untimed_set_and_the_summary_follows() -> None:
    app, _clock = lunge_app()
    async with app.run_test(size=(80, 24)) as pilot:
        session = player(pilot).session
        await pilot.press("enter")
        # Enter does nothing to a timed interval.
        assert session.current is not None and session.current.index == 0
        while session.current is not None and session.current.timed:
            await pilot.press("n")
        assert session.current is not None and session.current.exercise == "Glute bridge"
        assert digits(pilot) == "12x"
        assert "Press Enter when the set is done." in static_text(pilot, "#cue")
        assert player_text(pilot, "next") == "Next: done"
        await pilot.press("enter")
        await pilot.pause()
        assert session.status is SessionStatus.COMPLETED
        assert isinstance(pilot.app.screen, SummaryScreen)
        assert static_text(pilot, "#summary-headline") == "Routine complete: Tiny psoas"


async def test_q_asks_and_n_or_escape_carry_on() -> None:
    app, _clock = lunge_app()
    async with app.run_test(size=(80, 24)) as pilot:
        session = player(pilot).session
        await pilot.press("q")
        assert isinstance(pilot.app.screen, StopDialog)
        assert "Stop this session?" in static_text(pilot, "#stop-question")
        await pilot.press("n")
        assert isinstance(pilot.app.screen, PlayerScreen)
        await pilot.press("q", "escape")
        assert isinstance(pilot.app.screen, PlayerScreen)
        # A stray enter on the question goes on rather than stopping.
        await pilot.press("q", "enter")
        assert isinstance(pilot.app.screen, PlayerScreen)
        assert not session.finished


async def test_q_then_y_stops_shows_the_summary_and_q_leaves() -> None:
    app, clock = lunge_app()
    async with app.run_test(size=(100, 30)) as pilot:
        session = player(pilot).session
        await advance(pilot, clock, 50)  # the left hold of set 1 done
        await advance(pilot, clock, 5)  # into the right hold
        await pilot.press("n")  # skip the right hold
        await advance(pilot, clock, 10)  # ten seconds into the 15 s rest
        await pilot.press("q", "y")
        await pilot.pause()
        assert session.status is SessionStatus.STOPPED
        screen = pilot.app.screen
        assert isinstance(screen, SummaryScreen)
        assert static_text(pilot, "#summary-headline") == "Session stopped: Tiny psoas"
        assert static_text(pilot, "#summary-time") == "Time taken 1:05"
        table = screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [
            ["Runner's lunge", "◀ LEFT", "1/2", "-", "0:45"],
            ["Runner's lunge", "RIGHT ▶", "0/2", "1", "0:00"],
            ["Glute bridge", "-", "0/1", "-", "0:00"],
        ]
        left = next(r for r in screen.rows if r.side is Side.LEFT)
        assert left.done == 1 and left.worked_ms == 45_000
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.return_code == 0


async def test_player_fits_a_60_by_16_terminal() -> None:
    app, clock = lunge_app()
    async with app.run_test(size=(60, 16)) as pilot:
        await advance(pilot, clock, 5)
        screen = player(pilot)
        for selector in (
            "#exercise",
            "#side",
            "#time-left",
            "#cue",
            "#next",
            "#routine-progress",
        ):
            region = screen.query_one(selector).region
            assert region.height > 0 and region.width > 0, selector
            assert region.bottom <= 15, selector  # above the footer line
            assert region.right <= 60, selector
        assert screen.query_one("#time-left").region.height == 3


def test_summary_counts_a_hold_backed_out_of_and_redone_once() -> None:
    clock = FakeClock()
    session = Session(expand(lunge_routine()), clock)
    session.start()
    clock.advance(5 + 20)  # 20 s into the left hold
    session.back()  # restart it
    clock.advance(45)
    session.update()  # left done, now in the switch
    session.stop()
    rows = {
        (row.exercise_id, row.side): row
        for row in summary_rows(session.timeline, session.results())
    }
    left = rows[("runners-lunge", Side.LEFT)]
    assert (left.done, left.partial, left.skipped, left.not_reached) == (1, 0, 0, 1)
    assert left.worked_ms == 45_000
    right = rows[("runners-lunge", Side.RIGHT)]
    assert (right.done, right.not_reached) == (0, 2)


SIZES = [(40, 15), (60, 16), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_player_shows_side_time_exercise_and_the_keys_that_matter_at_every_size(
    size: tuple[int, int],
) -> None:
    app, clock = lunge_app()
    async with app.run_test(size=size) as pilot:
        await advance(pilot, clock, 5 + 40)  # the last 5 s of the left hold
        lines = screen_lines(pilot)
        text = "\n".join(lines)
        assert len(lines) == size[1] and all(len(line) == size[0] for line in lines)
        assert "◀ LEFT" in text and "Runner's lunge" in text and "set 1 of 2" in text
        assert "Tuck your tail." in text
        assert any(line.rstrip().endswith("3:15 left") and "━" in line for line in lines)
        assert digits(pilot) == "0:05"
        # The bottom line: never only "q".
        keys = lines[-1]
        for key in ("space Pause", "n Skip", "q Stop", "? Keys"):
            assert key in keys, keys
        # "Next" keeps the side, however narrow.
        await advance(pilot, clock, 5)  # into the switch
        following = next(line for line in screen_lines(pilot) if "Next:" in line)
        assert "RIGHT" in following
        await pilot.press("n")  # into the right hold: next is the rest
        await advance(pilot, clock, 45)  # the rest: next is the left hold of set 2
        following = next(line for line in screen_lines(pilot) if "Next:" in line)
        assert "Next: Runner's lunge · LEFT" in following


async def test_next_cuts_the_name_before_it_drops_the_side() -> None:
    long_name = replace(
        lunge_routine(),
        steps=(
            replace(
                lunge_routine().steps[0],
                exercise="Half-kneeling hip flexor stretch with a reach",
            ),
        ),
    )
    app = EvensideApp(long_name, clock=FakeClock())
    async with app.run_test(size=(40, 15)) as pilot:
        following = next(line for line in screen_lines(pilot) if "Next:" in line).strip()
        assert following.endswith("… · LEFT") and following.startswith("Next: Half-kneeling")
        assert player_text(pilot, "next") == following


async def test_question_mark_lists_every_key_even_at_40_columns() -> None:
    app, _clock = lunge_app()
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.press("question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, KeysHelp)
        assert [key for key, _ in help_screen.rows] == [key for key, _ in KEYS_HELP]
        listed = "\n".join(screen_lines(pilot))
        for key in ("space", "n or →", "b or ←", "+ / -", "enter"):
            assert key in listed
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, PlayerScreen)


async def test_the_first_frame_is_composed_in_its_state_not_restyled_on_mount() -> None:
    app, _clock = lunge_app()
    async with app.run_test(size=(40, 15)) as pilot:
        screen = player(pilot)
        # The interval's kind and the size's classes were there before the screen mounted.
        assert screen.has_class("-narrow") and screen.has_class("-short")
        assert screen.query_one("#time-left").has_class("-prep")
        for kind in ("-prep", "-work", "-rest", "-switch", "-paused"):
            assert not screen.has_class(kind)  # never on the screen: that restyles every node
        assert len(list(screen.walk_children())) <= 16


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_reps_are_counted_and_a_transition_says_what_to_get_into(
    size: tuple[int, int],
) -> None:
    clock = FakeClock()
    app = EvensideApp(transition_routine(), clock=clock)
    async with app.run_test(size=size) as pilot:
        await advance(pilot, clock, 5)  # the bridges begin: a tempo set of 12
        assert player_text(pilot, "set") == "rep 1 of 12"
        await advance(pilot, clock, 8.5)  # 8.5 s at 2 s a rep: the fifth
        assert player_text(pilot, "set") == "rep 5 of 12"
        assert any(
            "Supine bridge" in line and "rep 5 of 12" in line for line in screen_lines(pilot)
        )
        await advance(pilot, clock, 24 - 8.5)  # the set is over: into the transition
        session = player(pilot).session
        assert session.current is not None
        assert session.current.kind is IntervalKind.TRANSITION
        assert player_text(pilot, "exercise") == "Get into position: Kneeling lunge"
        text = "\n".join(screen_lines(pilot))
        assert "Get into position: Kneeling lunge" in text and "◀ LEFT" in text
        assert pilot.app.screen.query_one("#time-left").has_class("-transition")
        await advance(pilot, clock, 5 + 30 + 5)  # the lunge, the next transition
        assert session.current is not None and session.current.exercise == "Clamshell"
        assert session.current.kind is IntervalKind.WORK and not session.current.timed
        assert player_text(pilot, "set") == "12 reps · 0:00 so far"
        await advance(pilot, clock, 23.5)
        # An untimed set counts its time up, a second at a time.
        assert player_text(pilot, "set") == "12 reps · 0:23 so far"
        assert any("0:23 so far" in line for line in screen_lines(pilot))
        assert digits(pilot) == "12x"
