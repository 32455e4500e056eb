"""What the PDFs of a build hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp

from pdf_helpers import build_copy, pdf_dir, pdf_names, pdf_text

HTML_MARKS = re.compile(r"<\s*/?\s*(svg|input|label|div|span|details|summary|a)\b")


@pytest.fixture(scope="module")
def built(rootdir, tmp_path_factory) -> SphinxTestApp:
    into = tmp_path_factory.mktemp("content") / "src"
    return build_copy(rootdir / "test-pdf-basic", into)


def test_one_pdf_per_card_page_named_after_its_first_card(built) -> None:
    assert pdf_names(pdf_dir(built)) == [
        "brainmodel.pdf",
        "dnamodel.pdf",
        "zetamodel.pdf",
    ]


def test_the_build_warns_of_nothing(built) -> None:
    assert built.warning.getvalue() == ""


def test_the_card_and_the_walkthrough_are_in_the_pdf(built) -> None:
    text = pdf_text(pdf_dir(built) / "dnamodel.pdf")
    expected = [
        "DNA walkthrough",  # the page title
        "DNA Model",  # the card's name
        "This walkthrough references example/dnamodel under Apache-2.0 (code) "
        "and BSD-3-Clause (weights).",
        # section titles of the card
        "Metadata",
        "Purpose & Scope",
        "Architecture & Inductive Biases",
        "References & Links",
        # metadata, with the names of the grid's cards as field names
        "Commit: 0123456789abcdef0123456789abcdef01234567",
        "Tags: long-context, test",
        # the card's own tabs
        "python",
        'print("hello")',
        # badges as text
        "genetics",
        "verified",
        # the walkthrough: cards, badge, tab labels, dropdown title, code
        "Loading the model",
        "Encoder Card",
        "Decoder Card",
        "fast-badge",
        "Forward Tab",
        "Forward strand text.",
        "Reverse Tab",
        "Details Dropdown",
        "Hidden detail text.",
        "def embed(sequence):",
        # the card's bibliography and the page's footnote citation
        "Jane Doe and Richard Roe. A small DNA model. Journal of Examples, 2024.",
        # a link to another page stays as its text
        "See the plain page for the shared set-up.",
    ]
    missing = [part for part in expected if part not in text]
    assert missing == []


def test_no_html_reaches_the_pdf(built) -> None:
    for name in pdf_names(pdf_dir(built)):
        text = pdf_text(pdf_dir(built) / name)
        assert HTML_MARKS.search(text) is None, name
        assert "Download PDF" not in text
        assert "octicon" not in text


def test_the_pdf_link_and_its_separator_are_gone(built) -> None:
    text = pdf_text(pdf_dir(built) / "dnamodel.pdf")
    assert "YAML: cards/dnamodel.yaml ·" not in text
    assert "YAML: cards/dnamodel.yaml" in text


def test_a_page_with_cite_and_bibliography_renders(built) -> None:
    # sphinxcontrib-bibtex's citation ids sit on inline nodes, which rst2pdf
    # writes no destination for; unfixed, the back link makes a 0-byte file.
    text = pdf_text(pdf_dir(built) / "brainmodel.pdf")
    assert "Brain walkthrough text citing [Roe23]." in text
    assert "Richard Roe. A brain encoder. 2023." in text


def test_a_page_with_two_cards_has_both(built) -> None:
    text = pdf_text(pdf_dir(built) / "zetamodel.pdf")
    assert "Zetamodel Name" in text
    assert "Alphamodel Name" in text


def test_the_document_information(built) -> None:
    meta = PdfReader(pdf_dir(built) / "dnamodel.pdf").metadata
    assert meta.title == "DNA Model"
    assert meta.author == "Test Author"
    assert meta.subject.startswith("A small DNA language model used to test")
    assert meta["/Keywords"] == "long-context, test"


def test_pages_are_numbered(built) -> None:
    reader = PdfReader(pdf_dir(built) / "dnamodel.pdf")
    assert len(reader.pages) >= 2
    for number, page in enumerate(reader.pages, start=1):
        last_line = page.extract_text().strip().splitlines()[-1]
        assert last_line.strip() == str(number)


def test_the_lowered_tree_holds_only_nodes_rst2pdf_knows(built) -> None:
    from docutils import nodes

    from sphinx_modelcard.pdf.lowering import PageContext, lower_page

    doctree = built.env.get_and_resolve_doctree("dna", built.builder)
    page = PageContext("dna", Path(built.srcdir), None, "default")
    lowered = lower_page(doctree, page)
    foreign = {
        type(node).__name__
        for node in lowered.findall(nodes.Element)
        if type(node).__module__ != nodes.__name__
    }
    assert foreign == set()
    assert not any(node.get("format") == "html" for node in lowered.findall(nodes.raw))
    assert not list(lowered.findall(nodes.target))
    assert not any(
        node.get("classes")
        for node in lowered.findall(
            lambda node: (
                isinstance(node, nodes.Element)
                and not isinstance(node, nodes.literal_block)
                and not isinstance(node.parent, nodes.literal_block)
            )
        )
    )
    # The resolved tree itself is left as it was.
    assert any(True for _ in doctree.findall(nodes.raw))


def test_urls_cannot_break_out_of_rst2pdf_markup() -> None:
    from sphinx_modelcard.pdf.anchors import markup_safe

    assert markup_safe('https://example.org/"onclick="x') == (
        "https://example.org/%22onclick=%22x"
    )
    assert markup_safe("https://example.org/a?b=1&c=<2>") == (
        "https://example.org/a?b=1&amp;c=%3C2%3E"
    )
