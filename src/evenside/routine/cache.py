"""Provides the cache of checked routines: a routine file that loaded before is not parsed again.

One entry per routine file (by its resolved path) in the cache folder, holding
the SHA-256 of the bytes it was loaded from (the loader's `content_hash`),
the stamp of the code that checked it, the Routine and its warnings. A lookup
reads the file and hashes its bytes, so any change to the file is a miss,
whatever its size and modification time say; so is a new evenside version
(or, in a checkout, a change to the routine package's source) and a sound
file that is gone since. Only routines that load are kept: a file with errors
is parsed again, to name every problem. The cache is disposable: an entry
that cannot be read, written or trusted is a miss, never an error.

Entries are pickles, written private (folder 0700, file 0600); one is read
only when the user owns it and no one else can write it.
"""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import replace
from pathlib import Path

from evenside.routine.diagnostics import Diagnostic
from evenside.routine.model import Block, ExerciseStep, Routine, Step

try:
    # The loader's hash (see loader.py): the built-in one, which loads no OpenSSL.
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import sha256 as _sha256

ENTRY_FORMAT = 1
"""Changes whenever what an entry holds changes."""
MAX_ROUTINE_BYTES = 1_000_000
"""Files larger than this are not looked up (the loader refuses them anyway)."""

Loaded = tuple[Routine, list[Diagnostic]]


def cache_folder() -> Path:
    """Where the entries live: `routines/` in evenside's cache folder (locations.cache_dir)."""
    if sys.platform == "linux":
        # platformdirs' rule on Linux (XDG), without importing it: `check FILE` and `show PATH`
        # would otherwise load platformdirs (and tempfile, shutil, random) for this alone.
        # tests/routine/test_cache.py checks that both give the same folder.
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not base.strip():
            base = os.path.expanduser("~/.cache")
        return Path(base) / "evenside" / "routines"
    from evenside.locations import cache_dir

    return cache_dir() / "routines"


def lookup(path: Path) -> Loaded | None:
    """The routine at `path` and its warnings, when the cache holds this very file; else None."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ROUTINE_BYTES + 1)
        if len(data) > MAX_ROUTINE_BYTES:
            return None
        digest = _sha256(data).hexdigest()
        entry = _entry_path(path)
        with entry.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return None  # not ours alone: not trusted
            held = pickle.load(handle)
    except Exception:
        # Missing, unreadable, truncated or corrupt: a cache miss, never an error.
        return None
    return _checked(held, digest, path)


def store(path: Path, routine: Routine, diagnostics: list[Diagnostic]) -> None:
    """Keep `routine` (loaded from `path`, with its warnings) for the next lookup; best effort."""
    if not routine.content_hash:
        return
    try:
        entry = _entry_path(path)
        folder = entry.parent
        for private in (folder.parent, folder):
            private.mkdir(mode=0o700, exist_ok=True, parents=True)
            os.chmod(private, 0o700)
        body = pickle.dumps(
            (ENTRY_FORMAT, _stamp(), routine.content_hash, routine, diagnostics),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        temporary = entry.with_name(f".{entry.name}.{os.getpid()}-{os.urandom(4).hex()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(body)
            os.replace(temporary, entry)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except Exception:
        return  # a full disk or a read-only cache only costs the next run a parse


def _entry_path(path: Path) -> Path:
    name = _sha256(os.fsencode(path.resolve())).hexdigest()[:40]
    return cache_folder() / f"{name}.pickle"


def _stamp() -> str:
    """What the checks that made an entry depend on: evenside's version, Python's, and the
    routine package's source files (a checkout changes them without a new version)."""
    from evenside import __version__

    here = Path(__file__).parent
    sources = []
    for name in sorted(os.listdir(here)):
        if name.endswith(".py"):
            info = os.stat(here / name)
            sources.append(f"{name}:{info.st_mtime_ns}:{info.st_size}")
    return f"{__version__}|{sys.version_info[:2]}|{';'.join(sources)}"


def _checked(held: object, digest: str, path: Path) -> Loaded | None:
    """The entry's routine and warnings, when it is whole, current, and for these bytes."""
    if not (isinstance(held, tuple) and len(held) == 5 and held[0] == ENTRY_FORMAT):
        return None
    _, stamp, held_digest, routine, diagnostics = held
    if held_digest != digest or stamp != _stamp():
        return None
    if not isinstance(routine, Routine) or routine.content_hash != digest:
        return None
    if not isinstance(diagnostics, list) or not all(isinstance(d, Diagnostic) for d in diagnostics):
        return None
    if not _sounds_present(routine.steps):
        return None  # the loader would now report the missing sound file
    # The warnings name the file as it was given this time (a relative path, say).
    return routine, [replace(d, path=path) for d in diagnostics]


def _sounds_present(steps: tuple[Step, ...]) -> bool:
    for step in steps:
        if isinstance(step, ExerciseStep) and step.sound is not None and not step.sound.is_file():
            return False
        if isinstance(step, Block) and not _sounds_present(step.steps):
            return False
    return True
