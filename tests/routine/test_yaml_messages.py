"""Tests the commonest YAML mistakes as `evenside check` reports them: exact line:col, a fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.evenside_process import run_evenside

HEAD = "name: Evening\nsteps:\n  - exercise: Lunge\n"


def check_one(tmp_path: Path, text: str) -> str:
    """`evenside check` on `text`: the one error line (exit 1, no traceback)."""
    path = tmp_path / "evening.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_evenside("check", path)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(lines) == 1, result.stdout
    return lines[0].removeprefix(f"{path}:")


def test_text_with_a_colon_gets_a_hint_to_quote_it(tmp_path: Path) -> None:
    text = HEAD + "    cue: Tip: knee on a towel\n    hold: 45s\n"
    assert check_one(tmp_path, text) == (
        "4:13: error: text containing ': ' must be in quotes; write cue: \"Tip: knee on a towel\""
    )


def test_a_missing_colon_is_reported_on_its_own_line(tmp_path: Path) -> None:
    text = HEAD + "    sides both\n    hold: 45s\n"
    assert check_one(tmp_path, text) == (
        "4:5: error: missing ':' after 'sides both'; write it as 'key: value'"
    )


@pytest.mark.parametrize("ending", ["\n", ""])
def test_a_missing_colon_on_the_last_line_is_on_that_line(tmp_path: Path, ending: str) -> None:
    text = HEAD + "    hold: 45s\n    sides both" + ending
    assert check_one(tmp_path, text) == (
        "5:5: error: missing ':' after 'sides both'; write it as 'key: value'"
    )


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u2028", "LINE SEPARATOR"),
        ("\u2029", "PARAGRAPH SEPARATOR"),
        ("\u0085", "NEXT LINE"),
        ("\ufeff", "BYTE ORDER MARK"),
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u2060", "WORD JOINER"),
    ],
)
def test_an_invisible_character_is_named_with_its_line(
    tmp_path: Path, char: str, name: str
) -> None:
    text = HEAD + f"    hold: 45s  # the tighter{char} side\n    sides: both\n"
    code = f"U+{ord(char):04X}"
    assert check_one(tmp_path, text) == (
        f"4:29: error: an invisible character, {code} ({name}), is on line 4; "
        "delete it (retype the text around it)"
    )


def test_a_bom_at_the_start_is_fine_and_an_emoji_keeps_its_joiner(tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    text = HEAD.replace("Lunge", "Lunge \U0001f3cb\ufe0f\u200d\u2640\ufe0f") + "    hold: 45s\n"
    path.write_text("\ufeff" + text, encoding="utf-8")
    result = run_evenside("check", path)
    assert result.returncode == 0, result.stdout
    assert result.stdout == f"{path}: ok\n"


def test_a_nul_in_a_value_is_refused(tmp_path: Path) -> None:
    text = HEAD + '    cue: "knee\\0down"\n    hold: 45s\n'
    assert check_one(tmp_path, text) == (
        "4:10: error: a value holds a NUL character (written \\0 or \\x00); remove it"
    )


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        ("big", "is 6.0 MB; a step sound is at most 5 MB (a short WAV cue is a few hundred KB)"),
        ("fifo", "is a named pipe (FIFO), not a sound file"),
        ("folder", "is a folder, not a sound file"),
    ],
)
def test_a_step_sound_too_big_or_not_a_file_is_refused_at_check(
    tmp_path: Path, make: str, problem: str
) -> None:
    sound = tmp_path / "bell.wav"
    if make == "big":
        with sound.open("wb") as handle:
            handle.truncate(6_000_000)  # sparse: no 6 MB written to the disk
    elif make == "fifo":
        os.mkfifo(sound)
    else:
        sound.mkdir()
    text = HEAD + "    hold: 45s\n    sound: bell.wav\n"
    assert check_one(tmp_path, text) == f"5:12: error: sound file 'bell.wav' {problem}"
