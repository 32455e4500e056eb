"""Which builds write PDFs, what a PDF is named, and the card's link to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ..config import config_path
from .lowering import PDF_LINK_CLASS, remove_link

logger = logging.getLogger(__name__)

#: Folder of the PDFs inside the HTML output.
PDF_FOLDER = "_modelcard_pdf"


def writes_pages(builder: Builder) -> bool:
    """True for the builders that write one HTML file per page."""
    from sphinx.builders._epub_base import EpubBuilder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.singlehtml import SingleFileHTMLBuilder

    # An e-book or a single page has no folder of per-page downloads.
    return isinstance(builder, StandaloneHTMLBuilder) and not isinstance(
        builder, (SingleFileHTMLBuilder, EpubBuilder)
    )


def builds_pdfs(app: Sphinx) -> bool:
    return bool(app.config.modelcard_pdf) and writes_pages(app.builder)


def first_card(doctree: nodes.Node) -> str | None:
    """The id a page's PDF is named after: its first card in reading order."""
    for node in doctree.findall(nodes.container):
        card_id = node.get("modelcard_id")
        if card_id:
            return str(card_id)
    return None


def pdf_outputs(app: Sphinx, card_id: str) -> tuple[str, ...]:
    name = f"{card_id}.pdf"
    outputs = [Path(app.outdir) / PDF_FOLDER / name]
    extra = config_path(app.config, "modelcard_pdf_dir")
    if extra is not None:
        outputs.append(extra / name)
    return tuple(str(path) for path in outputs)


class PdfLinkTransform(SphinxPostTransform):
    """Point the card's "Download PDF" link at the page's PDF, or remove it."""

    default_priority = 800

    def run(self, **kwargs: Any) -> None:
        links = [
            node
            for node in self.document.findall(nodes.inline)
            if PDF_LINK_CLASS in node.get("classes", [])
        ]
        if not links:
            return
        card_id = first_card(self.document)
        # A post-transform has no public way to its builder; Sphinx's own
        # reference resolver goes through the environment the same way.
        app = self.env._app
        if card_id is None or not builds_pdfs(app):
            for link in links:
                remove_link(link)
            return
        page = app.builder.get_target_uri(self.env.current_document.docname)
        uri = relative_uri(page, f"{PDF_FOLDER}/{card_id}.pdf")
        for link in links:
            for ref in link.findall(nodes.reference):
                if "modelcard_pdf" in ref:
                    ref["refuri"] = uri
