"""Provides the JSON Schema of the routine format, for editors (yaml-language-server) and tests.

Draft-07, which yaml-language-server supports fully. Step kinds are told
apart with if/then/else on their defining key, so an editor reports "property
hodl is not allowed" rather than a vague "matches none of the alternatives".
"""

from __future__ import annotations

import json
from typing import Any

from evenside.routine.durations import DURATION_PATTERN
from evenside.routine.model import MAX_DURATION_MS, Order, Sides
from evenside.routine.program_schema import program_schema
from evenside.routine.step_reader import MAX_REPEAT, MAX_REPS, MAX_SETS

_MAX_SECONDS = MAX_DURATION_MS // 1000
_DURATION_HELP = (
    "Seconds as a number (45, 7.5), or text: 45s, 2m, 1m30s, 1h, 90sec, 2 min, 1:30, 1:02:03. "
    "At most 4 hours."
)


def _duration(positive: bool) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "number", "maximum": _MAX_SECONDS}
    number["exclusiveMinimum" if positive else "minimum"] = 0
    text: dict[str, Any] = {"type": "string", "pattern": DURATION_PATTERN}
    if positive:
        # Text that reads as zero ("0", "0s", "0:00") is not a hold.
        text["not"] = {"pattern": "^ *0+(?:\\.0+)? *(?:[a-z]+)? *$|^ *0+:00(?::00)? *$"}
    return {"description": _DURATION_HELP, "anyOf": [number, text]}


def _per_side(value_ref: str, what: str) -> dict[str, Any]:
    return {
        "description": f"{what}: one value for every side, or {{left: ..., right: ...}}.",
        "anyOf": [
            {"$ref": value_ref},
            {
                "type": "object",
                "properties": {"left": {"$ref": value_ref}, "right": {"$ref": value_ref}},
                "required": ["left", "right"],
                "additionalProperties": False,
            },
        ],
    }


def _count(maximum: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "maximum": maximum}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "pattern": "\\S", "description": description}


def _exercise() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "An exercise: 'exercise' plus exactly one of 'hold' or 'reps'.",
        "required": ["exercise"],
        "properties": {
            "exercise": _text("The name shown and spoken."),
            "hold": {"$ref": "#/definitions/perSideHold"},
            "reps": {"$ref": "#/definitions/perSideReps"},
            "tempo": {
                "$ref": "#/definitions/positiveDuration",
                "description": "Time per rep; makes reps timed. Without it the player waits.",
            },
            "sides": {"$ref": "#/definitions/sides"},
            "order": {"$ref": "#/definitions/order"},
            "sets": {"$ref": "#/definitions/perSideSets"},
            "rest": {"$ref": "#/definitions/duration", "description": "Rest between sets."},
            "switch": {"$ref": "#/definitions/duration", "description": "Time to change sides."},
            "transition": {
                "$ref": "#/definitions/duration",
                "description": "Time to get into position when this step follows another "
                "exercise directly (default 5s; 0 turns it off).",
            },
            "cue": _text("A short instruction, shown and spoken."),
            "sound": _text("A WAV file, relative to the routine file, played at the start."),
            "id": _text("A stable key for history and balance; defaults to a slug of the name."),
        },
        "additionalProperties": False,
        "oneOf": [
            {"required": ["hold"], "not": {"required": ["reps"]}},
            {"required": ["reps"], "not": {"required": ["hold"]}},
        ],
    }


def _rest() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "A rest step.",
        "required": ["rest"],
        "properties": {
            "rest": {"$ref": "#/definitions/duration"},
            "cue": _text("Words shown during the rest."),
        },
        "additionalProperties": False,
    }


def _block() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "A block of steps repeated 'repeat' times.",
        "required": ["repeat", "steps"],
        "properties": {
            "repeat": {**_count(MAX_REPEAT), "description": "How many rounds."},
            "steps": {"$ref": "#/definitions/steps"},
            "name": _text("A name for the block."),
            "rest": {"$ref": "#/definitions/duration", "description": "Rest between rounds."},
        },
        "additionalProperties": False,
    }


def routine_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a routine or program file, as a dict.

    A file with 'schedule' is checked as a program, any other as a routine (whose
    schema is `routine_only_schema`, as before programs existed).
    """
    routine = routine_only_schema()
    definitions = routine.pop("definitions")
    del routine["$schema"], routine["title"]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "evenside routine or program",
        "description": "A routine (with 'steps') or a program (with 'schedule') for evenside.",
        "if": {"type": "object", "required": ["schedule"]},
        "then": {"$ref": "#/definitions/program"},
        "else": {"$ref": "#/definitions/routine"},
        "definitions": {**definitions, "routine": routine, "program": program_schema()},
    }


def routine_only_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a routine file, as a dict."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "evenside routine",
        "description": "A stretch or rehab routine for evenside (format version 1).",
        "type": "object",
        "required": ["name", "steps"],
        "additionalProperties": False,
        "properties": {
            "name": _text("Shown in the library and in history."),
            "summary": _text("One line for the library list."),
            "description": _text("Longer text shown before starting: safety notes belong here."),
            "tags": {"type": "array", "items": _text("A word for filtering.")},
            "defaults": {
                "type": "object",
                "description": "Values for every step that does not set its own.",
                "properties": {
                    "prep": {"$ref": "#/definitions/duration", "description": "Get-ready time."},
                    "rest": {"$ref": "#/definitions/duration"},
                    "switch": {"$ref": "#/definitions/duration"},
                    "transition": {"$ref": "#/definitions/duration"},
                    "sides": {"$ref": "#/definitions/sides"},
                    "sets": {"$ref": "#/definitions/perSideSets"},
                    "tempo": {"$ref": "#/definitions/positiveDuration"},
                },
                "additionalProperties": False,
            },
            "steps": {"$ref": "#/definitions/steps"},
        },
        "definitions": {
            "duration": _duration(positive=False),
            "positiveDuration": _duration(positive=True),
            "reps": _count(MAX_REPS),
            "sets": _count(MAX_SETS),
            "perSideHold": _per_side(
                "#/definitions/positiveDuration", "How long each side is held"
            ),
            "perSideReps": _per_side("#/definitions/reps", "Repetitions per side"),
            "perSideSets": _per_side("#/definitions/sets", "Sets per side"),
            "sides": {
                "description": "Which sides are worked.",
                "enum": [s.value for s in Sides],
            },
            "order": {
                "description": "For 'sides: both': which side goes first.",
                "enum": [o.value for o in Order],
            },
            "steps": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/definitions/step"},
            },
            "step": {
                "type": "object",
                "if": {"required": ["exercise"]},
                "then": {"$ref": "#/definitions/exercise"},
                "else": {
                    "if": {"anyOf": [{"required": ["repeat"]}, {"required": ["steps"]}]},
                    "then": {"$ref": "#/definitions/block"},
                    "else": {"$ref": "#/definitions/rest"},
                },
            },
            "exercise": _exercise(),
            "rest": _rest(),
            "block": _block(),
        },
    }


def schema_text() -> str:
    """The schema as the JSON text `evenside schema` prints and `routines/` holds."""
    return json.dumps(routine_schema(), indent=2, ensure_ascii=False) + "\n"
