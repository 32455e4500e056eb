extensions = ["sphinx_modelcard"]
modelcard_kb_dir = "cards"
bibtex_bibfiles = ["refs.bib"]
