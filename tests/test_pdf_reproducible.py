"""Byte-identical PDFs from clean builds, serial or parallel."""

from __future__ import annotations

import pytest

from pdf_helpers import build_copy, pdf_dir, pdf_names


def _contents(app) -> dict[str, bytes]:
    folder = pdf_dir(app)
    return {name: (folder / name).read_bytes() for name in pdf_names(folder)}


def test_two_clean_builds_give_the_same_bytes(rootdir, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = _contents(build_copy(rootdir / "test-pdf-basic", tmp_path / "one"))
    second = _contents(build_copy(rootdir / "test-pdf-basic", tmp_path / "two"))
    assert len(first) == 3
    assert first == second
    assert b"D:20231114221320+00'00'" in first["dnamodel.pdf"]


def test_without_source_date_epoch_the_date_is_now(
    rootdir, tmp_path, monkeypatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pdfs = _contents(build_copy(rootdir / "test-pdf-basic", tmp_path / "one"))
    assert b"D:2023" not in pdfs["dnamodel.pdf"]
    assert b"D:2000" not in pdfs["dnamodel.pdf"]


@pytest.mark.sphinx("html", testroot="pdf-basic", srcdir="pdf-parallel", parallel=2)
def test_a_parallel_build_gives_the_same_pdfs(
    app, rootdir, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    app.build()
    assert app.parallel == 2
    assert app.warning.getvalue() == ""
    # One worker renders every page in turn: what it keeps between jobs must
    # not change the bytes. The sources lie in another folder, which the
    # PDFs do not contain.
    serial = _contents(
        build_copy(
            rootdir / "test-pdf-basic",
            tmp_path / "serial",
            confoverrides={"modelcard_pdf_workers": 1},
        )
    )
    assert _contents(app) == serial
