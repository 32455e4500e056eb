"""Card text and refs.bib entries are untrusted: nothing active reaches a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import warnings_of
from helpers import card_of, page

PASSWD = "../" * 12 + "etc/passwd"
SCHEMES = ("http:", "https:", "mailto:")


def external_hrefs(tree) -> list[str]:
    return [
        a["href"]
        for a in tree.find_all(href=True)
        if ":" in a["href"].split("/")[0] and not a["href"].startswith("#")
    ]


@pytest.fixture
def hostile(app):
    app.build()
    return app


@pytest.mark.sphinx("html", testroot="untrusted-html")
def test_only_the_expected_warnings(hostile):
    src = Path(hostile.srcdir)
    quoted = src / "cards" / 'x"onclick="alert(1).yaml'
    assert warnings_of(hostile) == [
        f"{src / 'hostile.md'}:3: WARNING: card text links to {PASSWD!r}, outside "
        "the source folder; the file is not copied [modelcard.path]",
        f"{quoted}:1: WARNING: id: id 'quoted' must equal the file name "
        "'x\"onclick=\"alert(1)' (column 5) [modelcard.invalid_value]",
    ]


@pytest.mark.sphinx("html", testroot="untrusted-html")
def test_no_script_event_attribute_or_foreign_scheme_in_the_card(hostile):
    soup = page(hostile, "hostile")
    card = card_of(soup, "evil")
    assert card.find_all(["script", "iframe", "img", "svg", "body", "b"]) == []
    for tag in [card, *card.find_all(True)]:
        assert not [name for name in tag.attrs if name.lower().startswith("on")]
    hrefs = external_hrefs(card)
    assert hrefs and all(href.startswith(SCHEMES) for href in hrefs)
    assert "https://example.org/" in hrefs
    assert any(href.startswith("mailto:someone") for href in hrefs)
    text = card.get_text()
    assert '<script>alert("summary")</script>' in text.replace("“", '"').replace(
        "”", '"'
    )
    assert "[js](javascript:alert(1))" in text


@pytest.mark.sphinx("html", testroot="untrusted-html")
def test_no_directive_substitution_or_file_from_card_text(hostile):
    soup = page(hostile, "hostile")
    card = card_of(soup, "evil")
    text = soup.get_text()
    assert "root:" not in text
    assert "SUBSTITUTED" not in text
    assert not (Path(hostile.srcdir) / "PWNED").exists()
    assert not (Path(hostile.outdir) / "_downloads").exists()
    codes = [pre.get_text().rstrip("\n") for pre in card.find_all("pre")]
    assert "{include} /etc/passwd" in codes
    assert '{raw} html\n<script>alert("raw")</script>' in codes
    assert any(code.startswith("{eval-rst}") for code in codes)
    assert "{{secret}}" in text
    literals = [code.get_text() for code in card.find_all("code")]
    assert "{unknownrole}`<script>alert(7)</script>`" in literals
    assert "{raw}`<script>alert(6)</script>`" in literals


@pytest.mark.sphinx("html", testroot="untrusted-html")
def test_bib_entries_give_no_foreign_link_nor_html(hostile):
    soup = page(hostile, "hostile")
    body = soup.find("div", class_="body") or soup
    assert body.find_all(["script", "img"]) == []
    assert all(href.startswith(SCHEMES) for href in external_hrefs(body))
    card_bib = card_of(soup, "evil").find("ol", class_="modelcard-bibliography")
    footnotes = soup.find_all("aside", class_="footnote")
    citations = soup.find_all("div", class_="citation")
    for part in (card_bib, *footnotes, *citations):
        assert part is not None and "javascript:alert" in part.get_text().lower()
        assert part.find("a", href=lambda h: h and h.startswith("java")) is None
    assert len(footnotes) == 1
    assert len(citations) == 1
    assert "<img src=x onerror=alert(1)>" in card_bib.get_text()


@pytest.mark.sphinx("html", testroot="untrusted-html")
def test_ids_from_file_names_are_made_safe(hostile):
    soup = page(hostile, "hostile")
    quoted = soup.find("div", id="modelcard-x-onclick-alert-1")
    assert quoted is not None
    assert not [
        tag
        for tag in soup.find_all(True)
        if any(name.lower().startswith("on") for name in tag.attrs)
    ]
