"""Provides the Program pane: the running (or last) program week by week: sessions due and
done, days with data, pain before / after / next morning per side, and the dose per side."""

from __future__ import annotations

from typing import ClassVar

from textual.widget import Widget
from textual.widgets import DataTable, Static

from evenside.history.program_records import enrolments, running_enrolment
from evenside.program.adherence import SidePain, weeks
from evenside.program.enrolled import ProgramProblem, load_enrolled
from evenside.program.status import status_of
from evenside.terminal_text import safe_text
from evenside.ui.screens.history_screen.panes.pane import FilteredHistory, HistoryPane, show_note

NO_PROGRAM = "No program yet. 'evenside program use NAME' takes one up (see 'evenside today')."


def _pain(pain: SidePain) -> str:
    def shown(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f}".rstrip("0").rstrip(".")

    return f"{shown(pain.before)} / {shown(pain.after)} / {shown(pain.morning)}"


class ProgramWeeks(DataTable[str]):
    """One row per program week."""


class ProgramDoses(DataTable[str]):
    """One row per exercise and side, one column per week: the dose at the week's end."""


class ProgramPane(HistoryPane):
    """A program's weeks: adherence, pain per side, and the dose per side per week."""

    id: ClassVar[str] = "program"
    title: ClassVar[str] = "Program"
    focus: ClassVar[type[Widget] | None] = ProgramWeeks

    def widgets(self) -> list[Widget]:
        return [
            Static("", id="program-title", markup=False),
            ProgramWeeks(id="program-weeks", cursor_type="row", zebra_stripes=True),
            Static("Dose per side at the end of each week", id="program-doses-title"),
            ProgramDoses(id="program-doses", zebra_stripes=True),
            Static("", id="program-note", classes="history-note", markup=False),
        ]

    def load(self, container: Widget, history: FilteredHistory) -> None:
        today = history.window.today
        table = container.query_one(ProgramWeeks)
        doses_table = container.query_one(ProgramDoses)
        table.clear(columns=True)
        doses_table.clear(columns=True)
        title = container.query_one("#program-title", Static)
        note = container.query_one("#program-note", Static)
        enrolment = running_enrolment(history.conn, today)
        if enrolment is None:
            past = [e for e in enrolments(history.conn) if e.start_day <= today]
            enrolment = past[-1] if past else None
        if enrolment is None:
            title.update("")
            show_note(note, NO_PROGRAM)
            return
        try:
            program = load_enrolled(enrolment)
        except ProgramProblem as error:
            title.update("")
            show_note(note, safe_text(str(error)))
            return
        last = enrolment.stop_day if enrolment.stop_day is not None else today
        day = min(today, last) if last >= enrolment.start_day else enrolment.start_day
        status = status_of(history.conn, program, enrolment, day)
        rows = weeks(program, enrolment.start_day, status.evidence, list(status.kept), day)
        of = f" of {program.weeks}" if program.weeks else ""
        title.update(f"{program.name}: from {enrolment.start_day}, week {status.week}{of}")
        table.add_columns(
            "Week", "Days", "Done / due", "Days with data", "Left b/a/m", "Right b/a/m"
        )
        for row in rows:
            ratio = f" ({row.ratio:.0%})" if row.ratio is not None else ""
            table.add_row(
                str(row.week),
                f"{row.first:%d %b}-{row.last:%d %b}",
                f"{row.done} / {row.due:g}{ratio}",
                str(row.days_with_data),
                _pain(row.pain["left"]),
                _pain(row.pain["right"]),
            )
        labels = list(rows[-1].doses) if rows else []
        doses_table.add_columns("Exercise, side", *(f"W{row.week}" for row in rows))
        for label in labels:
            doses_table.add_row(safe_text(label), *(row.doses.get(label, "") for row in rows))
        show_note(note, "Pain: b before, a after a session, m the morning check-in (averages).")
