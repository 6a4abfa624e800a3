"""Provides this machine's identity in the sync folder: a random id kept in the data folder,
and the name people read ("desk-pc"), by default the host name.

The id, not the name, names the machine's files: two machines called "laptop"
never write over each other's.
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path

from evenside.locations import PRIVATE_FILE_MODE, data_dir, ensure_private_dir

DEVICE_ID = re.compile(r"[0-9a-f]{16}", re.ASCII)
"""The form of a device id: 16 lowercase hex digits."""
ID_FILE = "sync-device-id"
"""The file in the data folder that keeps this machine's id."""


@dataclass(frozen=True)
class Device:
    """One machine taking part in sync."""

    id: str
    """16 hex digits, random, made once per data folder."""
    name: str
    """What people call it."""


def default_name() -> str:
    """The host name without its domain ("desk-pc"), or "this machine" when it has none."""
    return socket.gethostname().split(".")[0] or "this machine"


def device_id(folder: Path | None = None) -> str:
    """This machine's id, made the first time and kept (0600) in the data folder."""
    where = (folder or data_dir()) / ID_FILE
    try:
        text = where.read_text(encoding="ascii").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        text = ""
    if DEVICE_ID.fullmatch(text):
        return text
    ensure_private_dir(where.parent)
    made = os.urandom(8).hex()
    temporary = where.with_name(f".{ID_FILE}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(made + "\n")
    os.replace(temporary, where)
    return made


def this_device(name: str = "", folder: Path | None = None) -> Device:
    """This machine: its kept id, and `name` (the host name when empty)."""
    return Device(device_id(folder), name or default_name())


def sync_location() -> Path | str:
    """Where `evenside locate sync` points: the settings' sync folder, or how to set one."""
    from evenside.settings import SettingsError, load_settings

    try:
        folder = load_settings().sync_folder
    except SettingsError as error:
        return f"unknown: {error}"
    return Path(folder).expanduser() if folder else "not set ([sync] folder in settings.toml)"
