"""Tests the break nudge: the bell, and a real notifier program found on PATH (or none)."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from evenside.desk.nudge import BELL, Nudger, notification_command, notify, ring_bell


def fake_program(folder: Path, name: str, log: Path) -> Path:
    """A stand-in notifier that writes its arguments, one per line, to `log`."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text(f'#!/bin/sh\nfor a in "$@"; do echo "$a"; done > {log}\n')
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def test_bell_writes_the_bell_character() -> None:
    out = io.StringIO()
    ring_bell(out)
    assert out.getvalue() == BELL


def test_a_closed_terminal_does_not_raise() -> None:
    out = io.StringIO()
    out.close()
    ring_bell(out)


def test_linux_notification_runs_notify_send_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "args.txt"
    fake_program(tmp_path / "bin", "notify-send", log)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    child = notify("Time for a break", "desk-break, right side first", platform="linux")
    assert child is not None
    assert child.wait(timeout=10) == 0
    assert log.read_text().splitlines()[-2:] == ["Time for a break", "desk-break, right side first"]


def test_macos_notification_quotes_for_applescript(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "args.txt"
    program = fake_program(tmp_path / "bin", "osascript", log)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    command = notification_command('Say "hi"', "back\\slash", platform="darwin")
    assert command == [
        str(program),
        "-e",
        'display notification "back\\\\slash" with title "Say \\"hi\\""',
    ]


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_no_notifier_means_silently_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert notify("Time for a break", "now", platform=platform) is None


def test_muted_nudger_does_not_ring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    out = io.StringIO()
    Nudger(bell=False).nudge("t", "b", out)
    assert out.getvalue() == ""
    Nudger(bell=True).nudge("t", "b", out)
    assert out.getvalue() == BELL
