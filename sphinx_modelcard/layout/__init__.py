"""The card template: a validated card turned into docutils nodes.

The layout knows nothing of files: the directive hands it the card, the
links it derived, and a :class:`~.values.Markup` for the card's text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from docutils import nodes

from ..domain import card_anchor
from ..schema import ModelCard
from . import components, sections
from .repo_links import commit_url, display_name, tag_url
from .values import Markup, field_list, link, literals, scalar, text_para

NOT_DOCUMENTED = "Not yet documented"

SECTIONS: tuple[tuple[str, sections.Builder | None], ...] = (
    ("Metadata", None),
    ("Purpose & Scope", sections.purpose),
    ("Architecture & Inductive Biases", sections.architecture),
    ("Tokenization & Input Constraints", sections.tokenization),
    ("Pooling & Subject-Level Embeddings", sections.pooling),
    ("Training Data & Checkpoints", sections.training),
    ("Recommended Embedding Procedure", sections.procedure),
    ("Integration Hooks", sections.integration),
    ("Strengths & Limitations", sections.strengths),
    ("References & Links", sections.references),
)


@dataclasses.dataclass(frozen=True)
class CardLinks:
    """What the directive knows of the card's files."""

    yaml_text: str
    yaml_url: str | None = None


def section_slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def section_id(card_id: str, title: str) -> str:
    return f"{card_anchor(card_id)}-{section_slug(title)}"


def render_card(
    card: ModelCard,
    markup: Markup,
    links: CardLinks,
    problems: Sequence[str] = (),
) -> nodes.container:
    """The card: problems, licence note, badges, then the ten sections."""
    root = nodes.container(
        classes=["modelcard"], modelcard_id=card.id, ids=[card_anchor(card.id)]
    )
    if problems:
        root += problem_box(problems)
    root += license_note(card, links)
    built = [
        (
            title,
            _metadata(card, markup, links) if build is None else build(card, markup),
        )
        for title, build in SECTIONS
    ]
    documented = sum(1 for _, body in built if body)
    root += _badges(card, documented)
    for title, body in built:
        root += _section(card.id, title, body)
    return root


def render_unreadable(card_id: str, problems: Sequence[str]) -> nodes.container:
    """What is shown for a card file that could not be read at all."""
    root = nodes.container(
        classes=["modelcard", "modelcard-unreadable"], ids=[card_anchor(card_id)]
    )
    root += problem_box(problems)
    return root


def problem_box(problems: Sequence[str]) -> nodes.admonition:
    count = len(problems)
    title = f"This card has {count} problem{'s' if count != 1 else ''}"
    box = nodes.admonition(classes=["warning", "modelcard-problems"])
    box += nodes.title(title, title)
    items = nodes.bullet_list()
    for text in problems:
        items += nodes.list_item("", text_para(text))
    box += items
    return box


def license_text(card: ModelCard) -> str:
    code, weights = card.code_license, card.weights_license
    if code is None:
        return "an undocumented licence"
    if weights is None or weights == code:
        return code
    return f"{code} (code) and {weights} (weights)"


def license_note(card: ModelCard, links: CardLinks) -> nodes.paragraph:
    """ "This walkthrough references <repo> under <license>", then the links."""
    note = nodes.paragraph(classes=["modelcard-license-note"])
    note += nodes.Text("This walkthrough references ")
    if card.repo:
        note += link(card.repo, display_name(card.repo))
    else:
        note += nodes.Text("its upstream repository")
    note += nodes.Text(" under ")
    note += nodes.strong(license_text(card), license_text(card))
    note += nodes.Text(".")
    parts: list[nodes.Node] = []
    if card.repo:
        parts.append(link(card.repo, "Repository"))
    parts += _version_links(card)
    parts.append(_yaml_link(links))
    parts.append(pdf_link(card.id))
    for part in parts:
        note += nodes.Text(" · " if part is not parts[0] else " ")
        note += part
    return note


def _version_links(card: ModelCard) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    version = card.version
    if version is None:
        return out
    if version.tag:
        out.append(
            _maybe_link(
                tag_url(card.repo, version.tag) if card.repo else None,
                f"tag {version.tag}",
            )
        )
    if version.commit:
        url = commit_url(card.repo, version.commit) if card.repo else None
        out.append(_maybe_link(url, f"commit {version.commit[:7]}"))
    return out


def _maybe_link(url: str | None, text: str) -> nodes.Node:
    return link(url, text) if url else nodes.inline(text, text)


def _yaml_link(links: CardLinks, label: bool = True) -> nodes.Node:
    """A link to the card's YAML, or its path when there is no URL template."""
    if links.yaml_url:
        return link(links.yaml_url, "YAML" if label else links.yaml_text)
    path = nodes.literal(links.yaml_text, links.yaml_text)
    return nodes.inline("", "YAML: ", path) if label else path


def pdf_link(card_id: str) -> nodes.inline:
    """Filled in, or removed, once the builder and the PDF step are known."""
    ref = nodes.reference("", "Download PDF", refuri="", modelcard_pdf=card_id)
    return nodes.inline("", "", ref, classes=["modelcard-pdf"])


def _badges(card: ModelCard, documented: int) -> nodes.paragraph:
    para = nodes.paragraph(classes=["modelcard-badges"])
    badges = []
    if card.modality:
        badges.append(components.badge(card.modality, "primary"))
    badges.append(components.badge(license_text(card), "info"))
    badges.append(
        components.badge("verified", "success")
        if card.verified
        else components.badge("not verified", "warning")
    )
    for item in badges:
        para += item
        para += nodes.Text(" ")
    para += nodes.Text(f"{documented} of {len(SECTIONS)} sections documented")
    return para


def _section(card_id: str, title: str, body: list[nodes.Node]) -> nodes.container:
    box = nodes.container(classes=["modelcard-section"])
    box += nodes.rubric(
        title,
        title,
        ids=[section_id(card_id, title)],
        classes=["modelcard-section-title"],
    )
    if body:
        box += body
    else:
        box += text_para(NOT_DOCUMENTED, ["modelcard-missing"])
    return box


def _metadata(card: ModelCard, markup: Markup, links: CardLinks) -> list[nodes.Node]:
    version = card.version
    lic = card.license
    entries: list[tuple[str, list[nodes.Node]]] = [
        ("Id", literals([card.id])),
        ("Name", scalar(markup, card.name)),
        ("Modality", scalar(markup, card.modality)),
        ("Domain", scalar(markup, card.domain)),
        ("Repository", [nodes.paragraph("", "", link(card.repo))] if card.repo else []),
        ("Tag", literals([version.tag]) if version and version.tag else []),
        ("Commit", literals([version.commit]) if version and version.commit else []),
        ("Commit date", scalar(markup, version.date if version else None)),
        ("Code licence", scalar(markup, card.code_license if lic else None)),
        ("Weights licence", scalar(markup, card.weights_license)),
        (
            "Data terms",
            scalar(markup, None if isinstance(lic, str) or lic is None else lic.data),
        ),
        ("Tags", literals(card.tags)),
        ("Verified", scalar(markup, card.verified)),
        ("Last updated", scalar(markup, card.last_updated)),
        ("YAML", [nodes.paragraph("", "", _yaml_link(links, label=False))]),
        ("PDF", [nodes.paragraph("", "", pdf_link(card.id))]),
    ]
    body: list[nodes.Node] = [components.grid([e for e in entries if e[1]])]
    body += field_list([("Notes", markup.block(card.notes) if card.notes else [])])
    return body
