"""Provides every filesystem path evenside uses, from platformdirs (XDG on Linux)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP_NAME = "evenside"


@cache
def _dirs() -> PlatformDirs:
    # Imported on first use: platformdirs pulls in tempfile, shutil and more (about 10 ms),
    # which `check FILE` and `show PATH` never need. Its paths are read from the environment
    # at each access, so XDG_* changes made after this call are still honoured.
    from platformdirs import PlatformDirs

    return PlatformDirs(APP_NAME, appauthor=False)


# Health data lives here: keep it private to the user.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _package_data(name: str) -> Path:
    """Find a data folder shipped in the wheel, or beside the source tree in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "_data" / name
    if installed.is_dir():
        return installed
    # An editable install or a plain checkout: src/evenside/ -> the project root.
    return here.parent.parent / name


def bundled_routines_dir() -> Path:
    """The routines that ship with evenside (read-only)."""
    return _package_data("routines")


def sounds_dir() -> Path:
    """The built-in cue sounds that ship with evenside (read-only)."""
    return _package_data("sounds")


def data_dir() -> Path:
    """Where the user's own data lives (history, routines)."""
    return Path(_dirs().user_data_dir)


def user_routines_dir() -> Path:
    """The user's own routines; looked up by name before the bundled ones."""
    return data_dir() / "routines"


def history_path() -> Path:
    """The SQLite history database."""
    return data_dir() / "history.sqlite3"


def config_dir() -> Path:
    """Where the settings file lives."""
    return Path(_dirs().user_config_dir)


def settings_path() -> Path:
    """The settings file (TOML)."""
    return config_dir() / "settings.toml"


def cache_dir() -> Path:
    """Disposable files, such as rendered voice clips."""
    return Path(_dirs().user_cache_dir)


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it readable by the user alone."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, PRIVATE_DIR_MODE)
    return path


def all_locations() -> dict[str, Path]:
    """Every location, by the name `evenside locate` prints."""
    return {
        "user routines": user_routines_dir(),
        "bundled routines": bundled_routines_dir(),
        "history": history_path(),
        "backups": history_path().parent / "backups",  # history.backups.backups_folder
        "settings": settings_path(),
        "cache": cache_dir(),
        "sounds": sounds_dir(),
    }


HISTORY_COMPANIONS = ("", "-wal", "-shm", "-journal")
"""The history database's own file and SQLite's files beside it."""


class ProtectedPath(ValueError):
    """An output file would overwrite something evenside must never write over."""


def refuse_protected(output: Path, *, playing: Path | None = None) -> None:
    """Raise `ProtectedPath` when writing `output` would destroy the user's history (the
    database or SQLite's files beside it) or the routine file being played.

    Checked before the output is opened: opening it for writing already truncates it.
    """
    history = history_path()
    guarded = [
        (Path(f"{history}{suffix}"), "the history database") for suffix in HISTORY_COMPANIONS
    ]
    if playing is not None:
        guarded.append((playing, "the routine being played"))
    target = output.expanduser()
    for path, what in guarded:
        if _same_file(target, path):
            raise ProtectedPath(f"{output} is {what}; choose another file")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        # One of them does not exist (yet): compare where they would be.
        return a.resolve() == b.resolve()
