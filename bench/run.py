"""The benchmark suite: the extension's build cost against plain Sphinx and
against rst2pdf's stock PDF builder.

    python bench/run.py            # the full suite (tens of minutes)
    python bench/run.py --quick    # small sizes, to check that it runs
    python bench/run.py --parts 2  # only the PDF step against rst2pdf's builder

Every figure is a median of ``--runs`` clean builds in child processes, run
one after another on this machine, and is written as a table into
docs/manual/benchmark-results.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from measure import html, sphinx_build
from projects import (
    write_extension_project,
    write_plain_project,
)

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "docs" / "manual" / "benchmark-results.md"
STOCK_PDF = """
extensions += ["rst2pdf.pdfbuilder"]
pdf_documents = [
    (f"model-{{n}}", f"model-{{n}}", f"Model {{n}}", "bench") for n in range({count})
]
pdf_use_coverpage = False
pdf_use_toc = False
pdf_use_index = False
pdf_domain_indices = False
pdf_use_modindex = False
"""


def medians(runs: int, *builds: Callable[[], dict]) -> list[dict]:
    """The median figures of each build, the builds taking turns.

    Taking turns (A B A B ...) rather than running each build ``runs`` times in
    a row keeps a drift in the machine's speed out of the ratios.
    """
    results: list[list[dict]] = [[] for _ in builds]
    for _ in range(runs):
        for index, build in enumerate(builds):
            results[index].append(build())
    return [
        {key: statistics.median(r[key] for r in found) for key in found[0]}
        for found in results
    ]


class Suite:
    def __init__(self, work: Path, runs: int) -> None:
        self.work = work
        self.runs = runs
        self.rows: list[tuple[str, str, str, str]] = []

    def fresh(self, name: str) -> Path:
        path = self.work / name
        shutil.rmtree(path, ignore_errors=True)
        return path

    def record(self, what: str, value: str, target: str, met: bool | None) -> None:
        verdict = "" if met is None else ("met" if met else "not met")
        self.rows.append((what, value, target, verdict))
        print(f"{what:55} {value:>22}  {target:>10}  {verdict}", flush=True)

    def ext_html(self, count: int) -> Callable[[], dict]:
        src = write_extension_project(
            self.fresh(f"ext-{count}"), count, "modelcard_pdf = False\n"
        )
        out = self.fresh(f"ext-{count}-out")
        return lambda: self._clean(html, src, out)

    def plain_html(self, count: int) -> Callable[[], dict]:
        src = write_plain_project(self.fresh(f"plain-{count}"), count)
        out = self.fresh(f"plain-{count}-out")
        return lambda: self._clean(html, src, out)

    @staticmethod
    def _clean(build, src: Path, out: Path, *extra: str) -> dict:
        shutil.rmtree(out, ignore_errors=True)
        return build(src, out, *extra)

    def overhead(self, sizes: list[int]) -> dict[int, dict]:
        ext_runs = {}
        for count in sizes:
            ext, plain = medians(
                self.runs, self.ext_html(count), self.plain_html(count)
            )
            ratio = ext["wall"] / plain["wall"]
            self.record(
                f"1. html, extension / hand-written MyST, N={count}",
                f"{ext['wall']:.1f} s / {plain['wall']:.1f} s = {ratio:.2f}",
                "<= 1.15",
                ratio <= 1.15,
            )
            ext_runs[count] = ext
        return ext_runs

    def pdf_vs_stock(self, count: int, workers: str = "None") -> dict:
        conf = f"modelcard_pdf_workers = {workers}\n"
        src = write_extension_project(self.fresh(f"pdf-{count}"), count, conf)
        out = self.fresh(f"pdf-{count}-out")
        stock_src = write_extension_project(
            self.fresh(f"stock-{count}"),
            count,
            "modelcard_pdf = False\n" + STOCK_PDF.format(count=count),
        )
        stock_out = self.fresh(f"stock-{count}-out")

        def stock_once() -> dict:
            shutil.rmtree(stock_out, ignore_errors=True)
            first = html(stock_src, stock_out)
            second = sphinx_build(
                [
                    "-b",
                    "pdf",
                    "-q",
                    str(stock_src),
                    str(stock_out / "pdf"),
                    "-d",
                    str(stock_out / "doctrees"),
                ]
            )
            return {key: first[key] + second[key] for key in ("wall", "cpu")}

        ours, stock = medians(
            self.runs, lambda: self._clean(html, src, out), stock_once
        )
        ratio = ours["wall"] / stock["wall"]
        self.record(
            f"2. html+PDF run / html then stock -b pdf, N={count}",
            f"{ours['wall']:.1f} s / {stock['wall']:.1f} s = {ratio:.2f}",
            "<= 0.6",
            ratio <= 0.6,
        )
        self.record(
            f"   CPU seconds per PDF (whole run / N), N={count}",
            f"{ours['cpu'] / count:.2f} s",
            "",
            None,
        )
        return {"src": src, "out": out, "full": ours}

    def incremental(self, pdf_run: dict, count: int) -> None:
        src, out, full = pdf_run["src"], pdf_run["out"], pdf_run["full"]
        shutil.rmtree(out, ignore_errors=True)
        html(src, out)
        pdfs = sorted((out / "html").rglob("*.pdf"))
        unchanged = html(src, out)
        card = src / "cards" / "model-7.yaml"
        stamps = {p: p.stat().st_mtime_ns for p in pdfs}
        time.sleep(0.01)
        card.write_text(card.read_text().replace("Model 7", "Model seven"))
        later = time.time() + 2
        os.utime(card, (later, later))
        edited = html(src, out)
        rewritten = [p.name for p in pdfs if p.stat().st_mtime_ns != stamps[p]]
        edit_ratio = edited["wall"] / full["wall"]
        same_ratio = unchanged["wall"] / full["wall"]
        self.record(
            f"3. one card edited / full build, N={count}",
            f"{edited['wall']:.2f} s / {full['wall']:.1f} s = {edit_ratio:.3f}",
            "<= 0.1",
            edit_ratio <= 0.1,
        )
        self.record(
            f"   no change / full build, N={count}",
            f"{unchanged['wall']:.2f} s / {full['wall']:.1f} s = {same_ratio:.3f}",
            "<= 0.05",
            same_ratio <= 0.05,
        )
        self.record(
            "   PDFs rewritten after one card edit",
            f"{len(rewritten)} ({', '.join(rewritten) or 'none'})",
            "1",
            len(rewritten) == 1,
        )

    def growth(self, ext_runs: dict[int, dict], small: int, large: int) -> None:
        ratio = ext_runs[large]["wall"] / ext_runs[small]["wall"]
        self.record(
            f"4. html time N={large} / N={small}",
            f"{ratio:.2f}",
            "<= 5.5",
            ratio <= 5.5,
        )
        peak = ext_runs[large]["rss_mib"]
        self.record(
            f"   peak memory of the build, N={large}",
            f"{peak:.0f} MiB",
            "< 1536 MiB",
            peak < 1536,
        )

    def parallel(self, count: int) -> None:
        src = write_extension_project(self.fresh(f"par-{count}"), count)
        out = self.fresh(f"par-{count}-out")
        serial, two = medians(
            self.runs,
            lambda: self._clean(html, src, out, "-j", "1"),
            lambda: self._clean(html, src, out, "-j", "2"),
        )
        self.record(
            f"5. html+PDF -j 2 / -j 1, N={count}",
            f"{two['wall']:.1f} s / {serial['wall']:.1f} s = "
            f"{two['wall'] / serial['wall']:.2f}",
            "",
            None,
        )


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in (
            "sphinx",
            "docutils",
            "myst-parser",
            "sphinx-design",
            "sphinxcontrib-bibtex",
            "rst2pdf",
            "pydantic",
            "PyYAML",
        )
    )
    return (
        f"{os.cpu_count()} cores, {memory:.0f} GiB memory, "
        f"Python {platform.python_version()} on {platform.system()}; {versions}"
    )


def write_results(suite: Suite, quick: bool, parts: str) -> None:
    lines = [
        "<!-- Written by bench/run.py; do not edit by hand. -->",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; median of "
        f"{suite.runs} runs each{' (quick sizes)' if quick else ''}; "
        f"parts {', '.join(parts)} of the suite.",
        "",
        "| Measurement | Value | Target | |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in suite.rows]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--parts",
        default="12345",
        help="which measurements to run, as digits (default: 12345)",
    )
    parser.add_argument(
        "--no-write",
        action="store_true",
        help="print, but leave the docs table as it is",
    )
    args = parser.parse_args()
    sizes = [10, 20, 50] if args.quick else [50, 200, 1000]
    small, large = sizes[1], sizes[2]
    parts = set(args.parts)
    with tempfile.TemporaryDirectory(prefix="modelcard-bench-") as tmp:
        suite = Suite(Path(tmp), args.runs)
        if parts & {"1", "4"}:
            ext_runs = suite.overhead(sizes)
        if parts & {"2", "3"}:
            pdf_run = suite.pdf_vs_stock(small)
        if "3" in parts:
            suite.incremental(pdf_run, small)
        if "4" in parts:
            suite.growth(ext_runs, small, large)
        if "5" in parts:
            suite.parallel(small)
    if not args.no_write:
        write_results(suite, args.quick, "".join(sorted(parts)))


if __name__ == "__main__":
    main()
