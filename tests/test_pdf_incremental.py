"""Only the PDFs whose page changed are written again."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_modelcard.pdf import step

from pdf_helpers import build_copy, pdf_dir, pdf_names, stamps


def test_a_rebuild_without_changes_writes_no_pdf(rootdir, tmp_path) -> None:
    srcdir = tmp_path / "src"
    app = build_copy(rootdir / "test-pdf-basic", srcdir)
    before = stamps(pdf_dir(app))
    assert len(before) == 3

    again = build_copy(rootdir / "test-pdf-basic", srcdir)
    assert stamps(pdf_dir(again)) == before
    assert "writing PDFs" not in again.status.getvalue()


def test_editing_one_card_rewrites_only_its_pdf(rootdir, tmp_path) -> None:
    srcdir = tmp_path / "src"
    app = build_copy(rootdir / "test-pdf-basic", srcdir)
    before = stamps(pdf_dir(app))

    card = srcdir / "cards" / "brainmodel.yaml"
    card.write_text(
        card.read_text("utf-8").replace("A brain encoder.", "An edited encoder."),
        "utf-8",
    )
    again = build_copy(rootdir / "test-pdf-basic", srcdir)
    after = stamps(pdf_dir(again))
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["brainmodel.pdf"]
    assert again.warning.getvalue() == ""


def test_a_deleted_pdf_is_written_again(rootdir, tmp_path) -> None:
    srcdir = tmp_path / "src"
    app = build_copy(rootdir / "test-pdf-basic", srcdir)
    before = stamps(pdf_dir(app))
    (pdf_dir(app) / "dnamodel.pdf").unlink()

    again = build_copy(rootdir / "test-pdf-basic", srcdir)
    after = stamps(pdf_dir(again))
    assert sorted(after) == sorted(before)
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["dnamodel.pdf"]


def test_the_extra_folder_gets_a_copy(rootdir, tmp_path) -> None:
    srcdir = tmp_path / "src"
    overrides = {"modelcard_pdf_dir": "../artifacts/pdf"}
    app = build_copy(rootdir / "test-pdf-basic", srcdir, confoverrides=overrides)
    extra = tmp_path / "artifacts" / "pdf"
    assert pdf_names(extra) == pdf_names(pdf_dir(app))
    for name in pdf_names(extra):
        assert (extra / name).read_bytes() == (pdf_dir(app) / name).read_bytes()

    # A copy missing from one folder is made again; the other is left alone.
    (extra / "brainmodel.pdf").unlink()
    html_copy = stamps(pdf_dir(app))
    again = build_copy(rootdir / "test-pdf-basic", srcdir, confoverrides=overrides)
    assert (extra / "brainmodel.pdf").is_file()
    assert sorted(stamps(pdf_dir(again))) == sorted(html_copy)


def test_a_page_that_loses_its_card_loses_its_pdf(rootdir, tmp_path) -> None:
    srcdir = tmp_path / "src"
    first = build_copy(rootdir / "test-pdf-basic", srcdir)
    assert "brainmodel.pdf" in pdf_names(pdf_dir(first))
    (srcdir / "brain.md").write_text("# Brain walkthrough\n\nNo card.\n", "utf-8")
    again = build_copy(rootdir / "test-pdf-basic", srcdir)
    assert pdf_names(pdf_dir(again)) == ["dnamodel.pdf", "zetamodel.pdf"]


def test_an_interrupted_build_is_finished_by_the_next(
    rootdir, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    clean = build_copy(rootdir / "test-pdf-basic", tmp_path / "clean")
    expected = {
        name: (pdf_dir(clean) / name).read_bytes() for name in pdf_names(pdf_dir(clean))
    }

    # Stop the first build once its pages are written, before any PDF.
    srcdir = tmp_path / "src"

    def stop(*args: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(step.pool.Pool, "submit", lambda self, job: None)
        patch.setattr(step._Run, "finish", stop)
        with pytest.raises(KeyboardInterrupt):
            build_copy(rootdir / "test-pdf-basic", srcdir)
    outdir = srcdir / "_build" / "html"
    assert pdf_names(outdir / "_modelcard_pdf") == []
    (outdir / "_modelcard_pdf").mkdir(exist_ok=True)
    (outdir / "_modelcard_pdf" / ".dnamodel.pdf.tmp").write_bytes(b"partial")

    # The second run writes no page, yet finishes the PDFs from the jobs left.
    again = build_copy(rootdir / "test-pdf-basic", srcdir)
    assert "targets for 0 source files that are out of date" in again.status.getvalue()
    assert pdf_names(pdf_dir(again)) == sorted(expected)
    for name, data in expected.items():
        assert (pdf_dir(again) / name).read_bytes() == data
    assert not list((Path(again.doctreedir) / "modelcard_pdf").glob("*.job"))
