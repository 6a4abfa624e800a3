"""Tests `evenside sync` as a person runs it: two machines (two data and config homes) sharing a
folder, real subprocesses, the balance each prints, the faults, and the automatic sync of `play`."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.evenside_process import EVENSIDE, shell_line
from tests.support.history_fixtures import DESK, PSOAS
from tests.support.sync_machines import Home, Machine
from tests.support.tmux_terminal import TmuxTerminal, run_with_status, wait_for_exit

QUICK = """\
name: Quick
defaults: {prep: 0, switch: 1s}
steps:
  - exercise: Lunge
    id: lunge
    hold: 1s
    sides: both
"""


def _recently(hours: float) -> datetime:
    return datetime.now(UTC) - timedelta(hours=hours)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "Sync").mkdir()
    return tmp_path / "Sync" / "evenside"


@pytest.mark.slow
def test_two_machines_print_the_same_balance_after_sync(tmp_path: Path, folder: Path) -> None:
    laptop, desk = Home(tmp_path, "laptop", None), Home(tmp_path, "desk-pc", None)
    laptop.machine.play(routine=PSOAS, when=_recently(30))
    desk.machine.play(routine=PSOAS, when=_recently(3), pain=({"left": 3}, {"left": 2}))
    desk.machine.play(routine=DESK, when=_recently(2))
    assert (
        laptop.run("balance", "--format", "json")[1] != desk.run("balance", "--format", "json")[1]
    )
    code, out, err = laptop.run("sync", folder)
    assert (code, out, err) == (
        0,
        f"nothing new from other machines\nsent 1 record to {folder}\n",
        "",
    )
    code, out, err = desk.run("sync", folder)
    assert code == 0, err
    assert out.splitlines()[0] == "1 session from laptop"
    code, out, err = laptop.run("sync", folder)
    assert (code, out.splitlines()) == (0, ["2 sessions from desk-pc"])
    balances = [home.run("balance", "--format", "json") for home in (laptop, desk)]
    assert balances[0][0] == 0 and balances[0][1] == balances[1][1]
    report = json.loads(balances[0][1])
    lunge = next(e for e in report["exercises"] if e["id"] == "lunge")
    # Two PSOAS plays (one from each machine) of two sets a side: four sets each side.
    assert (lunge["left"]["sets"], lunge["right"]["sets"]) == (4, 4)


def test_without_a_folder_it_says_how_to_set_one(tmp_path: Path) -> None:
    home = Home(tmp_path, "laptop", None)
    code, _, err = home.run("sync")
    assert code == 2
    assert "[sync] folder" in err and "Traceback" not in err


def test_the_settings_folder_is_the_default_and_locate_names_it(
    tmp_path: Path, folder: Path
) -> None:
    home = Home(tmp_path, "laptop", folder)
    assert home.run("locate", "sync") == (0, f"{folder}\n", "")
    code, out, _ = home.run("sync")
    assert code == 0 and out == "nothing new from other machines\n"
    assert folder.is_dir()


def test_an_unmounted_folder_is_one_line_and_exit_1(tmp_path: Path) -> None:
    home = Home(tmp_path, "laptop", None)
    code, out, err = home.run("sync", tmp_path / "media" / "usb" / "evenside")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "is the drive mounted?" in err


def test_a_damaged_file_is_named_exit_1_and_the_rest_still_comes_in(
    tmp_path: Path, folder: Path
) -> None:
    laptop, desk = Home(tmp_path, "laptop", folder), Home(tmp_path, "desk-pc", folder)
    desk.machine.play(routine=DESK, when=_recently(2))
    assert desk.run("sync")[0] == 0
    (theirs,) = folder.glob("evenside-*.jsonl")
    theirs.write_bytes(theirs.read_bytes() + b"{not json}\n")
    code, out, err = laptop.run("sync")
    assert code == 1
    assert out.splitlines()[0] == "1 session from desk-pc"
    assert f"error: {theirs}:3: not a sync record; skipped" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_play_syncs_by_itself_and_a_failing_sync_never_fails_the_session(
    tmp_path: Path, folder: Path
) -> None:
    routine = tmp_path / "quick.yaml"
    routine.write_text(QUICK)
    home = Home(tmp_path, "laptop", folder)
    code, out, err = home.run("play", routine, "--plain", "--mute")
    assert code == 0, err
    assert "routine complete" in out
    (ours,) = folder.glob("evenside-*.jsonl")
    assert '"routine":"Quick"' in ours.read_text()
    assert '"status":"completed"' in ours.read_text()

    away = Home(tmp_path, "away", tmp_path / "media" / "usb" / "evenside")
    code, out, err = away.run("play", routine, "--plain", "--mute")
    assert code == 0
    assert "routine complete" in out
    assert err.count("automatic sync:") == 1 and "is the drive mounted?" in err


@pytest.mark.slow
def test_a_checkin_at_the_prompt_travels_without_a_sync_command(
    tmp_path: Path, folder: Path
) -> None:
    laptop = Home(tmp_path, "laptop", folder)
    code, out, err = laptop.run("checkin", "--left", "3", "--right", "4")
    assert code == 0, err
    assert out.startswith("Checked in for ")  # it did not wait on the sync to say so
    deadline = time.monotonic() + 20
    while '"kind":"checkin"' not in "".join(p.read_text() for p in folder.glob("evenside-*.jsonl")):
        assert time.monotonic() < deadline, "the check-in did not reach the folder"
        time.sleep(0.1)
    desk = Home(tmp_path, "desk", folder)
    assert desk.run("sync")[0] == 0
    today = json.loads(desk.run("today", "--format", "json")[1])
    assert today["checkin"] == {"left": 3, "right": 4}


@pytest.mark.slow
def test_taking_up_and_stopping_a_program_travel_without_a_sync_command(
    tmp_path: Path, folder: Path
) -> None:
    laptop, desk = Home(tmp_path, "laptop", folder), Home(tmp_path, "desk", folder)

    def on_desk_after_the_background_sync(record: str) -> dict[str, object]:
        deadline = time.monotonic() + 20
        while record not in "".join(p.read_text() for p in folder.glob("evenside-*.jsonl")):
            assert time.monotonic() < deadline, f"{record} did not reach the folder"
            time.sleep(0.1)
        assert desk.run("sync")[0] == 0
        return dict(json.loads(desk.run("today", "--format", "json")[1]))

    assert laptop.run("program", "use", "psoas-rehab")[0] == 0
    taken = on_desk_after_the_background_sync('"stop_day":null')
    assert taken["program"] is not None
    assert laptop.run("program", "stop")[0] == 0
    stopped = on_desk_after_the_background_sync('"stop_day":"')
    assert stopped["program"] is None


@pytest.mark.slow
def test_the_tui_syncs_a_session_once_it_ends_while_the_summary_is_still_open(
    terminal: TmuxTerminal, tmp_path: Path, private_dirs: Path
) -> None:
    folder = tmp_path / "Sync"
    config = private_dirs / "config" / "evenside"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text(f'[sync]\nfolder = "{folder}"\ndevice = "laptop"\n')
    routine = tmp_path / "quick.yaml"
    routine.write_text(QUICK)
    status = tmp_path / "status"
    terminal.start(run_with_status(shell_line("play", routine, "--mute"), status))
    terminal.wait_for(lambda s: "complete" in s.lower(), "the summary")
    deadline = time.monotonic() + 20
    while not any('"routine":"Quick"' in p.read_text() for p in folder.glob("evenside-*.jsonl")):
        assert time.monotonic() < deadline, "the session did not reach the folder"
        time.sleep(0.1)
    assert "complete" in terminal.text().lower()  # still on the summary: nothing waited on it
    terminal.keys("C-q")
    assert wait_for_exit(terminal, status) == 0


@pytest.mark.slow
def test_desk_mode_syncs_its_breaks(tmp_path: Path, folder: Path) -> None:
    routine = tmp_path / "quick.yaml"
    routine.write_text(QUICK)
    home = Home(tmp_path, "laptop", folder)
    args = ["remind", "--every", "1s", str(routine), "--plain", "--mute"]
    env = {**home.env, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(
        [*EVENSIDE, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    guard = threading.Timer(60, child.kill)  # bounds a hang; never a measurement
    guard.start()
    try:
        assert child.stdin is not None and child.stdout is not None
        seen = []
        for wanted in ("Enter to start", "Next break in"):
            while wanted not in (line := child.stdout.readline()):
                assert line, "\n".join(seen)
                seen.append(line)
            if wanted == "Enter to start":
                child.stdin.write("\n")
                child.stdin.flush()
        child.stdin.close()
        assert child.wait() == 0
    finally:
        guard.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    (ours,) = folder.glob("evenside-*.jsonl")
    text = ours.read_text()
    assert '"kind":"session"' in text and '"routine":"Quick"' in text
    assert '"kind":"desk_break"' in text and '"outcome":"taken"' in text


def test_another_machines_name_never_reaches_the_terminal_raw(tmp_path: Path, folder: Path) -> None:
    hostile = Machine.make(tmp_path, "\x1b]0;owned\x07desk")
    hostile.play(when=_recently(1))
    hostile.sync(folder, now=datetime.now(UTC))
    code, out, err = Home(tmp_path, "laptop", folder).run("sync")
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out
    assert out.splitlines()[0] == "1 session from \u241b]0;owned\u2407desk"
