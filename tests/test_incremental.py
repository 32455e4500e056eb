"""Rebuilds: a card edit re-reads its page only; -j 2 matches a serial build."""

from __future__ import annotations

import os
import time

from conftest import warnings_of
from generated import write_project


def build_reading(make_app, srcdir, **kwargs) -> list[str]:
    """Build and return the documents Sphinx read again."""
    app = make_app("html", srcdir=srcdir, **kwargs)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda _a, _e, names: read.extend(names))
    app.build()
    assert warnings_of(app) == []
    app.cleanup()
    return sorted(read)


def touch_later(path) -> None:
    later = time.time() + 5
    os.utime(path, (later, later))


def test_editing_a_card_rereads_only_its_page(make_app, tmp_path):
    srcdir = write_project(tmp_path / "src", 4)
    assert build_reading(make_app, srcdir) == [
        "index",
        "model-0",
        "model-1",
        "model-2",
        "model-3",
    ]
    assert build_reading(make_app, srcdir) == []
    card = srcdir / "cards" / "model-2.yaml"
    card.write_text(card.read_text().replace("Model 2", "Model two"))
    touch_later(card)
    assert build_reading(make_app, srcdir) == ["model-2"]


def _html_of(outdir, names):
    return {
        name: (outdir / f"{name}.html").read_text(encoding="utf-8") for name in names
    }


def test_parallel_build_gives_the_same_html(make_app, tmp_path):
    names = [f"model-{n}" for n in range(8)]
    serial_src = write_project(tmp_path / "serial", 8)
    parallel_src = write_project(tmp_path / "parallel", 8)
    serial = make_app("html", srcdir=serial_src)
    serial.build()
    serial.cleanup()
    parallel = make_app("html", srcdir=parallel_src, parallel=2)
    parallel.build()
    assert warnings_of(serial) == warnings_of(parallel) == []
    assert _html_of(serial.outdir, names) == _html_of(parallel.outdir, names)
    domain = parallel.env.domains["modelcard"]
    assert sorted(domain.cards) == names
    assert domain.cards["model-3"]["docname"] == "model-3"
