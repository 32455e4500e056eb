"""Card files are read only from the source and KB folders."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOTS, warnings_of

OUTSIDE = """\
id: outside
name: Outside
modality: other
summary: Must never be read.
repo: https://github.com/example/outside
version: {tag: v1}
license: MIT
"""


@pytest.fixture
def paths_app(make_app, tmp_path):
    srcdir = tmp_path / "project" / "docs"
    shutil.copytree(ROOTS / "test-paths", srcdir)
    outside = tmp_path / "project" / "outside.yaml"
    outside.write_text(OUTSIDE, encoding="utf-8")
    (srcdir / "link.yaml").symlink_to(outside)
    return make_app("html", srcdir=srcdir)


def test_paths_outside_are_refused(paths_app):
    paths_app.build()
    index = paths_app.srcdir / "index.md"
    outside = paths_app.srcdir.parent / "outside.yaml"
    kb = paths_app.srcdir / "cards"
    assert warnings_of(paths_app) == [
        f"{index}:3: WARNING: card file '../outside.yaml' resolves to {outside}, "
        "outside the source and KB folders; it is not read [modelcard.path]",
        f"{index}:6: WARNING: card file 'link.yaml' resolves to {outside}, "
        "outside the source and KB folders; it is not read [modelcard.path]",
        f"{index}:9: WARNING: '../etc/passwd' is neither a card id nor a path to a "
        ".yaml file [modelcard.path]",
        f"{index}:12: WARNING: card file not found: {kb / 'missing.yaml'} "
        "[modelcard.not_found]",
    ]
    html = (paths_app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Must never be read" not in html
