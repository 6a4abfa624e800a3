"""Tests the `--plain` keys for real: single keys in a tmux terminal, typed lines through a pipe."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest

from evenside.audio.cue_player import NO_VOICE
from tests.support.evenside_process import EVENSIDE, run_evenside, shell_line
from tests.support.process_output import ProcessOutput, read_until
from tests.support.routine_files import write_routine
from tests.support.tmux_terminal import TmuxTerminal, run_with_status, wait_for_exit
from tests.support.tools import require_tool

pytestmark = pytest.mark.slow

# prep 1 s, Lunge left 20 s, switch 1 s, Lunge right 20 s: long enough to press keys in.
LUNGES = """\
name: Plain keys
defaults: {prep: 1s, switch: 1s}
steps:
  - exercise: Lunge
    hold: 20s
    sides: both
    order: left-first
"""


def history_sessions() -> list[dict[str, object]]:
    out = run_evenside("history", "--format", "json", check=True).stdout
    return list(json.loads(out)["sessions"])


def test_single_keys_at_a_terminal_pause_skip_adjust_and_stop_with_the_summary(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    routine = write_routine(tmp_path, LUNGES)
    status = tmp_path / "status"
    modes = tmp_path / "stty"
    command = shell_line("play", routine, "--plain", "--mute")
    # The terminal's modes after evenside ends: it must give back echo and line editing.
    # `(exit $rc)` hands evenside's own exit status, not stty's, to the status file.
    terminal.start(run_with_status(f"{command}; rc=$?; stty -a > {modes}; (exit $rc)", status))
    terminal.wait_for(lambda s: "Lunge, LEFT side: hold 20 s" in s, "the left hold")
    # Pain before, as in the TUI: l or r, then the number (1 then 0 for 10).
    terminal.keys("l", "1", "0")
    terminal.wait_for(lambda s: "pain before, left side: 10" in s, "the left rating")
    terminal.keys("r", "4")
    terminal.wait_for(lambda s: "pain before, right side: 4" in s, "the right rating")
    terminal.keys("space")
    terminal.wait_for(lambda s: "paused" in s, "paused")
    terminal.keys("p")
    terminal.wait_for(lambda s: "resumed after" in s, "resumed")
    terminal.keys("+")
    terminal.wait_for(lambda s: "+10 s: 30 s left" in s, "ten more seconds")
    terminal.keys("n")
    terminal.wait_for(lambda s: "skipped: Lunge, LEFT side" in s, "the skip")
    terminal.wait_for(lambda s: "Lunge, RIGHT side: hold 20 s" in s, "the right hold")
    terminal.keys("q")
    screen = terminal.wait_for(lambda s: "Stop this session? y/n" in s, "the stop question")
    # The session waits, paused, for the answer, as the TUI's question makes it.
    asked = [line.split(maxsplit=1)[-1] for line in screen.strip().splitlines()[-2:]]
    assert asked == ["paused", "Stop this session? y/n (what you did so far is kept)"]
    terminal.keys("n")
    terminal.wait_for(lambda s: "going on" in s and s.count("resumed after") == 2, "going on")
    terminal.keys("q")
    terminal.wait_for(lambda s: s.count("Stop this session?") == 2, "asked again")
    terminal.keys("y")
    terminal.wait_for(lambda s: "Session stopped: Plain keys" in s, "the summary")
    screen = terminal.text()
    assert "  Lunge, left side: 0 of 1 set done, 1 skipped" in screen
    assert "  Lunge, right side: 0 of 1 set done, 0:0" in screen
    # At a terminal the pain after is asked, as the TUI's summary asks it.
    terminal.wait_for(lambda s: "Pain after, left side (0-10" in s, "the pain question")
    terminal.keys("3", "Enter")
    terminal.wait_for(lambda s: "Pain after, right side (0-10" in s, "the right side")
    terminal.keys("Enter")
    # The typed keys were taken, not echoed: no stray "n" or "q" lines.
    assert not any(line.strip() in ("n", "q", "y", "p", "+", "l") for line in screen.splitlines())
    assert wait_for_exit(terminal, status) == 0
    (session,) = history_sessions()
    assert sorted(session["ratings"], key=lambda r: (r["when"], r["side"])) == [
        {"when": "after", "side": "left", "pain": 3},
        {"when": "before", "side": "left", "pain": 10},
        {"when": "before", "side": "right", "pain": 4},
    ]
    stty = modes.read_text()
    assert " echo " in f" {stty} ".replace(";", " ") and "-icanon" not in stty


def _stopped_cleanly(
    process: subprocess.Popen[bytes], output: ProcessOutput, timeout: int
) -> bytes:
    """Answer the stop question (already asked) with y; all the player wrote, once it has
    left with exit 0 and no traceback or crash."""
    output.until("Stop this session? y/n")
    _type(process, "y\n")
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    assert b"Traceback" not in err and b"Fatal Python error" not in err
    return output.seen + out


def _play_piped(routine: Path, flags: tuple[str, ...] = ("--mute",)) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*EVENSIDE, "play", str(routine), "--plain", *flags],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _type(process: subprocess.Popen[bytes], text: str) -> None:
    assert process.stdin is not None
    process.stdin.write(text.encode())
    process.stdin.flush()


def test_typed_lines_control_a_piped_session_and_owed_sides_are_offered_after(
    tmp_path: Path,
) -> None:
    routine = write_routine(tmp_path, LUNGES)
    process = _play_piped(routine)
    output = ProcessOutput(process)
    output.until("Lunge, LEFT side: hold 20 s")
    _type(process, "r7\n")
    output.until("pain before, right side: 7")
    _type(process, "-\n")
    output.until("-10 s: 10 s left")
    _type(process, "b\n")  # back to the start of this hold
    output.until("cut short: Lunge, LEFT side")
    output.until("Lunge, LEFT side: hold 20 s")
    _type(process, "zz\n")
    output.until("Keys (each followed by Enter): space or p pause/resume, n next")
    output.until("done: Lunge, LEFT side", timeout=40)  # the hold ran its 20 s again
    output.until("Lunge, RIGHT side: hold 20 s")
    _type(process, "n\n")
    output.until("skipped: Lunge, RIGHT side")
    output.until("Right side of Lunge is owed.")
    output.until("Do the owed right side of Lunge now? y/n")
    _type(process, "y\n")
    output.until("Routine complete: Owed sides: Plain keys", timeout=40)
    out, err = process.communicate(timeout=40)
    out = output.seen + out
    assert process.returncode == 0, err
    assert b"Traceback" not in err
    assert out.count(b"is owed") == 1  # paid by the owed session: nothing is offered again
    sessions = history_sessions()
    assert [s["routine"] for s in sessions] == ["Plain keys", "Owed sides: Plain keys"]


def test_ctrl_c_stops_with_the_summary(tmp_path: Path) -> None:
    process = _play_piped(write_routine(tmp_path, LUNGES))
    read_until(process, "Lunge, LEFT side: hold 20 s")
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 128 + signal.SIGINT
    assert b"Traceback" not in err
    text = out.decode()
    assert "stopped after 0:0" in text
    assert "Session stopped: Plain keys, time taken 0:0" in text
    assert "  Lunge, left side: 0 of 1 set done, 0:0" in text


def test_the_next_start_offers_the_owed_side_first(tmp_path: Path) -> None:
    routine = write_routine(tmp_path, LUNGES)
    first = _play_piped(routine)
    output = ProcessOutput(first)
    output.until("Lunge, RIGHT side: hold 20 s", timeout=40)
    _type(first, "n\n")
    output.until("Do the owed right side of Lunge now? y/n")
    first.communicate(b"n\n", timeout=20)
    assert first.returncode == 0
    second = _play_piped(routine)
    output = ProcessOutput(second)
    output.until("Add the owed right side of Lunge first? y/n")
    _type(second, "y\n")
    output.until(" y\n")  # the answer, said for the log
    output.until("get ready (1 s): first Lunge, RIGHT side")
    second.send_signal(signal.SIGTERM)
    second.communicate(timeout=20)


def test_single_keys_still_act_at_once_after_ctrl_z_and_fg(
    terminal: TmuxTerminal, tmp_path: Path
) -> None:
    # The shell puts the terminal back in line mode when evenside stops; fg must not
    # leave the keys waiting for Enter.
    routine = write_routine(tmp_path, LUNGES)
    terminal.start("env PS1='$ ' bash --norc --noprofile -i")
    terminal.wait_for(lambda s: "$" in s, "the shell")
    terminal.keys(shell_line("play", routine, "--plain", "--mute"), "Enter")
    terminal.wait_for(lambda s: "Lunge, LEFT side: hold 20 s" in s, "the left hold")
    terminal.keys("C-z")
    terminal.wait_for(lambda s: "Stopped" in s, "stopped")
    terminal.keys("fg", "Enter")
    terminal.wait_for(lambda s: s.count("play") >= 2, "back in the foreground")
    terminal.keys("n")
    terminal.wait_for(lambda s: "skipped: Lunge, LEFT side" in s, "the skip, without Enter")
    terminal.keys("q")
    terminal.wait_for(lambda s: "Stop this session?" in s, "the stop question")
    terminal.keys("y")
    terminal.wait_for(lambda s: "Session stopped: Plain keys" in s, "the summary")


def test_v_in_a_session_started_with_no_voice_says_once_why_it_stays_off(tmp_path: Path) -> None:
    routine = write_routine(tmp_path, LUNGES)
    process = _play_piped(routine, ("--mute", "--no-voice"))
    output = ProcessOutput(process)
    output.until("Lunge, LEFT side: hold 20 s")
    _type(process, "v\n")
    output.until("voice off: tones only")
    _type(process, "v\n")
    output.until("voice off: tones only")
    _type(process, "q\n")
    out = _stopped_cleanly(process, output, timeout=40)
    assert out.count(f"! {NO_VOICE}".encode()) == 1
    assert b"voice on" not in out


def test_voice_off_mid_session_brings_the_switch_its_three_beeps(tmp_path: Path) -> None:
    require_tool("espeak-ng")
    # The switch's words ("Right side...") would take its first beeps; v during the left
    # hold turns the voice off, and the switch is planned again without them.
    routine = write_routine(
        tmp_path,
        """\
