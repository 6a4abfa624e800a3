"""The routine reader gives the same tree, positions and refusals with libyaml and without it.

evenside reads YAML with PyYAML's C parser (libyaml) when the wheel has it,
and with PyYAML's pure-Python parser otherwise. Each test here runs the
reader both ways on the same text and compares what comes out.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from evenside.locations import bundled_routines_dir
from evenside.routine import loader, yaml_nodes
from evenside.routine.yaml_nodes import Mapping, Node, Scalar, YamlReadError, read_yaml

HAS_LIBYAML = hasattr(yaml, "CSafeLoader")
PARSERS = ["python", "libyaml"] if HAS_LIBYAML else ["python"]


def use_parser(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the reader use PyYAML's pure-Python parser or libyaml's."""
    chosen = yaml.SafeLoader if name == "python" else yaml.CSafeLoader
    monkeypatch.setattr(yaml_nodes, "_Parser", chosen)


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with the reader on one parser."""
    use_parser(monkeypatch, str(request.param))
    return str(request.param)


def tree(node: Node | None) -> object:
    """A node as nested tuples holding every text, style flag and position."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return ("scalar", node.text, node.plain, node.line, node.col)
    if isinstance(node, Mapping):
        pairs = tuple((tree(k), tree(v)) for k, v in node.items)
        return ("mapping", node.line, node.col, pairs)
    return ("sequence", node.line, node.col, tuple(tree(item) for item in node.items))


def read_both(text: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What each parser makes of `text`: its tree and duplicates, or its error's position."""
    results: dict[str, object] = {}
    for name in PARSERS:
        use_parser(monkeypatch, name)
        try:
            document = read_yaml(text)
        except YamlReadError as error:
            results[name] = ("error", error.line, error.col)
            continue
        duplicates = [(tree(k), tree(first)) for k, first in document.duplicates]
        results[name] = (tree(document.root), duplicates)
    return results


def bundled_texts() -> list[Path]:
    return sorted(bundled_routines_dir().glob("*.yaml"))


@pytest.mark.parametrize("path", bundled_texts(), ids=lambda p: p.stem)
def test_bundled_routines_read_the_same_with_either_parser(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = read_both(path.read_text(encoding="utf-8"), monkeypatch)
    first = results[PARSERS[0]]
    assert first[0] is not None  # type: ignore[index]
    assert all(result == first for result in results.values())


TRICKY = {
    "quoted and block scalars": 'a: "1:30"\nb: |\n  two\n  lines\nc: >\n  folded\n  text\nd: ~\n',
    "flow collections": "steps: [{exercise: Lunge, hold: 45s}, {rest: 1:30}]\ntags: [a, b]\n",
    "duplicate keys": "name: one\nname: two\nsteps:\n  - rest: 5s\n    rest: 6s\n",
    "unicode": "name: Étirement du psoas ✓\nsteps:\n  - exercise: 腸腰筋\n    hold: 30s\n",
    "crlf line ends": "name: x\r\nsteps:\r\n  - rest: 5s\r\n",
    "comments and blank lines": "# head\n\nname: x # trailing\n\nsteps:\n\n  - rest: 5s\n",
}


@pytest.mark.parametrize("text", TRICKY.values(), ids=list(TRICKY))
def test_trees_and_positions_agree(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    results = read_both(text, monkeypatch)
    first = results[PARSERS[0]]
    assert first[0] != "error"  # type: ignore[index]
    assert all(result == first for result in results.values())


REFUSED = {
    "alias": ("base: &b 45s\nother: *b\n", 2, 8),
    "tag": ("name: !!python/object:os.system x\n", 1, 7),
    "second document": ("name: a\n---\nname: b\n", 2, 1),
    "tab indent": ("steps:\n\t- rest: 5s\n", 2, 1),
    "key is a list": ("[a, b]: 1\n", 1, 1),
    "tab after non-ASCII text": ("name: Étirement\nsteps:\n\t- rest: 5s\n", 3, 1),
    "control character": ("name: a\x07b\n", 1, 8),
    # libyaml counts this one in bytes: the é before it must not shift the column.
    "control character after non-ASCII text": ("name: é\nx: a\x07b\n", 2, 5),
}


@pytest.mark.parametrize("text,line,col", REFUSED.values(), ids=list(REFUSED))
def test_each_parser_refuses_with_a_position(text: str, line: int, col: int, parser: str) -> None:
    with pytest.raises(YamlReadError) as caught:
        read_yaml(text)
    assert (caught.value.line, caught.value.col) == (line, col)


def test_deep_nesting_is_refused_without_recursion(parser: str) -> None:
    text = "[" * 20_000 + "]" * 20_000
    with pytest.raises(YamlReadError) as caught:
        read_yaml(text)
    # evenside's own limit says "nested more than ..."; the libyaml bundled with a newer
    # PyYAML may refuse first ("exceeded maximum nesting depth"). Either names the nesting.
    assert "nest" in caught.value.message
    assert caught.value.line == 1


def test_an_alias_bomb_is_refused_at_the_first_alias(parser: str) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        prev, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    with pytest.raises(YamlReadError) as caught:
        read_yaml("\n".join(lines) + "\n")
    assert "aliases" in caught.value.message
    assert caught.value.line == 2


@pytest.mark.parametrize("path", bundled_texts(), ids=lambda p: p.stem)
def test_a_routine_loads_equal_with_either_parser(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    routines = []
    for name in PARSERS:
        use_parser(monkeypatch, name)
        routines.append(loader.load_routine(path))
    assert all(routine == routines[0] for routine in routines)
    assert routines[0].content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
