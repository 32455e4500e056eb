"""Code blocks split into Pygments tokens, the form rst2pdf colours.

rst2pdf colours a ``literal_block`` of class ``code`` whose inline children
carry Pygments' short token classes; a plain literal block stays black.
"""

from __future__ import annotations

from docutils import nodes
from pygments import lex
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES, _TokenType
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
    new = nodes.literal_block(code, classes=["code"], ids=block.get("ids", []))
    for token, value in lex(code, lexer):
        css = _css_class(token)
        new += nodes.inline(value, value, classes=[css]) if css else nodes.Text(value)
    # Pygments ends the last line with a newline the block did not have.
    if not code.endswith("\n") and new.children and new[-1].astext().endswith("\n"):
        last = new[-1]
        text = last.astext()[:-1]
        new[-1] = nodes.inline(text, text, classes=last.get("classes", [])) if (
            isinstance(last, nodes.inline)
        ) else nodes.Text(text)
    return new


def _css_class(token: _TokenType) -> str:
    while token not in STANDARD_TYPES:
        token = token.parent
    return STANDARD_TYPES[token]
