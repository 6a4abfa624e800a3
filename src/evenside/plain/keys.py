"""Provides the plain player's input: single keys where stdin is a terminal, else typed lines.

At a terminal the keys act at once, as in the TUI (the terminal is put in
cbreak mode without echo for the session, and given back as it was). From a
pipe or a file each key is a line: `n` then Enter. Either way the reader is
driven by the event loop (no thread, no polling) and reads one byte at a
time, so what follows the session in stdin (answers to the questions after
it) is left for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
from collections.abc import Callable, Iterator

ENTER = "enter"
SPACE = "space"
_ARROWS = {"C": "n", "D": "b"}
"""The arrow keys' final bytes (ESC [ C is →), as the keys they stand for."""

MAX_LINE = 200
"""A typed line longer than this is not a key; the rest of it is dropped."""

OnKey = Callable[[str], None]


def is_terminal(fd: int | None) -> bool:
    """True when `fd` is an open terminal."""
    if fd is None:
        return False
    try:
        return os.isatty(fd)
    except OSError:
        return False


def has_typist(fd: int | None) -> bool:
    """True when someone may type on `fd`: a terminal or a pipe (not /dev/null, not a file)."""
    if fd is None:
        return False
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        return False
    return is_terminal(fd) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


@contextlib.contextmanager
def single_keys(fd: int | None) -> Iterator[bool]:
    """At a terminal: cbreak mode without echo until the block ends (True); else nothing
    (False). ctrl-c still sends SIGINT."""
    if not is_terminal(fd):
        yield False
        return
    assert fd is not None
    try:
        import termios
        import tty
    except ImportError:  # pragma: no cover - not on Windows
        yield False
        return
    try:
        saved = termios.tcgetattr(fd)
        tty.setcbreak(fd, termios.TCSANOW)
    except (OSError, termios.error):
        yield False
        return
    try:
        yield True
    finally:
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, saved)


def single_keys_again(fd: int) -> None:
    """After ctrl-z and `fg` (SIGCONT): the shell took the terminal back to line mode, so
    put it in cbreak again (only in the foreground: from the background it would stop us)."""
    try:
        import termios
        import tty

        if os.tcgetpgrp(fd) == os.getpgrp():
            tty.setcbreak(fd, termios.TCSANOW)
    except (ImportError, OSError):
        pass


class KeyDecoder:
    """Turns input bytes into key names: "n", "space", "enter", "+"; arrows as n and b."""

    def __init__(self, on_key: OnKey, single: bool) -> None:
        self.on_key = on_key
        """Told each key."""
        self.single = single
        """True: every byte is a key; False: every line is one."""
        self._line = bytearray()
        self._escape = b""

    def feed(self, byte: bytes) -> None:
        """One byte of input."""
        if self.single:
            self._key(byte)
        elif byte == b"\n":
            self._end_line()
        elif len(self._line) < MAX_LINE:
            self._line += byte

    def _key(self, byte: bytes) -> None:
        if self._escape or byte == b"\x1b":
            self._escape += byte
            if len(self._escape) >= 3 or (len(self._escape) == 2 and byte != b"["):
                final = self._escape[-1:].decode(errors="replace")
                self._escape = b""
                if final in _ARROWS:
                    self.on_key(_ARROWS[final])
            return
        if byte in (b"\n", b"\r"):
            self.on_key(ENTER)
        elif byte == b" ":
            self.on_key(SPACE)
        else:
            self.on_key(byte.decode(errors="replace").lower())

    def _end_line(self) -> None:
        text = self._line.decode(errors="replace").rstrip("\r")
        self._line.clear()
        word = text.strip().lower()
        if not word:
            self.on_key(SPACE if text else ENTER)
        else:
            self.on_key(word)


class KeyReader:
    """Reads `fd` on the event loop, one byte per wake-up, until stopped or end of input."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        fd: int,
        decoder: KeyDecoder,
        on_eof: Callable[[], None],
    ) -> None:
        self.loop = loop
        self.fd = fd
        self.decoder = decoder
        self.on_eof = on_eof
        self._watching = False
        self._stopped = False

    def start(self) -> None:
        """Start reading. A file the loop cannot watch (a regular file, /dev/null) never
        blocks: it is read a byte per turn of the loop until its end."""
        try:
            self.loop.add_reader(self.fd, self._read)
            self._watching = True
        except (OSError, ValueError, NotImplementedError):
            if _is_regular_file(self.fd):
                self.loop.call_soon(self._read_file)
            else:
                # A device the loop cannot watch (/dev/null, /dev/zero): no one types there.
                self._stopped = True
                self.loop.call_soon(self.on_eof)

    def stop(self) -> None:
        """Read no more (safe twice); the rest of stdin is left for whoever reads next."""
        self._stopped = True
        if self._watching:
            self._watching = False
            with contextlib.suppress(OSError, ValueError, RuntimeError):
                self.loop.remove_reader(self.fd)

    def _next_byte(self) -> bytes | None:
        """One byte; b"" at the end of input; None when nothing is there after all."""
        try:
            return os.read(self.fd, 1)
        except BlockingIOError:
            return None
        except OSError:
            return b""

    def _read(self) -> None:
        if self._stopped:
            return
        byte = self._next_byte()
        if byte is None:
            return
        if not byte:
            self.stop()
            self.on_eof()
            return
        self.decoder.feed(byte)

    def _read_file(self) -> None:
        if self._stopped:
            return
        byte = self._next_byte()
        if not byte:
            self._stopped = True
            self.on_eof()
            return
        self.decoder.feed(byte)
        if not self._stopped:
            self.loop.call_soon(self._read_file)


def _is_regular_file(fd: int) -> bool:
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        return False
