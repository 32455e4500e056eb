"""A build over hostile cards goes on: exit 0 without -W, a failure with it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOTS
from untrusted import write_hostile_project

BUILD = (
    "import sys; from sphinx.cmd.build import build_main; "
    "sys.exit(build_main(sys.argv[1:]))"
)


def build(srcdir: Path, outdir: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            BUILD,
            "-b",
            "html",
            "-q",
            *flags,
            str(srcdir),
            str(outdir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def project(tmp_path: Path, name: str) -> Path:
    if name == "hostile":
        return write_hostile_project(tmp_path / name, tmp_path / "marker")
    copy = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", copy)
    return copy


@pytest.mark.parametrize("name", ["hostile", "untrusted-html", "badcards"])
def test_warnings_without_w_and_failure_with_it(tmp_path, name):
    srcdir = project(tmp_path, name)
    plain = build(srcdir, tmp_path / "out")
    strict = build(srcdir, tmp_path / "out-w", "-W", "--keep-going", "-E")
    for run in (plain, strict):
        output = run.stdout + run.stderr
        assert "Traceback" not in output
        assert "Exception occurred" not in output
        assert "[modelcard." in run.stderr
    assert plain.returncode == 0
    assert strict.returncode != 0
    # every warning names a file, with a line where the file has lines
    for line in plain.stderr.splitlines():
        if "WARNING" in line:
            assert line.startswith(str(srcdir)), line
    assert not (tmp_path / "marker").exists()
    pages = {p.stem for p in srcdir.glob("*.md")}
    built = {p.stem for p in (tmp_path / "out").glob("*.html")}
    assert pages <= built
