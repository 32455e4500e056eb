"""The ``modelcard`` domain: which page renders which card.

It holds the per-document state that Sphinx must forget when a page is read
again and merge after a parallel read, and it resolves links to cards.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import Any, TypedDict

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .problems import Subtype
from .reporting import warn


class CardEntry(TypedDict):
    """What the rest of the build needs to know of a rendered card."""

    docname: str
    lineno: int
    path: str
    name: str
    summary: str
    tags: list[str]
    modality: str


def card_anchor(card_id: str) -> str:
    return f"modelcard-{card_id}"


class ModelCardDomain(Domain):
    name = "modelcard"
    label = "Model card"
    object_types = {"card": ObjType("card", "card")}
    roles = {"card": XRefRole(warn_dangling=True)}
    initial_data = {"cards": {}}
    data_version = 1

    @property
    def cards(self) -> dict[str, CardEntry]:
        return self.data.setdefault("cards", {})

    def note_card(self, card_id: str, entry: CardEntry) -> bool:
        """Record that ``entry.docname`` renders the card; False if taken."""
        other = self.cards.get(card_id)
        if other is not None and other["docname"] != entry["docname"]:
            self._warn_twice(card_id, other, entry)
            return False
        self.cards[card_id] = entry
        return True

    def _warn_twice(self, card_id: str, first: CardEntry, second: CardEntry) -> None:
        warn(
            f"card {card_id!r} is already rendered by page {first['docname']!r}",
            Subtype.DUPLICATE_ID,
            (second["docname"], second["lineno"]),
        )

    def clear_doc(self, docname: str) -> None:
        for card_id, entry in list(self.cards.items()):
            if entry["docname"] == docname:
                del self.cards[card_id]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for card_id, entry in otherdata.get("cards", {}).items():
            if entry["docname"] in docnames:
                self.note_card(card_id, entry)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        entry = self.cards.get(target)
        if entry is None:
            return None
        if node.get("refexplicit") is False or not contnode.astext().strip():
            contnode = nodes.inline(entry["name"], entry["name"])
        return make_refnode(
            builder,
            fromdocname,
            entry["docname"],
            card_anchor(target),
            contnode,
            entry["name"],
        )

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        ref = self.resolve_xref(
            env, fromdocname, builder, "card", target, node, contnode
        )
        return [] if ref is None else [("modelcard:card", ref)]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for card_id, entry in sorted(self.cards.items()):
            yield (
                card_id,
                entry["name"],
                "card",
                entry["docname"],
                card_anchor(card_id),
                1,
            )


def warn_missing_card(
    app: Any, domain: Domain | None, node: pending_xref
) -> bool | None:
    """Report a link to an unknown card with this extension's own subtype."""
    if domain is None or domain.name != ModelCardDomain.name:
        return None
    if node["reftype"] != "card":
        return None
    warn(
        f"no card with id {node['reftarget']!r} is rendered in this project",
        Subtype.REFERENCE,
        node,
    )
    return True
