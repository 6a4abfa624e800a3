"""A routine with no sound device, or one that disappears midway, finishes with one notice.

ALSA's default device is pointed at a PCM that does not exist; alsa-lib would
print "ALSA lib ..." lines onto the terminal, which must never happen.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.alsa_capture import (
    DRIVER,
    broken_config,
    captured_streams,
    driver_env,
    need_simpleaudio,
    pipe_capture_config,
    run_driver,
)
from tests.support.tmux_terminal import TmuxTerminal

pytestmark = pytest.mark.slow


def _notices(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("NOTICE:")]


def test_the_broken_configuration_really_makes_alsa_talk(tmp_path: Path) -> None:
    # The control: without evenside's handler, this device prints onto stderr.
    need_simpleaudio()
    script = (
        "import simpleaudio\n"
        "try:\n"
        "    simpleaudio.play_buffer(bytes(200), 1, 2, 22050)\n"
        "except Exception:\n"
        "    pass\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=driver_env(broken_config(tmp_path)),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert "ALSA lib" in result.stderr


@pytest.mark.parametrize("players", ["aplay", ""])
def test_no_device_finishes_silently_with_one_notice(tmp_path: Path, players: str) -> None:
    need_simpleaudio()
    result = run_driver(broken_config(tmp_path), "routine", "--players", players)

    assert result.returncode == 0
    assert result.stderr == ""
    assert "FINISHED: completed" in result.stdout
    assert "BACKEND: silent" in result.stdout
    assert _notices(result.stdout) == ["NOTICE: No sound device: continuing silently"]


def test_a_device_lost_midway_falls_back_once(tmp_path: Path) -> None:
    need_simpleaudio()
    captures = tmp_path / "captures"
    config = pipe_capture_config(tmp_path, captures)
    broken = broken_config(tmp_path)
    # The device goes when the switch (interval 2) starts: prep and the left side were heard.
    result = run_driver(
        config,
        "routine",
        "--no-voice",
        "--players",
        "aplay",
        "--break-at",
        "2",
        "--broken",
        str(broken),
    )

    assert result.returncode == 0
    assert result.stderr == ""
    assert "FINISHED: completed" in result.stdout
    assert "BACKEND: simpleaudio" in result.stdout
    notices = _notices(result.stdout)
    assert len(notices) == 1
    assert notices[0].startswith("NOTICE: Sound device failed (simpleaudio: ")
    assert notices[0].endswith("): continuing silently")
    # prep: 2 countdown beeps; left: go, halfway, 3 beeps.
    assert len(captured_streams(captures)) == 2 + 5


def test_nothing_from_alsa_reaches_a_real_terminal(tmp_path: Path, terminal: TmuxTerminal) -> None:
    need_simpleaudio()
    env = driver_env(broken_config(tmp_path))
    command = " ".join(
        [
            f"ALSA_CONFIG_PATH={shlex.quote(env['ALSA_CONFIG_PATH'])}",
            f"PYTHONPATH={shlex.quote(env['PYTHONPATH'])}",
            shlex.quote(sys.executable),
            shlex.quote(str(DRIVER)),
            "routine --players aplay --no-voice",
            "; echo EXIT=$?; sleep 30",
        ]
    )
    terminal.start(command)
    screen = terminal.wait_for(lambda s: "EXIT=" in s, "the driver to exit")

    assert "EXIT=0" in screen
    assert "FINISHED: completed" in screen
    assert "ALSA lib" not in screen
    assert "Traceback" not in screen
    # In a real terminal the bell takes over from the missing device, said once.
    assert screen.count("No sound device") == 1
    assert "NOTICE: No sound device: continuing with the terminal bell" in screen
