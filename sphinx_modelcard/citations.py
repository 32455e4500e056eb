"""A card's own bibliography, formatted by sphinxcontrib-bibtex's style.

The entries are written into the card as a plain numbered list rather than as
citations or footnotes: two cards that cite one paper then create no clashing
targets, and the list stays inside the card in every builder, the PDF too.
The style's DOI and arXiv links come with it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from docutils import nodes
from pybtex.plugin import find_plugin
from sphinx.environment import BuildEnvironment

from .sanitize import drop_unsafe_links


def bib_entries(env: BuildEnvironment) -> Mapping[str, Any] | None:
    """The entries of the project's bibliography, or None without bibtex."""
    try:
        domain = env.domains["cite"]
    except KeyError:
        return None
    bibdata = getattr(domain, "bibdata", None)
    return None if bibdata is None else bibdata.data.entries


@functools.cache
def _style(name: str) -> Any:
    # Looking a pybtex style up scans every installed package's entry points;
    # the style itself keeps no state between entries, so one per name serves.
    return find_plugin("pybtex.style.formatting", name)()


def bibliography(env: BuildEnvironment, keys: Sequence[str]) -> list[nodes.Node]:
    domain: Any = env.domains["cite"]
    for bibfile in domain.bibdata.bibfiles:
        env.note_dependency(str(bibfile))
    entries = domain.bibdata.data.entries
    style = _style(env.config.bibtex_default_style)
    found = [entries[key] for key in keys if key in entries]
    if not found:
        return []
    listing = nodes.enumerated_list(
        enumtype="arabic", prefix="[", suffix="]", classes=["modelcard-bibliography"]
    )
    for entry in found:
        formatted = style.format_entry(label="", entry=entry)
        item = nodes.list_item("", domain.backend.paragraph(formatted))
        item["classes"].append("modelcard-bib-entry")
        listing += item
    # refs.bib is untrusted: an entry's url is linked as written
    drop_unsafe_links(listing)
    return [listing]
