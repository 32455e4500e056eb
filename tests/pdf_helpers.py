"""What the PDF tests share: where the PDFs are and what they say."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

from pypdf import PdfReader
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp

PDF_FOLDER = "_modelcard_pdf"


def pdf_dir(app: Sphinx) -> Path:
    return Path(app.outdir) / PDF_FOLDER


def pdf_names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Extraction breaks lines where the PDF wraps them; words are what count.
    return " ".join(text.split())


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Inode and modification time of each PDF: both change on a rewrite."""
    return {
        path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in folder.glob("*.pdf")
    }


def build_copy(
    root: Path, into: Path, buildername: str = "html", **kwargs: object
) -> SphinxTestApp:
    """Copy a test root into ``into`` and build it there once."""
    if not into.exists():
        shutil.copytree(root, into)
    app = SphinxTestApp(
        buildername, srcdir=into, status=StringIO(), warning=StringIO(), **kwargs
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app
