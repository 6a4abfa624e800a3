"""Provides the player's per-second widgets: cheap to redraw, and redrawn only when told.

The big digits and the routine's time left change every second of a session.
Drawn the usual way, each change goes through Rich's alignment and Textual's
content pipeline; drawn straight as a strip or three (Textual's line API), a
second's repaint costs a fraction of that. They look exactly like `Digits` and
`Static`. The rows of the player that were containers of Statics (the heading
line, the exercise line, the routine's bar and time left) are one line-drawn
widget each, so the first frame styles and lays out fewer nodes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Digits, Static


def _aligned(
    content: list[Segment], content_width: int, width: int, align: str, style: Style
) -> Strip:
    """`content` padded with `style` to `width`, placed as `align` says (like Rich's Align)."""
    excess = max(0, width - content_width)
    if align == "center":
        left = excess // 2
    elif align == "right":
        left = excess
    else:
        left = 0
    right = excess - left
    segments = []
    if left:
        segments.append(Segment(" " * left, style))
    segments.extend(content)
    if right:
        segments.append(Segment(" " * right, style))
    return Strip(segments, max(width, content_width)).crop(0, width)


class QuickDigits(Digits):
    """`Digits` whose three lines are built straight from the digit glyphs.

    While text in it is selected it draws the usual way, selection colours included.
    """

    _drawn: tuple[tuple[str, int, str], list[Strip]] | None = None
    """The three lines last built, with the value, width and alignment they were built for."""

    def render_line(self, y: int) -> Strip:
        if self.text_selection or y > 2:
            return super().render_line(y)
        key = (self.value, self.content_size.width, str(self.styles.text_align))
        # A repaint asks for lines 0, 1, 2 in turn: build all three on line 0 (the
        # style too may have changed then), reuse them for the other two.
        if y == 0 or self._drawn is None or self._drawn[0] != key:
            value, width, align = key
            style = self.rich_style
            rendered = DigitsRenderable(value).render(style)
            rows = [s for s in rendered if isinstance(s, Segment) and s.text != "\n"]
            content_width = DigitsRenderable.get_width(value)
            if align not in ("left", "center", "right"):
                align = "left"
            lines = [_aligned([row], content_width, width, align, style) for row in rows]
            self._drawn = (key, lines)
        return self._drawn[1][y]


class QuickLabel(Static):
    """A `Static` of one line of plain text, drawn straight as a strip, aligned by `text-align`.

    Give it a fixed width (CSS or `styles.width`) and update it with
    `layout=False`: then a new text is a repaint of one line, never a layout.
    """

    DEFAULT_CSS = """
    QuickLabel { height: 1; }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id, markup=False)

    def render_line(self, y: int) -> Strip:
        # The style Static draws its text in (kept by Textual until the CSS changes).
        style = self.visual_style.rich_style
        width = self.content_size.width
        if y:
            return Strip.blank(width, style)
        text = str(self.content)[:width]
        return _aligned(
            [Segment(text, style)], len(text), width, str(self.styles.text_align), style
        )


def _cropped(text: str, width: int) -> str:
    """`text` in `width` cells, ending in "…" when it was cut."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…" if width > 0 else ""


class SplitLine(Widget):
    """One line: a text on the left and a few on the right, each in a style of its own.

    Where a row of three Statics in a Horizontal did the same. When the line is
    short, the right-hand texts go first (the last given first), then the left
    text is cut with "…". Set with `show`; a change is a repaint of one line.
    """

    DEFAULT_CSS = """
    SplitLine { height: 1; width: 1fr; }
    """

    def __init__(
        self,
        left: str = "",
        rights: Sequence[str] = (),
        *,
        styles: Sequence[str] = (),
        id: str | None = None,
    ) -> None:
        """`styles` names the component class of the left text, then of each right one."""
        super().__init__(id=id)
        self.left = left
        self.rights = tuple(rights)
        self._style_names = tuple(styles)

    def show(self, left: str, rights: Sequence[str] | None = None) -> None:
        """New texts (the right ones kept when None); repainted only if they changed."""
        new_rights = self.rights if rights is None else tuple(rights)
        if (left, new_rights) != (self.left, self.rights):
            self.left, self.rights = left, new_rights
            self.refresh()

    def _style(self, index: int) -> Style:
        if index < len(self._style_names) and self._style_names[index]:
            return self.get_component_rich_style(self._style_names[index])
        return self.rich_style

    def fitted(self, width: int) -> tuple[str, list[str]]:
        """The left text and the right ones that fit in `width` cells."""
        rights = [r for r in self.rights if r]
        while rights and len(self.left) + 1 + sum(len(r) + 1 for r in rights) > width:
            rights.pop()
        room = width - sum(len(r) + 1 for r in rights)
        return _cropped(self.left, room), rights

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y:
            return Strip.blank(width, base)
        left, rights = self.fitted(width)
        segments = [Segment(left, self._style(0))]
        used = len(left) + sum(len(r) + 1 for r in rights)
        segments.append(Segment(" " * max(0, width - used), base))
        for index, right in enumerate(self.rights, start=1):
            if right in rights:
                segments.append(Segment(" ", base))
                segments.append(Segment(right, self._style(index)))
        return Strip(segments, width).crop(0, width)


class FittedLabel(QuickLabel):
    """A QuickLabel whose text is made for its width (`fit(width)`), so a narrow terminal
    gets a shorter text, not a cut one: "Next: Runner's lu… · LEFT", never "Next: Runner's"."""

    def __init__(self, fit: Callable[[int], str] | None = None, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._fit = fit

    def set_fit(self, fit: Callable[[int], str]) -> None:
        """Draw with `fit` from now on."""
        self._fit = fit
        self.refresh()

    def text_at(self, width: int) -> str:
        """The text drawn at `width` cells."""
        return self._fit(width)[:width] if self._fit is not None else ""

    def render_line(self, y: int) -> Strip:
        style = self.visual_style.rich_style
        width = self.content_size.width
        if y or self._fit is None:
            return Strip.blank(width, style)
        text = self.text_at(width)
        return _aligned(
            [Segment(text, style)], len(text), width, str(self.styles.text_align), style
        )


class RoutineProgress(Widget):
    """The whole routine's bar and its time left, "━━━━━━╸━━━━━  3:54 left", drawn as one line.

    Where a ProgressBar (a bar and two status widgets) beside a label did the
    same. The bar moves in half cells; `show` repaints only when a half cell or
    the text changes.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"routine-progress--done", "routine-progress--todo"}

    DEFAULT_CSS = """
    RoutineProgress { height: 1; width: 1fr; }
    RoutineProgress > .routine-progress--done { color: $primary; }
    RoutineProgress > .routine-progress--todo { color: $surface-lighten-2; }
    """

    def __init__(self, total_ms: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total_ms = max(1, total_ms)
        self.done_ms = 0
        self.label = ""
        self._label_width = 0
        self._drawn: tuple[int, str, int] | None = None

    def _bar_width(self, width: int) -> int:
        # The label keeps the width of the longest text so far, so the bar does not wobble.
        return max(0, width - self._label_width - 2)

    def _half_cells(self, width: int) -> int:
        return self.done_ms * self._bar_width(width) * 2 // self.total_ms

    def show(self, done_ms: int, label: str) -> None:
        """The routine's time done and the label beside the bar."""
        self.done_ms = min(max(0, done_ms), self.total_ms)
        self.label = label
        self._label_width = max(self._label_width, len(label))
        width = self.size.width
        key = (self._half_cells(width), label, width)
        if key != self._drawn:
            self._drawn = key
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y:
            return Strip.blank(width, base)
        bar_width = self._bar_width(width)
        halves = self._half_cells(width)
        full, half = divmod(halves, 2)
        done = self.get_component_rich_style("routine-progress--done")
        todo = self.get_component_rich_style("routine-progress--todo")
        segments = [Segment("━" * full, done)]
        if half:
            segments.append(Segment("╸", done))
        segments.append(Segment("━" * (bar_width - full - half), todo))
        segments.append(Segment("  " + self.label.rjust(self._label_width), base))
        return Strip(segments, width).crop(0, width).extend_cell_length(width, base)


class HeadingLine(SplitLine):
    """The player's top line: the kind of interval; the sound state and the routine's name."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "heading-line--kind",
        "heading-line--sound",
        "heading-line--routine",
    }

    DEFAULT_CSS = """
    HeadingLine > .heading-line--kind { color: $text-muted; text-style: bold; }
    HeadingLine > .heading-line--sound { color: $warning; }
    HeadingLine > .heading-line--routine { color: $text-muted; }
    """

    def __init__(self, kind: str, sound: str, routine: str, *, id: str | None = None) -> None:
        super().__init__(
            kind,
            (sound, routine),
            styles=("heading-line--kind", "heading-line--sound", "heading-line--routine"),
            id=id,
        )


class ExerciseLine(SplitLine):
    """The exercise (or rest) in bold, and "set 2 of 3 · 12 reps" on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"exercise-line--exercise", "exercise-line--set"}

    DEFAULT_CSS = """
    ExerciseLine > .exercise-line--exercise { text-style: bold; }
    ExerciseLine > .exercise-line--set { text-style: bold; color: $accent; }
    """

    def __init__(self, exercise: str, set_text: str, *, id: str | None = None) -> None:
        super().__init__(
            exercise, (set_text,), styles=("exercise-line--exercise", "exercise-line--set"), id=id
        )
