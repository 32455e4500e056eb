"""Reading a card file: safe YAML with the position of every key and value.

The YAML event stream is turned into plain Python values by an explicit stack
rather than by PyYAML's constructor, so that only the standard scalar tags are
accepted, aliases are charged for every value they expand to, nesting is
bounded, a key given twice is noticed, and the file, line and column of every
value are kept for the error messages.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from .problems import CardError, Problem, Subtype

try:
    from yaml import CBaseLoader as _Parser
except ImportError:  # PyYAML built without libyaml
    from yaml import BaseLoader as _Parser  # type: ignore[assignment]

#: Values a card may hold once its aliases are expanded.
MAX_VALUES = 100_000
#: Nesting of mappings and sequences.
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]
Position = tuple[int, int]

_STANDARD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {
    _STANDARD + name for name in ("str", "int", "float", "bool", "null", "timestamp")
}
#: What YAML counts as the end of a line.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_MAP_TAG = _STANDARD + "map"
_SEQ_TAG = _STANDARD + "seq"
_resolver = Resolver()


@dataclasses.dataclass
class LoadedYaml:
    """A card's data with where each value and each key was written."""

    data: Any
    values: dict[Path_, Position]
    keys: dict[Path_, Position]
    problems: list[Problem]


def read_card(path: Path, max_bytes: int) -> LoadedYaml:
    """Read and parse ``path``; :class:`CardError` if it cannot be read at all."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise CardError(
            Problem(f"cannot read the card: {exc.strerror}", Subtype.NOT_FOUND)
        ) from None
    if len(raw) > max_bytes:
        raise CardError(
            Problem(
                f"the card is larger than modelcard_max_bytes ({max_bytes} bytes)",
                Subtype.SIZE,
            )
        )
    return parse_card(raw)


def parse_card(raw: bytes) -> LoadedYaml:
    text = _decode(raw)
    try:
        loaded = _Builder(text).build()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"not valid YAML: {exc.problem or exc.context}"
        raise CardError(_within(_at(message, Subtype.YAML, mark), text)) from None
    except yaml.YAMLError as exc:
        raise CardError(Problem(f"not valid YAML: {exc}", Subtype.YAML)) from None
    if loaded.data is None:
        raise CardError(Problem("the card is empty", Subtype.YAML, 1, 1))
    if not isinstance(loaded.data, dict):
        line, column = loaded.values[()]
        kind = type(loaded.data).__name__
        raise CardError(
            Problem(
                f"a card must be a mapping of keys to values, not a {kind}",
                Subtype.YAML,
                line,
                column,
            )
        )
    return loaded


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise CardError(
            Problem(
                f"the card is not UTF-8: byte 0x{byte:02x} at offset {exc.start}",
                Subtype.ENCODING,
                line,
                column,
            )
        ) from None
    return text.removeprefix("\ufeff")


def _within(problem: Problem, text: str) -> Problem:
    """The problem on a line of ``text``.

    At the end of a text without a final newline, libyaml places the error
    on the line after the last one.
    """
    lines = _YAML_BREAK.split(text)
    last = len(lines)
    if problem.line is None or problem.line <= last:
        return problem
    column = len(lines[-1]) + 1
    return dataclasses.replace(problem, line=last, column=column)


def _at(message: str, subtype: Subtype, mark: Any) -> Problem:
    if mark is None:
        return Problem(message, subtype)
    return Problem(message, subtype, mark.line + 1, mark.column + 1)


@dataclasses.dataclass
class _Open:
    """A mapping or sequence being filled."""

    value: dict[Any, Any] | list[Any]
    path: Path_
    pending_key: Any = None
    key_mark: Any = None
    key_set: bool = False
    size: int = 1


class _Builder:
    def __init__(self, text: str) -> None:
        self.parser = _Parser(text)
        self.values: dict[Path_, Position] = {}
        self.keys: dict[Path_, Position] = {}
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Open] = []
        self.count = 0
        self.root: Any = None
        self.anchor_of: dict[int, str] = {}
        # one per card: a constructor remembers every node it has built
        self.constructor = SafeConstructor()

    def build(self) -> LoadedYaml:
        try:
            documents = 0
            while self.parser.check_event():
                event = self.parser.get_event()
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise CardError(
                            _at(
                                "a card file holds one YAML document, not several",
                                Subtype.YAML,
                                event.start_mark,
                            )
                        )
                self._event(event)
        finally:
            self.parser.dispose()
        return LoadedYaml(self.root, self.values, self.keys, self.problems)

    def _event(self, event: Any) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self._value(self._scalar(event), event, 1)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._start(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._end()

    def _charge(self, size: int, mark: Any) -> None:
        self.count += size
        if self.count > MAX_VALUES:
            raise CardError(
                _at(
                    f"the card expands to more than {MAX_VALUES} values "
                    "(check its aliases)",
                    Subtype.SIZE,
                    mark,
                )
            )

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STANDARD + "merge":
            raise CardError(
                _at(
                    "merge keys (<<) are not allowed in a card",
                    Subtype.UNSAFE,
                    event.start_mark,
                )
            )
        if tag not in _SCALAR_TAGS:
            raise CardError(_unsafe(tag, event.start_mark))
        start: Any = event.start_mark
        end: Any = event.end_mark
        node = yaml.ScalarNode(tag, event.value, start, end, event.style)
        try:
            return self.constructor.construct_object(node)
        except (ConstructorError, ValueError) as exc:
            raise CardError(
                _at(
                    f"bad {tag.removeprefix(_STANDARD)} value: {exc}",
                    Subtype.YAML,
                    event.start_mark,
                )
            ) from None

    def _start(self, event: Any) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        standard = _MAP_TAG if is_map else _SEQ_TAG
        if event.tag not in (None, "!", standard):
            raise CardError(_unsafe(event.tag, event.start_mark))
        if len(self.stack) >= MAX_DEPTH:
            raise CardError(
                _at(
                    f"the card nests deeper than {MAX_DEPTH} levels",
                    Subtype.SIZE,
                    event.start_mark,
                )
            )
        container: dict[Any, Any] | list[Any] = {} if is_map else []
        path = self._value(container, event, 1)
        self.stack.append(_Open(container, path))
        if event.anchor is not None:
            self.anchor_of[id(container)] = event.anchor

    def _end(self) -> None:
        done = self.stack.pop()
        if self.stack:
            self.stack[-1].size += done.size
        anchor = self.anchor_of.pop(id(done.value), None)
        if anchor is not None:
            self.anchors[anchor] = (done.value, done.size)

    def _alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            if any(self.anchor_of.get(id(o.value)) == event.anchor for o in self.stack):
                raise CardError(
                    _at(
                        "an alias may not refer to its own parent",
                        Subtype.YAML,
                        event.start_mark,
                    )
                )
            raise CardError(
                _at(f"unknown alias *{event.anchor}", Subtype.YAML, event.start_mark)
            )
        value, size = self.anchors[event.anchor]
        self._value(value, event, size)

    def _value(self, value: Any, event: Any, size: int) -> Path_:
        """Place ``value`` in its parent; return its path."""
        self._charge(size, event.start_mark)
        if isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        position = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not self.stack:
            self.root = value
            self.values[()] = position
            return ()
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            path = (*parent.path, len(parent.value))
            parent.value.append(value)
            parent.size += self._own_size(value, event, size)
            self.values[path] = position
            return path
        if not parent.key_set:
            self._key(parent, value, event)
            return parent.path
        key = parent.pending_key
        path = (*parent.path, key)
        parent.value[key] = value
        parent.key_set = False
        parent.size += self._own_size(value, event, size)
        self.values[path] = position
        self.keys[path] = parent.key_mark
        return path

    @staticmethod
    def _own_size(value: Any, event: Any, size: int) -> int:
        """The size a parent is charged now; an open container charges on end."""
        opened = isinstance(value, (dict, list)) and not isinstance(
            event, yaml.AliasEvent
        )
        return 0 if opened else size

    def _key(self, parent: _Open, key: Any, event: Any) -> None:
        mark = event.start_mark
        if isinstance(key, (dict, list)):
            raise CardError(
                _at(
                    "a key must be a plain value, not a mapping or list",
                    Subtype.YAML,
                    mark,
                )
            )
        assert isinstance(parent.value, dict)
        if key in parent.value:
            first_line = self.keys[(*parent.path, key)][0]
            self.problems.append(
                Problem(
                    f"{_dotted((*parent.path, key))}: key given twice (first at line "
                    f"{first_line}); the last value is used",
                    Subtype.DUPLICATE_KEY,
                    mark.line + 1,
                    mark.column + 1,
                )
            )
        parent.pending_key = key
        parent.key_mark = (mark.line + 1, mark.column + 1)
        parent.key_set = True


def _unsafe(tag: str, mark: Any) -> Problem:
    return _at(f"the YAML tag {tag!r} is not allowed in a card", Subtype.UNSAFE, mark)


def _dotted(path: Path_) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "the card"
