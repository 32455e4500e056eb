"""The PDF step of an HTML build: jobs at ``doctree-resolved``, PDFs at the end.

Only pages written in this run get a job, and a job whose fingerprint matches
the PDF already written is dropped, so a build with no change writes no PDF.
A PDF missing from an output folder is made again from the page's resolved
doctree.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging as stdlib_logging
import os
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.display import status_iterator

from .. import __version__
from ..domain import ModelCardDomain
from ..problems import Subtype
from ..reporting import warn
from . import pool
from .jobs import Job, JobFolder, PdfInfo, digest_of, read_job
from .links import builds_pdfs, first_card, pdf_outputs
from .lowering import PageContext, detach, lower_page
from .render import STYLESHEET, Outcome, prepare, render_job, temp_path

logger = logging.getLogger(__name__)

#: Most worker processes used when ``modelcard_pdf_workers`` is unset.
DEFAULT_MAX_WORKERS = 4


def job_folder(app: Sphinx) -> JobFolder:
    return JobFolder(Path(app.doctreedir) / "modelcard_pdf")


def _domain(app: Sphinx) -> ModelCardDomain:
    domain = app.env.get_domain(ModelCardDomain.name)
    assert isinstance(domain, ModelCardDomain)
    return domain


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not builds_pdfs(app):
        return
    card_id = first_card(doctree)
    if card_id is None:
        return
    job, lowered = make_job(app, doctree, docname, card_id)
    run = _run_of(app)
    run.offer(job, run.folder.write_job(job, detach(lowered)))


def make_job(
    app: Sphinx, doctree: nodes.document, docname: str, card_id: str
) -> tuple[Job, nodes.document]:
    config = app.config
    entry = _domain(app).cards.get(card_id)
    info = PdfInfo(
        title=entry["name"] if entry else card_id,
        author=config.modelcard_pdf_author or config.author or "",
        subject=entry["summary"] if entry else "",
        keywords=tuple(entry["tags"]) if entry else (),
    )
    page = PageContext(
        docname=docname,
        srcdir=Path(app.srcdir),
        page_url=_page_url(app, docname),
        highlight_language=config.highlight_language,
    )
    lowered = lower_page(doctree, page)
    outputs = pdf_outputs(app, card_id)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    digest = digest_of(lowered, info, outputs, epoch, _renderer_version())
    job = Job(
        docname=docname,
        card_id=card_id,
        location=(docname, entry["lineno"] if entry else None),
        info=info,
        outputs=outputs,
        basedir=str(app.srcdir),
        source_date_epoch=epoch,
        digest=digest,
    )
    return job, lowered


def _page_url(app: Sphinx, docname: str) -> str | None:
    base = app.config.html_baseurl
    if not base:
        return None
    return urljoin(base.rstrip("/") + "/", app.builder.get_target_uri(docname))


def _renderer_version() -> str:
    import reportlab
    import rst2pdf

    style = hashlib.sha256(Path(STYLESHEET).read_bytes()).hexdigest()
    return f"{__version__} {rst2pdf.version} {reportlab.Version} {style}"


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if not builds_pdfs(app):
        return
    run = _run_of(app)
    try:
        if exception is None:
            run.finish()
    finally:
        # After an error the job files stay, for the next run to finish.
        run.close()
        _RUNS.pop(app, None)


def _run_of(app: Sphinx) -> _Run:
    run = _RUNS.get(app)
    if run is None:
        run = _RUNS[app] = _Run(app)
    return run


class _Run:
    """The PDF step of one build: what was written before, and the workers.

    A job goes to a worker as soon as its page is resolved, so PDFs are
    rendered while Sphinx is still writing HTML pages.
    """

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.folder = job_folder(app)
        self.record = self.folder.read_record()
        self.owners = {
            card_id: entry["docname"] for card_id, entry in _domain(app).cards.items()
        }
        self.offered: set[str] = set()
        self.pool: pool.Pool[tuple[Job, Path]] | None = None

    def offer(self, job: Job, path: Path) -> None:
        """Render the job, unless its PDF is already there as it would be."""
        self.offered.add(job.docname)
        if self.owners.get(job.card_id) != job.docname or self._unchanged(job):
            # A page that lost its cards, or whose first card is rendered by
            # another page too (the domain warned; that page owns the name);
            # or a page written again whose PDF would be the same.
            path.unlink()
            return
        if self.pool is None:
            prepare()
            workers = self.app.config.modelcard_pdf_workers or min(
                DEFAULT_MAX_WORKERS, os.cpu_count() or 1
            )
            timeout = float(self.app.config.modelcard_pdf_timeout)
            self.pool = pool.Pool(
                lambda item: str(item[1]), render_job, workers, timeout
            )
        self.pool.submit((job, path))
        self._settle_all(self.pool.ready())

    def _unchanged(self, job: Job) -> bool:
        written = self.record.get(job.docname)
        return (
            written is not None
            and written["digest"] == job.digest
            and written["outputs"] == list(job.outputs)
            and all(map(os.path.isfile, job.outputs))
        )

    def finish(self) -> None:
        pages = set(self.owners.values())
        _forget_pages_without_cards(self.record, pages)
        self._offer_leftovers()
        # A page offered in this run is not retried, even if its PDF failed.
        _queue_missing(self.app, self.record, pages - self.offered)
        if self.pool is not None and len(self.pool):
            progress = status_iterator(
                self.pool.drain(),
                "writing PDFs... ",
                "darkgreen",
                len(self.pool),
                self.app.verbosity,
                stringify_func=lambda result: result[0][0].card_id,
            )
            self._settle_all(progress)

    def _offer_leftovers(self) -> None:
        """Jobs that an interrupted run wrote and did not render."""
        for docname, path in self.folder.pending().items():
            if docname in self.offered:
                continue
            job = read_job(path)
            if job is None:
                path.unlink()
            else:
                self.offer(job, path)

    def _settle_all(self, results: Iterable[tuple[tuple[Job, Path], Outcome]]) -> None:
        for (job, path), outcome in results:
            _report_logs(job, outcome)
            _settle(job, outcome, self.record)
            path.unlink(missing_ok=True)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None
        self.folder.write_record(self.record)


def _job_path(item: tuple[Job, Path]) -> str:
    return str(item[1])


#: The PDF step of each build under way.
_RUNS: weakref.WeakKeyDictionary[Sphinx, _Run] = weakref.WeakKeyDictionary()


def _forget_pages_without_cards(record: dict[str, Any], pages: set[str]) -> None:
    for docname in sorted(set(record) - pages):
        _remove(record.pop(docname)["outputs"])


def _queue_missing(app: Sphinx, record: dict[str, Any], pages: set[str]) -> None:
    """Resolve again the pages whose PDF is not where it should be."""
    for docname in sorted(pages):
        written = record.get(docname)
        if written is not None:
            expected = list(pdf_outputs(app, written["card_id"]))
            if written["outputs"] == expected and all(map(os.path.isfile, expected)):
                continue
        # Resolving fires doctree-resolved, which writes and offers the job.
        app.env.get_and_resolve_doctree(docname, app.builder)


def _report_logs(job: Job, outcome: Outcome) -> None:
    for level, message in outcome.logs:
        if level >= stdlib_logging.WARNING:
            warn(f"rst2pdf: {message}", Subtype.PDF, job.location)
        else:
            logger.debug("[modelcard] rst2pdf: %s", message)


def _settle(job: Job, outcome: Outcome, record: dict[str, Any]) -> None:
    previous = record.pop(job.docname, None)
    if previous is not None:
        _remove([path for path in previous["outputs"] if path not in job.outputs])
    if outcome.ok:
        record[job.docname] = {
            "card_id": job.card_id,
            "digest": job.digest,
            "outputs": list(job.outputs),
        }
        return
    # A PDF of an older version of the page would pass for the current one.
    _remove(job.outputs)
    _remove([temp_path(path) for path in job.outputs])
    warn(
        f"could not write the PDF of card {job.card_id!r}: {outcome.reason}",
        Subtype.PDF,
        job.location,
    )


def _remove(paths: list[str] | tuple[str, ...]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
