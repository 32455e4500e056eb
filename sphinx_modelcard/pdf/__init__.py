"""One PDF per page that holds a model card, written by the HTML build.

A page's PDF is named after the first card on the page (``<id>.pdf``); every
card of that page links to it. It is written to ``_modelcard_pdf/`` in the
HTML output and, when ``modelcard_pdf_dir`` is set, into that folder too.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util import logging

from .folders import check_output_folders
from .links import PdfLinkTransform
from .step import on_build_finished, on_doctree_resolved

logger = logging.getLogger(__name__)


def setup_pdf(app: Sphinx) -> None:
    app.connect("builder-inited", check_output_folders)
    app.add_post_transform(PdfLinkTransform)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("build-finished", on_build_finished)
