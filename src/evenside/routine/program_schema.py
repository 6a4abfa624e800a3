"""Provides the JSON Schema of a program file, and the limits the program loader shares with it.

A program names routines and their days; `evenside schema` describes it
beside the routine (a file with `schedule:` instead of `steps:` is a program).
"""

from __future__ import annotations

from typing import Any

MAX_WEEKS = 104
"""A program is weeks or months long; two years is a generous ceiling."""
MAX_TIMES = 10
"""Times a day a routine may be due."""
MAX_REPS_LIMIT = 500
"""The highest `up to` a reps step may name."""
DAY_WORDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# An enum, not a case-blind pattern: editors run the schema's patterns as ECMA regexes.
_DAYS = [w for day in (*DAY_WORDS, *_DAY_NAMES) for w in (day, day.capitalize(), day.upper())]


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "pattern": "\\S", "description": description}


def program_schema() -> dict[str, Any]:
    """The schema (draft-07) of a program file, as a dict (no `$schema` key: it is nested)."""
    day = {"enum": _DAYS}
    return {
        "type": "object",
        "description": "A program: routines on days, over weeks (a file with 'schedule').",
        "required": ["name", "schedule"],
        "additionalProperties": False,
        "properties": {
            "name": _text("Shown everywhere."),
            "summary": _text("One line."),
            "description": _text("Longer text: safety notes belong here."),
            "tags": {"type": "array", "items": _text("A word for filtering.")},
            "weeks": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_WEEKS,
                "description": "How many weeks it runs; open-ended without it.",
            },
            "schedule": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["routine"],
                    "additionalProperties": False,
                    "properties": {
                        "routine": _text("A routine name, or a path relative to this file."),
                        "days": {
                            "description": "daily | weekdays | [mon, wed, fri] | '3 per week'",
                            "anyOf": [
                                {"enum": ["daily", "weekdays"]},
                                day,
                                {"type": "array", "minItems": 1, "items": day},
                                {"type": "string", "pattern": "^ *[1-7] *(per|a|x) *week *$"},
                            ],
                        },
                        "times": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": MAX_TIMES,
                            "description": "Times a day (default 1).",
                        },
                    },
                },
            },
            "progress": {
                "type": "object",
                "description": "When a dose may step; without it nothing is ever suggested.",
                "required": ["every", "pain"],
                "additionalProperties": False,
                "properties": {
                    "every": {
                        "type": "string",
                        "pattern": "^ *[0-9]+ *(days?|weeks?) *$",
                        "description": "The least time between two steps up: '1 week'.",
                    },
                    "hold": {
                        "type": "string",
                        "pattern": "^ *\\+.+ up to .+$",
                        "description": "Per step up, per side, and the limit: '+5s up to 2m'.",
                    },
                    "reps": {
                        "type": "string",
                        "pattern": "^ *\\+ *[0-9]+ +up to +[0-9]+ *$",
                        "description": "Per step up, per side, and the limit: '+2 up to 15'.",
                    },
                    "pain": {
                        "type": "object",
                        "required": ["during"],
                        "additionalProperties": False,
                        "properties": {
                            "during": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 10,
                                "description": "The highest acceptable pain during or just after.",
                            },
                            "morning": {
                                "description": "'no worse', or the points a morning may rise.",
                                "anyOf": [
                                    {"enum": ["no worse"]},
                                    {"type": "integer", "minimum": 0, "maximum": 10},
                                ],
                            },
                        },
                    },
                },
            },
        },
    }
