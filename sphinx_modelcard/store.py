"""Parsed cards kept by file identity, so an unchanged card is parsed once."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from .validate import CardResult, load_card


def cached_card(
    path: Path, *, modalities: tuple[str, ...], max_bytes: int
) -> CardResult:
    """The validated card, re-read whenever the file's size or mtime change."""
    try:
        stat = os.stat(path)
    except OSError:
        return load_card(path, modalities=modalities, max_bytes=max_bytes)
    return _cached(path, stat.st_mtime_ns, stat.st_size, modalities, max_bytes)


@functools.lru_cache(maxsize=4096)
def _cached(
    path: Path, mtime_ns: int, size: int, modalities: tuple[str, ...], max_bytes: int
) -> CardResult:
    return load_card(path, modalities=modalities, max_bytes=max_bytes)
