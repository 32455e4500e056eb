extensions = ["sphinx_modelcard"]
modelcard_kb_dir = "cards"
modelcard_repos_dir = "repos"
