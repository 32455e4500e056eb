"""Containment of resolved paths in the folders a build may read."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def inside(path: Path, folders: Iterable[Path | None]) -> bool:
    """Whether the resolved ``path`` lies in one of the resolved ``folders``."""
    resolved = path.resolve()
    return any(
        folder is not None and resolved.is_relative_to(folder.resolve())
        for folder in folders
    )
