"""Provides tests of `evenside play --plain --rate`: pain asked at the prompt, never required."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.support.evenside_process import EVENSIDE, run_evenside
from tests.support.process_output import read_until
from tests.support.routine_files import write_routine

TINY = (
    "name: Tiny rated\ndefaults: {prep: 1s, switch: 1s}\n"
    "steps:\n  - exercise: Lunge\n    hold: 1s\n    sides: both\n"
)


def play_rated(tmp_path: Path, answers: str) -> subprocess.CompletedProcess[str]:
    routine = write_routine(tmp_path, TINY, "tiny.yaml")
    return run_evenside("play", routine, "--plain", "--mute", "--rate", input=answers)


def play_answering(tmp_path: Path, before: str, after: str) -> tuple[int, str, str]:
    """Answer the before-questions at once, the after-questions once they are asked:
    during the session stdin carries the player's keys."""
    routine = write_routine(tmp_path, TINY, "tiny.yaml")
    process = subprocess.Popen(
        [*EVENSIDE, "play", str(routine), "--plain", "--mute", "--rate"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(before.encode())
    process.stdin.flush()
    seen = read_until(process, "Pain after, left side")
    out, err = process.communicate(after.encode(), timeout=30)
    return process.returncode, seen + out.decode(), err.decode()


def ratings() -> list[dict[str, object]]:
    out = run_evenside("history", "--format", "json", check=True).stdout
    (session,) = json.loads(out)["sessions"]
    return list(session["ratings"])


@pytest.mark.slow
def test_ratings_before_and_after_are_stored_and_a_worse_side_gets_a_gentle_note(
    tmp_path: Path,
) -> None:
    # before: left 3, right 5; after: left skipped (Enter), right 7.
    code, out, err = play_answering(tmp_path, "3\n5\n", "\n7\n")
    assert code == 0, err
    assert "Traceback" not in err
    assert "routine complete" in out
    assert sorted(ratings(), key=lambda r: (str(r["when"]), str(r["side"]))) == [
        {"when": "after", "side": "right", "pain": 7},
        {"when": "before", "side": "left", "pain": 3},
        {"when": "before", "side": "right", "pain": 5},
    ]
    assert "right side feels sorer than before (5 → 7)" in out


@pytest.mark.slow
def test_a_bad_answer_is_asked_again_and_no_answer_skips(tmp_path: Path) -> None:
    done = play_rated(tmp_path, "eleven\n4\n")  # then end of input: the rest is skipped
    assert done.returncode == 0, done.stderr
    assert "'eleven' is not a number from 0 to 10" in done.stdout
    assert ratings() == [{"when": "before", "side": "left", "pain": 4}]
