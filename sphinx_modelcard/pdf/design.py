"""sphinx-design components in the plain docutils forms that a PDF can show.

sphinx-design leaves two shapes in a resolved doctree: the generic containers
its directives create (``design_component`` attribute), and, for HTML, the
nodes its post-transforms put in their place (tab inputs and labels, details
and summary). Both are handled, so the result does not depend on which
transforms ran. Every rule keeps the text a reader sees in HTML.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Longest text of one grid item that still goes into a table cell; a longer
#: item could outgrow a page, which a table cell cannot split across.
MAX_CELL_CHARS = 1200

#: Marks the rubric made of a card's title, for the grid that holds the card.
_CARD_TITLE = "modelcard_card_title"

#: Nodes that must not sit in a table cell: they may be taller than a page.
_NOT_IN_CELL = (nodes.literal_block, nodes.table, nodes.section, nodes.footnote)


def component(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Element):
        return node.get("design_component")
    return None


def class_name(node: nodes.Node) -> str:
    return type(node).__name__


def lower_design(doctree: nodes.document) -> None:
    """Rewrite every sphinx-design node of ``doctree`` in place."""
    # Inner nodes first, so that a rule sees its children already lowered.
    for node in reversed(list(doctree.findall(nodes.Element))):
        if node.parent is None and node is not doctree:
            continue
        rule = _rule_for(node)
        if rule is not None:
            rule(node)
    for item in list(doctree.findall(nodes.Element)):
        if _is_grid_item(item):
            _unwrap(item)


def _is_grid_item(node: nodes.Node) -> bool:
    return component(node) == "grid-item"


def _rule_for(node: nodes.Element) -> Callable[[nodes.Element], None] | None:
    name = class_name(node)
    if name in _BY_CLASS:
        return _BY_CLASS[name]
    if isinstance(node, nodes.inline) and "sd-badge" in node.get("classes", []):
        return _badge
    kind = component(node)
    if kind is None:
        return None
    # Any other component (grid container and item, card and its slots, tab
    # set, item and panel, dropdown body, ...) only lays out its children.
    return _BY_COMPONENT.get(kind, _unwrap)


def _unwrap(node: nodes.Element) -> None:
    """Replace a layout-only container by its children, keeping its ids."""
    _replace(node, list(node.children))


def _replace(node: nodes.Element, new: list[nodes.Node]) -> None:
    ids: list[str] = list(node.get("ids", []))
    if ids:
        # The anchors pass moves block ids to a paragraph that rst2pdf
        # anchors, so a plain container is enough to keep them.
        new = [nodes.container("", *new, ids=ids)]
    if new:
        node.replace_self(new)
    else:
        node.parent.remove(node)


def _drop(node: nodes.Element) -> None:
    node.parent.remove(node)


def _rubric(children: list[nodes.Node], ids: list[str] | None = None) -> nodes.rubric:
    text = "".join(child.astext() for child in children)
    rubric = nodes.rubric(text, "", *children)
    if ids:
        rubric["ids"] = ids
    return rubric


def _tab_label(node: nodes.Element) -> None:
    # The label becomes a heading right before the panel it opens in HTML.
    node.replace_self(_rubric(list(node.children), list(node.get("ids", []))))


def _card_title(node: nodes.Element) -> None:
    children: list[nodes.Node] = []
    for child in node.children:
        if isinstance(child, nodes.TextElement):
            children.extend(child.children)
        else:
            children.append(child)
    rubric = _rubric(children, list(node.get("ids", [])))
    rubric[_CARD_TITLE] = True
    node.replace_self(rubric)


def _dropdown_title(node: nodes.Element) -> None:
    # Its children are the title text, the state chevron and maybe an icon;
    # only the text is kept (the raw SVG is dropped by the HTML-only pass).
    children: list[nodes.Node] = []
    for child in node.children:
        if isinstance(child, nodes.raw):
            continue
        if isinstance(child, nodes.inline) and not child.astext().strip():
            continue
        children.append(child)
    node.replace_self(_rubric(children, list(node.get("ids", []))))


def _badge(node: nodes.Element) -> None:
    badge = nodes.literal(node.astext(), "", *node.children)
    node.replace_self(badge)
    _space_apart(badge)


def _space_apart(node: nodes.Element) -> None:
    """Badges are set apart by CSS margins in HTML; in a PDF, by a space."""
    parent = node.parent
    index = parent.index(node)
    before = parent[index - 1] if index > 0 else None
    if isinstance(before, nodes.Element) and not before.astext().endswith(" "):
        parent.insert(index, nodes.Text(" "))
    index = parent.index(node)
    after = parent[index + 1] if index + 1 < len(parent) else None
    if isinstance(after, nodes.Element) and not after.astext().startswith(" "):
        parent.insert(index + 1, nodes.Text(" "))


def _line_break(node: nodes.Element) -> None:
    node.replace_self(nodes.Text(" "))


def _later(node: nodes.Element) -> None:
    """Left for the enclosing rule, which needs the node as it is."""


def _grid_row(node: nodes.Element) -> None:
    items = [
        child
        for child in node.children
        if isinstance(child, nodes.Element) and _is_grid_item(child)
    ]
    if len(items) != len(node.children) or not all(map(_fits_in_cell, items)):
        for item in items:
            _unwrap(item)
        _unwrap(node)
        return
    ids: list[str] = list(node.get("ids", []))
    if all(_titled(item) for item in items):
        node.replace_self(_fields(items, ids))
        return
    columns = min(len(items), _columns_of(node))
    node.replace_self(_table(items, columns, ids))


def _titled(item: nodes.Element) -> bool:
    first = item[0] if item.children else None
    return isinstance(first, nodes.Element) and bool(first.get(_CARD_TITLE))


def _fields(items: list[nodes.Element], ids: list[str]) -> nodes.field_list:
    """A grid of titled cards, such as the card's metadata, as a field list."""
    fields = nodes.field_list(ids=ids)
    for item in items:
        title, *body = item.children
        if not any(_shows_something(part) for part in body):
            # An entry whose only content was HTML-only, such as the PDF link.
            continue
        name = nodes.field_name("", "", *title.children)
        fields += nodes.field("", name, nodes.field_body("", *_cell_content(item)[1:]))
    return fields


