"""Tests ROUTINE lookup as a person types it, in `play`, `check`, `show` and `remind`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from evenside import locations
from tests.support.evenside_process import run_evenside

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "typed",
    ["desk-break", "Desk break", "desk break", "DESK-BREAK", "desk-break.yaml", "Desk-Break.YAML"],
)
def test_a_file_name_slug_or_display_name_finds_the_routine(typed: str) -> None:
    result = run_evenside("show", typed)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Desk break: ")


def test_a_display_name_unlike_the_file_name_finds_the_routine() -> None:
    # hip-stability.yaml is called "Hip stability circuit" inside.
    result = run_evenside("show", "hip stability CIRCUIT", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"name": "Hip stability circuit"' in result.stdout


@pytest.mark.parametrize("command", ["play", "show", "check", "remind"])
@pytest.mark.parametrize("typed", ["desk", "desk-brake"])
def test_a_near_miss_suggests_the_routine(command: str, typed: str) -> None:
    args = [command, typed] if command != "remind" else [command, typed, "--plain"]
    result = run_evenside(*args, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert f"no routine named '{typed}'; did you mean 'desk-break'?" in result.stderr + (
        result.stdout
    )
    assert "Traceback" not in result.stderr


def test_new_then_check_by_name_with_or_without_yaml_as_the_readme_says(tmp_path: Path) -> None:
    made = run_evenside("new", "evening", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    for typed in ("evening", "evening.yaml"):
        result = run_evenside("check", typed, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout == f"{path}: ok\n"
    shown = run_evenside("show", "evening", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr


@pytest.mark.parametrize("command", ["play", "show"])
def test_a_folder_or_a_device_is_named_for_what_it_is(command: str, tmp_path: Path) -> None:
    for given, kind in ((tmp_path, "a folder"), (Path(os.devnull), "a device")):
        result = run_evenside(command, given, stdin=subprocess.DEVNULL)
        assert result.returncode == 1
        assert f"{given} is {kind}, not a routine file" in result.stderr
        assert "no such file" not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes")
@pytest.mark.parametrize("command", ["check", "play", "show"])
def test_a_fifo_is_refused_at_once_never_waited_on(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "routine.yaml"
    os.mkfifo(fifo)
    # The timeout bounds a hang: opening the pipe for reading would wait for a writer.
    result = run_evenside(command, fifo, stdin=subprocess.DEVNULL, timeout=20)
    assert result.returncode == 1
    assert "is a named pipe (FIFO), not a routine file" in result.stdout + result.stderr


def test_a_routine_of_your_own_wins_over_a_bundled_one_of_the_same_name() -> None:
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "desk-break.yaml").write_text(
        "name: My desk break\nsteps:\n  - exercise: Neck roll\n    hold: 10s\n"
    )
    result = run_evenside("show", "Desk Break")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("My desk break: ")
