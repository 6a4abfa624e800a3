"""Provides slugs: the stable ids made from exercise and routine names."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’`]")
_NOT_WORD = re.compile(r"[\W_]+")


def slugify(name: str) -> str:
    """`Modified runner's lunge` -> `modified-runners-lunge`; accents dropped, other scripts kept.

    Returns an empty string when `name` holds no letters or digits at all.
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text)
    return _NOT_WORD.sub("-", text).strip("-")
