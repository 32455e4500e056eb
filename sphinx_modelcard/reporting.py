"""Warnings of the ``modelcard`` type, with a location on every one."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from .problems import WARNING_TYPE, Problem, Subtype

logger = logging.getLogger("sphinx_modelcard")


def warn(
    message: str,
    subtype: Subtype,
    location: str | tuple[str, int | None] | nodes.Node | None = None,
) -> None:
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)


def problem_location(path: Path, problem: Problem) -> str:
    """``file:line`` as Sphinx prints it, for a problem in a card file."""
    if problem.line is None:
        return f"{path}:"
    return f"{path}:{problem.line}"


def report_problem(path: Path, problem: Problem) -> None:
    warn(problem.describe(), problem.subtype, problem_location(path, problem))
