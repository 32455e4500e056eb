"""The card's "Download PDF" link in the HTML, and builds without PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from pdf_helpers import build_copy, pdf_dir


def _pdf_links(html: Path) -> list[str]:
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    return [a["href"] for a in soup.find_all("a") if a.get_text() == "Download PDF"]


def test_each_card_links_to_its_pages_pdf(rootdir, tmp_path) -> None:
    app = build_copy(rootdir / "test-pdf-basic", tmp_path / "src")
    outdir = Path(app.outdir)

    dna = _pdf_links(outdir / "dna.html")
    # The licence note and the metadata both link to the PDF.
    assert dna == ["_modelcard_pdf/dnamodel.pdf"] * 2
    assert (outdir / dna[0]).is_file()

    # Both cards of a page link to the one PDF, named after the first card.
    two = _pdf_links(outdir / "twocards.html")
    assert two == ["_modelcard_pdf/zetamodel.pdf"] * 4
    assert (outdir / two[0]).is_file()


def test_links_from_a_page_in_a_folder_go_up(rootdir, tmp_path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-pdf-basic", srcdir)
    (srcdir / "sub").mkdir()
    (srcdir / "sub" / "deep.md").write_text(
        "# Deep page\n\n```{modelcard} alphamodel\n```\n", "utf-8"
    )
    (srcdir / "twocards.md").write_text(
        "# Two cards\n\n```{modelcard} zetamodel\n```\n\n```{toctree}\nsub/deep\n```\n",
        "utf-8",
    )
    app = build_copy(rootdir / "test-pdf-basic", srcdir, "html")
    assert app.warning.getvalue() == ""
    links = _pdf_links(Path(app.outdir) / "sub" / "deep.html")
    assert links == ["../_modelcard_pdf/alphamodel.pdf"] * 2
    assert (Path(app.outdir) / "sub" / links[0]).resolve().is_file()


def test_no_link_and_no_pdf_when_switched_off(rootdir, tmp_path) -> None:
    app = build_copy(
        rootdir / "test-pdf-basic",
        tmp_path / "src",
        confoverrides={"modelcard_pdf": False},
    )
    assert _pdf_links(Path(app.outdir) / "dna.html") == []
    assert not pdf_dir(app).exists()
    assert app.warning.getvalue() == ""


def test_no_link_and_no_pdf_for_other_builders(rootdir, tmp_path) -> None:
    app = build_copy(rootdir / "test-pdf-basic", tmp_path / "src", "text")
    text = (Path(app.outdir) / "dna.txt").read_text("utf-8")
    assert "DNA Model" in text
    assert "Download PDF" not in text
    assert not pdf_dir(app).exists()
