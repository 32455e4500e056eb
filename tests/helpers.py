"""Reading built pages back, for the tests."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def page(app, docname: str) -> BeautifulSoup:
    html = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def card_of(soup: BeautifulSoup, card_id: str):
    card = soup.find("div", id=f"modelcard-{card_id}")
    assert card is not None, f"no card {card_id} on the page"
    return card


def section_titles(card) -> list[str]:
    return [
        p.get_text(strip=True)
        for p in card.find_all("p", class_="modelcard-section-title")
    ]
