"""Provides the page count and page size of a PDF, read from its page objects.

Chromium (Skia) writes every page as an uncompressed dictionary with
`/Type /Page` and a `/MediaBox`, so counting those is enough for its PDFs;
tests check the count on a PDF known to have more pages, so it can fail.
"""

from __future__ import annotations

import re

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]")


def page_count(pdf: bytes) -> int:
    """How many pages the PDF has."""
    if not pdf.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    return len(_PAGE.findall(pdf))


def page_sizes_mm(pdf: bytes) -> set[tuple[int, int]]:
    """The pages' sizes in whole millimetres (width, height)."""
    sizes = set()
    for match in _MEDIA_BOX.finditer(pdf):
        x0, y0, x1, y1 = (float(v) for v in match.groups())
        sizes.add((round((x1 - x0) * 25.4 / 72), round((y1 - y0) * 25.4 / 72)))
    return sizes
