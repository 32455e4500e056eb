"""The knowledge base itself: every card, every citation, no warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from sphinx.testing.util import SphinxTestApp

from sphinx_modelcard.layout import SECTIONS

from conftest import warnings_of
from helpers import card_of, page, section_titles

REPO = Path(__file__).resolve().parent.parent
CARDS = sorted((REPO / "kb" / "model_cards").glob("*.yaml"))


@pytest.fixture(scope="module")
def kb_app(tmp_path_factory):
    build = tmp_path_factory.mktemp("kb")
    app = SphinxTestApp(
        "html",
        srcdir=REPO / "docs",
        builddir=build,
        confoverrides={"nitpicky": True, "modelcard_pdf_dir": str(build / "pdf")},
    )
    app.build()
    yield app
    app.cleanup()


def test_the_kb_builds_without_a_warning(kb_app):
    assert warnings_of(kb_app) == []


def test_every_card_is_rendered_by_exactly_one_page(kb_app):
    assert len(CARDS) == 12
    domain = kb_app.env.domains["modelcard"]
    assert sorted(domain.cards) == sorted(path.stem for path in CARDS)
    for card_path in CARDS:
        docname = domain.cards[card_path.stem]["docname"]
        assert docname == f"walkthroughs/{card_path.stem}"
        card = card_of(page(kb_app, docname), card_path.stem)
        assert section_titles(card) == [title for title, _ in SECTIONS]
        assert card.find("div", class_="modelcard-problems") is None


def _bib_keys() -> set[str]:
    text = (REPO / "refs.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,]+),", text, flags=re.MULTILINE))


def test_every_citation_key_is_in_refs_bib():
    keys = _bib_keys()
    cited: set[str] = set()
    for card_path in CARDS:
        card = yaml.safe_load(card_path.read_text(encoding="utf-8"))
        cited |= set(card.get("references", {}).get("cite", []))
    for page_path in (REPO / "docs").rglob("*.md"):
        text = page_path.read_text(encoding="utf-8")
        for group in re.findall(r"\{(?:foot)?cite(?::\w+)?\}`([\w:, -]+)`", text):
            cited |= {key.strip() for key in group.split(",")}
    assert cited, "the KB cites nothing"
    assert cited <= keys, f"not in refs.bib: {sorted(cited - keys)}"


def test_every_bib_entry_has_a_doi_or_an_arxiv_id():
    text = (REPO / "refs.bib").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=@)", text)
    for entry in entries:
        if not entry.lstrip().startswith("@"):
            continue
        assert re.search(r"^\s*(doi|eprint)\s*=", entry, flags=re.MULTILINE), entry
