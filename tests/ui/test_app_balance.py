"""Provides Pilot tests of balance in the TUI: owed sides, reasons, pain, sound keys, library marks.

Every history here is real: sessions played through the engine (or the app
itself) into the SQLite file in the test's private XDG data folder.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from evenside import locations
from evenside.engine.clock import FakeClock
from evenside.engine.timeline import IntervalKind
from evenside.playback.options import PlayOptions
from evenside.routine.loader import load_routine
from evenside.routine.model import ExerciseStep, PerSide, Routine, Side
from evenside.ui.screens.library.screen import LibraryScreen
from evenside.ui.screens.owed.offer import OwedOffer
from evenside.ui.screens.summary.screen import SummaryScreen
from evenside.ui.widgets.pain_panel import PainPanel
from tests.support.balance_play import ratings, record_play
from tests.support.history_fixtures import opened_history
from tests.support.player_pilot import advance, player, player_text, static_text, wired_app
from tests.support.routine_files import MORNING_HIPS, write_routine
from tests.support.ui_routines import lunge_routine

SIZE = (80, 30)


def sides_of(pilot: Pilot[None]) -> list[Side | None]:
    """The side of every work interval of the session being played."""
    timeline = player(pilot).session.timeline
    return [i.side for i in timeline.intervals if i.kind is IntervalKind.WORK]


async def skip_right_and_stop(pilot: Pilot[None], clock: FakeClock) -> None:
    """From prep: do the first left lunge, skip the first right one, then stop (q, y)."""
    await advance(pilot, clock, 5)
    await advance(pilot, clock, 45)
    await advance(pilot, clock, 5)
    current = player(pilot).session.current
    assert current is not None and current.side is Side.RIGHT
    await pilot.press("n", "q", "y")
    await pilot.pause()


async def test_a_skipped_right_side_is_owed_on_the_summary_and_o_does_it_now() -> None:
    with wired_app(lunge_routine()) as (app, clock):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert sides_of(pilot)[:2] == [Side.LEFT, Side.RIGHT]
            await skip_right_and_stop(pilot, clock)
            assert isinstance(app.screen, SummaryScreen)
            owed = static_text(pilot, "#summary-owed")
            assert "Right side of Runner's lunge is owed." in owed
            assert "Press o to do it now." in owed
            await pilot.press("o")
            await pilot.pause()
            screen = player(pilot)
            assert screen.session.timeline.routine.name == "Owed sides: Tiny psoas"
            # The right side as prescribed (two sets), and nothing else.
            assert sides_of(pilot) == [Side.RIGHT, Side.RIGHT]
            assert player_text(pilot, "side") == "RIGHT ▶"


async def test_the_owed_sides_played_from_the_summary_do_not_ask_pain_before_again() -> None:
    with wired_app(lunge_routine()) as (app, clock):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # The first session asks.
            assert [p.id for p in app.screen.query(PainPanel)] == ["pain-before"]
            await skip_right_and_stop(pilot, clock)
            await pilot.press("o")
            await pilot.pause()
            screen = player(pilot)
            assert screen.session.timeline.routine.name == "Owed sides: Tiny psoas"
            assert not screen.query(PainPanel)
            assert not screen.rating_open
            # A digit is not a rating here: nothing is stored with the owed session.
            await pilot.press("l", "4")
            assert screen.journal is not None and app.played is not None
            session_id = screen.journal.session_id
            assert session_id is not None
            app.played.wait_for_history()
            assert ratings(session_id) == {}


async def test_the_next_session_offers_the_owed_side_and_yes_does_it_first() -> None:
    record_play(lunge_routine(), skip_side=Side.RIGHT)
    with wired_app(lunge_routine()) as (app, _clock):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            offer = app.screen
            assert isinstance(offer, OwedOffer)
            assert offer.question == "Add the owed right side of Runner's lunge?"
            await pilot.press("y")
            await pilot.pause()
            # The owed right sets first, then the lunge itself, right first (it is owed).
            assert sides_of(pilot)[:4] == [Side.RIGHT, Side.RIGHT, Side.RIGHT, Side.LEFT]
            assert player(pilot).session.timeline.routine.name == "Tiny psoas"
            assert static_text(pilot, "#balance-reason") == (
                "Right first for Runner's lunge: right is owed from an earlier session"
            )


async def test_no_plays_as_written_yet_starts_on_the_right_and_says_why() -> None:
    record_play(lunge_routine(), skip_side=Side.RIGHT)
    with wired_app(lunge_routine()) as (app, clock):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert sides_of(pilot)[:2] == [Side.RIGHT, Side.LEFT]
            assert player_text(pilot, "side") == "RIGHT ▶"
            reason = pilot.app.screen.query_one("#balance-reason", Static)
            assert reason.display
            assert str(reason.content) == (
                "Right first for Runner's lunge: right is owed from an earlier session"
            )
            # Gone in the rest after the exercise's sets.
            for seconds in (5, 45, 5, 45, 15, 45, 5, 45):
                await advance(pilot, clock, seconds)
            current = player(pilot).session.current
            assert current is not None and current.kind is IntervalKind.REST
            assert current.exercise_id is None
            assert not reason.display


async def test_pain_before_rates_each_side_during_prep_and_the_first_work_interval() -> None:
    with wired_app(lunge_routine()) as (app, clock):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            panel = pilot.app.screen.query_one(PainPanel)
            assert panel.display
            assert "l or r, then 0-9" in str(panel.content)
            # A digit with no side picked rates nothing.
            await pilot.press("7", "l", "3", "r", "1", "0")
            session_id = player(pilot).journal.session_id  # type: ignore[union-attr]
            assert session_id is not None
            assert ratings(session_id) == {("before", "left"): 3, ("before", "right"): 10}
            assert "left 3 · right 10" in str(panel.content)
            await advance(pilot, clock, 5)
            await pilot.press("l", "4")
            assert ratings(session_id)[("before", "left")] == 4
            # After the first work interval the panel goes, and its keys do nothing.
            await advance(pilot, clock, 45)
            assert not panel.display
            await pilot.press("l", "8")
            assert ratings(session_id)[("before", "left")] == 4


async def test_pain_after_on_the_summary_brings_a_gentle_care_note() -> None:
    with wired_app(lunge_routine()) as (app, clock):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("l", "2", "r", "3")
            session_id = player(pilot).journal.session_id  # type: ignore[union-attr]
            await skip_right_and_stop(pilot, clock)
            assert isinstance(app.screen, SummaryScreen)
            care = pilot.app.screen.query_one("#care-note", Static)
            assert not care.has_class("-shown")
            # Right one point worse: no note.
            await pilot.press("r", "4")
            assert not care.has_class("-shown")
            await pilot.press("l", "5")
            assert care.has_class("-shown")
            note = str(care.content)
            assert note.startswith("Your left side feels sorer than before (2 → 5).")
            assert "ease off" in note
            assert ratings(session_id or "") == {
                ("before", "left"): 2,
                ("before", "right"): 3,
                ("after", "left"): 5,
                ("after", "right"): 4,
            }
            # Leaving without rating is fine too: q leaves.
            await pilot.press("q")
            await pilot.pause()
            assert app.return_code == 0


async def test_a_routine_without_sides_rates_the_whole_body_with_a_digit() -> None:
    bridges = Routine(
        name="Bridges",
        prep_ms=5_000,
        steps=(ExerciseStep(exercise="Glute bridge", id="bridge", reps=PerSide.same(12)),),
    )
    with wired_app(bridges) as (app, _clock):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            panel = pilot.app.screen.query_one(PainPanel)
            assert "l or r" not in str(panel.content)
            await pilot.press("4")
            session_id = player(pilot).journal.session_id  # type: ignore[union-attr]
            assert ratings(session_id or "") == {("before", None): 4}
            await pilot.press("r", "6")
            assert ratings(session_id or "") == {("before", None): 6}


async def test_m_and_v_turn_the_sessions_sound_and_voice_off_and_on() -> None:
    with wired_app(lunge_routine(), options=PlayOptions(mute=True)) as (app, _clock):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            sound = player(pilot).sound
            assert sound is not None
            assert sound.muted and player_text(pilot, "sound") == "sound off (m)"
            await pilot.press("m")
            assert not sound.muted and player_text(pilot, "sound") == ""
            await pilot.press("v")
            assert not sound.voice_on and player_text(pilot, "sound") == "voice off (v)"
            # On, off again (the voice a muted start renders after m follows v), then muted.
            await pilot.press("v", "v", "m")
            assert not sound.voice_on and sound.muted
            assert player_text(pilot, "sound") == "sound off (m)"


async def test_v_in_a_session_started_without_a_voice_says_why_in_one_toast() -> None:
    from evenside.audio.cue_player import NO_VOICE
    from evenside.playback.assembly import SessionAssembly
    from evenside.ui.app import EvensideApp
    from evenside.ui.launch import NoticeRelay

    relay = NoticeRelay()
    assembly = SessionAssembly(
        PlayOptions(mute=True, no_voice=True), clock=FakeClock(), notice=relay
    )
    app = EvensideApp(lunge_routine(), assembly=assembly)
    relay.attach(app)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("v", "v", "v")
            await pilot.pause()
            sound = player(pilot).sound
            assert sound is not None and not sound.voice_on
            messages = [n.message for n in pilot.app._notifications]
            assert messages.count(NO_VOICE) == 1
            assert "Voice on" not in messages
    finally:
        app.close_session()


def write_morning() -> Routine:
    return load_routine(
        write_routine(locations.user_routines_dir(), MORNING_HIPS, "morning-hips.yaml")
    )


def library_row(pilot: Pilot[None], name: str) -> tuple[int, list[str]]:
    table = pilot.app.screen.query_one(DataTable)
    for index in range(table.row_count):
        row = [str(cell) for cell in table.get_row_at(index)]
        if row[0] == name:
            return index, row
    raise AssertionError(f"{name} is not listed")


async def test_the_next_play_from_the_library_starts_on_the_side_skipped_before() -> None:
    write_morning()
    with wired_app() as (app, clock):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            index, row = library_row(pilot, "Morning hips")
            assert row[2] == ""
            pilot.app.screen.query_one(DataTable).move_cursor(row=index)
            # Enter shows the routine; enter again plays it.
            await pilot.press("enter", "enter")
            await pilot.pause()
            assert sides_of(pilot)[:2] == [Side.LEFT, Side.RIGHT]
            await skip_right_and_stop(pilot, clock)
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            # Back in the library the bar shows the right side empty, flagged.
            index, row = library_row(pilot, "Morning hips")
            assert row[2] == "████│░░░░ ⚑"
            await pilot.press("enter", "enter")
            await pilot.pause()
            assert isinstance(app.screen, OwedOffer)
            await pilot.press("n")
            await pilot.pause()
            # A chooser made afresh for this session: the right goes first now.
            assert sides_of(pilot)[:2] == [Side.RIGHT, Side.LEFT]


async def test_the_library_marks_a_routine_that_keeps_leaving_you_sorer() -> None:
    morning = write_morning()
    for _ in range(3):
        record_play(morning, skip_side=Side.RIGHT, pain=({"left": 1}, {"left": 4}))
    with wired_app() as (app, _clock):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            index, row = library_row(pilot, "Morning hips")
            assert row[2:4] == ["████│░░░░ ⚑", "♡ care"]
            pilot.app.screen.query_one(DataTable).move_cursor(row=index)
            await pilot.pause()
            note = static_text(pilot, "#library-note")
            assert "⚑ In Morning hips, the right side is behind this week." in note
            assert "left you sorer after 3 of your last 3 sessions" in note
            assert "physiotherapist or doctor" in note
            await pilot.press("h")
            await pilot.pause()
            from evenside.ui.screens.history_screen.screen import HistoryScreen

            assert isinstance(app.screen, HistoryScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)


def test_the_summary_counts_no_time_for_a_skipped_side() -> None:
    from evenside.engine.session import Session
    from evenside.engine.session_summary import summary_rows
    from evenside.engine.timeline import Interval, expand
    from tests.support.session_builders import play_to_the_end

    clock = FakeClock()
    session = Session(expand(lunge_routine()), clock)

    def skip_right_20_s_in(session: Session, interval: Interval, clock: FakeClock) -> bool:
        if interval.kind is IntervalKind.WORK and interval.side is Side.RIGHT:
            clock.advance_ms(20_000)
            session.update()
            session.skip()
            return True
        return False

    play_to_the_end(session, clock, skip_right_20_s_in)
    rows = {row.side: row for row in summary_rows(session.timeline, session.results())}
    assert (rows[Side.LEFT].done, rows[Side.LEFT].worked_ms) == (2, 90_000)
    # Skipped 20 s in, twice: that time was never work (docs/balance.md).
    assert (rows[Side.RIGHT].skipped, rows[Side.RIGHT].worked_ms) == (2, 0)


async def test_a_session_with_every_set_skipped_is_stopped_not_complete() -> None:
    with wired_app(lunge_routine()) as (app, _clock):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for _ in range(len(player(pilot).session.timeline.intervals)):
                await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            assert static_text(pilot, "#summary-headline") == "Session stopped: Tiny psoas"
            session_id = app.screen.journal.session_id  # type: ignore[union-attr]
    with opened_history() as store:
        (recorded,) = store.sessions()
        assert (recorded.id, recorded.status) == (session_id, "stopped")
