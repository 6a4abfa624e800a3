"""Provides a silenced alsa-lib: a no-op error handler, and a quiet check that a device opens.

alsa-lib prints "ALSA lib ..." lines straight onto stderr, which is the
terminal Textual draws on. One handler per process covers every user of
libasound.so.2 in it (simpleaudio included), because the library is loaded once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from typing import Any

# void handler(const char *file, int line, const char *function, int err, const char *fmt, ...)
# The variadic tail is never read, so a fixed signature is safe to hand over.
_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)

_SND_PCM_STREAM_PLAYBACK = 0
_SND_PCM_NONBLOCK = 1
_EBUSY = 16

_library: Any = None
_handler: Any = None
"""Kept for the life of the process: if it were collected, alsa-lib would call freed memory."""
_loaded = False


def _ignore(
    file: bytes | None, line: int, function: bytes | None, err: int, fmt: bytes | None
) -> None:
    return None


def _libasound() -> Any:
    global _library, _loaded
    if not _loaded:
        _loaded = True
        if sys.platform.startswith("linux"):
            for name in ("libasound.so.2", ctypes.util.find_library("asound")):
                if not name:
                    continue
                try:
                    _library = ctypes.CDLL(name)
                    break
                except OSError:
                    continue
    return _library


def install() -> bool:
    """Install the no-op handler (once); True when alsa-lib is present and now silent."""
    global _handler
    library = _libasound()
    if library is None:
        return False
    if _handler is None:
        handler = _HANDLER_TYPE(_ignore)
        library.snd_lib_error_set_handler(handler)
        _handler = handler
    return True


def default_device_opens() -> bool | None:
    """Whether ALSA's default playback device opens now; None without alsa-lib.

    Opened without blocking and closed at once. A busy device counts as present
    (it exists; another program holds it). The file plugin only creates its
    capture file when a stream starts, so this check writes nothing.
    """
    if not install():
        return None
    library = _libasound()
    pcm = ctypes.c_void_p()
    result = library.snd_pcm_open(
        ctypes.byref(pcm), b"default", _SND_PCM_STREAM_PLAYBACK, _SND_PCM_NONBLOCK
    )
    if result == 0:
        library.snd_pcm_close(pcm)
        return True
    return bool(result == -_EBUSY)
