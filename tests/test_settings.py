"""The settings file: defaults, round trips, privacy, and clear errors for bad values."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from evenside import locations
from evenside.settings import (
    Settings,
    SettingsError,
    load_settings,
    parse_interval,
    save_settings,
)


def test_a_missing_file_means_the_defaults() -> None:
    settings = load_settings()
    assert settings == Settings(
        mute=False, voice=True, volume=100, desk_goal=8, desk_interval="55m"
    )
    assert settings.desk_interval_ms == 55 * 60_000


def test_saved_settings_read_back_and_stay_private() -> None:
    wanted = Settings(mute=True, voice=False, volume=35, desk_goal=5, desk_interval="1h30m")
    path = save_settings(wanted)

    assert path == locations.settings_path()
    assert load_settings() == wanted
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not list(path.parent.glob("*.tmp"))


def test_the_file_is_plain_toml_a_person_can_edit() -> None:
    path = save_settings(Settings())
    assert path.read_text() == (
        "[sound]\nmute = false\nvoice = true\nvolume = 100\npan = false\n\n"
        '[desk]\ngoal = 8\ninterval = "55m"\n'
    )
    path.write_text("[sound]\nvolume = 40\n")
    assert load_settings() == Settings(volume=40)
    path.write_text("[sound]\npan = true\n")
    assert load_settings() == Settings(pan=True)
    # --pan turns it on for one session; it never turns a setting's pan off.
    assert Settings().with_flags(mute=False, no_voice=False, pan=True).pan is True
    assert Settings(pan=True).with_flags(mute=False, no_voice=False).pan is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[sound]\nvolume = 150\n", "sound.volume must be a whole number from 0 to 100, not 150"),
        (
            "[sound]\nvolume = 'loud'\n",
            "sound.volume must be a whole number from 0 to 100, not 'loud'",
        ),
        ("[sound]\nmute = 1\n", "sound.mute must be true or false, not 1"),
        ("[sound]\nvoice = 'no'\n", "sound.voice must be true or false, not 'no'"),
        ("[sound]\npan = 'left'\n", "sound.pan must be true or false, not 'left'"),
        ("[desk]\ngoal = 0\n", "desk.goal must be a whole number from 1 to 100, not 0"),
        (
            "[desk]\ninterval = 55\n",
            'desk.interval must be a duration in quotes such as "55m", not 55',
        ),
        ("[desk]\ninterval = 'soon'\n", "desk.interval: cannot read 'soon' as a duration"),
        ("[sound]\nvollume = 3\n", "unknown setting 'sound.vollume'"),
        ("mute = true\n", "'mute' must be a [section], not a value"),
        ("[sound\n", "not valid TOML"),
    ],
)
def test_bad_values_are_named_with_the_file(text: str, message: str) -> None:
    path = locations.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(text)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("55m", 3_300_000),
        ("1h", 3_600_000),
        ("1h30m", 5_400_000),
        ("90s", 90_000),
        ("2m 30s", 150_000),
        ("5 minutes", 300_000),
        ("1:30:00", 5_400_000),
    ],
)
def test_desk_intervals(text: str, ms: int) -> None:
    assert parse_interval(text) == ms


@pytest.mark.parametrize("text", ["", "0m", "m", "five minutes", "-5m"])
def test_bad_desk_intervals(text: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)


def test_command_line_flags_override_the_file() -> None:
    settings = Settings(mute=False, voice=True)
    assert settings.with_flags(mute=True, no_voice=False) == Settings(mute=True, voice=True)
    assert settings.with_flags(mute=False, no_voice=True) == Settings(mute=False, voice=False)
    assert Settings(mute=True).with_flags(mute=False, no_voice=False).mute


@pytest.mark.skipif(sys.platform == "win32", reason="file modes")
def test_a_bad_settings_file_stops_a_command_with_one_line(private_dirs: Path) -> None:
    path = locations.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("[sound]\nvolume = 101\n")
    result = subprocess.run(
        [sys.executable, "-m", "evenside", "sounds"],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {path}: sound.volume must be a whole number from 0 to 100, not 101"
    ]


def test_a_settings_file_saved_with_a_bom_reads_fine() -> None:
    # Windows Notepad and some editors write a byte order mark first; TOML does not allow one.
    path = locations.settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf[sound]\nvolume = 35\n\n[desk]\ngoal = 5\n")
    assert load_settings() == Settings(volume=35, desk_goal=5)


def test_the_sync_folder_and_device_read_back_and_are_left_out_when_unset() -> None:
    wanted = Settings(sync_folder="~/Sync/evenside", sync_device="desk-pc")
    path = save_settings(wanted)
    assert '[sync]\nfolder = "~/Sync/evenside"\ndevice = "desk-pc"\n' in path.read_text()
    assert load_settings() == wanted
    assert "[sync]" not in save_settings(Settings()).read_text()
    path.write_text("[sync]\nfolder = 3\n")
    with pytest.raises(SettingsError, match=r"sync\.folder must be text"):
        load_settings()
