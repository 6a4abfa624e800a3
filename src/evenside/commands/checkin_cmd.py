"""Provides `evenside checkin`: the morning check-in at the prompt, pain per side, 0-10.

Either side may be skipped (Enter); nothing is stored for a skipped side.
`--left`/`--right` give the answers without asking.
"""

from __future__ import annotations

import click

QUESTION = "How are your left and right this morning? 0-10 (Enter skips)"


def _ask(side: str) -> int | None:
    while True:
        answer = click.prompt(f"  {side}", default="", show_default=False).strip()
        if not answer:
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        click.echo("  a number from 0 to 10, or Enter to skip")


@click.command()
@click.option("--left", type=click.IntRange(0, 10), help="Left side's pain (0-10).")
@click.option("--right", type=click.IntRange(0, 10), help="Right side's pain (0-10).")
def checkin(left: int | None, right: int | None) -> None:
    """The morning check-in: how your left and right are this morning, 0-10 each."""
    from evenside.commands.program_cmd import history_connection
    from evenside.history.checkins import Checkin, save_checkin
    from evenside.history.timestamps import local_today, to_iso, utc_now

    if left is None and right is None:
        click.echo(QUESTION)
        try:
            left, right = _ask("left"), _ask("right")
        except click.Abort:
            click.echo("\nSkipped; nothing stored.")
            return
    answers = {"left": left, "right": right}
    if all(v is None for v in answers.values()):
        click.echo("Skipped; nothing stored.")
        return
    day = local_today()
    with history_connection() as conn:
        for side, pain in answers.items():
            if pain is not None:
                save_checkin(conn, Checkin(day, side, pain, to_iso(utc_now())))
    given = ", ".join(f"{side} {pain}" for side, pain in answers.items() if pain is not None)
    click.echo(f"Checked in for {day}: {given}.")
    from evenside.commands.history_cmds import daily_copy

    daily_copy()
    from evenside.sync.auto import sync_in_background

    sync_in_background()
