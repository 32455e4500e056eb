"""One PDF rendered with rst2pdf; this runs in a worker process.

Nothing here talks to Sphinx: the outcome, and what rst2pdf logged on its own
logger, go back to the main process, which reports them.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import logging as stdlib_logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.util import logging

from .jobs import Job, PdfInfo, load_job
from .lowering import attach

logger = logging.getLogger(__name__)

STYLESHEET = str(Path(__file__).with_name("modelcard.yaml"))


@dataclasses.dataclass(frozen=True)
class Outcome:
    ok: bool
    #: Why the PDF was not written; empty when it was.
    reason: str = ""
    #: ``(levelno, message)`` of each record rst2pdf logged.
    logs: tuple[tuple[int, str], ...] = ()
    cpu_seconds: float = 0.0


def temp_path(output: str) -> str:
    """The fixed name a PDF is written under before it is renamed.

    Fixed, so that the main process can remove it after a worker it stopped,
    and a later run overwrites what an interrupted one left.
    """
    folder, name = os.path.split(output)
    return os.path.join(folder, f".{name}.tmp")


def render_job(job_path: str) -> Outcome:
    start = time.process_time()
    records: list[tuple[int, str]] = []
    try:
        job, doctree = load_job(job_path)
        with _captured_rst2pdf_log(records):
            reason = _render(job, attach(doctree))
    except Exception as error:
        reason = _describe(error)
    cpu = time.process_time() - start
    return Outcome(not reason, reason, tuple(records), cpu)


def _describe(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    if len(first) > 300:
        first = first[:297] + "..."
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


def prepare() -> None:
    """Import rst2pdf now, so that forked workers start with it loaded."""
    import rst2pdf.createpdf
    import rst2pdf.sphinxnodes  # noqa: F401
    import sphinx.roles  # noqa: F401


#: Parsed stylesheets by name, kept for the life of the worker process.
_PARSED_STYLES: dict[str, Any] = {}


def _client_class() -> type:
    """rst2pdf's renderer, reading each stylesheet once per worker.

    Parsing rst2pdf's YAML stylesheets takes more time than laying out a
    typical card page; the parsed data is the same for every job.
    """
    from rst2pdf.createpdf import RstToPdf
    from rst2pdf.styles import StyleSheet

    class _Sheet(StyleSheet):  # type: ignore[misc, valid-type]
        def readStyle(self, ssname: Any) -> Any:
            if not isinstance(ssname, str):
                return super().readStyle(ssname)
            if ssname not in _PARSED_STYLES:
                _PARSED_STYLES[ssname] = super().readStyle(ssname)
            # A copy, since building the styles may change what it reads.
            return copy.deepcopy(_PARSED_STYLES[ssname])

    class _Client(RstToPdf):  # type: ignore[misc, valid-type]
        # The method and argument names are rst2pdf's.
        def loadStyles(self, styleSheets: list[str] | None = None) -> None:
            self.styles = _Sheet(
                list(styleSheets or []),
                self.font_path,
                self.style_path,
                def_dpi=self.def_dpi,
                record_dependencies=self.record_dependencies,
            )

    return _Client


def _render(job: Job, doctree: Any) -> str:
    outputs = [Path(path) for path in job.outputs]
    temps = [Path(temp_path(str(path))) for path in outputs]
    for folder in {path.parent for path in outputs}:
        folder.mkdir(parents=True, exist_ok=True)
    try:
        invariant = job.source_date_epoch is not None
        with _reproducible(job.source_date_epoch), _document_info(job.info, invariant):
            client = _client_class()(
                sphinx=True,
                stylesheets=["sphinx", STYLESHEET],
                basedir=job.basedir,
                breaklevel=0,
                section_header_depth=2,
            )
            status = client.createPdf(doctree=doctree, output=str(temps[0]))
        if status:
            return "rst2pdf could not lay out the page"
        if not temps[0].is_file() or temps[0].stat().st_size == 0:
            return "rst2pdf wrote an empty file"
        for temp in temps[1:]:
            shutil.copyfile(temps[0], temp)
        for temp, path in zip(temps, outputs, strict=True):
            os.replace(temp, path)
        return ""
    finally:
        for temp in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


@contextlib.contextmanager
def _captured_rst2pdf_log(records: list[tuple[int, str]]) -> Iterator[None]:
    """Keep rst2pdf's records, which it would print on its own stderr handler."""

    class _Keep(stdlib_logging.Handler):
        def emit(self, record: stdlib_logging.LogRecord) -> None:
            records.append((record.levelno, record.getMessage()))

    rst2pdf_logger = stdlib_logging.getLogger("rst2pdf")
    saved = (rst2pdf_logger.handlers[:], rst2pdf_logger.propagate)
    rst2pdf_logger.handlers[:] = [_Keep()]
    rst2pdf_logger.propagate = False
    try:
        yield
    finally:
        rst2pdf_logger.handlers[:], rst2pdf_logger.propagate = saved


@contextlib.contextmanager
def _reproducible(source_date_epoch: str | None) -> Iterator[None]:
    """With SOURCE_DATE_EPOCH, the same input gives the same bytes.

    reportlab takes its timestamps from SOURCE_DATE_EPOCH; invariant mode
    also fixes the document id and the names of embedded font subsets.
    """
    from reportlab import rl_config

    saved_env = os.environ.get("SOURCE_DATE_EPOCH")
    saved_invariant = rl_config.invariant
    if source_date_epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch
        rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = saved_invariant
        if saved_env is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved_env


@contextlib.contextmanager
def _document_info(info: PdfInfo, invariant: bool) -> Iterator[None]:
    """Give the PDF the card's title, author, subject and keywords.

    ``createPdf`` builds its document template itself and passes only a title
    and an author, so the template class it looks up is swapped for one that
    adds the rest, for the duration of one render in this worker.
    """
    from rst2pdf import createpdf

    original = createpdf.FancyDocTemplate
    extra: dict[str, Any] = {
        "title": info.title,
        "author": info.author,
        "subject": info.subject,
        "keywords": list(info.keywords),
        "creator": "sphinx-modelcard",
    }
    if invariant:
        extra["invariant"] = 1

    class _WithInfo(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.update(extra)
            super().__init__(*args, **kwargs)

    createpdf.FancyDocTemplate = _WithInfo
    try:
        yield
    finally:
        createpdf.FancyDocTemplate = original
