"""Links from untrusted text: only http(s), mailto and in-project targets.

Card text is filtered as it is parsed (see :mod:`.markup`). What
sphinxcontrib-bibtex formats from refs.bib is untrusted too: an entry's
``url`` becomes a link as written. Those links are checked here, in the card
containers and in the footnotes and citations that bibtex builds, and any
other scheme is replaced by the link's text.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def allowed_uri(uri: str) -> bool:
    """Whether a link may point at ``uri``: no scheme, or an allowed one."""
    try:
        scheme = urlsplit(uri).scheme.lower()
    except ValueError:  # a malformed host, such as an unclosed "[::1"
        return False
    return not scheme or scheme in LINK_SCHEMES


def drop_unsafe_links(tree: nodes.Node) -> None:
    """Replace every reference to a disallowed scheme by its text."""
    for ref in list(tree.findall(nodes.reference)):
        if not allowed_uri(ref.get("refuri", "")):
            ref.replace_self(nodes.Text(ref.astext()))


def _is_card(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "modelcard" in node["classes"]


def filter_read_doctree(app: Sphinx, doctree: nodes.document) -> None:
    """Cards, and the footnotes ``{footcite}`` made from refs.bib."""
    for card in list(doctree.findall(_is_card)):
        drop_unsafe_links(card)
    names: Any = app.env.temp_data.get("bibtex_footcite_names") or {}
    footnote_names = set(names.values())
    for footnote in list(doctree.findall(nodes.footnote)):
        if footnote_names.intersection(footnote["names"]):
            drop_unsafe_links(footnote)


class BibliographyLinkFilter(SphinxPostTransform):
    """The entries of ``{bibliography}``, which bibtex fills in at write time."""

    # after bibtex's own BibliographyTransform (5) has made the entries
    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(_is_bib_entry)):
            drop_unsafe_links(node)


def _is_bib_entry(node: nodes.Node) -> bool:
    # bibtex marks each entry it writes with the page that holds it
    return isinstance(node, (nodes.citation, nodes.list_item)) and "docname" in node


def setup_sanitize(app: Sphinx) -> None:
    app.connect("doctree-read", filter_read_doctree)
    app.add_post_transform(BibliographyLinkFilter)
