"""Provides slugs: the stable ids made from exercise and routine names."""

from __future__ import annotations

import re
import unicodedata

# A translation table rather than a regular expression: compiling one with a non-ASCII
# character costs about 1 ms of every command's start.
_DROP_APOSTROPHES = str.maketrans("", "", "'’`")
_NOT_WORD = re.compile(r"[\W_]+")


def slugify(name: str) -> str:
    """`Modified runner's lunge` -> `modified-runners-lunge`; accents dropped, other scripts kept.

    Returns an empty string when `name` holds no letters or digits at all.
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_DROP_APOSTROPHES)
    return _NOT_WORD.sub("-", text).strip("-")
