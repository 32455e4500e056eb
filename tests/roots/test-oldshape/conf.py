extensions = ["sphinx_modelcard"]
modelcard_kb_dir = "cards"
