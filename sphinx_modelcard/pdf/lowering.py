"""A resolved page doctree lowered to plain docutils nodes for rst2pdf.

rst2pdf knows the docutils node classes and a few of Sphinx's. Anything else
(sphinx-design components, HTML-only nodes, Sphinx's own node subclasses) is
either given a plain form here or dropped on purpose, so that no text a reader
sees in HTML is lost and no HTML leaks into the PDF.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Parser
from sphinx import addnodes
from sphinx.util import logging

from .anchors import move_ids_to_hosts, settle_links
from .design import lower_design
from .highlight import highlight_code
from .images import settle_images

logger = logging.getLogger(__name__)

#: Classes of the link the layout adds to a card; the PDF does not link to
#: itself.
PDF_LINK_CLASS = "modelcard-pdf"

#: Sphinx node classes that rst2pdf renders as they are.
_KEPT_SPHINX = (
    addnodes.compact_paragraph,
    addnodes.desc,
    addnodes.desc_signature,
    addnodes.desc_signature_line,
    addnodes.desc_name,
    addnodes.desc_addname,
    addnodes.desc_type,
    addnodes.desc_returns,
    addnodes.desc_parameterlist,
    addnodes.desc_parameter,
    addnodes.desc_optional,
    addnodes.desc_annotation,
    addnodes.desc_content,
    addnodes.centered,
    addnodes.hlist,
    addnodes.glossary,
    addnodes.index,
)

#: Nodes that only mean something to an HTML page or to Sphinx's navigation:
#: a page's toctree lists other pages, which the PDF does not contain.
_DROPPED = (
    addnodes.toctree,
    addnodes.tabular_col_spec,
    addnodes.highlightlang,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.comment,
)

#: docutils classes a lowered node may take, nearest first in a class's MRO.
_PLAIN_INLINE = (
    nodes.strong,
    nodes.emphasis,
    nodes.literal,
    nodes.reference,
    nodes.superscript,
    nodes.subscript,
    nodes.title_reference,
    nodes.image,
)
_PLAIN_BLOCK = (
    nodes.paragraph,
    nodes.literal_block,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.definition_list,
    nodes.field_list,
    nodes.table,
    nodes.rubric,
    nodes.figure,
    nodes.caption,
    nodes.block_quote,
    nodes.section,
    nodes.title,
    nodes.admonition,
)


@dataclasses.dataclass(frozen=True)
class PageContext:
    """What the lowering needs to know of the page besides its doctree."""

    docname: str
    srcdir: Path
    #: The page's absolute address in the published HTML, or None.
    page_url: str | None
    highlight_language: str


def lower_page(doctree: nodes.document, page: PageContext) -> nodes.document:
    """A new, picklable document holding the PDF form of ``doctree``.

    ``doctree`` itself is not changed.
    """
    source = doctree.get("source", page.docname)
    lowered = new_document(source)
    lowered.extend(child.deepcopy() for child in doctree.children)

    _drop_pdf_links(lowered)
    _drop_html_only(lowered)
    lower_design(lowered)
    _lower_foreign_classes(lowered)
    settle_images(lowered, page.srcdir)
    move_ids_to_hosts(lowered)
    settle_links(lowered, page.page_url)
    _strip_classes(lowered)
    highlight_code(lowered, page.highlight_language)
    # Copied nodes still name the page's own document as theirs; pickled,
    # they would carry that whole tree along.
    for node in lowered.findall(nodes.Node):
        node.document = lowered
    return lowered


def new_document(source: str) -> nodes.document:
    settings = frontend.get_default_settings(Parser)
    return utils.new_document(source, settings)


def detach(document: nodes.document) -> nodes.document:
    """Drop what cannot be pickled; :func:`attach` gives it back."""
    document.reporter = None  # type: ignore[assignment]
    document.transformer = None  # type: ignore[assignment]
    document.settings.warning_stream = None
    return document


def attach(document: nodes.document) -> nodes.document:
    from docutils.transforms import Transformer

    source = document.get("source", "")
    document.reporter = utils.new_reporter(source, document.settings)
    document.transformer = Transformer(document)
    return document


def _drop_pdf_links(doctree: nodes.document) -> None:
    for node in list(doctree.findall(nodes.inline)):
        if PDF_LINK_CLASS in node.get("classes", []) and node.parent is not None:
            remove_link(node)


#: What the layout sets between links: a middle dot, a bar, a comma, dashes.
_SEPARATORS = " \u00b7|,;-\u2013\u2014"


def remove_link(node: nodes.Element) -> None:
    """Remove a link and the separator that set it apart from the one before."""
    parent = node.parent
    index = parent.index(node)
    before = parent[index - 1] if index > 0 else None
    # By position: Text nodes compare equal by value, so remove() could take
    # an earlier separator with the same text.
    del parent[index]
    if isinstance(before, nodes.Text) and not before.astext().strip(_SEPARATORS):
        del parent[index - 1]


def _drop_html_only(doctree: nodes.document) -> None:
    for node in list(doctree.findall(nodes.Element)):
        if node.parent is None:
            continue
        if isinstance(node, nodes.raw) and node.get("format", "").lower() != "pdf":
            node.parent.remove(node)
        elif isinstance(node, _DROPPED):
            node.parent.remove(node)
        elif isinstance(node, nodes.compound) and "toctree-wrapper" in node.get(
            "classes", []
        ):
            node.parent.remove(node)


def _lower_foreign_classes(doctree: nodes.document) -> None:
    """Give every node of a class rst2pdf does not know a docutils class."""
    for node in reversed(list(doctree.findall(nodes.Element))):
        if node is doctree or node.parent is None:
            continue
        cls = type(node)
        if cls.__module__ == nodes.__name__ or isinstance(node, _KEPT_SPHINX):
            continue
        target = _plain_class(node)
        plain = (
            target("", "", *node.children)
            if issubclass(target, nodes.TextElement)
            else target("", *node.children)
        )
        plain.attributes.update(node.attributes)
        node.replace_self(plain)


def _plain_class(node: nodes.Element) -> type[nodes.Element]:
    has_blocks = any(
        isinstance(child, (nodes.Body, nodes.Structural)) for child in node.children
    )
    for base in type(node).__mro__:
        if base in _PLAIN_INLINE and not has_blocks:
            return base
        if base in _PLAIN_BLOCK:
            return base
    if has_blocks or not isinstance(node.parent, nodes.TextElement):
        # Text of a block-level node (such as sphinx-design's passthrough
        # text element) needs a paragraph, or rst2pdf shows nothing.
        return nodes.container if has_blocks else nodes.paragraph
    return nodes.inline


def _strip_classes(doctree: nodes.document) -> None:
    # rst2pdf looks each class up as a style and warns for every unknown one;
    # the HTML classes name no PDF style.
    for node in doctree.findall(nodes.Element):
        if node.get("classes"):
            node["classes"] = []
