"""Provides the report as one HTML page: the numbers laid out in the order a clinician reads them.

The page is self-contained and fetches nothing: its style is inline, its
charts inline SVG, and a Content-Security-Policy forbids any load should a
later change slip one in. The print style fits six weeks on two A4 or Letter
pages with no table row or chart split across a page.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from evenside.history.side_work import SideWork
from evenside.report.charts import SIDE_STYLES, legend, level_key, pain_chart, pain_value
from evenside.report.charts import week_strip as strip
from evenside.report.numbers import MORNING, PAIN_MOMENTS, ExerciseDose, ReportNumbers
from evenside.routine.model import Side

MOMENT_TITLES = {"before": "Before a session", "after": "After a session", MORNING: "Next morning"}

STYLE = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Liberation Sans", Helvetica, Arial, sans-serif;
  font-size: 9pt; line-height: 1.3; color: #000; background: #fff;
  max-width: 184mm; margin: 0 auto; padding: 6mm; }
h1 { font-size: 14pt; margin: 0 0 1.5mm; }
h2 { font-size: 11pt; margin: 3.5mm 0 1.2mm; padding-bottom: 0.4mm;
  border-bottom: 1.2px solid #000; break-after: avoid; }
p { margin: 0.8mm 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 0.6px solid #aaa; padding: 0.5mm 1.4mm; text-align: left;
  vertical-align: middle; }
th { font-weight: bold; border-bottom: 1px solid #000; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.right td { border-bottom-color: #555; }
.weaker { font-weight: bold; }
.mark { font-weight: bold; white-space: nowrap; }
.nodata { font-style: italic; }
.meta td { border: none; padding: 0.2mm 1.4mm 0.2mm 0; }
.fill { display: inline-block; width: 70mm; border-bottom: 0.8px dotted #000; height: 3.5mm; }
.meta th { border: none; width: 32mm; padding: 0.2mm 1.4mm 0.2mm 0; }
.small { font-size: 8pt; }
.charts { display: flex; gap: 2.5mm; margin: 1mm 0; }
.charts figure { flex: 1; margin: 0; }
.charts figcaption { font-weight: bold; font-size: 8.5pt; }
.charts svg { width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 8px; fill: #000; }
svg text.none { font-style: italic; fill: #444; }
svg.legend, svg.strip { vertical-align: middle; }
ul { margin: 0.8mm 0; padding-left: 5mm; }
section, table, tr, figure, svg, li, .keep { break-inside: avoid; }
footer { margin-top: 3mm; font-size: 7.5pt; border-top: 0.6px solid #000; padding-top: 1mm; }
@page { margin: 11mm 12mm; }
@media print { body { padding: 0; max-width: none; } }
"""


def _days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


def _sessions(count: int) -> str:
    return f"{count} session" + ("" if count == 1 else "s")


def _long_date(day: object) -> str:
    from datetime import date

    assert isinstance(day, date)
    return f"{day.day} {day.strftime('%b %Y')}"


def header(numbers: ReportNumbers) -> str:
    """Who, what and when."""
    period = numbers.period
    routines = ", ".join(
        f"{escape(use.routine)} ({_sessions(use.sessions)})" for use in numbers.routines
    )
    rows = [
        ("Name", '<span class="fill"></span>'),
        (
            "Period",
            f"{_long_date(period.first)} to {_long_date(period.last)} ({_days(period.days)})",
        ),
    ]
    if numbers.program is not None:
        rows.append(("Program", escape(numbers.program.program)))
    rows.append(("Routines", routines or '<span class="nodata">none played</span>'))
    generated = numbers.generated.strftime("%Y-%m-%d %H:%M")
    rows.append(("Made", f"{generated} by evenside {escape(numbers.version)}"))
    body = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    return (
        "<header><h1>Exercise report for your physiotherapist</h1>"
        '<p class="small">Recorded by evenside as each session was played, not written up '
        "afterwards: what was done, side by side, and the pain rated.</p>"
        f'<table class="meta">{body}</table></header>'
    )


