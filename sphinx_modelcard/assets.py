"""The card's stylesheet, added to HTML builds only."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).with_name("static")
CSS = "modelcard.css"


def add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file(CSS)


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_assets)
