"""The PDF output folders, checked once before anything is read.

A folder that cannot be written would otherwise fail once per page, deep in
the build; it is one error instead, before the build starts, and the HTML is
still written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..config import config_path
from ..problems import WARNING_TYPE, Subtype
from .links import PDF_FOLDER, builds_pdfs

logger = logging.getLogger(__name__)


def output_folders(app: Sphinx) -> list[Path]:
    folders = [Path(app.outdir) / PDF_FOLDER]
    extra = config_path(app.config, "modelcard_pdf_dir")
    if extra is not None:
        folders.append(extra)
    return folders


def check_output_folders(app: Sphinx) -> None:
    """Turn the PDF step off for this build, with an error, when it cannot write."""
    if not builds_pdfs(app):
        return
    for folder in output_folders(app):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, probe = tempfile.mkstemp(prefix=".modelcard-", dir=folder)
            os.close(handle)
            os.unlink(probe)
        except OSError as error:
            reason = error.strerror or str(error)
            logger.error(
                "the PDFs cannot be written to %s: %s; no PDF is written in this "
                "build (set modelcard_pdf_dir to a writable folder, or "
                "modelcard_pdf = False)",
                folder,
                reason,
                type=WARNING_TYPE,
                subtype=Subtype.PDF,
            )
            app.config.modelcard_pdf = False
            return
