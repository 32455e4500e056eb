"""One sphinx-build in a child process: its wall time, CPU time and memory."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

_CHILD = """
import json, resource, sys
from sphinx.cmd.build import main
rc = main(sys.argv[1:])
own = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "rss_kib": own.ru_maxrss,
                  "child_rss_kib": kids.ru_maxrss}), file=sys.stderr)
"""


def sphinx_build(args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run ``sphinx-build ARGS``; raise if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "{}"
    try:
        stats = json.loads(last)
    except json.JSONDecodeError:
        stats = {"rc": done.returncode}
    if done.returncode != 0 or stats.get("rc") not in (0, None):
        raise RuntimeError(f"sphinx-build {' '.join(args)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall": wall,
        "cpu": cpu,
        "rss_mib": stats.get("rss_kib", 0) / 1024,
        "child_rss_mib": stats.get("child_rss_kib", 0) / 1024,
    }


def html(src: Path, out: Path, *extra: str, env: dict[str, str] | None = None):
    return sphinx_build(
        [
            "-b",
            "html",
            "-q",
            *extra,
            str(src),
            str(out / "html"),
            "-d",
            str(out / "doctrees"),
        ],
        env,
    )
