"""Provides the program tests' fixtures: local time is UTC, and a fresh simulated program.

Import them into a test module or a conftest to use them (the UTC one is autouse there).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.program_sim import ProgramSim


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local days are UTC days, so a session at 09:00Z falls on the day it names anywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[ProgramSim]:
    """The test program (stretch twice daily, strength Mon/Wed/Fri, six weeks) from START."""
    program = ProgramSim(tmp_path / "routines", tmp_path / "history.sqlite3")
    yield program
    program.close()
