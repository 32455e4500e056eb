"""Time the PDF step against rst2pdf's own PDF builder on generated pages.

    python bench/bench_pdf.py [--cards N] [--workers W] [--keep DIR]

It writes N cards, each on its own walkthrough page, and measures:

a. one ``sphinx-build -b html`` run, which writes the HTML and every PDF;
b. the way without this extension's PDF step: an HTML build, then
   ``sphinx-build -b pdf`` with ``rst2pdf.pdfbuilder`` and one
   ``pdf_documents`` entry per page, sharing the doctrees of the HTML build.

The stock builder's cover page, table of contents and indices are switched
off, so that both produce one plain document per page.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CONF = """\
project = "Benchmark KB"
author = "Benchmark"
extensions = ["sphinx_modelcard"]
modelcard_kb_dir = "cards"
bibtex_bibfiles = ["refs.bib"]
modelcard_pdf = {pdf}
modelcard_pdf_workers = {workers}
"""

STOCK_CONF = """
extensions += ["rst2pdf.pdfbuilder"]
pdf_documents = [
    (f"card{{n:04d}}", f"card{{n:04d}}", f"Card {{n}}", "Benchmark")
    for n in range({cards})
]
pdf_use_coverpage = False
pdf_use_toc = False
pdf_use_index = False
pdf_domain_indices = False
pdf_use_modindex = False
"""

BIB = """\
@article{{ref{n:04d},
  title   = {{Model {n} for sequences}},
  author  = {{Doe, Jane and Roe, Richard}},
  journal = {{Journal of Examples}},
  year    = {{2024}},
  doi     = {{10.1000/example.{n}}}
}}
"""

CARD = """\
id: card{n:04d}
name: Model {n}
modality: genetics
domain: dna
summary: Benchmark model {n}, a small sequence encoder.
repo: https://github.com/example/model{n}
version:
  tag: v1.{n}.0
  commit: 0123456789abcdef0123456789abcdef01234567
  date: 2025-01-02
license:
  code: Apache-2.0
  weights: CC-BY-4.0
tags: [bench, long-context]
verified: false
purpose:
  intended_tasks: [variant effect prediction, promoter detection]
  out_of_scope: [clinical use]
arch:
  type: State-space model
  layers: 8
  hidden_size: 256
  special_features: [reverse-complement equivariance]
tokenizer:
  type: character
  vocab: [A, C, G, T, N]
  context_length: 131072
  units: bp
pooling:
  method: mean
  rc_handling: average the forward and reverse-complement passes
  embedding_dim: 256
embedding_procedure:
  - step: Encode
    detail: Run the model over each sequence.
how_to_infer:
  python: |
    model = load("card{n:04d}")
    print(model.embed("ACGT").shape)
  bash: |
    python embed.py --model card{n:04d}
strengths: [Long context]
limitations: [Needs a GPU]
references:
  cite: [ref{n:04d}]
  links:
    - {{title: Documentation, url: "https://example.org/docs/{n}"}}
"""

PAGE = """\
# Walkthrough {n}

```{{modelcard}} card{n:04d}
```

## Loading the model

The encoder follows the state-space design {{footcite}}`ref{n:04d}`; the
walkthrough loads it, embeds a sequence and pools the result.

```python
from model import load

model = load("card{n:04d}")
embedding = model.embed("ACGTACGT").mean(axis=0)
```

```{{footbibliography}}
```
"""


def write_project(root: Path, cards: int, pdf: bool, workers: int) -> None:
    (root / "cards").mkdir(parents=True)
    (root / "conf.py").write_text(CONF.format(pdf=pdf, workers=workers), "utf-8")
    (root / "refs.bib").write_text(
        "".join(BIB.format(n=n) for n in range(cards)), "utf-8"
    )
    pages = []
    for n in range(cards):
        (root / "cards" / f"card{n:04d}.yaml").write_text(CARD.format(n=n), "utf-8")
        (root / f"card{n:04d}.md").write_text(PAGE.format(n=n), "utf-8")
        pages.append(f"card{n:04d}")
    toctree = "\n".join(pages)
    (root / "index.md").write_text(
        f"# Benchmark KB\n\n```{{toctree}}\n{toctree}\n```\n", "utf-8"
    )


def run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (children included) of one sphinx-build."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"sphinx-build {' '.join(args)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def count_pdfs(folder: Path) -> int:
    return sum(1 for path in folder.glob("*.pdf") if path.stat().st_size > 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="folder to keep the projects in")
    options = parser.parse_args()

    base = options.keep or Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    ours, stock = base / "ours", base / "stock"
    for folder in (ours, stock):
        shutil.rmtree(folder, ignore_errors=True)
    write_project(ours, options.cards, True, options.workers)
    write_project(stock, options.cards, False, options.workers)
    with open(stock / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(STOCK_CONF.format(cards=options.cards))

    doctrees = stock / "_build" / "doctrees"
    a_wall, a_cpu = run(["-b", "html", str(ours), str(ours / "_build" / "html")])
    html_wall, html_cpu = run(
        ["-b", "html", "-d", str(doctrees), str(stock), str(stock / "_build" / "html")]
    )
    pdf_wall, pdf_cpu = run(
        ["-b", "pdf", "-d", str(doctrees), str(stock), str(stock / "_build" / "pdf")]
    )
    ours_pdfs = count_pdfs(ours / "_build" / "html" / "_modelcard_pdf")
    stock_pdfs = count_pdfs(stock / "_build" / "pdf")
    b_wall = html_wall + pdf_wall

    n = options.cards
    rows = [
        ("a. html build with the PDF step", a_wall, a_cpu, ours_pdfs),
        ("b1. html build, no PDF step", html_wall, html_cpu, 0),
        ("b2. stock rst2pdf -b pdf", pdf_wall, pdf_cpu, stock_pdfs),
        ("b. b1 + b2", b_wall, html_cpu + pdf_cpu, stock_pdfs),
    ]
    print(f"{n} cards, {options.workers} PDF workers, {os.cpu_count()} CPUs")
    print(f"{'run':34} {'wall s':>8} {'CPU s':>8} {'PDFs':>5}")
    for name, wall, cpu, pdfs in rows:
        print(f"{name:34} {wall:8.1f} {cpu:8.1f} {pdfs:5d}")
    print(f"ratio a / b (wall): {a_wall / b_wall:.2f}  (target <= 0.6)")
    print(f"CPU s per PDF, PDF step (a - b1): {(a_cpu - html_cpu) / n:.3f}")
    print(f"CPU s per PDF, stock builder (b2): {pdf_cpu / n:.3f}")
    if not options.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
