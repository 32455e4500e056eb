"""A PDF that cannot be written is reported, and leaves no file behind."""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from sphinx.util.console import strip_colors

from sphinx_modelcard.pdf import render, step

from pdf_helpers import build_copy, pdf_dir, pdf_names


def _leftovers(app) -> list[str]:
    folder = pdf_dir(app)
    return sorted(path.name for path in folder.iterdir() if path.suffix != ".pdf")


def test_a_page_rst2pdf_cannot_lay_out_is_reported(rootdir, tmp_path) -> None:
    app = build_copy(rootdir / "test-pdf-fail", tmp_path / "src")
    huge = Path(app.srcdir) / "huge.md"
    assert strip_colors(app.warning.getvalue()) == (
        f"{huge}:3: WARNING: could not write the PDF of card 'alphamodel': "
        "LayoutError: More than 10 pages generated without content - halting "
        "layout.  Likely that a flowable is too large for any frame. "
        "[modelcard.pdf]\n"
    )
    assert pdf_names(pdf_dir(app)) == ["zetamodel.pdf"]
    assert _leftovers(app) == []


def test_the_failure_is_reported_again_on_the_next_build(rootdir, tmp_path) -> None:
    build_copy(rootdir / "test-pdf-fail", tmp_path / "src")
    again = build_copy(rootdir / "test-pdf-fail", tmp_path / "src")
    assert "could not write the PDF of card 'alphamodel'" in again.warning.getvalue()
    assert pdf_names(pdf_dir(again)) == ["zetamodel.pdf"]


def test_the_warning_can_be_silenced(rootdir, tmp_path) -> None:
    app = build_copy(
        rootdir / "test-pdf-fail",
        tmp_path / "src",
        confoverrides={"suppress_warnings": ["modelcard.pdf"]},
    )
    assert app.warning.getvalue() == ""


def _only_for(
    job_name: str, action: Callable[[str], None]
) -> Callable[[str], render.Outcome]:
    """A render function that does ``action`` first for one page's job."""

    def work(job_path: str) -> render.Outcome:
        if Path(job_path).name == job_name:
            action(job_path)
        return render.render_job(job_path)

    return work


def test_a_worker_that_dies_costs_only_its_pdf(rootdir, tmp_path, monkeypatch) -> None:
    def die(job_path: str) -> None:
        # As if the renderer crashed half way through writing the file.
        out = tmp_path / "src" / "_build" / "html" / "_modelcard_pdf"
        out.mkdir(parents=True, exist_ok=True)
        (out / ".dnamodel.pdf.tmp").write_bytes(b"%PDF-1.4 partial")
        os._exit(7)

    monkeypatch.setattr(step, "render_job", _only_for("dna.job", die))
    app = build_copy(rootdir / "test-pdf-basic", tmp_path / "src")
    dna = Path(app.srcdir) / "dna.md"
    assert strip_colors(app.warning.getvalue()) == (
        f"{dna}:3: WARNING: could not write the PDF of card 'dnamodel': "
        "the worker process died (exit code 7) [modelcard.pdf]\n"
    )
    assert pdf_names(pdf_dir(app)) == ["brainmodel.pdf", "zetamodel.pdf"]
    assert _leftovers(app) == []


def test_a_pdf_past_the_time_limit_is_stopped(rootdir, tmp_path, monkeypatch) -> None:
    def hang(job_path: str) -> None:
        time.sleep(60)

    monkeypatch.setattr(step, "render_job", _only_for("brain.job", hang))
    started = time.monotonic()
    app = build_copy(
        rootdir / "test-pdf-basic",
        tmp_path / "src",
        confoverrides={"modelcard_pdf_timeout": 3},
    )
    assert time.monotonic() - started < 30
    brain = Path(app.srcdir) / "brain.md"
    assert strip_colors(app.warning.getvalue()) == (
        f"{brain}:3: WARNING: could not write the PDF of card 'brainmodel': "
        "rendering took longer than 3 s [modelcard.pdf]\n"
    )
    assert pdf_names(pdf_dir(app)) == ["dnamodel.pdf", "zetamodel.pdf"]
    assert _leftovers(app) == []


def test_an_error_in_the_renderer_is_reported(rootdir, tmp_path, monkeypatch) -> None:
    def fail(job, doctree) -> str:
        raise RuntimeError("renderer broke\nsecond line")

    def broken(job_path: str) -> render.Outcome:
        if Path(job_path).name != "brain.job":
            return render.render_job(job_path)
        # This runs in a worker, which goes on to render other jobs.
        working, render._render = render._render, fail
        try:
            return render.render_job(job_path)
        finally:
            render._render = working

    monkeypatch.setattr(step, "render_job", broken)
    app = build_copy(rootdir / "test-pdf-basic", tmp_path / "src")
    brain = Path(app.srcdir) / "brain.md"
    assert strip_colors(app.warning.getvalue()) == (
        f"{brain}:3: WARNING: could not write the PDF of card 'brainmodel': "
        "RuntimeError: renderer broke [modelcard.pdf]\n"
    )
    assert "brainmodel.pdf" not in pdf_names(pdf_dir(app))


def test_rst2pdf_messages_go_through_sphinx(
    rootdir, tmp_path, monkeypatch, capfd
) -> None:
    def chatty(job_path: str) -> None:
        logging.getLogger("rst2pdf").warning("a message from %s", "rst2pdf")

    def work(job_path: str) -> render.Outcome:
        with render._captured_rst2pdf_log(records := []):
            chatty(job_path)
        outcome = render.render_job(job_path)
        if Path(job_path).name != "dna.job":
            return outcome
        return dataclasses.replace(outcome, logs=tuple(records) + outcome.logs)

    monkeypatch.setattr(step, "render_job", work)
    app = build_copy(rootdir / "test-pdf-basic", tmp_path / "src")
    dna = Path(app.srcdir) / "dna.md"
    assert strip_colors(app.warning.getvalue()) == (
        f"{dna}:3: WARNING: rst2pdf: a message from rst2pdf [modelcard.pdf]\n"
    )
    assert "a message from" not in capfd.readouterr().err


def test_an_unwritable_pdf_folder_is_one_error(rootdir, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-pdf-basic", src)
    (src / "blocker").write_text("a file where the folder should be\n")
    app = build_copy(
        rootdir / "test-pdf-basic",
        src,
        confoverrides={"modelcard_pdf_dir": "blocker/pdf"},
    )
    assert strip_colors(app.warning.getvalue()) == (
        f"ERROR: the PDFs cannot be written to {src / 'blocker' / 'pdf'}: Not a "
        "directory; no PDF is written in this build (set modelcard_pdf_dir to a "
        "writable folder, or modelcard_pdf = False) [modelcard.pdf]\n"
    )
    assert pdf_names(pdf_dir(app)) == []
    html = (Path(app.outdir) / "dna.html").read_text(encoding="utf-8")
    assert "Download PDF" not in html
