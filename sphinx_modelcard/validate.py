"""Validation of a loaded card, with every error mapped to its line and column.

A card with problems is validated a second time with the offending values
removed and the required keys made optional, so that the page can still show
every value that is valid.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ValidationError, create_model
from pydantic_core import ErrorDetails

from .loader import LoadedYaml, Path_, _dotted, read_card
from .problems import CardError, Problem, Subtype
from .schema import ModelCard

#: Passes of removing bad values before the card is given up as unreadable.
_MAX_PASSES = 4


def _optional_required() -> type[ModelCard]:
    fields: dict[str, Any] = {
        name: (Optional[info.annotation], None)  # noqa: UP045
        for name, info in ModelCard.model_fields.items()
        if info.is_required()
    }
    return create_model("PartialModelCard", __base__=ModelCard, **fields)


PartialModelCard = _optional_required()


@dataclasses.dataclass
class CardResult:
    """A card's valid values, and every problem found on the way."""

    path: Path
    card: ModelCard | None
    problems: list[Problem]
    loaded: LoadedYaml | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def load_card(
    path: Path,
    *,
    modalities: Sequence[str] | None = None,
    max_bytes: int = 1024 * 1024,
) -> CardResult:
    """Read, parse and validate one card file; never raises for bad input."""
    try:
        loaded = read_card(path, max_bytes)
    except CardError as exc:
        return CardResult(path, None, [exc.problem])
    context = {"stem": path.stem, "modalities": modalities}
    card, problems = validate_data(loaded, context)
    return CardResult(path, card, loaded.problems + problems, loaded)


def validate_data(
    loaded: LoadedYaml, context: dict[str, Any]
) -> tuple[ModelCard | None, list[Problem]]:
    try:
        return ModelCard.model_validate(loaded.data, context=context), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = [describe_error(error, loaded) for error in errors]
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return _salvage(loaded.data, errors, context), problems


def _salvage(
    data: dict[str, Any], errors: list[ErrorDetails], context: dict[str, Any]
) -> ModelCard | None:
    for _ in range(_MAX_PASSES):
        for error in errors:
            data = _without(data, _doomed_path(data, error))
        try:
            return PartialModelCard.model_validate(data, context=context)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None


def _doomed_path(data: Any, error: ErrorDetails) -> Path_:
    path = error_path(data, error)
    if error["type"] == "missing" and len(path) > 1:
        return path[:-1]
    return path


def _without(data: Any, path: Path_) -> Any:
    """A copy of ``data`` without the value at ``path`` (the root is kept)."""
    if not path:
        return data
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        present = head in data
    elif isinstance(data, list):
        present = isinstance(head, int) and head < len(data)
    else:
        present = False
    if not present:
        return data
    copy: Any = dict(data) if isinstance(data, dict) else list(data)
    if rest:
        copy[head] = _without(data[head], rest)
    else:
        del copy[head]
    return copy


def data_path(data: Any, loc: Iterable[str | int]) -> Path_:
    """The part of a pydantic error location that names keys of the data.

    pydantic puts the names of union members and validators into ``loc``;
    they are skipped by following the data itself.
    """
    path: list[str | int] = []
    current = data
    parts = list(loc)
    for index, part in enumerate(parts):
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif (
            isinstance(current, list) and isinstance(part, int) and part < len(current)
        ):
            path.append(part)
            current = current[part]
        elif index == len(parts) - 1 and isinstance(current, dict):
            path.append(part)  # the name of a missing key
    return tuple(path)


def error_path(data: Any, error: ErrorDetails) -> Path_:
    """The data path of an error; a validator may name the key in ``ctx``."""
    key = (error.get("ctx") or {}).get("key")
    loc = error["loc"] if key is None else (*error["loc"], key)
    return data_path(data, loc)


def describe_error(error: ErrorDetails, loaded: LoadedYaml) -> Problem:
    path = error_path(loaded.data, error)
    where = _dotted(path)
    kind = error["type"]
    if kind == "missing":
        position = _nearest(loaded.values, path[:-1])
        return Problem(
            f"{where}: required key is missing", Subtype.MISSING_KEY, *position
        )
    if kind == "extra_forbidden":
        position = loaded.keys.get(path) or _nearest(loaded.values, path)
        message = f"{where}: unknown key"
        near = nearest_key(str(path[-1]), known_keys(path))
        if near is not None:
            message += f", did you mean {near!r}?"
        return Problem(message, Subtype.UNKNOWN_KEY, *position)
    position = _nearest(loaded.values, path)
    return Problem(f"{where}: {_message(error)}", Subtype.INVALID_VALUE, *position)


def _message(error: ErrorDetails) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "value_error" or "input" not in error:
        return message
    shown = repr(error["input"])
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if isinstance(error["input"], (dict, list)):
        shown = type(error["input"]).__name__
    hint = ""
    if error["type"] == "string_type" and isinstance(error["input"], (int, float)):
        # YAML reads 1234567 or 1.10 as numbers; quotes keep them text
        hint = " (YAML read it as a number: put it in quotes)"
    return f"{message}, got {shown}{hint}"


def _nearest(values: dict[Path_, tuple[int, int]], path: Path_) -> tuple[int, int]:
    for end in range(len(path), -1, -1):
        if path[:end] in values:
            return values[path[:end]]
    return (1, 1)


def nearest_key(key: str, known: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


def known_keys(loc: Sequence[str | int]) -> list[str]:
    """The keys the model at the parent of ``loc`` accepts.

    A model that also accepts any key with a given ending (``*_notes``)
    offers the misspelt key with that ending as a candidate.
    """
    model: Any = ModelCard
    for part in list(loc)[:-1]:
        if isinstance(part, int):
            continue
        if model is not None and part in model.model_fields:
            model = _model_in(model.model_fields[part].annotation)
        elif model is not None and part != model.__name__:
            model = _model_in(model)
    if model is None:
        return []
    keys = list(model.model_fields)
    suffix = getattr(model, "extra_key_suffix", None)
    if suffix and loc and isinstance(loc[-1], str):
        keys.append(loc[-1].rsplit("_", 1)[0] + suffix)
    return keys


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The first pydantic model found inside a (union, list, Annotated) type."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return None
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
