"""Provides the suggestions: a step up, a step back, or a word to see someone, per side.

Never automatic: each is a question the person answers. A step up for an
exercise on a side is suggested only when every condition of docs/programs
holds at the current dose: at least `every` days at it, at least 80% of what
was due done, pain during within `during` on that side in every rated session,
and no next morning worse than the one before by more than `morning` (with
at least one such pair of mornings to go on). A step back is suggested when
the latest session at the current dose had pain during above `during`, or the
morning after it was 2 or more points worse. Each side is judged on its own;
no suggestion ever goes past the limit the program writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from evenside.history.program_records import Enrolment
from evenside.history.timestamps import to_iso
from evenside.pain.care import LOOK_BACK, MARK_AFTER, RoutineCare
from evenside.program.doses import Dose, dose_words
from evenside.program.evidence import Evidence, SessionMark, local_day
from evenside.program.model import ADHERENCE_NEEDED, EASE_OFF_RISE, Program, Progress, ScheduleLine
from evenside.program.schedule import done_between, due_between, last_day


@dataclass(frozen=True)
class Suggestion:
    """One question for the person: step a dose up or back, or see someone."""

    kind: str
    """'up', 'back' or 'see'."""
    routine: str
    """The schedule's routine key."""
    side: str
    """'left' or 'right'."""
    text: str
    """The question or note, e.g. "Supine release, left: 2:00 → 2:05?"."""
    exercise_id: str | None = None
    """The exercise (None for 'see')."""
    current: int | None = None
    """The dose now (ms or reps)."""
    proposed: int | None = None
    """The dose it would step to."""
    is_hold: bool = True
    """True when the dose is a hold in ms."""

    def as_json(self) -> dict[str, object]:
        """The suggestion as `today --format json` gives it."""
        return {
            "kind": self.kind,
            "routine": self.routine,
            "exercise_id": self.exercise_id,
            "side": self.side,
            "current": self.current,
            "proposed": self.proposed,
            "unit": "ms" if self.is_hold else "reps",
            "text": self.text,
        }


def _dose_start(dose: Dose, enrolment: Enrolment) -> str:
    """When the dose began: its latest step, or the enrolment's first local midnight."""
    began = to_iso(datetime.combine(enrolment.start_day, time()).astimezone())
    return max(dose.since, began) if dose.since is not None else began


def _bad(mark: SessionMark, side: str, evidence: Evidence, progress: Progress) -> bool:
    during = mark.after.get(side)
    change = evidence.morning_change(mark.day, side)
    return (during is not None and during > progress.pain_during) or (
        change is not None and change >= EASE_OFF_RISE
    )


def _step_up(
    line: ScheduleLine,
    dose: Dose,
    program: Program,
    enrolment: Enrolment,
    evidence: Evidence,
    today: date,
) -> Suggestion | None:
    progress = program.progress
    assert progress is not None
    rule = progress.hold if dose.is_hold else progress.reps
    if rule is None or dose.value >= rule.limit:
        return None
    started = _dose_start(dose, enrolment)
    first = max(local_day(started), enrolment.start_day)
    if (today - first).days < progress.every_days:
        return None
    marks = [m for m in evidence.sessions.get(line.key, []) if m.started_at >= started]
    last = today - timedelta(days=1)
    end = last_day(program, enrolment.start_day)
    if end is not None:
        last = min(last, end)
    due = due_between(line, enrolment.start_day, first, last)
    done = done_between(line, evidence.done_days(line.key), first, last)
    if due <= 0 or done < ADHERENCE_NEEDED * due:
        return None
    if any(m.after.get(dose.side, 0) > progress.pain_during for m in marks):
        return None
    changes = [evidence.morning_change(m.day, dose.side) for m in marks]
    known = [c for c in changes if c is not None]
    if not known or any(c > progress.morning_rise for c in known):
        return None
    proposed = min(dose.value + rule.step, rule.limit)
    return Suggestion(
        kind="up",
        routine=line.key,
        side=dose.side,
        exercise_id=dose.exercise_id,
        current=dose.value,
        proposed=proposed,
        is_hold=dose.is_hold,
        text=f"{dose.exercise}, {dose.side}: {dose_words(dose)} → {dose_words(dose, proposed)}?",
    )


def _step_back(
    line: ScheduleLine, dose: Dose, program: Program, enrolment: Enrolment, evidence: Evidence
) -> Suggestion | None:
    progress = program.progress
    assert progress is not None
    rule = progress.hold if dose.is_hold else progress.reps
    marks = [
        m
        for m in evidence.sessions.get(line.key, [])
        if m.started_at >= _dose_start(dose, enrolment)
    ]
    if rule is None or not marks or not _bad(marks[-1], dose.side, evidence, progress):
        return None
    floor = rule.step if dose.is_hold else 1
    proposed = max(dose.value - rule.step, floor)
    if proposed >= dose.value:
        return None
    return Suggestion(
        kind="back",
        routine=line.key,
        side=dose.side,
        exercise_id=dose.exercise_id,
        current=dose.value,
        proposed=proposed,
        is_hold=dose.is_hold,
        text=f"Ease off: {dose.exercise}, {dose.side}: {dose_words(dose)} → "
        f"{dose_words(dose, proposed)}?",
    )


def _see_someone(
    line: ScheduleLine, side: str, program: Program, evidence: Evidence
) -> Suggestion | None:
    progress = program.progress
    assert progress is not None
    recent = evidence.sessions.get(line.key, [])[-LOOK_BACK:]
    bad = sum(1 for mark in recent if _bad(mark, side, evidence, progress))
    care = RoutineCare(f"{line.routine.name} ({side})", worse=bad, rated=len(recent))
    if not care.marked:
        return None
    return Suggestion(kind="see", routine=line.key, side=side, text=care.text)


def suggestions(
    program: Program,
    enrolment: Enrolment,
    evidence: Evidence,
    current: dict[str, list[Dose]],
    today: date,
) -> list[Suggestion]:
    """Every suggestion for today, in schedule order, left before right."""
    if program.progress is None:
        return []
    found: list[Suggestion] = []
    for line in program.schedule:
        for dose in current.get(line.key, []):
            back = _step_back(line, dose, program, enrolment, evidence)
            if back is not None:
                found.append(back)
                continue
            up = _step_up(line, dose, program, enrolment, evidence, today)
            if up is not None:
                found.append(up)
        for side in sorted({dose.side for dose in current.get(line.key, [])}):
            see = _see_someone(line, side, program, evidence)
            if see is not None:
                found.append(see)
    assert MARK_AFTER <= LOOK_BACK
    return found
