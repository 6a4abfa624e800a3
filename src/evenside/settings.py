"""Provides the user's settings: sound, voice, volume, desk mode and sync, kept in a TOML file.

The file lives at `locations.settings_path()`. A missing file means the
defaults; a wrong value is a `SettingsError` with a one-line message naming
the file and the key, never a traceback.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from evenside import locations


class SettingsError(Exception):
    """The settings file cannot be read or holds an invalid value (the message says which)."""


def parse_interval(text: str) -> int:
    """A desk interval in any of the routine format's duration forms ("55m", "1h30m"), in ms.

    Raises ValueError (a `DurationError`) with a message that says what to write.
    """
    from evenside.routine.durations import parse_duration

    return parse_duration(text, allow_zero=False)


@dataclass(frozen=True)
class Settings:
    """Everything a user can set in settings.toml."""

    mute: bool = False
    """No sound at all (`--mute`)."""
    voice: bool = True
    """Speak the steps when a voice is available (`--no-voice` turns it off)."""
    volume: int = 100
    """Cue and voice loudness, 0 to 100 percent of the recorded level (the samples are scaled).

    The built-in tones peak at half of full scale, so 100 is comfortable, not harsh."""
    pan: bool = False
    """Cues about the left side in the left ear, the right side's in the right (`--pan`)."""
    desk_goal: int = 8
    """Desk mode: breaks a day to aim for."""
    desk_interval: str = "55m"
    """Desk mode: time between nudges, as written ("55m", "1h")."""
    sync_folder: str = ""
    """The folder history syncs through (`evenside sync`); empty: no automatic sync."""
    sync_device: str = ""
    """This machine's name in the sync folder; empty: the host name."""

    @property
    def desk_interval_ms(self) -> int:
        """The desk interval in milliseconds."""
        return parse_interval(self.desk_interval)

    def with_flags(self, *, mute: bool, no_voice: bool, pan: bool = False) -> Settings:
        """These settings with `--mute` / `--no-voice` / `--pan` applied (a flag only ever
        turns its setting on, or the sound off)."""
        return replace(
            self, mute=self.mute or mute, voice=self.voice and not no_voice, pan=self.pan or pan
        )


# (section, key) -> attribute, in the order they are written.
_KEYS: dict[tuple[str, str], str] = {
    ("sound", "mute"): "mute",
    ("sound", "voice"): "voice",
    ("sound", "volume"): "volume",
    ("sound", "pan"): "pan",
    ("desk", "goal"): "desk_goal",
    ("desk", "interval"): "desk_interval",
    ("sync", "folder"): "sync_folder",
    ("sync", "device"): "sync_device",
}


def _check(where: str, attribute: str, value: Any) -> Any:
    """Return `value` if it suits `attribute`, else raise ValueError saying what was expected."""
    if attribute in ("mute", "voice", "pan"):
        if not isinstance(value, bool):
            raise ValueError(f"{where} must be true or false, not {value!r}")
        return value
    if attribute == "volume":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise ValueError(f"{where} must be a whole number from 0 to 100, not {value!r}")
        return value
    if attribute == "desk_goal":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise ValueError(f"{where} must be a whole number from 1 to 100, not {value!r}")
        return value
    if attribute in ("sync_folder", "sync_device"):
        if not isinstance(value, str) or not value.isprintable() or len(value) > 4096:
            raise ValueError(f"{where} must be text in quotes, not {value!r}")
        return value
    if not isinstance(value, str):
        raise ValueError(f'{where} must be a duration in quotes such as "55m", not {value!r}')
    try:
        parse_interval(value)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
    return value


def settings_from_mapping(data: dict[str, Any], source: str = "settings") -> Settings:
    """Build settings from parsed TOML, rejecting unknown keys and wrong values."""
    values: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            raise SettingsError(f"{source}: '{section}' must be a [section], not a value")
        for key, value in table.items():
            attribute = _KEYS.get((section, key))
            if attribute is None:
                known = ", ".join(f"{s}.{k}" for s, k in _KEYS)
                raise SettingsError(f"{source}: unknown setting '{section}.{key}' (known: {known})")
            try:
                values[attribute] = _check(f"{section}.{key}", attribute, value)
            except ValueError as error:
                raise SettingsError(f"{source}: {error}") from None
    return Settings(**values)


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file (the defaults when it does not exist)."""
    path = path or locations.settings_path()
    try:
        text = path.read_text(encoding="utf-8-sig")  # an editor's BOM is not TOML
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot read the settings file ({error})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not valid TOML ({error})") from None
    return settings_from_mapping(data, str(path))


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def settings_toml(settings: Settings) -> str:
    """The settings as the text of a settings file."""
    lines: list[str] = []
    section = None
    for (table, key), attribute in _KEYS.items():
        if getattr(settings, attribute) == "":
            continue  # an unset text setting (no sync folder): left out, as a person would
        if table != section:
            lines.append(("\n" if lines else "") + f"[{table}]")
            section = table
        lines.append(f"{key} = {_toml_value(getattr(settings, attribute))}")
    return "\n".join(lines) + "\n"


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings file (mode 0600, its folder 0700), replacing it whole."""
    path = path or locations.settings_path()
    locations.ensure_private_dir(path.parent)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, locations.PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(settings_toml(settings))
    os.chmod(temporary, locations.PRIVATE_FILE_MODE)
    # Rename over the old file so a crash never leaves half a settings file.
    os.replace(temporary, path)
    return path
