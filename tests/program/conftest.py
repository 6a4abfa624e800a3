"""Provides the program tests' fixtures (tests/support/program_fixtures.py) to this folder."""

from tests.support.program_fixtures import sim, utc_local_time

__all__ = ["sim", "utc_local_time"]