def adherence(numbers: ReportNumbers) -> str:
    """Days with data, sessions per week (and due, with a program), the calendar strip."""
    active = len(numbers.days)
    summary = (
        f"<p><b>{active} of {numbers.period.days} days</b> with data "
        f"(<b>{numbers.days_per_30:.1f} per 30 days</b>); "
        f"<b>{_sessions(numbers.sessions)}</b> with work recorded.</p>"
    )
    program = numbers.program is not None
    heads = ["<th>Week of</th>", "<th>Mon to Sun</th>", "<th class='num'>Days with data</th>"]
    heads.append("<th class='num'>Sessions</th>")
    if program:
        heads += ["<th class='num'>Due</th>", "<th class='num'>Done of due</th>"]
    rows = []
    for week in numbers.weeks:
        cells = [
            f"<td>{_long_date(week.monday)}</td>",
            f"<td>{strip(week.monday, numbers.period, numbers.days)}</td>",
        ]
        if week.has_data:
            cells += [
                f'<td class="num">{len(week.active_days)} of {week.days_in_period}</td>',
                f'<td class="num">{week.sessions}</td>',
            ]
        else:
            cells.append('<td colspan="2" class="nodata">no data recorded this week</td>')
        if program:
            if week.due is None:
                cells.append('<td colspan="2" class="nodata">not in the program</td>')
            else:
                cells += [
                    f'<td class="num">{week.due.due}</td>',
                    f'<td class="num">{week.due.done} of {week.due.due}</td>',
                ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(heads)
    return (
        f"<section><h2>Adherence</h2>{summary}"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p class="small">Time worked each day: {level_key()}</p></section>'
    )


def _amount(done: float, prescribed: float, unit: str) -> str:
    if not prescribed and not done:
        return "–"
    return f"{done:,.0f} / {prescribed:,.0f}{unit}"


def _side_cells(work: SideWork) -> str:
    return (
        f'<td class="num">{_amount(work.seconds, work.prescribed_seconds, " s")}</td>'
        f'<td class="num">{_amount(work.reps, work.prescribed_reps, "")}</td>'
        f'<td class="num">{work.sets} / {work.prescribed_sets}</td>'
        f'<td class="num">{round(work.ratio * 100)}%</td>'
    )


def _dose_rows(dose: ExerciseDose) -> str:
    rows = []
    weaker = dose.weaker
    for side in (Side.LEFT, Side.RIGHT):
        mark = ""
        if weaker is side:
            mark = '<span class="mark">◀ weaker</span>'
        name = f'<td rowspan="2">{escape(dose.exercise)}</td>' if side is Side.LEFT else ""
        css = "weaker" if weaker is side else ""
        rows.append(
            f'<tr class="{side} {css}" data-exercise="{escape(dose.exercise_id)}" '
            f'data-side="{side}">{name}<td>{side}</td>{_side_cells(dose.side(side))}'
            f"<td>{mark}</td></tr>"
        )
    return "".join(rows)


def doses(numbers: ReportNumbers) -> str:
    """Per exercise, left | right: prescribed against delivered, the weaker side marked."""
    if numbers.doses:
        head = (
            "<tr><th>Exercise</th><th>Side</th><th class='num'>Holds done / prescribed</th>"
            "<th class='num'>Reps</th><th class='num'>Sets</th><th class='num'>Done</th>"
            "<th></th></tr>"
        )
        body = "".join(f"<tbody class='keep'>{_dose_rows(d)}</tbody>" for d in numbers.doses)
        table = f"<table><thead>{head}</thead>{body}</table>"
    else:
        table = '<p class="nodata">No exercise with a side was done in this period.</p>'
    if numbers.owed:
        owed = "; ".join(
            f"{escape(o.exercise)}, {o.side} side (since {o.since[:10]})" for o in numbers.owed
        )
        owed_text = f"<p><b>Sides still owed:</b> {owed}.</p>"
    else:
        owed_text = "<p>No side is owed: every exercise started on one side was finished on "
        owed_text += "the other.</p>"
    return (
        "<section><h2>Dose per side</h2>"
        '<p class="small">Summed over the period. "Done" is the share of the prescription '
        "delivered, each hold or set counted at most at what it prescribed; the side behind "
        "is marked. Exercises without a side count in the adherence above.</p>"
        f"{table}{owed_text}</section>"
    )


def _pain_sides(numbers: ReportNumbers) -> list[str | None]:
    present = {mark.side for mark in numbers.pain}
    return [side for side in SIDE_STYLES if side in present] or ["left", "right"]


def _mean(values: Iterable[float]) -> str:
    found = list(values)
    if not found:
        return '<span class="nodata">none</span>'
    mean = pain_value(round(sum(found) / len(found), 1))
    return f"{mean} <span class='small'>(n={len(found)})</span>"


def pain(numbers: ReportNumbers) -> str:
    """Pain per side over time, before, after and the next morning, with the means."""
    sides = _pain_sides(numbers)
    figures = []
    for moment in PAIN_MOMENTS:
        series = {side: [(m.day, m.pain) for m in numbers.pain_of(side, moment)] for side in sides}
        chart = pain_chart(MOMENT_TITLES[moment], numbers.period, series)
        figures.append(f"<figure><figcaption>{MOMENT_TITLES[moment]}</figcaption>{chart}</figure>")
    heads = "".join(f"<th class='num'>{MOMENT_TITLES[m]}</th>" for m in PAIN_MOMENTS)
    rows = "".join(
        f'<tr data-side="{side or "body"}"><td>{SIDE_STYLES[side].label}</td>'
        + "".join(
            f'<td class="num">{_mean(m.pain for m in numbers.pain_of(side, moment))}</td>'
            for moment in PAIN_MOMENTS
        )
        + "</tr>"
        for side in sides
    )
    return (
        "<section><h2>Pain per side</h2>"
        '<p class="small">0 is no pain, 10 the worst; the mean of each day\'s ratings. '
        "Next morning is the check-in given the day after a session. "
        f"{legend(sides)}</p>"
        f'<div class="charts">{"".join(figures)}</div>'
        f"<table><thead><tr><th>Mean over the period</th>{heads}</tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _change(change: float | None, sessions: int) -> str:
    if change is None:
        return '<td class="num nodata">not enough ratings</td>'
    return f'<td class="num">{change:+.1f} <span class="small">({_sessions(sessions)})</span></td>'


def helps(numbers: ReportNumbers) -> str:
    """Each rated routine's change in pain, and how many sessions it rests on."""
    if not numbers.helps:
        return (
            "<section><h2>What helps</h2>"
            '<p class="nodata">No session was rated before and after in this period.</p>'
            "</section>"
        )
    rows = "".join(
        f"<tr><td>{escape(e.routine)}</td>{_change(e.after_change, e.after_sessions)}"
        f"{_change(e.later_change, e.later_sessions)}</tr>"
        for e in numbers.helps
    )
    return (
        "<section><h2>What helps</h2>"
        '<p class="small">Change in pain (negative is less pain), both sides taken together, '
        "with the number of sessions it rests on: few sessions say little.</p>"
        "<table><thead><tr><th>Routine</th><th class='num'>Before to after</th>"
        "<th class='num'>Before to the next 3 days</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def care(numbers: ReportNumbers) -> str:
    """The care notes the sessions raised, and the routines that keep leaving a side sorer."""
    items = [
        f"<li>{note.day.isoformat()}, {escape(note.routine)}: {escape(note.text)}</li>"
        for note in numbers.care
    ]
    items += [f"<li><b>{escape(marked.text)}</b></li>" for marked in numbers.marked]
    body = (
        f"<ul>{''.join(items)}</ul>"
        if items
        else ('<p class="nodata">No care notes: no session left a side 2 or more points sorer.</p>')
    )
    return f"<section><h2>Care notes raised</h2>{body}</section>"


def red_flags(numbers: ReportNumbers) -> str:
    """What the routines played say to see a doctor for."""
    if not numbers.red_flags:
        return ""
    items = "".join(
        f"<li><b>{escape(name)}</b>: {escape(' '.join(notes))}</li>"
        for name, notes in sorted(numbers.red_flags.items())
    )
    return f"<section><h2>Red flags the routines list</h2><ul>{items}</ul></section>"


def render_report(numbers: ReportNumbers) -> str:
    """The whole report as one HTML document."""
    period = numbers.period
    title = f"evenside report {period.first.isoformat()} to {period.last.isoformat()}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        + header(numbers)
        + adherence(numbers)
        + doses(numbers)
        + pain(numbers)
        + helps(numbers)
        + care(numbers)
        + red_flags(numbers)
        + "<footer>evenside is not medical advice. The numbers are what evenside recorded "
        "while the routines played; days without a session show no data, not a zero.</footer>"
        + "</body></html>\n"
    )
