"""Tests progression per side over simulated weeks: a step up only when every condition holds,
each side on its own, ease-off after a bad morning, limits never passed, doses played."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from evenside.program.progression import Suggestion
from tests.support.program_sim import START, ProgramSim, day_of


def ups(suggestions: tuple[Suggestion, ...]) -> set[tuple[str, str, int | None, int | None]]:
    return {
        (s.exercise_id or "", s.side, s.current, s.proposed) for s in suggestions if s.kind == "up"
    }


def kinds(suggestions: tuple[Suggestion, ...], kind: str) -> set[tuple[str | None, str]]:
    return {(s.exercise_id, s.side) for s in suggestions if s.kind == kind}


def week(sim: ProgramSim, number: int, **day: object) -> None:
    for weekday in range(7):
        sim.day(day_of(number, weekday), **day)  # type: ignore[arg-type]


ALL_UP = {
    ("supine", "left", 60_000, 65_000),
    ("supine", "right", 60_000, 65_000),
    ("clam", "left", 10, 12),
    ("clam", "right", 10, 12),
}


def test_a_step_up_is_suggested_after_a_good_week_and_not_a_day_before(sim: ProgramSim) -> None:
    for offset in range(7):
        day = START + timedelta(days=offset)
        sim.day(day)
        assert sim.status(day).suggestions == (), day  # "every: 1 week" not yet reached
    suggested = sim.status(day_of(2, 0)).suggestions
    assert ups(suggested) == ALL_UP
    assert {s.text for s in suggested if s.exercise_id == "supine"} == {
        "Supine release, left: 1:00 → 1:05?",
        "Supine release, right: 1:00 → 1:05?",
    }


@pytest.mark.parametrize(
    ("why", "spoil", "still_up"),
    [
        (
            "adherence below 80%: 3 of 14 stretches missed",
            "skip_three_stretches",
            {("clam", "left", 10, 12), ("clam", "right", 10, 12)},
        ),
        (
            "pain during above 5 on the left on Wednesday (not the latest sessions)",
            "left_pain_six_once",
            {("supine", "right", 60_000, 65_000), ("clam", "right", 10, 12)},
        ),
        (
            "one right morning 1 point worse than the morning before",
            "right_morning_worse",
            {("supine", "left", 60_000, 65_000), ("clam", "left", 10, 12)},
        ),
        ("no morning check-ins to go on", "no_mornings", set()),
    ],
)
def test_no_step_up_unless_every_condition_holds(
    sim: ProgramSim, why: str, spoil: str, still_up: set[tuple[str, str, int, int]]
) -> None:
    for offset in range(7):
        day = START + timedelta(days=offset)
        morning: tuple[int, int] | None = (2, 2)
        if spoil == "no_mornings":
            morning = None
        elif spoil == "right_morning_worse" and offset >= 3:
            morning = (2, 3)  # Thursday 1 point worse than Wednesday, then no worse
        if morning is not None:
            sim.morning(day, *morning)
        for due in sim.status(day).due:
            for time in range(due.left):
                if spoil == "skip_three_stretches" and due.key == "stretch" and offset < 3 and time:
                    continue
                after = (6, 2) if spoil == "left_pain_six_once" and offset == 2 else (2, 2)
                sim.play(day, due.key, after, hour=9 + 6 * time)
    assert ups(sim.status(day_of(2, 0)).suggestions) == still_up, why


def test_one_side_progresses_while_the_other_does_not_and_the_override_is_played(
    sim: ProgramSim,
) -> None:
    for offset in range(7):
        day = START + timedelta(days=offset)
        # The right side's mornings creep up a point after Wednesday: it stays where it is.
        sim.morning(day, 3, 2 if offset < 3 else 3)
        for due in sim.status(day).due:
            for time in range(due.left):
                sim.play(day, due.key, (5, 2), hour=9 + 6 * time)  # left at the limit of 5
    monday = day_of(2, 0)
    suggested = sim.status(monday).suggestions
    assert ups(suggested) == {("supine", "left", 60_000, 65_000), ("clam", "left", 10, 12)}
    for suggestion in suggested:
        sim.accept(suggestion, monday)
    assert sim.dose(monday, "stretch", "supine", "left") == 65_000
    assert sim.dose(monday, "stretch", "supine", "right") == 60_000
    session = sim.play(monday, "stretch", (2, 2))
    played = sim.store.conn.execute(
        "SELECT side, planned_ms, actual_ms FROM intervals WHERE session_id = ? ORDER BY side",
        (session,),
    ).fetchall()
    assert [tuple(r) for r in played] == [("left", 65_000, 65_000), ("right", 60_000, 60_000)]
    clams = sim.play(monday, "strength.yaml", (2, 2))
    reps = sim.store.conn.execute(
        "SELECT side, planned_reps FROM intervals WHERE session_id = ? ORDER BY side", (clams,)
    ).fetchall()
    assert [tuple(r) for r in reps] == [("left", 12), ("right", 10)]
    # The routine file is never rewritten.
    assert "hold: 1m" in (sim.path.parent / "stretch.yaml").read_text(encoding="utf-8")


def test_a_bad_morning_suggests_easing_that_side_back(sim: ProgramSim) -> None:
    week(sim, 1)
    monday = day_of(2, 0)
    for suggestion in sim.status(monday).suggestions:
        sim.accept(suggestion, monday)
    sim.day(monday)
    sim.day(day_of(2, 1), morning=(2, 2))
    # Wednesday morning: the right side is 2 points worse than on Tuesday morning.
    wednesday = day_of(2, 2)
    sim.morning(wednesday, 2, 4)
    suggested = sim.status(wednesday).suggestions
    assert kinds(suggested, "back") == {("supine", "right")}  # clams were last played Monday
    (back,) = [s for s in suggested if s.kind == "back"]
    assert (back.current, back.proposed) == (65_000, 60_000)
    assert back.text == "Ease off: Supine release, right: 1:05 → 1:00?"
    assert kinds(suggested, "up") == set()  # a week has not passed at the new dose
    sim.accept(back, wednesday)
    assert sim.dose(wednesday, "stretch", "supine", "right") == 60_000
    assert sim.dose(wednesday, "stretch", "supine", "left") == 65_000
    # Stepped back: the same bad morning does not ask again.
    assert kinds(sim.status(wednesday).suggestions, "back") == set()


def test_a_no_keeps_the_dose_and_asks_again_only_after_another_week_at_it(
    sim: ProgramSim,
) -> None:
    week(sim, 1)
    monday = day_of(2, 0)
    for suggestion in sim.status(monday).suggestions:
        sim.decline(suggestion, monday)
    assert sim.status(monday).suggestions == ()  # a no is not asked again the same day
    assert sim.dose(monday, "stretch", "supine", "left") == 60_000
    for offset in range(7):
        day = monday + timedelta(days=offset)
        assert ups(sim.status(day).suggestions) == set(), day  # the week at it starts again
        sim.day(day)
    assert ups(sim.status(day_of(3, 0)).suggestions) == ALL_UP


def stepped_up_then_hurt_on_the_left(sim: ProgramSim) -> date:
    """A good week, every step up said yes to on Monday, then a session at 7 on the left."""
    week(sim, 1)
    monday = day_of(2, 0)
    for suggestion in sim.status(monday).suggestions:
        sim.accept(suggestion, monday)
    sim.morning(monday, 2, 2)
    sim.play(monday, "stretch", (7, 2))
    return monday


def test_a_no_to_easing_off_is_asked_again_only_after_another_bad_session(
    sim: ProgramSim,
) -> None:
    monday = stepped_up_then_hurt_on_the_left(sim)
    (back,) = [s for s in sim.status(monday).suggestions if s.kind == "back"]
    sim.decline(back, monday, hour=10)  # after the session that hurt
    assert kinds(sim.status(monday).suggestions, "back") == set()
    assert sim.dose(monday, "stretch", "supine", "left") == 65_000  # kept, not stepped back
    sim.play(monday, "stretch", (2, 2), hour=15)
    assert kinds(sim.status(monday).suggestions, "back") == set()
    sim.play(monday, "stretch", (7, 2), hour=20)
    assert kinds(sim.status(monday).suggestions, "back") == {("supine", "left")}


def test_pain_during_above_the_limit_in_the_latest_session_suggests_easing_off(
    sim: ProgramSim,
) -> None:
    monday = stepped_up_then_hurt_on_the_left(sim)
    assert kinds(sim.status(monday).suggestions, "back") == {("supine", "left")}


def test_three_bad_sessions_in_the_last_five_suggest_seeing_someone(sim: ProgramSim) -> None:
    for offset, after in enumerate([(2, 7), (2, 2), (2, 8), (2, 2), (2, 6)]):
        day = START + timedelta(days=offset)
        sim.morning(day, 2, 2)
        sim.play(day, "stretch", after)
    see = [s for s in sim.status(START + timedelta(days=4)).suggestions if s.kind == "see"]
    assert [(s.routine, s.side) for s in see] == [("stretch", "right")]
    assert "physiotherapist or doctor" in see[0].text


def test_six_weeks_of_yes_never_pass_the_limits(sim: ProgramSim) -> None:
    steps: dict[tuple[str | None, str], list[date]] = {}
    for offset in range(42):
        day = START + timedelta(days=offset)
        for suggestion in sim.status(day).suggestions:
            assert suggestion.kind == "up"
            limit = 70_000 if suggestion.is_hold else 14
            assert suggestion.proposed is not None and suggestion.proposed <= limit
            sim.accept(suggestion, day)
            steps.setdefault((suggestion.exercise_id, suggestion.side), []).append(day)
        sim.day(day)
    for key, days in steps.items():
        assert len(days) == 2, key  # 60 → 65 → 70 s and 10 → 12 → 14 reps, then the limit
        assert (days[1] - days[0]).days >= 7
    assert sim.dose(START + timedelta(days=41), "stretch", "supine", "right") == 70_000
    assert sim.dose(START + timedelta(days=41), "strength.yaml", "clam", "left") == 14
    most = sim.store.conn.execute(
        "SELECT max(planned_ms), max(planned_reps) FROM intervals"
    ).fetchone()
    assert tuple(most) == (70_000, 14)


def test_adherence_per_week_and_the_week_of_each_session(sim: ProgramSim) -> None:
    from evenside.program.adherence import weeks

    week(sim, 1)
    for weekday in range(7):  # week 2: only mornings' stretches, no strength
        day = day_of(2, weekday)
        sim.morning(day, 2, 2)
        sim.play(day, "stretch", (2, 2))
    week(sim, 3, morning=None)
    today = day_of(4, 1)  # Tuesday of week 4: one Monday done
    sim.day(day_of(4, 0))
    sim.morning(today, 2, 2)
    status = sim.status(today)
    rows = weeks(sim.program, START, status.evidence, list(status.kept), today)
    assert [(r.week, r.due, r.done) for r in rows] == [
        (1, 17, 17),
        (2, 17, 7),
        (3, 17, 17),
        (4, 5, 3),  # Monday 2 + 1 done, Tuesday 2 due
    ]
    assert [r.days_with_data for r in rows] == [7, 7, 7, 2]  # Tuesday of week 4: a check-in
    assert rows[0].pain["left"].after == 2 and rows[2].pain["left"].morning is None
    weeks_kept = sim.store.conn.execute(
        "SELECT week, count(*) FROM program_sessions GROUP BY week ORDER BY week"
    ).fetchall()
    assert [tuple(r) for r in weeks_kept] == [(1, 17), (2, 7), (3, 17), (4, 3)]
