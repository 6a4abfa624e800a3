"""Provides `safe_text`: any text a user or a file supplied, made safe to print to a terminal.

Routine names, exercises, cues and imported histories are written by people
and programs evenside does not control. Printed raw, an escape sequence in them
(`ESC ] 0 ; ... BEL` sets the window title, `ESC [ 8 m` hides what follows)
changes the person's terminal. Every output path (the TUI, --plain, show, list,
balance, CSV to a terminal) passes such text through `safe_text`, which shows
each control character as a visible placeholder instead of sending it.
"""

from __future__ import annotations

import unicodedata

# C0 controls have a Unicode "control picture" at U+2400 + code (ESC -> ␛, BEL -> ␇);
# DEL has U+2421. Other controls (C1, the line and paragraph separators, bidi
# overrides, zero-width characters) are shown by their code point, so the person
# can find them in the file.
_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_C0_PICTURES[0x7F] = "\u2421"
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs"})


def _placeholder(char: str) -> str:
    code = ord(char)
    picture = _C0_PICTURES.get(code)
    if picture is not None:
        return picture
    return f"<U+{code:04X}>"


def safe_text(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control or invisible formatting character shown, not sent.

    Tabs become a space. With `keep_newlines`, "\\n" passes (for multi-line notes such
    as a routine's description); every other control is replaced by a visible placeholder.
    """
    if text.isprintable() and "\t" not in text:
        return text  # the common case: nothing to look at twice
    out: list[str] = []
    for char in text:
        if char == "\t":
            out.append(" ")
            continue
        shown = (char == "\n" and keep_newlines) or (
            unicodedata.category(char) not in _INVISIBLE_CATEGORIES
        )
        out.append(char if shown else _placeholder(char))
    return "".join(out)
