"""The KB site and the extension's manual, built with sphinx-modelcard itself."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-modelcard"
author = "sphinx-modelcard developers"
copyright = "2026, sphinx-modelcard developers"

extensions = ["sphinx_modelcard", "modelcard_reference"]

html_theme = "furo"
html_title = "Neuro-genomics model cards"
exclude_patterns = ["_build", "manual/benchmark-results.md"]

myst_heading_anchors = 3

modelcard_kb_dir = "../kb/model_cards"
modelcard_source_root = ".."
modelcard_pdf_dir = "../artifacts/pdf/code_walkthroughs"
bibtex_bibfiles = ["../refs.bib"]
