"""The directive in built pages: layout, locations of problems, both parsers."""

from __future__ import annotations

import pytest

from sphinx_modelcard.layout import SECTIONS

from conftest import warnings_of
from helpers import card_of, page, section_titles

TITLES = [title for title, _ in SECTIONS]


@pytest.mark.sphinx("html", testroot="basic")
def test_card_page_has_every_section_and_the_licence_note(app):
    app.build()
    assert warnings_of(app) == []
    card = card_of(page(app, "dna"), "dnamodel")
    assert section_titles(card) == TITLES
    note = card.find("p", class_="modelcard-license-note")
    assert note.get_text(" ", strip=True).startswith(
        "This walkthrough references example/dnamodel under "
        "Apache-2.0 (code) and BSD-3-Clause (weights) ."
    )
    hrefs = {a.get_text(strip=True): a["href"] for a in note.find_all("a")}
    assert hrefs["example/dnamodel"] == "https://github.com/example/dnamodel"
    assert hrefs["tag v1.0.0"] == "https://github.com/example/dnamodel/tree/v1.0.0"
    assert hrefs["commit 0123456"] == (
        "https://github.com/example/dnamodel/commit/"
        "0123456789abcdef0123456789abcdef01234567"
    )
    assert "cards/dnamodel.yaml" in note.get_text()


@pytest.mark.sphinx("html", testroot="basic")
def test_sections_have_anchors_and_missing_ones_say_so(app):
    app.build()
    card = card_of(page(app, "dna"), "dnamodel")
    anchors = [p["id"] for p in card.find_all("p", class_="modelcard-section-title")]
    assert anchors[0] == "modelcard-dnamodel-metadata"
    assert anchors[2] == "modelcard-dnamodel-architecture-inductive-biases"
    training = card.find(id="modelcard-dnamodel-training-data-checkpoints").parent
    assert training.find("p", class_="modelcard-missing").get_text() == (
        "Not yet documented"
    )
    badges = card.find("p", class_="modelcard-badges")
    assert [b.get_text() for b in badges.find_all("span", class_="sd-badge")] == [
        "genetics",
        "Apache-2.0 (code) and BSD-3-Clause (weights)",
        "verified",
    ]
    assert badges.get_text().strip().endswith("9 of 10 sections documented")


@pytest.mark.sphinx("html", testroot="basic")
def test_text_is_markdown_and_html_is_escaped(app):
    app.build()
    soup = page(app, "dna")
    card = card_of(soup, "dnamodel")
    purpose = card.find(id="modelcard-dnamodel-purpose-scope").parent
    assert purpose.find("code").get_text() == "code"
    assert purpose.find("em").get_text() == "emphasis"
    assert soup.find("script", string=lambda s: s and "alert" in s) is None
    assert "<script>alert(1)</script>" in purpose.get_text()


