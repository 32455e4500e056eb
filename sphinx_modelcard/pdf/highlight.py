"""Code blocks split into Pygments tokens, the form rst2pdf colours.

rst2pdf colours a ``literal_block`` of class ``code`` whose inline children
carry Pygments' short token classes; a plain literal block stays black.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from pygments import lex
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES
from pygments.util import ClassNotFound
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Sphinx's names for "Python, or plain text if it does not parse".
_PYTHON_ALIASES = {"default", "python3", "py3", "pycon3"}


def highlight_code(doctree: nodes.document, default_language: str) -> None:
    for block in list(doctree.findall(nodes.literal_block)):
        language = block.get("language") or default_language
        block.replace_self(_highlighted(block, language))


def _lexer_name(language: str) -> str:
    if language in _PYTHON_ALIASES:
        return "python"
    if language in ("none", ""):
        return "text"
    return language


def _highlighted(block: nodes.literal_block, language: str) -> nodes.literal_block:
    code = block.astext()
    try:
        lexer = get_lexer_by_name(_lexer_name(language), stripnl=False)
    except ClassNotFound:
        lexer = get_lexer_by_name("text", stripnl=False)
    tokens = list(lex(code, lexer))
    # Pygments ends the last line with a newline the block did not have.
    if tokens and not code.endswith("\n") and tokens[-1][1].endswith("\n"):
        tokens[-1] = (tokens[-1][0], tokens[-1][1][:-1])
    new = nodes.literal_block(code, classes=["code"], ids=block.get("ids", []))
    for token, value in tokens:
        css = _css_class(token)
        new += nodes.inline(value, value, classes=[css]) if css else nodes.Text(value)
    return new


def _css_class(token: Any) -> str:
    while token not in STANDARD_TYPES:
        token = token.parent
    return STANDARD_TYPES[token]
