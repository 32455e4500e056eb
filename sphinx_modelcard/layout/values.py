"""Plain docutils forms of card values: field lists, lists, nested mappings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from docutils import nodes


class Markup(Protocol):
    """Turns a card's Markdown text into nodes; supplied by the directive."""

    def block(self, text: str) -> list[nodes.Node]: ...

    def inline(self, text: str) -> list[nodes.Node]: ...

    def citations(self, keys: Sequence[str]) -> list[nodes.Node]: ...


Row = tuple[str, list[nodes.Node]]


def text_para(text: str, classes: Sequence[str] = ()) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=list(classes))


def inline_para(markup: Markup, text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", *markup.inline(text))


def field_list(rows: Iterable[Row]) -> list[nodes.Node]:
    """A field list of the rows that have a value; nothing when none has."""
    fields = nodes.field_list(classes=["modelcard-fields"])
    for name, body in rows:
        if not body:
            continue
        fields += nodes.field(
            "", nodes.field_name(name, name), nodes.field_body("", *body)
        )
    return [fields] if fields.children else []


def scalar(markup: Markup, value: Any) -> list[nodes.Node]:
    """A single value as a paragraph; text values are Markdown."""
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, bool):
        return [text_para("yes" if value else "no")]
    if isinstance(value, str):
        return [inline_para(markup, value)]
    return [text_para(str(value))]


def bullets(markup: Markup, items: Sequence[str]) -> list[nodes.Node]:
    if not items:
        return []
    bullet_list = nodes.bullet_list()
    for item in items:
        bullet_list += nodes.list_item("", inline_para(markup, item))
    return [bullet_list]


def literals(items: Sequence[str]) -> list[nodes.Node]:
    """Flags and identifiers, shown as inline code."""
    if not items:
        return []
    para = nodes.paragraph()
    for index, item in enumerate(items):
        if index:
            para += nodes.Text(", ")
        para += nodes.literal(item, item)
    return [para]


def nested(markup: Markup, value: Any) -> list[nodes.Node]:
    """A free-form value: mappings become definition lists, in written order."""
    if isinstance(value, dict):
        if not value:
            return []
        dl = nodes.definition_list(classes=["modelcard-mapping"])
        for key, item in value.items():
            term = str(key)
            dl += nodes.definition_list_item(
                "", nodes.term(term, term), nodes.definition("", *nested(markup, item))
            )
        return [dl]
    if isinstance(value, list):
        if not value:
            return []
        bullet_list = nodes.bullet_list()
        for item in value:
            bullet_list += nodes.list_item("", *nested(markup, item))
        return [bullet_list]
    return scalar(markup, value)


def link(url: str, text: str | None = None) -> nodes.reference:
    shown = text or url
    return nodes.reference(shown, shown, refuri=url)


def link_para(url: str, text: str | None = None) -> nodes.paragraph:
    return nodes.paragraph("", "", link(url, text))
