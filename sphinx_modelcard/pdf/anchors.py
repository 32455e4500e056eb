"""Link targets and links in the forms rst2pdf can write.

rst2pdf writes a PDF destination only for the ids of a few node types (a
paragraph or title, which also take the ids waiting from blocks before them,
and footnotes, citations and their references). An id on any other node, such
as the inline that sphinxcontrib-bibtex puts around a citation, gets no
destination; a link to it is then undefined and reportlab gives up, leaving a
0-byte file. So every id is moved onto a node that rst2pdf anchors, and a link
whose target is still missing, or lives on another page, is made text.
"""

from __future__ import annotations

from urllib.parse import quote, urljoin, urlsplit

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Nodes whose own ids rst2pdf turns into destinations (a section's, at its
#: title).
_SELF_ANCHORED = (
    nodes.section,
    nodes.footnote,
    nodes.citation,
    nodes.footnote_reference,
    nodes.citation_reference,
)


def _is_host(node: nodes.Node) -> bool:
    return type(node) in (nodes.paragraph, nodes.title)


def move_ids_to_hosts(doctree: nodes.document) -> None:
    """Put every id on the paragraph or title that holds or follows it."""
    for number, section in enumerate(doctree.findall(nodes.section)):
        # rst2pdf names a heading's outline entry after its section's first id.
        if not section["ids"]:
            section["ids"] = [f"modelcard-pdf-section-{number}"]
    for node in list(doctree.findall(nodes.Element)):
        if node is doctree or _is_host(node) or isinstance(node, _SELF_ANCHORED):
            continue
        ids: list[str] = node.get("ids", [])
        if not ids:
            continue
        node["ids"] = []
        _host_for(doctree, node)["ids"].extend(ids)
    # With their ids moved, targets carry nothing rst2pdf needs, and an
    # inline target without ids would make it fail on a missing name.
    for target in list(doctree.findall(nodes.target)):
        if target.children:
            target.replace_self(nodes.inline("", "", *target.children))
        else:
            target.parent.remove(target)


def _host_for(doctree: nodes.document, node: nodes.Element) -> nodes.Element:
    for ancestor in _ancestors(node):
        if _is_host(ancestor):
            return ancestor
    following = node.next_node(
        _is_host, include_self=False, descend=True, siblings=True, ascend=True
    )
    if isinstance(following, nodes.Element):
        return following
    host = nodes.paragraph()
    doctree += host
    return host


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def anchored_ids(doctree: nodes.document) -> set[str]:
    found: set[str] = set()
    for node in doctree.findall(nodes.Element):
        if _is_host(node) or isinstance(node, _SELF_ANCHORED):
            found.update(node.get("ids", []))
    return found


def settle_links(doctree: nodes.document, page_url: str | None) -> None:
    """Keep links to anchored ids and absolute URLs; make the others text.

    ``page_url`` is the page's absolute address in the published HTML, from
    ``html_baseurl``; with it, a link to another page becomes an absolute
    link, and without it, plain text.
    """
    anchors = anchored_ids(doctree)
    for ref in list(doctree.findall(nodes.reference)):
        _settle_reference(ref, anchors, page_url)
    for note_ref in list(doctree.findall(nodes.footnote_reference)):
        if note_ref.get("refid") not in anchors:
            note_ref.replace_self(nodes.superscript("", "", *note_ref.children))
    for cite in list(doctree.findall(nodes.citation_reference)):
        if cite.get("refid") not in anchors:
            cite.replace_self(nodes.inline("", f"[{cite.astext()}]"))
    for note in doctree.findall(nodes.Element):
        if isinstance(note, (nodes.footnote, nodes.citation)):
            backrefs: list[str] = note.get("backrefs", [])
            note["backrefs"] = [ref for ref in backrefs if ref in anchors]
    for title in doctree.findall(nodes.title):
        if title.get("refid") not in anchors:
            title.attributes.pop("refid", None)


def _settle_reference(
    ref: nodes.reference, anchors: set[str], page_url: str | None
) -> None:
    if "refid" in ref:
        if ref["refid"] not in anchors:
            _make_text(ref)
        return
    uri = ref.get("refuri", "")
    if not uri:
        _make_text(ref)
        return
    parts = urlsplit(uri)
    if parts.scheme:
        ref["refuri"] = markup_safe(uri)
        return
    if not parts.path and parts.fragment:
        # A link within the page written as a URI.
        ref.attributes.pop("refuri")
        ref["refid"] = parts.fragment
        _settle_reference(ref, anchors, page_url)
        return
    if page_url is None:
        _make_text(ref)
    else:
        ref["refuri"] = markup_safe(urljoin(page_url, uri))


#: What may stay as it is in a URL; everything else is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def markup_safe(uri: str) -> str:
    """The URL as it may stand in rst2pdf's paragraph markup.

    rst2pdf writes a link's URL into an ``href`` attribute of reportlab's
    markup without escaping it: a quote in the URL would end the attribute,
    and what follows it would break the page's layout, or add attributes.
    """
    return quote(uri, safe=_URL_SAFE).replace("&", "&amp;")


def _make_text(ref: nodes.Element) -> None:
    ref.replace_self(nodes.inline("", "", *ref.children))
