"""Provides the player's per-second widgets: cheap to redraw, and redrawn only when told.

The big digits and the routine's time left change every second of a session.
Drawn the usual way, each change goes through Rich's alignment and Textual's
content pipeline; drawn straight as a strip or three (Textual's line API), a
second's repaint costs a fraction of that. They look exactly like `Digits` and
`Static`. The routine's bar is a ProgressBar without a timer of its own.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.events import Mount
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
from textual.widgets import Digits, ProgressBar, Static


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


class RoutineBar(ProgressBar):
    """The routine's progress bar, redrawn only by the player on the second boundary.

    Textual's ProgressBar also redraws itself on a 1 s timer of its own (for its
    ETA, which this bar does not show); that second wake-up a second is dropped.
    """

    def _on_mount(self, event: Mount) -> None:
        # Runs before ProgressBar.on_mount (which starts the timer) and stops it there;
        # the bar is drawn once here instead, and then by the player.
        event.prevent_default()
        super()._on_mount(event)
        self.update()
