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
    job_folder(app).write_job(job, detach(lowered))


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
    if exception is not None or not builds_pdfs(app):
        return
    folder = job_folder(app)
    record = folder.read_record()
    owners = {
        card_id: entry["docname"] for card_id, entry in _domain(app).cards.items()
    }
    pages = set(owners.values())
    try:
        _forget_pages_without_cards(record, pages)
        _queue_missing(app, folder, record, pages)
        jobs = _jobs_to_render(folder, record, owners)
        if jobs:
            _render_all(app, folder, record, jobs)
    finally:
        folder.write_record(record)


def _forget_pages_without_cards(record: dict[str, Any], pages: set[str]) -> None:
    for docname in sorted(set(record) - pages):
        _remove(record.pop(docname)["outputs"])


def _queue_missing(
    app: Sphinx, folder: JobFolder, record: dict[str, Any], pages: set[str]
) -> None:
    """Resolve again the pages whose PDF is not where it should be."""
    queued = folder.pending()
    for docname in sorted(pages - set(queued)):
        written = record.get(docname)
        if written is not None:
            expected = list(pdf_outputs(app, written["card_id"]))
            if written["outputs"] == expected and all(map(os.path.isfile, expected)):
                continue
        # Resolving fires doctree-resolved, which writes the page's job.
        app.env.get_and_resolve_doctree(docname, app.builder)


def _jobs_to_render(
    folder: JobFolder, record: dict[str, Any], owners: dict[str, str]
) -> list[tuple[Job, Path]]:
    jobs = []
    for docname, path in folder.pending().items():
        job = read_job(path)
        written = record.get(docname)
        if job is None or owners.get(job.card_id) != docname:
            # A page that lost its cards, or whose first card is rendered by
            # another page too: the domain warned, and that page owns the name.
            path.unlink()
        elif (
            written is not None
            and written["digest"] == job.digest
            and written["outputs"] == list(job.outputs)
            and all(map(os.path.isfile, job.outputs))
        ):
            # The page was written again, but its PDF would be the same.
            path.unlink()
        else:
            jobs.append((job, path))
    return jobs


def _render_all(
    app: Sphinx,
    folder: JobFolder,
    record: dict[str, Any],
    jobs: list[tuple[Job, Path]],
) -> None:
    workers = app.config.modelcard_pdf_workers or min(
        DEFAULT_MAX_WORKERS, os.cpu_count() or 1
    )
    prepare()
    results = pool.run(
        jobs,
        path_of=lambda item: str(item[1]),
        work=render_job,
        workers=workers,
        timeout=float(app.config.modelcard_pdf_timeout),
    )
    progress = status_iterator(
        results,
        "writing PDFs... ",
        "darkgreen",
        len(jobs),
        app.verbosity,
        stringify_func=lambda result: result[0][0].card_id,
    )
    for (job, path), outcome in progress:
        _report_logs(job, outcome)
        _settle(job, outcome, record)
        path.unlink(missing_ok=True)


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
