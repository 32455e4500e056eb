project = "PDF test"
author = "Test Author"
extensions = ["sphinx_modelcard"]
modelcard_kb_dir = "cards"
bibtex_bibfiles = ["refs.bib"]
