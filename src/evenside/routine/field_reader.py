"""Provides FieldReader: reads typed values (text, counts, durations, sides) from YAML nodes.

Each reader records a diagnostic at the value's line and column and returns
None instead of raising, so the loader can go on and report every problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from evenside.routine.diagnostics import Diagnostic, Severity
from evenside.routine.durations import DurationError, format_duration, parse_duration
from evenside.routine.model import Order, PerSide, Sides
from evenside.routine.yaml_nodes import Mapping, Node, Scalar, Sequence

T = TypeVar("T")

_WHOLE = re.compile(r"\+?[0-9]{1,9}")
# Only a warning needs it: compiled on first use (through re's cache), not at every start.
_MINUTES_WRITTEN = r"([0-9]+(?:\.[0-9]+)?) *(?:minutes|minute|mins|min|m)"
# YAML 1.1 reads these unquoted words as booleans; a person writing them under
# `sides` meant something else, so say what to write.
_MEANT_NONE = frozenset({"no", "n", "off", "false"})
_MEANT_BOTH = frozenset({"yes", "y", "on", "true"})
LONG_MS = {
    "hold": 10 * 60_000,
    "tempo": 30_000,
    "rest": 30 * 60_000,
    "switch": 2 * 60_000,
    "transition": 2 * 60_000,
    "prep": 10 * 60_000,
}
"""Above these, a value is probably minutes written where seconds were meant: warn."""
_PER = {"hold": " per side", "tempo": " per rep"}
MAX_DIAGNOSTICS = 100
"""Like a compiler's error limit: past this many problems, more messages only bury the first."""


class TooManyProblems(Exception):
    """Raised by FieldReader once MAX_DIAGNOSTICS problems are recorded, to stop reading."""


def _describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return "empty" if node.is_null else repr(node.text)


