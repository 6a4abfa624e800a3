"""Tests that `play --trace` never writes over the history or the routine being played."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evenside.locations import ProtectedPath, history_path, refuse_protected

ROUTINE = """\
name: Guard
defaults: {prep: 0}
steps:
  - exercise: Lunge
    hold: 1s
"""


def play(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evenside", "play", *args, "--mute"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def routine(tmp_path: Path) -> Path:
    path = tmp_path / "guard.yaml"
    path.write_text(ROUTINE)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("plain", [True, False], ids=["plain", "tui"])
@pytest.mark.parametrize("target", ["history", "history-wal", "routine"])
def test_trace_onto_the_history_or_the_routine_is_refused(
    routine: Path, plain: bool, target: str
) -> None:
    recorded = play(str(routine), "--plain")
    assert recorded.returncode == 0, recorded.stderr
    history = history_path()
    paths = {
        "history": history,
        "history-wal": Path(f"{history}-wal"),
        "routine": routine,
    }
    guarded = paths[target]
    before = guarded.read_bytes() if guarded.exists() else None
    history_before = history.read_bytes()
    refused = play(str(routine), *(["--plain"] if plain else []), "--trace", str(guarded))
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    (line,) = refused.stderr.strip().splitlines()
    assert "will not write the trace there" in line and str(guarded) in line
    assert (guarded.read_bytes() if guarded.exists() else None) == before
    assert history.read_bytes() == history_before


def test_another_file_is_fine_and_a_relative_path_to_the_history_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_protected(tmp_path / "trace.jsonl")
    history = history_path()
    history.parent.mkdir(parents=True)
    monkeypatch.chdir(history.parent)
    with pytest.raises(ProtectedPath, match="the history database"):
        refuse_protected(Path(history.name))
    with pytest.raises(ProtectedPath, match="the routine being played"):
        refuse_protected(tmp_path / "x" / ".." / "r.yaml", playing=tmp_path / "r.yaml")
