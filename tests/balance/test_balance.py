"""Tests the balance tracker on sessions really played: engine, fake clock, recorder, SQLite."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from evenside.balance.chooser import BalanceChooser, balance_chooser
from evenside.balance.owed import make_owed_routine, owed_sides
from evenside.balance.tracker import balance_report, neglected_side
from evenside.commands.history_cmds import balance
from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind, SideChooser, Timeline, expand
from evenside.history.db import open_database
from evenside.history.recorder import HistoryRecorder
from evenside.history.store import HistoryStore
from evenside.locations import history_path
from evenside.routine.model import ExerciseStep, PerSide, Routine, Side, Sides
from tests.support.session_builders import play_to_the_end, skip_work_on

DAY1 = datetime(2024, 5, 1, 7, 30, tzinfo=UTC)

LUNGE = ExerciseStep(
    exercise="Runner's lunge",
    id="lunge",
    hold_ms=PerSide.same(45_000),
    sides=Sides.BOTH,
    sets=PerSide.same(2),
    rest_ms=15_000,
)
BRIDGE = ExerciseStep(exercise="Glute bridge", id="bridge", reps=PerSide.same(12), tempo_ms=3_000)


def routine(*steps: ExerciseStep, name: str = "Hips") -> Routine:
    return Routine(name=name, steps=steps, prep_ms=5_000, content_hash="h")


Act = Callable[[Session, Interval], bool]
"""Called at the start of each work interval; returns True when it acted on the session."""


def play(
    store: HistoryStore,
    plan: Routine,
    when: datetime,
    act: Act | None = None,
    choose: SideChooser | None = None,
) -> Timeline:
    """Play `plan` through the real engine on a fake clock, recording it at wall time `when`."""
    timeline = expand(plan, choose) if choose else expand(plan)
    clock = FakeClock()
    session = Session(timeline, clock)
    session.subscribe(HistoryRecorder.for_routine(store, plan, now=lambda: when))

    def on_work(session: Session, interval: Interval, clock: FakeClock) -> bool:
        return interval.kind is IntervalKind.WORK and act is not None and act(session, interval)

    play_to_the_end(session, clock, on_work)
    return timeline


def skip_side(side: Side) -> Act:
    def act(session: Session, interval: Interval) -> bool:
        if interval.side is side:
            session.skip()
            return True
        return False

    return act


def first_side(timeline: Timeline, exercise_id: str) -> Side | None:
    return next(i.side for i in timeline.work() if i.exercise_id == exercise_id)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(open_database(tmp_path / "history.sqlite3"))


def test_skipping_the_right_side_makes_it_owed_neglected_and_first_next_time(
    store: HistoryStore,
) -> None:
    played = play(store, routine(LUNGE, BRIDGE), DAY1, skip_side(Side.RIGHT))
    assert first_side(played, "lunge") is Side.LEFT
    later = DAY1 + timedelta(hours=3)

    report = balance_report(store.conn, 7, now=lambda: later)
    lunge = report.exercise("lunge")
    assert lunge is not None
    assert (lunge.left.sets, lunge.left.seconds, lunge.left.ratio) == (2, 90.0, 1.0)
    assert (lunge.right.sets, lunge.right.seconds, lunge.right.ratio) == (0, 0.0, 0.0)
    assert lunge.right.prescribed_sets == 2
    assert lunge.neglected is Side.RIGHT
    assert report.exercise("bridge") is None  # no side: not part of balance
    assert [(o.exercise_id, o.side, o.since) for o in report.owed] == [
        ("lunge", Side.RIGHT, "2024-05-01T07:30:00.000Z")
    ]

    chooser = balance_chooser(store.conn, now=lambda: later)
    again = play(store, routine(LUNGE, BRIDGE), later, choose=chooser)
    assert first_side(again, "lunge") is Side.RIGHT
    assert chooser.reason(LUNGE) == (
        "right first for Runner's lunge: right is owed from an earlier session"
    )

    # Doing both sides pays the debt; right is still behind over the week, so it stays first.
    after = later + timedelta(hours=3)
    assert owed_sides(store.conn, now=lambda: after) == []
    chooser = balance_chooser(store.conn, now=lambda: after)
    assert chooser(LUNGE) is Side.RIGHT
    assert chooser.reason("lunge") == "right first for Runner's lunge: right is behind this week"


def test_stopping_after_the_left_side_owes_the_right(store: HistoryStore) -> None:
    def stop_on_right(session: Session, interval: Interval) -> bool:
        if interval.side is Side.RIGHT:
            session.stop()
            return True
        return False

    play(store, routine(LUNGE), DAY1, stop_on_right)
    owed = owed_sides(store.conn, ["lunge", "other"], now=lambda: DAY1 + timedelta(days=1))
    assert [(o.exercise, o.side) for o in owed] == [("Runner's lunge", Side.RIGHT)]
    assert owed_sides(store.conn, ["other"], now=lambda: DAY1 + timedelta(days=1)) == []
    # The session is stopped, and what was done is kept.
    (session,) = store.sessions()
    assert session.status == "stopped"

    owed_routine = make_owed_routine(owed, routine(LUNGE, BRIDGE).exercises())
    assert owed_routine is not None
    (step,) = owed_routine.steps
    assert isinstance(step, ExerciseStep)
    assert step.sides is Sides.RIGHT and step.sets.for_side(Side.RIGHT) == 2
    played = play(store, owed_routine, DAY1 + timedelta(hours=1))
    assert [i.side for i in played.work()] == [Side.RIGHT, Side.RIGHT]
    assert owed_sides(store.conn, now=lambda: DAY1 + timedelta(days=1)) == []
    assert make_owed_routine([], routine(LUNGE).exercises()) is None


def test_uneven_prescription_done_as_prescribed_is_balanced(store: HistoryStore) -> None:
    uneven = ExerciseStep(
        exercise="Supine release",
        id="supine",
        hold_ms=PerSide(120_000, 90_000),
        sides=Sides.BOTH,
        sets=PerSide(3, 2),
    )
    clams = ExerciseStep(
        exercise="Clamshell", id="clam", reps=PerSide(15, 10), sides=Sides.BOTH, sets=PerSide(3, 2)
    )
    play(store, routine(uneven, clams), DAY1)
    report = balance_report(store.conn, now=lambda: DAY1 + timedelta(days=1))
    supine = report.exercise("supine")
    clam = report.exercise("clam")
    assert supine is not None and clam is not None
    assert (supine.left.sets, supine.left.seconds) == (3, 360.0)
    assert (supine.right.sets, supine.right.seconds) == (2, 180.0)
    assert (clam.left.reps, clam.right.reps) == (45, 20)
    for exercise in (supine, clam):
        assert exercise.left.ratio == exercise.right.ratio == 1.0
        assert exercise.neglected is None
    assert report.owed == ()
    chooser = BalanceChooser(report)
    assert chooser(uneven) is Side.LEFT
    assert chooser.reason(uneven) == "left first for Supine release: both sides are even"


def test_single_side_routine_three_days_running_flags_the_other_side(
    store: HistoryStore,
) -> None:
    left_only = ExerciseStep(
        exercise="Psoas hold", id="psoas", hold_ms=PerSide.same(60_000), sides=Sides.LEFT
    )
    for day in range(3):
        play(store, routine(left_only), DAY1 + timedelta(days=day))
    now = DAY1 + timedelta(days=2, hours=1)
    psoas = balance_report(store.conn, now=lambda: now).exercise("psoas")
    assert psoas is not None
    assert (psoas.left.sets, psoas.left.ratio, psoas.right.sets) == (3, 1.0, 0)
    assert psoas.neglected is Side.RIGHT
    # Outside the window it no longer counts.
    assert balance_report(store.conn, 7, now=lambda: now + timedelta(days=9)).exercises == ()


def test_a_partly_skipped_side_is_behind_but_not_owed(store: HistoryStore) -> None:
    def skip_second_right(session: Session, interval: Interval) -> bool:
        if interval.side is Side.RIGHT and interval.set_number == 2:
            session.skip()
            return True
        return False

    play(store, routine(LUNGE), DAY1, skip_second_right)
    report = balance_report(store.conn, now=lambda: DAY1 + timedelta(days=1))
    lunge = report.exercise("lunge")
    assert lunge is not None
    assert (lunge.left.ratio, lunge.right.ratio, lunge.neglected) == (1.0, 0.5, Side.RIGHT)
    assert report.owed == ()
    routine_view = report.for_routine(["lunge", "unknown"])
    assert routine_view is not None and routine_view.flagged
    assert BalanceChooser(report).reason(LUNGE) == (
        "right first for Runner's lunge: right is behind this week"
    )


def test_going_back_and_redoing_a_hold_counts_it_once(store: HistoryStore) -> None:
    clock_jumps: list[int] = []

    def back_once(session: Session, interval: Interval) -> bool:
        if interval.side is Side.LEFT and interval.set_number == 1 and not clock_jumps:
            clock_jumps.append(1)
            session._clock.advance_ms(10_000)  # type: ignore[attr-defined]
            session.back()
            return True
        return False

    play(store, routine(LUNGE), DAY1, back_once)
    (session,) = store.sessions()
    full = store.session(session.id)
    assert full is not None
    assert [(i.side, i.set_number, i.status) for i in full.intervals] == [
        ("left", 1, "done"),
        ("right", 1, "done"),
        ("left", 2, "done"),
        ("right", 2, "done"),
    ]
    lunge = balance_report(store.conn, now=lambda: DAY1 + timedelta(days=1)).exercise("lunge")
    assert lunge is not None and lunge.neglected is None
    assert lunge.left.seconds == lunge.right.seconds == 90.0


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (1.0, 0.79, Side.RIGHT),
        (1.0, 0.8, None),
        (0.5, 1.0, Side.LEFT),
        (0.0, 0.0, None),
        (0.0, 0.1, Side.LEFT),
    ],
)
def test_neglect_is_below_eighty_percent_of_the_other_side(
    left: float, right: float, expected: Side | None
) -> None:
    assert neglected_side(left, right) is expected


def test_balance_command_prints_the_documented_json_and_a_table() -> None:
    store = HistoryStore(open_database(history_path()))
    recent = datetime.now(UTC) - timedelta(days=2)
    play(store, routine(LUNGE), recent, skip_side(Side.RIGHT))
    play(store, routine(LUNGE), recent - timedelta(days=20))
    store.conn.close()

    result = CliRunner().invoke(balance, ["--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["days"] == 7
    assert document["exercises"] == [
        {
            "id": "lunge",
            "name": "Runner's lunge",
            "left": {"seconds": 90.0, "reps": 0, "sets": 2, "ratio": 1.0},
            "right": {"seconds": 0.0, "reps": 0, "sets": 0, "ratio": 0.0},
            "neglected": "right",
        }
    ]
    assert [(o["exercise_id"], o["side"]) for o in document["owed"]] == [("lunge", "right")]
    assert set(document["owed"][0]) == {"exercise_id", "side", "since"}

    month = json.loads(CliRunner().invoke(balance, ["--days", "30", "--format", "json"]).stdout)
    assert month["exercises"][0]["left"]["sets"] == 4
    assert month["exercises"][0]["right"]["sets"] == 2
    assert month["exercises"][0]["neglected"] == "right"

    table = CliRunner().invoke(balance, [])
    assert table.exit_code == 0
    assert "Runner's lunge" in table.stdout
    assert "2 sets, 1 min 30 s, 100% | 0 sets, 0 s, 0%  right neglected" in table.stdout
    assert "owed: Runner's lunge, right side" in table.stdout

    bad = CliRunner().invoke(balance, ["--days", "0"])
    assert bad.exit_code == 2


def _raw_totals(store: HistoryStore, cutoff: str) -> dict[tuple[str, str], tuple[float, ...]]:
    """Balance totals the slow, obvious way: every interval, in Python."""
    totals: dict[tuple[str, str], list[float]] = {}
    for session in store.iter_sessions():
        for i in session.intervals:
            if i.side is None or i.started_at < cutoff:
                continue
            t = totals.setdefault((i.exercise_id, i.side), [0.0] * 6)
            # A skipped interval's time (and reps) are never work (docs/balance.md).
            worked = i.status != "skipped"
            if i.kind == "hold":
                t[0] += (i.actual_ms or 0) / 1000 if worked else 0
                t[1] += i.planned_ms or 0
                t[2] += min(i.actual_ms or 0, i.planned_ms or 0) if worked else 0
            elif worked:
                t[3] += i.done_reps or 0
            t[4] += i.status == "done"
            t[5] += 1
    return {key: tuple(v) for key, v in totals.items()}


def test_kept_totals_match_the_intervals_for_every_window(tmp_path: Path) -> None:
    """The trigger-kept totals (live writes, redone intervals, bulk import) equal a raw sum."""
    import random

    from evenside.history.export import write_json
    from evenside.history.importer import import_history
    from evenside.history.records import IntervalRecord

    rng = random.Random(7)
    source = HistoryStore(open_database(tmp_path / "source.sqlite3"))
    live = HistoryStore(open_database(tmp_path / "live.sqlite3"))
    now = DAY1 + timedelta(days=60)
    for n in range(80):
        store = source if n % 2 else live
        start = DAY1 + timedelta(days=rng.uniform(0, 60))
        session_id = store.begin_session("r", started_at=start)
        for k in range(rng.randint(1, 6)):
            kind = rng.choice(["hold", "reps"])
            status = rng.choice(["done", "done", "skipped", "partial"])
            at = start + timedelta(minutes=k)
            record = IntervalRecord(
                exercise_id=rng.choice(["a", "b", "c"]),
                exercise="x",
                side=rng.choice(["left", "right", None]),
                set_number=1,
                kind=kind,
                planned_ms=rng.randint(1, 90) * 1000 if kind == "hold" else None,
                actual_ms=rng.randint(0, 120) * 1000,
                planned_reps=rng.randint(1, 15) if kind == "reps" else None,
                done_reps=rng.randint(0, 15) if kind == "reps" else None,
                status=status,
                started_at=at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                ended_at=at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            )
            seq = store.record_interval(session_id, record)
            if rng.random() < 0.2:  # done again after going back: the row is replaced
                store.replace_interval(session_id, seq, record)
        store.end_session(session_id, "completed", start + timedelta(minutes=10))
    export = tmp_path / "source.json"
    with export.open("w") as out:
        write_json(source, out)
    import_history(live, export)
    # The insert triggers are back after the import: a later live write is counted too.
    later = live.begin_session("r", started_at=now - timedelta(hours=1))
    live.record_interval(
        later,
        IntervalRecord(
            "a",
            "x",
            "left",
            1,
            "hold",
            30_000,
            30_000,
            None,
            None,
            "done",
            "2024-06-30T06:30:00.000Z",
            "2024-06-30T06:30:30.000Z",
        ),
    )

    for days in (1, 2, 7, 30, 45, 61):
        cutoff = (now - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        expected = _raw_totals(live, cutoff)
        report = balance_report(live.conn, days, now=lambda: now)
        found = {}
        for exercise in report.exercises:
            for side in (Side.LEFT, Side.RIGHT):
                work = exercise.side(side)
                if work.prescribed_sets:
                    found[(exercise.id, str(side))] = work
        assert set(found) == set(expected), days
        for key, work in found.items():
            held, _planned, _credit, reps, sets, prescribed = expected[key]
            assert (work.seconds, work.reps, work.sets, work.prescribed_sets) == (
                pytest.approx(held),
                reps,
                sets,
                prescribed,
            ), (days, key)


def test_player_wiring_records_and_the_next_play_starts_on_the_owed_side(tmp_path: Path) -> None:
    """The factory and chooser the play command uses, on the player's own wiring."""
    from evenside.balance.chooser import load_balance_chooser
    from evenside.playback.assembly import SessionAssembly
    from evenside.playback.options import PlayOptions

    plan = routine(LUNGE)
    options = PlayOptions(plain=True, trace=tmp_path / "trace.jsonl")
    clock = FakeClock()
    setup = SessionAssembly(options, clock=clock, sound=False).build(plan, load_balance_chooser())
    play_to_the_end(setup.session, clock, skip_work_on(Side.RIGHT))
    setup.close()

    chooser = load_balance_chooser()
    quiet = SessionAssembly(options, clock=FakeClock(), sound=False, record=False)
    again = quiet.build(plan, chooser)
    assert [i.side for i in again.session.timeline.work()][:2] == [Side.RIGHT, Side.LEFT]
    assert chooser.reason(LUNGE).startswith("right first")
    again.close()
    conn = open_database(history_path())
    (recorded,) = HistoryStore(conn).sessions()
    assert recorded.status == "completed"
    conn.close()


def test_a_recorder_closed_without_an_ending_marks_the_session_interrupted(
    store: HistoryStore,
) -> None:
    recorder = HistoryRecorder.for_routine(store, routine(LUNGE), now=lambda: DAY1)
    session = Session(expand(routine(LUNGE)), FakeClock())
    session.subscribe(recorder)
    session.start()
    recorder.close()
    (recorded,) = store.sessions()
    assert recorded.status == "interrupted"
