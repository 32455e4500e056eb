"""Code citations and checkpoint places never reach outside their folders."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOTS, warnings_of
from helpers import page


@pytest.fixture
def code_app(make_app, tmp_path):
    srcdir = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-codepaths", srcdir)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("SECRET = 1\n", encoding="utf-8")
    (outside / "real.py").write_text("REAL = 1\n", encoding="utf-8")
    checkout = srcdir / "repos" / "coded"
    (checkout / "src").mkdir(parents=True)
    (checkout / "src" / "real.py").write_text("REAL = 1\n", encoding="utf-8")
    (checkout / "link.py").symlink_to(outside / "secret.py")
    # a checkout that is itself a link out of the repos folder
    (srcdir / "repos" / "linked").symlink_to(outside, target_is_directory=True)
    return make_app("html", srcdir=srcdir)


def test_code_citations_stay_in_the_checkout(code_app):
    code_app.build()
    index = code_app.srcdir / "index.md"
    placed = code_app.srcdir / "cards" / "placed.yaml"
    assert warnings_of(code_app) == [
        f"{index}:3: WARNING: '../secret.txt' must be a path inside the repository "
        "[modelcard.path]",
        f"{index}:5: WARNING: '/etc/passwd' must be a path inside the repository "
        "[modelcard.path]",
        f"{index}:7: WARNING: 'link.py' leaves the checkout of 'coded' "
        "[modelcard.path]",
        f"{index}:11: WARNING: 'real.py' leaves the checkout of 'linked' "
        "[modelcard.path]",
        f"{placed}:10: WARNING: checkpoints[0].placement: '../x' may not leave its "
        "folder with '..' (column 16) [modelcard.invalid_value]",
        f"{placed}:12: WARNING: checkpoints[1].placement: '/etc/x' must be a "
        "relative path (column 16) [modelcard.invalid_value]",
        f"{placed}:15: WARNING: checkpoints[2].path: '../../weights.bin' may not "
        "leave its folder with '..' (column 11) [modelcard.invalid_value]",
        f"{placed}:17: WARNING: weights.artifacts[1]: '/var/lib/x' must be a "
        "relative path (column 24) [modelcard.invalid_value]",
    ]
    soup = page(code_app, "index")
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert "https://github.com/example/coded/blob/abcdef0/src/real.py" in hrefs
    assert not [href for href in hrefs if "secret" in href or "passwd" in href]
    assert "SECRET" not in soup.get_text()
    table = soup.find("table", class_="modelcard-checkpoints")
    assert "checkpoints/fine.pt" in table.get_text()
    assert "../x" not in table.get_text()
