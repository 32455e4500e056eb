"""Problems found in a card, and the warning subtypes that name them.

This module imports nothing from Sphinx, so the loader, the schema and the
command line share it.
"""

from __future__ import annotations

import dataclasses
import enum

WARNING_TYPE = "modelcard"


class Subtype(enum.StrEnum):
    """The subtypes of the ``modelcard`` warning type.

    Each can be silenced with ``suppress_warnings = ["modelcard.<subtype>"]``.
    The member docstrings below are the manual's list of subtypes.
    """

    YAML = "yaml"
    ENCODING = "encoding"
    SIZE = "size"
    UNSAFE = "unsafe"
    DUPLICATE_KEY = "duplicate_key"
    UNKNOWN_KEY = "unknown_key"
    MISSING_KEY = "missing_key"
    INVALID_VALUE = "invalid_value"
    DUPLICATE_ID = "duplicate_id"
    NOT_FOUND = "not_found"
    PATH = "path"
    REFERENCE = "reference"
    CODE = "code"
    CONFIG = "config"
    PDF = "pdf"


SUBTYPE_HELP: dict[Subtype, str] = {
    Subtype.YAML: "The file is not valid YAML, is empty, or is not a mapping.",
    Subtype.ENCODING: "The file is not UTF-8; the message gives the byte offset.",
    Subtype.SIZE: "The file is larger than ``modelcard_max_bytes``, or its "
    "aliases expand past the limit.",
    Subtype.UNSAFE: "A YAML tag that would build a Python object or any other "
    "non-standard type.",
    Subtype.DUPLICATE_KEY: "A key given twice in one mapping.",
    Subtype.UNKNOWN_KEY: "A key the card format does not know; the message names "
    "the nearest known key.",
    Subtype.MISSING_KEY: "A required key is missing.",
    Subtype.INVALID_VALUE: "A value of the wrong type or outside its allowed "
    "range: a URL that is not http(s), a licence that is not SPDX, a bad commit.",
    Subtype.DUPLICATE_ID: "Two card files, or two pages, claim the same card id.",
    Subtype.NOT_FOUND: "The directive's card file does not exist.",
    Subtype.PATH: "A path that resolves outside the source, KB or repos folder.",
    Subtype.REFERENCE: "A ``related`` id or a ``modelcard:card`` target that is "
    "not a card of the KB.",
    Subtype.CODE: "A ``modelcard:code`` target that is malformed, names an "
    "unknown card, or a file missing from the local checkout.",
    Subtype.CONFIG: "A ``modelcard_*`` value of the wrong type; the default is "
    "used instead.",
    Subtype.PDF: "A PDF that could not be written; no partial file is left.",
}


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem, at a place in a card file (line and column are 1-based)."""

    message: str
    subtype: Subtype
    line: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """The message with the column, for a warning at the problem's line."""
        if self.column is None:
            return self.message
        return f"{self.message} (column {self.column})"


class CardError(Exception):
    """A card file that cannot be read at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem
