"""Provides the first session's note: a routine's description, its safety notes first.

A description is written as YAML text with hard line breaks; on screen each
paragraph is reflowed to the width it has. The bundled routines, and the
starter file, keep their red flags in a paragraph that starts "Safety:": in a
small terminal only the first lines of the note fit, so that paragraph comes
first and the rest (what the routine is for, its source) after it.
"""

from __future__ import annotations

from evenside.terminal_text import safe_text

SAFETY_WORDS = "safety:"


def paragraphs(description: str) -> list[str]:
    """The description's paragraphs (split at blank lines), each on one line."""
    found: list[str] = []
    for block in description.replace("\r\n", "\n").split("\n\n"):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            found.append(joined)
    return found


def first_session_note(description: str) -> str:
    """The note shown through a routine's first get-ready countdown: safe for the terminal,
    reflowed, the "Safety:" paragraphs first."""
    parts = paragraphs(safe_text(description, keep_newlines=True))
    safety = [p for p in parts if p.lower().startswith(SAFETY_WORDS)]
    rest = [p for p in parts if not p.lower().startswith(SAFETY_WORDS)]
    return "Before you start:\n" + "\n\n".join([*safety, *rest])