@pytest.mark.sphinx("html", testroot="basic")
def test_projector_snippets_bibliography_and_related(app):
    app.build()
    card = card_of(page(app, "dna"), "dnamodel")
    rows = card.find("table", class_="modelcard-projector").find("tbody")
    shapes = [
        [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in rows.find_all("tr")
    ]
    assert shapes == [
        ["Linear", "128 → 512"],
        ["GELU", "512 → 512"],
        ["Dropout", "512 → 512 (p = 0.1)"],
        ["Linear", "512 → 512"],
        ["LayerNorm", "512 → 512"],
    ]
    tabs = card.find("div", class_="sd-tab-set")
    assert [label.get_text(strip=True) for label in tabs.find_all("label")] == [
        "python",
        "bash",
    ]
    assert tabs.find("div", class_="highlight-python") is not None
    bib = card.find("ol", class_="modelcard-bibliography")
    link = bib.find("a")
    assert link["href"] == "https://doi.org/10.1000/example.1"
    related = card.find(id="modelcard-dnamodel-references-links").parent
    ref = related.find("a", string="Brain Model")
    assert ref["href"] == "brain.html#modelcard-brainmodel"


@pytest.mark.sphinx("html", testroot="basic")
def test_arxiv_link_and_shared_citations_do_not_warn(app):
    app.build()
    card = card_of(page(app, "brain"), "brainmodel")
    links = [
        a["href"]
        for a in card.find("ol", class_="modelcard-bibliography").find_all("a")
    ]
    assert links == [
        "https://doi.org/10.1000/example.1",
        "https://arxiv.org/abs/2301.00001",
    ]
    assert warnings_of(app) == []


@pytest.mark.sphinx("html", testroot="basic")
def test_directive_in_restructuredtext_page(app):
    app.build()
    card = card_of(page(app, "rst_page"), "rstmodel")
    assert section_titles(card) == TITLES
    purpose = card.find(id="modelcard-rstmodel-purpose-scope").parent
    assert purpose.find("code").get_text() == "inline code"
    strengths = card.find(id="modelcard-rstmodel-strengths-limitations").parent
    assert strengths.find("strong").get_text() == "rST"
    note = card.find("p", class_="modelcard-license-note")
    assert note.find("a", string="tag v2")["href"] == (
        "https://gitlab.com/example/rstmodel/-/tree/v2"
    )


@pytest.mark.sphinx("html", testroot="basic")
def test_code_citation_role_links_to_the_commit(app):
    app.build()
    soup = page(app, "dna")
    link = soup.find("code", class_="modelcard-code").parent
    assert link["href"] == (
        "https://github.com/example/dnamodel/blob/"
        "0123456789abcdef0123456789abcdef01234567/src/model.py"
    )


@pytest.mark.sphinx("html", testroot="badcards")
def test_problems_are_warned_at_yaml_line_and_column(app):
    app.build()
    card = app.srcdir / "cards" / "misspelt.yaml"
    broken = app.srcdir / "cards" / "broken.yaml"
    assert warnings_of(app) == [
        f"{broken}:2: WARNING: not valid YAML: did not find expected ',' or ']' "
        "(column 1) [modelcard.yaml]",
        f"{card}:1: WARNING: license: required key is missing (column 1) "
        "[modelcard.missing_key]",
        f"{card}:8: WARNING: licence: unknown key, did you mean 'license'? "
        "(column 1) [modelcard.unknown_key]",
        f"{card}:10: WARNING: arch.layers: Input should be a valid integer, got "
        "'sixteen' (column 11) [modelcard.invalid_value]",
    ]


@pytest.mark.sphinx("html", testroot="badcards")
def test_bad_card_still_renders_its_valid_values(app):
    app.build()
    card = card_of(page(app, "misspelt"), "misspelt")
    box = card.find("div", class_="modelcard-problems")
    assert box.find("p", class_="admonition-title").get_text() == (
        "This card has 3 problems"
    )
    items = [li.get_text(strip=True) for li in box.find_all("li")]
    assert items[1] == (
        "misspelt.yaml, line 8, column 1: licence: unknown key, "
        "did you mean \u2018license\u2019?"
    )
    arch = card.find(id="modelcard-misspelt-architecture-inductive-biases").parent
    assert "256" in arch.get_text()
    assert section_titles(card) == TITLES


@pytest.mark.sphinx("html", testroot="badcards")
def test_other_pages_build_next_to_broken_cards(app):
    app.build()
    broken = page(app, "broken")
    assert "The page still builds." in broken.get_text()
    assert "This card has 1 problem" in card_of(broken, "broken").get_text()
    good = card_of(page(app, "good"), "good")
    assert good.find("div", class_="modelcard-problems") is None
    assert section_titles(good) == TITLES


@pytest.mark.sphinx(
    "html",
    testroot="badcards",
    confoverrides={"suppress_warnings": ["modelcard.unknown_key", "modelcard.yaml"]},
)
def test_subtypes_can_be_silenced(app):
    app.build()
    text = "\n".join(warnings_of(app))
    assert "unknown_key" not in text
    assert "modelcard.yaml" not in text
    assert "[modelcard.invalid_value]" in text


@pytest.mark.sphinx("html", testroot="links")
def test_unknown_references_duplicates_and_links(app):
    app.build()
    card = app.srcdir / "cards" / "linker.yaml"
    index = app.srcdir / "index.md"
    second = app.srcdir / "second.md"
    assert warnings_of(app) == [
        f"{card}:9: WARNING: references.cite[1]: no entry 'unknown2024' in the "
        "bibliography files (column 21) [modelcard.reference]",
        f"{card}:10: WARNING: related[1]: no card 'ghost' in the KB (column 19) "
        "[modelcard.reference]",
        f"{second}:3: WARNING: card 'linker' is already rendered by page 'first' "
        "[modelcard.duplicate_id]",
        f"{index}:8: WARNING: no card with id 'nobody' is rendered in this project "
        "[modelcard.reference]",
    ]
    links = page(app, "index").find_all("a", class_="reference internal")
    assert [a["href"] for a in links if a.get_text() == "Linker"] == [
        "first.html#modelcard-linker"
    ]
    assert page(app, "second").find("div", class_="modelcard") is None


@pytest.mark.parametrize(
    "extensions",
    [
        ["myst_parser", "sphinx_modelcard"],
        ["sphinx_modelcard", "myst_parser", "sphinx_design", "sphinxcontrib.bibtex"],
        ["sphinxcontrib.bibtex", "sphinx_modelcard"],
    ],
)
def test_works_whatever_else_is_listed(
    make_app, rootdir, sphinx_test_tempdir, extensions
):
    import shutil

    srcdir = sphinx_test_tempdir / f"order-{len(extensions)}-{extensions[0]}"
    if not srcdir.exists():
        shutil.copytree(rootdir / "test-basic", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"extensions": extensions})
    app.build()
    assert warnings_of(app) == []
    assert section_titles(card_of(page(app, "dna"), "dnamodel")) == TITLES


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    confoverrides={"modelcard_max_bytes": -1, "modelcard_modalities": []},
)
def test_bad_config_values_fall_back_with_a_warning(app):
    assert warnings_of(app) == [
        "WARNING: modelcard_modalities should be a non-empty list of strings, not "
        "[]; using the default ['genetics', 'brain', 'single_cell', 'multimodal', "
        "'clinical', 'language', 'tabular', 'other'] [modelcard.config]",
        "WARNING: modelcard_max_bytes should be a positive number, not -1; using "
        "the default 1048576 [modelcard.config]",
    ]
    assert app.config.modelcard_max_bytes == 1048576


