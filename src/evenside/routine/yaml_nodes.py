"""Provides a guarded YAML reader that keeps every scalar as written, with its line and column.

PyYAML's constructors follow YAML 1.1 (`010` is 8, `no` is false, `1:30` is
90) and its composer recurses once per nesting level. So this reader builds
its own small tree straight from the parser's events, without recursion,
keeping each scalar's text: the loader decides what a value means from the
key it belongs to. Aliases are refused (no alias bombs), duplicate keys are
reported, and size and depth are capped before they can cost time or memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 256_000
"""A routine is a few kilobytes; 256 KB is generous and still checks in well under a second."""
MAX_DEPTH = 64
"""Blocks nest, but nobody writes 30 levels of them; deeper input is refused early."""

# PyYAML is imported when a file is first parsed, not with this module: a routine read from the
# cache of checked routines (routine/cache.py) needs none of it (about 12 ms, 90 M instructions).
_Parser: Any = None
"""The parser class; None until the first parse picks libyaml's when the wheel has it."""
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


class YamlReadError(Exception):
    """The file cannot be read as one YAML document; holds a 1-based position."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        """What is wrong, in words."""
        self.line = line
        """1-based line of the problem."""
        self.col = col
        """1-based column of the problem."""


# The node classes are plain classes with __slots__ rather than dataclasses: generating a
# dataclass's methods compiles code at import, about 2 ms of every command's start for
# these four, and slots make the many Scalar objects of a `check` run cheaper too.


class Scalar:
    """A scalar exactly as written."""

    __slots__ = ("col", "line", "plain", "text")

    def __init__(self, text: str, plain: bool, line: int, col: int) -> None:
        self.text = text
        """The characters, after YAML unescaping and folding."""
        self.plain = plain
        """True when unquoted and not a block scalar (so `null` and `~` mean nothing)."""
        self.line = line
        """1-based line."""
        self.col = col
        """1-based column."""

    def __repr__(self) -> str:
        return f"Scalar({self.text!r}, plain={self.plain}, line={self.line}, col={self.col})"

    @property
    def is_null(self) -> bool:
        """True for an empty value, `~` or `null` written without quotes."""
        return self.plain and self.text in _NULL_WORDS


class Mapping:
    """A mapping, its keys in file order (duplicates are reported, first one kept)."""

    __slots__ = ("col", "items", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        """1-based line."""
        self.col = col
        """1-based column."""
        self.items: list[tuple[Scalar, Node]] = []
        """(key, value) pairs."""

    def __repr__(self) -> str:
        return f"Mapping(line={self.line}, col={self.col}, items={self.items!r})"

    def get(self, key: str) -> Node | None:
        """The value for `key`, if present."""
        for k, v in self.items:
            if k.text == key:
                return v
        return None

    def key_node(self, key: str) -> Scalar | None:
        """The key itself (for its position), if present."""
        for k, _ in self.items:
            if k.text == key:
                return k
        return None


class Sequence:
    """A list of nodes."""

    __slots__ = ("col", "items", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        """1-based line."""
        self.col = col
        """1-based column."""
        self.items: list[Node] = []
        """The elements in order."""

    def __repr__(self) -> str:
        return f"Sequence(line={self.line}, col={self.col}, items={self.items!r})"


Node = Scalar | Mapping | Sequence


class Document:
    """The result of reading: the root node (None for an empty file) and non-fatal problems."""

    __slots__ = ("duplicates", "root")

    def __init__(self, root: Node | None) -> None:
        self.root = root
        """The top node, or None when the file holds no document."""
        self.duplicates: list[tuple[Scalar, Scalar]] = []
        """(repeated key, first occurrence) for each duplicate key found."""


def decode(data: bytes) -> str:
    """Decode file bytes as UTF-8 text, or raise YamlReadError saying where it fails."""
    if b"\x00" in data[:8192]:
        raise YamlReadError("this is a binary file, not a YAML routine")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlReadError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} cannot be read); "
            "save the file as UTF-8",
            line,
            col,
        ) from None


def _pos(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


INVISIBLE = {
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\u0085": "NEXT LINE",
    "\ufeff": "BYTE ORDER MARK",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
}
"""Characters an editor does not show that change how YAML reads a file (the first three
are line breaks to YAML, so every line number after them would be off) or hide in a name."""


def _invisible(text: str) -> int | None:
    """The index of the first invisible character in `text` that matters, if any.

    A zero width joiner after another non-ASCII character is part of an emoji, and kept.
    """
    first: int | None = None
    for char in INVISIBLE:
        index = text.find(char)
        while char == "\u200d" and index > 0 and ord(text[index - 1]) > 0x7F:
            index = text.find(char, index + 1)
        if index >= 0 and (first is None or index < first):
            first = index
    return first


def read_yaml(text: str) -> Document:
    """Parse `text` as a single YAML document into a tree of Scalar, Mapping and Sequence."""
    invisible = _invisible(text) if not text.isascii() else None
    if invisible is not None:
        char = text[invisible]
        line, col = _line_col(text, invisible)
        raise YamlReadError(
            f"an invisible character, U+{ord(char):04X} ({INVISIBLE[char]}), is on line {line}; "
            "delete it (retype the text around it)",
            line,
            col,
        )
    import yaml

    try:
        return _build(text)
    except yaml.reader.ReaderError as error:
        # libyaml gives a byte offset into the UTF-8 text, the Python reader a character
        # index. The reader stops at the first character YAML refuses, so the first place
        # that character appears is the place in either case.
        found = text.find(chr(error.character)) if isinstance(error.character, int) else -1
        line, col = _line_col(text, found if found >= 0 else error.position)
        raise YamlReadError(
            f"contains a control character (0x{error.character:02x}) that YAML does not allow",
            line,
            col,
        ) from None
    except yaml.MarkedYAMLError as error:
        raise _explained(error, text) from None
    except yaml.YAMLError as error:
        first = (str(error).splitlines() or ["unreadable"])[0]
        raise YamlReadError(f"not valid YAML: {first}") from None


def _explained(error: yaml.MarkedYAMLError, text: str) -> YamlReadError:
    """The parser's complaint in a person's words, at the line the mistake is on."""
    problem = (error.problem or "this is not valid YAML").splitlines()[0]
    context = error.context_mark
    if "expected ':'" in problem and context is not None:
        # The problem mark is where libyaml gave up looking (the next line, or past the end
        # of the file); the context mark is the start of the key that lacks its colon.
        line_text = _line_at(text, context.index).strip()
        return YamlReadError(
            f"missing ':' after {line_text!r}; write it as 'key: value'",
            context.line + 1,
            context.column + 1,
        )
    mark = error.problem_mark or context
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return YamlReadError("a tab cannot indent YAML; use spaces", line, col)
    if problem.startswith("mapping values are not allowed") and mark is not None:
        key, _, value = _line_at(text, mark.index).strip().lstrip("- ").partition(": ")
        example = f'{key}: "{value.strip()}"' if value.strip() else '"text: like this"'
        return YamlReadError(f"text containing ': ' must be in quotes; write {example}", line, col)
    return YamlReadError(f"not valid YAML: {problem}", line, col)


def _line_at(text: str, index: int) -> str:
    """The whole line of `text` that holds `index`."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return text[start : end if end >= 0 else len(text)]


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _build(text: str) -> Document:
    # Each open collection: the node, and for a mapping the key waiting for its value.
    # Events are told apart by their exact class (`type(event) is ...`), cheaper than
    # isinstance against an `A | B` union built anew for every event.
    stack: list[tuple[Mapping | Sequence, list[Scalar | None]]] = []
    document = Document(root=None)
    seen_keys: list[dict[str, Scalar]] = []
    documents = 0
    import yaml

    global _Parser
    if _Parser is None:
        _Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    _ScalarEvent = yaml.ScalarEvent
    _MappingStartEvent, _MappingEndEvent = yaml.MappingStartEvent, yaml.MappingEndEvent
    _SequenceStartEvent, _SequenceEndEvent = yaml.SequenceStartEvent, yaml.SequenceEndEvent
    _DocumentStartEvent, _AliasEvent = yaml.DocumentStartEvent, yaml.AliasEvent
    for event in yaml.parse(text, Loader=_Parser):
        # PyYAML's own event classes, never subclassed. Branches that read the event's
        # fields compare `type(event)` itself, so that mypy narrows the event's type.
        kind = type(event)
        node: Node
        if type(event) is _ScalarEvent:
            _refuse_tag(event)
            if "\x00" in event.value:
                raise YamlReadError(
                    "a value holds a NUL character (written \\0 or \\x00); remove it",
                    *_pos(event),
                )
            plain = event.style in (None, "") and not event.tag
            node = Scalar(event.value, plain, *_pos(event))
        elif type(event) is _MappingStartEvent or type(event) is _SequenceStartEvent:
            _refuse_tag(event)
            if len(stack) >= MAX_DEPTH:
                raise YamlReadError(
                    f"nested more than {MAX_DEPTH} levels deep; a routine never needs that",
                    *_pos(event),
                )
            node = Mapping(*_pos(event)) if kind is _MappingStartEvent else Sequence(*_pos(event))
        elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
            finished = stack.pop()[0]
            if type(finished) is Mapping:
                seen_keys.pop()
            if not stack:
                document.root = finished
            continue
        elif kind is _DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlReadError(
                    "a routine file holds one YAML document; remove the second '---'", *_pos(event)
                )
            continue
        elif type(event) is _AliasEvent:
            raise YamlReadError(
                f"aliases (*{event.anchor}) are not allowed in a routine file; "
                "write the value out again",
                *_pos(event),
            )
        else:
            continue
        _attach(node, stack, seen_keys, document)
        if not isinstance(node, Scalar):
            stack.append((node, [None]))
            if isinstance(node, Mapping):
                seen_keys.append({})
        elif not stack:
            document.root = node
    return document


def _attach(
    node: Node,
    stack: list[tuple[Mapping | Sequence, list[Scalar | None]]],
    seen_keys: list[dict[str, Scalar]],
    document: Document,
) -> None:
    if not stack:
        return
    parent, pending = stack[-1]
    if isinstance(parent, Sequence):
        parent.items.append(node)
        return
    key = pending[0]
    if key is None:
        if not isinstance(node, Scalar):
            raise YamlReadError(
                "a key must be a plain word, not a list or mapping", node.line, node.col
            )
        pending[0] = node
        return
    pending[0] = None
    first = seen_keys[-1].get(key.text)
    if first is not None:
        document.duplicates.append((key, first))
        return
    seen_keys[-1][key.text] = key
    parent.items.append((key, node))


def _refuse_tag(event: yaml.NodeEvent) -> None:
    tag = getattr(event, "tag", None)
    if tag and tag not in ("!", "tag:yaml.org,2002:str"):
        raise YamlReadError(f"YAML tags ({tag}) are not allowed in a routine file", *_pos(event))
