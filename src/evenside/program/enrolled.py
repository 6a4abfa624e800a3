"""Provides the program file of an enrolment, loaded again, and the local "today".

Kept apart from the status so that the player's dose hook loads only this
and the doses, not the progression rules.
"""

from __future__ import annotations

from evenside.history.program_records import Enrolment
from evenside.program.loader import load_program
from evenside.program.model import Program
from evenside.routine.diagnostics import RoutineError


class ProgramProblem(Exception):
    """The running program's file cannot be loaded any more (the message says why)."""


def load_enrolled(enrolment: Enrolment) -> Program:
    """The program file of `enrolment`, loaded; ProgramProblem when it is gone or broken."""
    try:
        return load_program(enrolment.source)
    except RoutineError as error:
        first = error.errors[0] if error.errors else error.diagnostics[0]
        raise ProgramProblem(f"the program {enrolment.name!r} does not load: {first}") from None
