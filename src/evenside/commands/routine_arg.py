"""Provides the ROUTINE argument of the commands that play one: found, loaded, or explained."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from evenside.routine.model import Routine


def load_routine_arg(name_or_path: str, verb: str = "play") -> Routine:
    """Find and load ROUTINE; a missing or broken routine is a one-line message and exit 1.

    Every problem in a broken file is printed first, compiler style, so the
    person can fix them all at once.
    """
    # Imported here so that `evenside --help` and the other commands stay quick.
    from evenside.routine.diagnostics import RoutineError
    from evenside.routine.finder import RoutineNotFound, find_routine
    from evenside.routine.loader import load_routine

    try:
        return load_routine(find_routine(name_or_path))
    except RoutineNotFound as error:
        raise click.ClickException(str(error)) from None
    except RoutineError as error:
        problems = error.errors or error.diagnostics
        click.echo("\n".join(str(d) for d in problems), err=True)
        message = f"cannot {verb} {name_or_path}: the routine has errors"
        raise click.ClickException(message) from None
