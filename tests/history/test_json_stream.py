"""Tests of `ExportStream`: an export read a session at a time gives what `json.loads` gives, and
anything else it cannot take as it comes is refused (NotStreamable), never misread."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from evenside.history import json_stream
from evenside.history.json_stream import ExportStream, NotStreamable

HEADER = ("format", "version")


def read(text: str | bytes, chunk: int = 5) -> tuple[dict[str, object], list[object]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    stream = ExportStream(io.BytesIO(data), int)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_stream, "CHUNK", chunk)
        header = stream.header(HEADER)
        sessions = list(stream.sessions())
        stream.finish()
    return header, sessions


def document(**extra: Any) -> dict[str, Any]:
    return {
        "format": "evenside-history",
        "version": 1,
        **extra,
        "sessions": [{"id": "a", "n": 12345, "x": [1.5, None, "é\n"]}, {"id": "b"}, {}],
    }


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
@pytest.mark.parametrize("indent", [None, 2])
def test_every_session_is_what_json_reads(chunk: int, indent: int | None) -> None:
    whole = document(note={"kept": True})
    header, sessions = read(json.dumps(whole, indent=indent, ensure_ascii=False), chunk)
    assert header == {"format": "evenside-history", "version": 1, "note": {"kept": True}}
    assert sessions == whole["sessions"]


def test_an_empty_list_and_keys_after_it() -> None:
    text = '{"format": "f", "version": 1, "sessions": [ ], "later": [1, 2]}\n\n'
    assert read(text) == ({"format": "f", "version": 1}, [])


@pytest.mark.parametrize(
    "text",
    [
        '{"sessions": [], "format": "f", "version": 1}',  # sessions before the header
        '{"format": "f", "sessions": [], "version": 1}',  # version after the sessions
        '{"format": "f", "version": 1}',  # no sessions at all
        '{"format": "f", "version": 1, "sessions": {}}',  # not a list
        '{"format": "f", "format": "g", "version": 1, "sessions": []}',  # a repeated key
        '{"format": "f", "version": 1, "sessions": [], "version": 2}',  # repeated after
        '[{"format": "f"}]',  # not an object
        '\ufeff{"format": "f", "version": 1, "sessions": []}',  # a byte-order mark
        '{"format": "f", "version": 1, "sessions": [{}] }x',  # text after the end
        '{"format": "f", "version": 1, "sessions": [{} {}]}',  # a comma missing
        '{"format": "f", "version": 1, "sessions": [{"a": 1}',  # cut short
        '{"format": "f", "version": 1, "sessions": [' + "[" * 100_000 + "]" * 100_000 + "]}",
        '{"format": "f", "version": 1, "sessions": [' + "9" * 5000 + "]}",  # int refuses it
        '{"format": "f", "version": 1 "sessions": []}',  # no comma after a member
    ],
    ids=[
        "sessions first",
        "version after",
        "no sessions",
        "not a list",
        "repeated key",
        "repeated after",
        "not an object",
        "byte-order mark",
        "trailing text",
        "comma missing",
        "cut short",
        "nested deeply",
        "long number",
        "no comma",
    ],
)
def test_what_it_cannot_take_is_refused(text: str) -> None:
    with pytest.raises(NotStreamable):
        read(text)


def test_text_that_is_not_utf8_is_refused() -> None:
    data = b'{"format": "f", "version": 1, "sessions": [{"a": "\xff"}]}'
    with pytest.raises(NotStreamable):
        read(data)


def test_a_character_split_across_chunks_is_read_whole() -> None:
    text = '{"format": "f", "version": 1, "sessions": [{"name": "😀é"}]}'
    assert read(text, chunk=1)[1] == [{"name": "😀é"}]