name: Voice off
defaults: {prep: 1s, switch: 5s}
steps:
  - exercise: Supine release
    hold: 10s
    sides: both
    order: left-first
""",
    )
    trace = tmp_path / "trace.jsonl"
    process = _play_piped(routine, ("--no-history", "--trace", str(trace)))
    output = ProcessOutput(process)
    output.until("Supine release, LEFT side: hold 10 s")
    _type(process, "v\n")
    output.until("voice off: tones only")
    output.until("Supine release, RIGHT side: hold 10 s", timeout=40)
    _type(process, "q\n")
    output.until("Stop this session? y/n")
    _type(process, "y\n")
    _, err = process.communicate(timeout=40)
    assert process.returncode == 0, err
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    switch = next(e for e in events if e["event"] == "interval_start" and e["kind"] == "switch")
    beeps = [
        round(e["planned"] - switch["planned"], 3)
        for e in events
        if e["event"] == "cue" and e["cue"] == "countdown" and e["kind"] == "switch"
    ]
    assert beeps == [2.0, 3.0, 4.0]


def test_m_in_a_session_started_muted_brings_the_voice_which_takes_the_switchs_first_beep(
    tmp_path: Path,
) -> None:
    require_tool("espeak-ng")
    # Started muted, nothing is rendered; m during the left hold builds the tones and then
    # renders the words, and the switch ("Right side...") is planned around them: its
    # first beep gives way, as in a session started with the sound on (the test above).
    routine = write_routine(
        tmp_path,
        """\