def _shows_something(node: nodes.Node) -> bool:
    if node.astext().strip():
        return True
    return isinstance(node, nodes.Element) and any(node.findall(nodes.image))


def _fits_in_cell(item: nodes.Element) -> bool:
    if len(item.astext()) > MAX_CELL_CHARS:
        return False
    return not any(isinstance(n, _NOT_IN_CELL) for n in item.findall(nodes.Element))


def _columns_of(row: nodes.Element) -> int:
    """The column count the row asks of a wide screen (``sd-row-cols-N``)."""
    best = 1
    classes: list[str] = row.get("classes", [])
    for cls in classes:
        if cls.startswith("sd-row-cols-"):
            value = cls.rsplit("-", 1)[-1]
            if value.isdigit():
                best = max(best, int(value))
    return best


def _table(items: list[nodes.Element], columns: int, ids: list[str]) -> nodes.table:
    table = nodes.table(ids=ids)
    group = nodes.tgroup(cols=columns)
    table += group
    for _ in range(columns):
        group += nodes.colspec(colwidth=1)
    body = nodes.tbody()
    group += body
    for start in range(0, len(items), columns):
        row = nodes.row()
        chunk = items[start : start + columns]
        for item in chunk:
            row += nodes.entry("", *_cell_content(item))
        for _ in range(columns - len(chunk)):
            row += nodes.entry()
        body += row
    return table


def _cell_content(item: nodes.Element) -> list[nodes.Node]:
    children: list[nodes.Node] = []
    for child in item.children:
        if isinstance(child, nodes.Text):
            children.append(nodes.paragraph(child.astext(), child.astext()))
        else:
            children.append(child)
    return children


_BY_CLASS: dict[str, Callable[[nodes.Element], None]] = {
    "sd_tab_input": _drop,
    "sd_tab_label": _tab_label,
    "dropdown_main": _unwrap,
    "dropdown_title": _dropdown_title,
    "sd_badge": _badge,
    "sd_line_break": _line_break,
    "sd_icon": _drop,
    "fontawesome": _drop,
    "aside_main": _unwrap,
}

# A dropdown before the HTML transform is a container whose first child is
# its title rubric, which already reads as a heading: plain unwrapping works.
_BY_COMPONENT: dict[str, Callable[[nodes.Element], None]] = {
    "grid-row": _grid_row,
    "card-title": _card_title,
    "grid-item": _later,
}
