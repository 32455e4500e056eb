extensions = ["sphinx_modelcard"]
modelcard_kb_dir = "cards"
bibtex_bibfiles = ["refs.bib"]
myst_enable_extensions = ["colon_fence", "substitution", "attrs_inline", "deflist"]
myst_substitutions = {"secret": "SUBSTITUTED"}