name: Unmuted
defaults: {prep: 1s, switch: 5s}
steps:
  - exercise: Supine release
    hold: 15s
    sides: both
    order: left-first
""",
    )
    trace = tmp_path / "trace.jsonl"
    process = _play_piped(routine, ("--mute", "--no-history", "--trace", str(trace)))
    output = ProcessOutput(process)
    output.until("Supine release, LEFT side: hold 15 s")
    _type(process, "m\n")
    output.until("sound on")
    output.until("Supine release, RIGHT side: hold 15 s", timeout=40)
    _type(process, "q\n")
    out = _stopped_cleanly(process, output, timeout=40)
    # The speech program was found and spoke: no notice says otherwise.
    assert b"No speech program" not in out and b"could not speak" not in out
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    switch = next(e for e in events if e["event"] == "interval_start" and e["kind"] == "switch")
    beeps = [
        round(e["planned"] - switch["planned"], 3)
        for e in events
        if e["event"] == "cue" and e["cue"] == "countdown" and e["kind"] == "switch"
    ]
    assert beeps in ([3.0, 4.0], [4.0])


def test_stopping_while_a_muted_starts_words_render_exits_at_once_and_cleanly(
    tmp_path: Path,
) -> None:
    require_tool("espeak-ng")
    # q and y right after m: the words (an empty voice cache) are still being rendered on
    # the building thread when the session closes and the process exits.
    routine = write_routine(tmp_path, LUNGES)
    process = _play_piped(routine, ("--mute", "--no-history"))
    output = ProcessOutput(process)
    output.until("Lunge, LEFT side: hold 20 s")
    _type(process, "m\nq\n")
    out = _stopped_cleanly(process, output, timeout=20)
    assert b"Session stopped: Plain keys" in out


def test_m_in_a_session_started_muted_turns_the_sound_on_and_off(tmp_path: Path) -> None:
    # Started muted, the cue player is built at the first m (on a thread of its own).
    routine = write_routine(tmp_path, LUNGES)
    process = _play_piped(routine)
    output = ProcessOutput(process)
    output.until("Lunge, LEFT side: hold 20 s")
    _type(process, "m\n")
    output.until("sound on")
    _type(process, "m\n")
    output.until("sound off")
    _type(process, "q\n")
    _stopped_cleanly(process, output, timeout=40)
