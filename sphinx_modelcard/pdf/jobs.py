"""PDF jobs on disk, and the record of the PDFs already written.

A page written in this run leaves a job file: the lowered doctree with what
the renderer needs. Keeping jobs on disk rather than in memory means a build
that is interrupted before its PDFs are rendered picks them up on the next
run, whose HTML step would not write those pages again; and the renderer
processes read them themselves.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

_SUFFIX = ".job"


@dataclasses.dataclass(frozen=True)
class PdfInfo:
    """The PDF's document information."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Job:
    docname: str
    card_id: str
    #: Docname and line of the card's directive, for warnings.
    location: tuple[str, int | None]
    info: PdfInfo
    #: Where the PDF goes; the first is rendered, the others are copies.
    outputs: tuple[str, ...]
    #: Folder that relative paths in the document are relative to.
    basedir: str
    #: SOURCE_DATE_EPOCH of the build, which fixes the dates in the file.
    source_date_epoch: str | None
    #: Everything the bytes of the PDF depend on.
    digest: str


def digest_of(doctree: nodes.document, *parts: Any) -> str:
    """A fingerprint of the page's PDF form and of every render option."""
    text = doctree.pformat() + "\0" + repr(parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class JobFolder:
    """Job files and the record of written PDFs, under the doctree folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def job_path(self, docname: str) -> Path:
        return self.root / (quote(docname, safe="") + _SUFFIX)

    def write_job(self, job: Job, doctree: nodes.document) -> Path:
        path = self.job_path(job.docname)
        self.root.mkdir(parents=True, exist_ok=True)
        # Write beside and rename, so a job is either whole or absent.
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(temp, "wb") as stream:
            # The job first, so the main process reads it without the tree.
            pickle.dump(job, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(doctree, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
        return path

    def pending(self) -> dict[str, Path]:
        """Job files by docname, the leftovers of an interrupted run too."""
        if not self.root.is_dir():
            return {}
        found = {}
        for path in sorted(self.root.glob("*" + _SUFFIX)):
            found[unquote(path.name[: -len(_SUFFIX)])] = path
        return found

    @property
    def _record_path(self) -> Path:
        return self.root / "written.json"

    def read_record(self) -> dict[str, dict[str, Any]]:
        """By docname: the digest and output paths of the last PDF written."""
        try:
            data = json.loads(self._record_path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_record(self, record: dict[str, dict[str, Any]]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        temp = self._record_path.with_suffix(".tmp")
        temp.write_text(json.dumps(record, indent=1, sort_keys=True), "utf-8")
        os.replace(temp, self._record_path)


def read_job(path: str | Path) -> Job | None:
    """The job of a job file, or None for a file this version cannot read."""
    try:
        with open(path, "rb") as stream:
            job = pickle.load(stream)
    except Exception:
        return None
    return job if isinstance(job, Job) else None


def load_job(path: str | Path) -> tuple[Job, nodes.document]:
    with open(path, "rb") as stream:
        job = pickle.load(stream)
        doctree = pickle.load(stream)
    return job, doctree
