"""Links to a tag or a commit on the repository's own site."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

_TREE = {
    "github.com": ("{repo}/tree/{ref}", "{repo}/commit/{ref}"),
    "gitlab.com": ("{repo}/-/tree/{ref}", "{repo}/-/commit/{ref}"),
    "huggingface.co": ("{repo}/tree/{ref}", "{repo}/commit/{ref}"),
    "codeberg.org": ("{repo}/src/tag/{ref}", "{repo}/commit/{ref}"),
}


def _templates(repo: str) -> tuple[str, str] | None:
    host = (urlsplit(repo).hostname or "").removeprefix("www.")
    return _TREE.get(host)


def tag_url(repo: str, tag: str) -> str | None:
    templates = _templates(repo)
    if templates is None:
        return None
    return templates[0].format(repo=repo.rstrip("/"), ref=quote(tag, safe=""))


def commit_url(repo: str, commit: str) -> str | None:
    templates = _templates(repo)
    if templates is None:
        return None
    return templates[1].format(repo=repo.rstrip("/"), ref=quote(commit, safe=""))


def file_url(repo: str, ref: str, path: str) -> str | None:
    """A file at ``ref`` on the repository's site, for code citations."""
    host = (urlsplit(repo).hostname or "").removeprefix("www.")
    base = repo.rstrip("/")
    quoted = quote(path.lstrip("/"))
    if host == "github.com":
        return f"{base}/blob/{ref}/{quoted}"
    if host == "gitlab.com":
        return f"{base}/-/blob/{ref}/{quoted}"
    if host == "huggingface.co":
        return f"{base}/blob/{ref}/{quoted}"
    if host == "codeberg.org":
        return f"{base}/src/commit/{ref}/{quoted}"
    return None


def display_name(repo: str) -> str:
    """``owner/name`` for a repository URL; the URL when it has no such path."""
    parts = urlsplit(repo)
    path = parts.path.strip("/").removesuffix(".git")
    return path or (parts.hostname or repo)
