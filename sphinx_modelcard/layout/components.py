"""sphinx-design components built as nodes, as its directives build them.

The HTML gets sphinx-design's grid, card, badge and tab styles; other
builders see plain containers, rubrics and inline text.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx_design.shared import create_component


def badge(text: str, color: str) -> nodes.inline:
    return nodes.inline(
        text,
        text,
        classes=[
            "sd-sphinx-override",
            "sd-badge",
            f"sd-bg-{color}",
            f"sd-bg-text-{color}",
            "modelcard-badge",
        ],
    )


def grid(items: Sequence[tuple[str, list[nodes.Node]]]) -> nodes.container:
    """A responsive grid of small titled cards, one per metadata entry."""
    row = create_component(
        "grid-row",
        ["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-md-3", "sd-g-2"],
    )
    for title, body in items:
        card_title = create_component(
            "card-title",
            ["sd-card-title", "sd-font-weight-bold"],
            children=[nodes.paragraph(title, title, classes=["sd-card-text"])],
        )
        card_body = create_component(
            "card-body", ["sd-card-body"], children=[card_title, *body]
        )
        card = create_component(
            "card",
            ["sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "sd-w-100"],
            children=[card_body],
        )
        row += create_component(
            "grid-item", ["sd-col", "sd-d-flex-row"], children=[card]
        )
    return create_component(
        "grid-container",
        ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "modelcard-grid"],
        children=[row],
    )


def tab_set(items: Sequence[tuple[str, list[nodes.Node]]]) -> nodes.container:
    """Tabs, one per item; sphinx-design turns them into HTML tabs later."""
    tabs = create_component("tab-set", ["sd-tab-set"])
    for index, (label, body) in enumerate(items):
        tabs += create_component(
            "tab-item",
            ["sd-tab-item"],
            selected=index == 0,
            children=[
                nodes.rubric(label, label, classes=["sd-tab-label"]),
                create_component("tab-content", ["sd-tab-content"], children=body),
            ],
        )
    return tabs
