"""Images in a form rst2pdf can place, or their alt text when it cannot."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

_RASTER = {".png", ".jpg", ".jpeg", ".gif"}


def _can_read_svg() -> bool:
    # rst2pdf draws SVG through svglib, an optional dependency.
    return importlib.util.find_spec("svglib") is not None


def settle_images(doctree: nodes.document, srcdir: Path) -> None:
    """Give each image an absolute file path, or replace it by its alt text.

    At ``doctree-resolved`` time an image's ``uri`` is relative to the source
    folder; the worker that renders the PDF does not know that folder.
    """
    readable = _RASTER | ({".svg"} if _can_read_svg() else set())
    for image in list(doctree.findall(nodes.image)):
        path = _local_file(image, srcdir, readable)
        if path is not None:
            image["uri"] = str(path)
            image.attributes.pop("candidates", None)
            continue
        image.replace_self(_stand_in(image))


def _local_file(image: nodes.image, srcdir: Path, readable: set[str]) -> Path | None:
    uris = [image.get("uri", "")]
    uris += list(image.get("candidates", {}).values())
    for uri in uris:
        if not uri or urlsplit(uri).scheme or "*" in uri:
            continue
        path = (srcdir / uri).resolve()
        if path.suffix.lower() in readable and path.is_file():
            return path
    return None


def _stand_in(image: nodes.image) -> nodes.Node:
    text = image.get("alt") or Path(image.get("uri", "image")).name
    uri = image.get("uri", "")
    label: nodes.Element = nodes.emphasis(text, f"[{text}]")
    if urlsplit(uri).scheme in ("http", "https"):
        label = nodes.reference("", "", label, refuri=uri)
    if isinstance(image.parent, nodes.TextElement):
        return label
    return nodes.paragraph("", "", label)
