"""Provides `ExportStream`: a history export read one session at a time, in bounded memory.

The file is read in chunks and each session decoded on its own by the `json`
module, so 20 years of history never sit in memory as one document. It reads
the layout `history.export.write_json` writes: one object whose `format` and
`version` come before the `sessions` list (other keys may sit anywhere). Any
other layout, and any text that is not JSON, raises `NotStreamable` as soon as
it is met: the importer then reads the file whole, as before, and says what is
wrong exactly as `json` does.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from typing import BinaryIO

CHUNK = 1 << 20
"""Bytes read at a time."""
_SPACE = " \t\n\r"


class NotStreamable(Exception):
    """Not laid out as an export (or not JSON, or not UTF-8): read the file whole instead."""


class ExportStream:
    """Reads one export: `header()`, then each raw session from `sessions()`, then `finish()`."""

    def __init__(self, handle: BinaryIO, parse_int: Callable[[str], object]) -> None:
        self._handle = handle
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._json = json.JSONDecoder(parse_int=parse_int)
        self._text = ""
        self._at = 0
        self._ended = False
        self._keys: set[str] = set()

    def header(self, needed: tuple[str, ...]) -> dict[str, object]:
        """The top-level values before the `sessions` list, which must include `needed`;
        leaves the stream at the list's first session."""
        self._expect("{")
        found: dict[str, object] = {}
        while True:
            key = self._key()
            if key == "sessions":
                break
            found[key] = self._value()
            self._after_member()
        if any(name not in found for name in needed) or self._next() != "[":
            raise NotStreamable
        self._at += 1
        return found

    def sessions(self) -> Iterator[object]:
        """Each element of the `sessions` list, decoded, in file order."""
        if self._next() == "]":
            self._at += 1
            return
        while True:
            yield self._value()
            following = self._next()
            self._at += 1
            if following == "]":
                return
            if following != ",":
                raise NotStreamable

    def finish(self) -> None:
        """Read the rest: any further top-level keys (not the ones already read), the closing
        brace, and nothing but white space after it."""
        while True:
            following = self._next()
            self._at += 1
            if following == "}":
                break
            if following != ",":
                raise NotStreamable
            self._key()
            self._value()
        if self._next(allow_end=True) != "":
            raise NotStreamable

    # -- reading ------------------------------------------------------------------------

    def _after_member(self) -> None:
        following = self._next()
        self._at += 1
        if following != ",":
            raise NotStreamable  # `}` before `sessions`, or not JSON

    def _key(self) -> str:
        key = self._value()
        if type(key) is not str or key in self._keys:
            raise NotStreamable  # json keeps the last of a repeated key: read it whole
        self._keys.add(key)
        self._expect(":")
        return key

    def _expect(self, character: str) -> None:
        if self._next() != character:
            raise NotStreamable
        self._at += 1

    def _next(self, allow_end: bool = False) -> str:
        """The next character that is not white space ("" at the end, when allowed)."""
        while True:
            text, at = self._text, self._at
            while at < len(text) and text[at] in _SPACE:
                at += 1
            self._at = at
            if at < len(text):
                return text[at]
            if not self._more():
                if allow_end:
                    return ""
                raise NotStreamable

    def _value(self) -> object:
        """Decode the JSON value at the current place, reading more of the file as needed."""
        self._next()
        while True:
            try:
                value, end = self._json.raw_decode(self._text, self._at)
            except json.JSONDecodeError:
                if self._more():
                    continue  # the value may only be cut at the end of the text read so far
                raise NotStreamable from None
            except (ValueError, RecursionError):
                raise NotStreamable from None  # a number too long for int; nested too deeply
            # A number cut at the end of a chunk decodes as a shorter number: make sure the
            # value ended before the text read so far does.
            if end == len(self._text) and self._more():
                continue
            self._at = end
            return value

    def _more(self) -> bool:
        """Read the next chunk onto the unread text; False at the end of the file."""
        if self._ended:
            return False
        try:
            data = self._handle.read(CHUNK)
            text = self._decoder.decode(data, final=not data)
        except (OSError, UnicodeDecodeError):
            raise NotStreamable from None
        if not data:
            self._ended = True
        self._text = self._text[self._at :] + text
        self._at = 0
        return bool(data) or bool(text)
