"""Value types shared by the card schema: ids, URLs, licences, commits, paths."""

from __future__ import annotations

import functools
import re
from pathlib import PurePosixPath
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
NOASSERTION = "NOASSERTION"

CardId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=100)]
Commit = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{7,40}$")]
PositiveInt = Annotated[int, Field(gt=0, strict=True)]

_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def _check_url(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("a URL may not contain spaces or control characters")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"only http and https URLs are allowed, not {value!r}")
    if not parts.hostname:
        raise ValueError(f"{value!r} has no host")
    return value


Url = Annotated[str, AfterValidator(_check_url)]


def looks_like_url(value: str) -> bool:
    """A value with a scheme, such as ``https:`` or ``javascript:``."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) is not None


def _check_relative_path(value: str) -> str:
    if _CONTROL.search(value.replace(" ", "")):
        raise ValueError("a path may not contain control characters")
    path = PurePosixPath(value.replace("\\", "/"))
    if looks_like_url(value) or path.is_absolute():
        raise ValueError(f"{value!r} must be a relative path")
    if ".." in path.parts:
        raise ValueError(f"{value!r} may not leave its folder with '..'")
    return value


RelativePath = Annotated[str, AfterValidator(_check_relative_path)]


def _check_location(value: str) -> str:
    """A checkpoint's ``path``: an http(s) URL or a relative path."""
    if looks_like_url(value):
        return _check_url(value)
    return _check_relative_path(value)


UrlOrPath = Annotated[str, AfterValidator(_check_location)]


@functools.cache
def _licensing() -> Any:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def _check_spdx(value: str) -> str:
    if value == NOASSERTION:
        return value
    try:
        info = _licensing().validate(value)
    except Exception as exc:  # the library raises bare errors on some inputs
        raise ValueError(f"{value!r} is not an SPDX licence expression") from exc
    if info.errors or not info.normalized_expression:
        raise ValueError(f"{value!r} is not an SPDX licence expression or NOASSERTION")
    return str(info.normalized_expression)


Spdx = Annotated[str, AfterValidator(_check_spdx)]


def _one_or_many(value: Any) -> Any:
    """Older cards give a single string where a list is meant."""
    return [value] if isinstance(value, str) else value


TextList = Annotated[list[str], BeforeValidator(_one_or_many)]
