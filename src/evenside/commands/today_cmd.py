"""Provides `evenside today`: what the running program has due today and what is done.

`--format json` gives `{"date", "program", "week", "due": [{"routine", "times",
"done"}], "checkin", "suggestions"}` for scripts and widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from datetime import date

    from evenside.history.checkins import Checkin
    from evenside.program.status import ProgramStatus


def today_json(day: date, status: ProgramStatus | None, checkin: list[Checkin]) -> dict[str, Any]:
    """The `today --format json` document."""
    return {
        "date": day.isoformat(),
        "program": status.program.name if status is not None else None,
        "week": status.week if status is not None and not status.finished else None,
        "due": [
            {"routine": due.key, "times": due.times, "done": due.done}
            for due in (status.due if status is not None else ())
        ],
        "checkin": {c.side: c.pain for c in checkin} or None,
        "suggestions": [s.as_json() for s in (status.suggestions if status is not None else ())],
    }


def today_text(day: date, status: ProgramStatus | None, checkin: list[Checkin]) -> str:
    """Today in lines."""
    from evenside.terminal_text import safe_text

    if status is None:
        lines = [f"{day}: no program running ('evenside program use NAME' takes one up)."]
    else:
        of = f" of {status.program.weeks}" if status.program.weeks else ""
        week = "finished" if status.finished else f"week {status.week}{of}"
        lines = [f"{day}: {safe_text(status.program.name)}, {week}"]
        for due in status.due:
            mark = "done" if due.left == 0 else f"{due.left} to go"
            lines.append(f"  {safe_text(due.name)}: {due.done} of {due.times} ({mark})")
        if not status.due:
            lines.append("  nothing due today")
        lines += [f"  Suggested: {safe_text(s.text)}" for s in status.suggestions]
    given = ", ".join(f"{c.side} {c.pain}" for c in checkin)
    lines.append(f"Check-in: {given}" if given else "Check-in: not given ('evenside checkin')")
    return "\n".join(lines)


@click.command()
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
def today(output: str) -> None:
    """What is due today in the program you are on, what is done, and the check-in."""
    from evenside.commands.program_cmd import current_status, history_connection
    from evenside.history.timestamps import local_today
    from evenside.program.status import today_checkin

    day = local_today()
    with history_connection() as conn:
        status = current_status(conn, day)
        checkin = today_checkin(conn, day)
    if output == "json":
        import json

        click.echo(json.dumps(today_json(day, status, checkin), indent=2, ensure_ascii=False))
        return
    click.echo(today_text(day, status, checkin))