class FieldReader:
    """Collects diagnostics for one file and reads values, reporting each problem in place."""

    def __init__(self, path: Path) -> None:
        self.path = path
        """The file being read (named in every diagnostic)."""
        self.diagnostics: list[Diagnostic] = []
        """Everything found so far."""

    @property
    def has_errors(self) -> bool:
        """True once any error has been recorded."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def error(self, line: int, col: int, message: str) -> None:
        """Record an error at line:col."""
        self._record(Diagnostic(self.path, line, col, Severity.ERROR, message))

    def warn(self, line: int, col: int, message: str) -> None:
        """Record a warning at line:col."""
        self._record(Diagnostic(self.path, line, col, Severity.WARNING, message))

    def _record(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)
        if len(self.diagnostics) >= MAX_DIAGNOSTICS:
            raise TooManyProblems

    def unknown_keys(self, node: Mapping, known: Iterable[str], where: str) -> None:
        """Report every key of `node` not in `known`, with a "did you mean" when one is close."""
        known = tuple(known)
        for key, _ in node.items:
            if key.text in known:
                continue
            close = _close(key.text.lower(), known, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.error(key.line, key.col, f"unknown key {key.text!r} {where}{hint}")

    def text(self, node: Node, key: str) -> str | None:
        """A non-empty text value."""
        if isinstance(node, Scalar) and not node.is_null and node.text.strip():
            return node.text
        self.error(node.line, node.col, f"'{key}' must be text, not {_describe(node)}")
        return None

    def required_text(self, mapping: Mapping, key: str, what: str) -> str | None:
        """The text under `key`, reporting its absence as an error about `what`."""
        node = mapping.get(key)
        if node is None:
            self.error(mapping.line, mapping.col, f"missing '{key}': {what} needs a {key}")
            return None
        return self.text(node, key)

    def optional_text(self, mapping: Mapping, key: str) -> str | None:
        """The text under `key`, or None when absent or left empty."""
        node = mapping.get(key)
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return None
        return self.text(node, key)

    def count(self, node: Node, key: str, *, minimum: int = 1, maximum: int = 1000) -> int | None:
        """A whole number in [minimum, maximum], read in base 10 (`010` is 10, never 8)."""
        text = node.text.strip() if isinstance(node, Scalar) else ""
        if not isinstance(node, Scalar) or not _WHOLE.fullmatch(text):
            self.error(
                node.line, node.col, f"'{key}' must be a whole number, not {_describe(node)}"
            )
            return None
        value = int(text, 10)
        if value < minimum or value > maximum:
            bound = f"at least {minimum}" if value < minimum else f"at most {maximum}"
            self.error(node.line, node.col, f"'{key}' must be {bound}, not {value}")
            return None
        return value

    def duration(self, node: Node, key: str, *, allow_zero: bool) -> int | None:
        """A duration in ms; warns when it looks like minutes written for seconds."""
        if not isinstance(node, Scalar) or node.is_null:
            self.error(
                node.line,
                node.col,
                f"'{key}' must be a duration such as 45s, not {_describe(node)}",
            )
            return None
        try:
            ms = parse_duration(node.text, allow_zero=allow_zero)
        except DurationError as error:
            self.error(node.line, node.col, f"'{key}': {error}")
            return None
        self._warn_if_long(node, key, ms)
        return ms

    def _warn_if_long(self, node: Scalar, key: str, ms: int) -> None:
        limit = LONG_MS.get(key)
        if limit is None or ms <= limit:
            return
        written = node.text.strip()
        message = f"{key} of {written}{_PER.get(key, '')} is unusually long"
        match = re.fullmatch(_MINUTES_WRITTEN, written)
        if match:
            message += f"; did you mean {match.group(1)}s?"
        else:
            shown = format_duration(ms)
            message += ("" if shown == written else f" ({shown})") + "; is that what you meant?"
        self.warn(node.line, node.col, message)

    def per_side(
        self, node: Node, key: str, read: Callable[[Node, str], T | None]
    ) -> PerSide[T] | None:
        """One value for both sides, or `{left: X, right: Y}`."""
        if not isinstance(node, Mapping):
            value = read(node, key)
            return None if value is None else PerSide.same(value)
        self.unknown_keys(node, ("left", "right"), f"in '{key}'")
        found: dict[str, T | None] = {}
        for side in ("left", "right"):
            child = node.get(side)
            if child is None:
                self.error(node.line, node.col, f"'{key}' gives per-side values but no '{side}'")
                found[side] = None
            else:
                found[side] = read(child, f"{key}.{side}")
        left, right = found["left"], found["right"]
        if left is None or right is None:
            return None
        return PerSide(left, right)

    def per_side_count(self, node: Node, key: str, *, maximum: int) -> PerSide[int] | None:
        """A count, or per-side counts, from 1 to `maximum`."""
        return self.per_side(node, key, lambda n, k: self.count(n, k, maximum=maximum))

    def sides(self, node: Node) -> Sides | None:
        """left, right, both or none; YAML booleans get a message that says what to write."""
        text = node.text.strip() if isinstance(node, Scalar) else ""
        if isinstance(node, Scalar) and text in {s.value for s in Sides}:
            return Sides(text)
        message = f"'sides' must be left, right, both or none, not {_describe(node)}"
        if text.lower() in _MEANT_NONE:
            message += " (for an exercise without sides, write 'sides: none')"
        elif text.lower() in _MEANT_BOTH:
            message += " (to work each side in turn, write 'sides: both')"
        else:
            close = _close(text.lower(), [s.value for s in Sides], n=1)
            if close:
                message += f" (did you mean {close[0]!r}?)"
        self.error(node.line, node.col, message)
        return None

    def order(self, node: Node) -> Order | None:
        """balance, left-first or right-first."""
        text = node.text.strip() if isinstance(node, Scalar) else ""
        if isinstance(node, Scalar) and text in {o.value for o in Order}:
            return Order(text)
        close = _close(text.lower(), [o.value for o in Order], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        self.error(
            node.line,
            node.col,
            f"'order' must be balance, left-first or right-first, not {_describe(node)}{hint}",
        )
        return None


def _close(word: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    # difflib costs ~10 ms to import; only a mistake pays for it.
    import difflib

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)