@pytest.mark.sphinx("html", testroot="basic")
def test_extension_metadata(app):
    extension = app.extensions["sphinx_modelcard"]
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True
    from sphinx_modelcard import ENV_VERSION

    assert app.registry.get_envversion(app)["sphinx_modelcard"] == ENV_VERSION


def _section_text(card, card_id: str, slug: str) -> str:
    title = card.find(id=f"modelcard-{card_id}-{slug}")
    return title.parent.get_text(" ", strip=True)


@pytest.mark.sphinx("html", testroot="oldshape")
def test_older_shape_renders_in_the_matching_sections(app):
    app.build()
    assert warnings_of(app) == []
    card = card_of(page(app, "index"), "oldcard")
    purpose = _section_text(card, "oldcard", "purpose-scope")
    assert "Intended use : embedding" in purpose
    assert "Intended use in project : late fusion" in purpose
    assert "Tasks : masked_language_modeling" in purpose
    tokens = _section_text(card, "oldcard", "tokenization-input-constraints")
    assert "Tokenizer : zhihan1996/DNABERT-2-117M" in tokens
    assert "Context length : variable (TR-adaptive)" in tokens
    assert "truncation" in tokens and "max_length 512" in tokens
    training = _section_text(card, "oldcard", "training-data-checkpoints")
    assert "Datasets : hg38_reference" in training
    assert "https://huggingface.co/example/example" in training
    assert "external_repos/example/outputs" in training
    procedure = _section_text(card, "oldcard", "recommended-embedding-procedure")
    assert "pooling_notes mean over windows" in procedure
    assert "rsfmri window run" in procedure
    assert "Tabular usage : features 512" in procedure
    assert "endpoint https://huggingface.co/example/example" in procedure
    assert "model = load ()" in procedure  # highlighted: tokens are spans
    arch = _section_text(card, "oldcard", "architecture-inductive-biases")
    assert "Context length : 131072" in arch
    assert "lr 0.008" in arch
