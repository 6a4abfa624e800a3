"""Tests sync end to end through two real Syncthing instances on 127.0.0.1: a session played on
one machine shows in the other's `evenside balance` within a minute."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path

import pytest

from tests.support.sync_machines import Home
from tests.support.syncthing import syncthing_pair
from tests.support.tools import require_tool

QUICK = """\
name: Quick
defaults: {prep: 0, switch: 1s}
steps:
  - exercise: Lunge
    id: lunge
    hold: 1s
    sides: both
"""
WITHIN_S = 60.0


def _lunge_sets(home: Home) -> tuple[int, int] | None:
    code, out, err = home.run("balance", "--format", "json")
    assert code == 0, err
    for exercise in json.loads(out)["exercises"]:
        if exercise["id"] == "lunge":
            return exercise["left"]["sets"], exercise["right"]["sets"]
    return None


@pytest.mark.slow
def test_a_session_played_on_one_machine_is_in_the_others_balance_within_a_minute(
    tmp_path: Path,
) -> None:
    require_tool("syncthing")
    routine = tmp_path / "quick.yaml"
    routine.write_text(QUICK)
    with syncthing_pair(tmp_path / "syncthing") as (one, two):
        laptop = Home(tmp_path, "laptop", one.folder)
        desk = Home(tmp_path, "desk-pc", two.folder)
        assert _lunge_sets(desk) is None
        code, out, err = laptop.run("play", routine, "--plain", "--mute")
        assert code == 0, err
        assert list(one.folder.glob("evenside-*.jsonl"))  # the automatic sync wrote it
        played = time.monotonic()
        seen = None
        while time.monotonic() - played < WITHIN_S:
            code, out, err = desk.run("sync")
            assert code == 0, err
            seen = _lunge_sets(desk)
            if seen is not None:
                break
            time.sleep(1)
        waited = time.monotonic() - played
        print(f"arrived after {waited:.1f} s")
        assert seen == (1, 1), f"not there after {waited:.0f} s:\n{one.log()}\n{two.log()}"
        assert out.splitlines()[0] == "1 session from laptop"
        (arrived,) = two.folder.glob("evenside-*.jsonl")
        assert stat.S_IMODE(arrived.stat().st_mode) == 0o600
        # And back: the desk's own sync never disturbed what Syncthing brought.
        assert laptop.run("sync")[1].startswith("nothing new from other machines")
