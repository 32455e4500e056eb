"""Card text rendered as Markdown into the page, with nothing unsafe let through.

Card text comes from untrusted files. It is parsed with MyST's renderer bound
to the page, so roles such as ``{footcite}`` work, but directives are not run
(a directive could include files), nor substitutions (Jinja2 templates), raw
HTML stays text, only allowed roles run, links are kept only for http(s),
mailto and in-project targets, and a link to a file is kept only when the file
lies in the source folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .citations import bibliography
from .layout.values import Markup
from .paths import inside
from .problems import Subtype
from .reporting import warn
from .sanitize import allowed_uri, drop_unsafe_links

#: Roles a card's text may use; any other is shown as literal text.
ALLOWED_ROLES = frozenset(
    {
        "cite",
        "cite:p",
        "cite:t",
        "cite:ps",
        "cite:ts",
        "cite:alp",
        "cite:year",
        "footcite",
        "footcite:p",
        "footcite:t",
        "footcite:ps",
        "footcite:ts",
        "modelcard:card",
        "modelcard:code",
        "ref",
        "doc",
        "term",
        "abbr",
        "code",
        "kbd",
        "math",
        "sub",
        "sup",
        "samp",
        "file",
        "guilabel",
        "numref",
    }
)


class CardTextRenderer(SphinxRenderer):
    """MyST's renderer with directives, raw HTML and foreign roles turned off."""

    def render_fence(self, token: SyntaxTreeNode) -> None:
        if token.info.strip().startswith("{"):
            self._show_directive(token)
            return
        super().render_fence(token)

    def render_colon_fence(self, token: SyntaxTreeNode) -> None:
        # with colon_fence enabled, ":::{name}" runs a directive as well
        if (token.info or "").strip().startswith("{"):
            self._show_directive(token)
            return
        super().render_colon_fence(token)

    def _show_directive(self, token: SyntaxTreeNode) -> None:
        """A directive's text shown as code, never run: it could read files."""
        text = f"{token.info.strip()}\n{token.content}".rstrip("\n")
        block = nodes.literal_block(text, text)
        self.add_line_and_source_path(block, token)
        self.current_node += block

    def render_substitution_inline(self, token: SyntaxTreeNode) -> None:
        # substitutions are Jinja2 templates with the build environment in
        # reach: from card text they would run arbitrary code
        text = f"{{{{{token.content}}}}}"
        self.current_node += nodes.literal(text, text)

    def render_substitution_block(self, token: SyntaxTreeNode) -> None:
        text = f"{{{{{token.content}}}}}"
        self.current_node += nodes.literal_block(text, text)

    def render_html_block(self, token: SyntaxTreeNode) -> None:
        self.current_node += nodes.Text(token.content)

    def render_html_inline(self, token: SyntaxTreeNode) -> None:
        self.current_node += nodes.Text(token.content)

    def render_heading(self, token: SyntaxTreeNode) -> None:
        para = nodes.paragraph(classes=["modelcard-heading"])
        with self.current_node_context(para, append=True):
            strong = nodes.strong()
            with self.current_node_context(strong, append=True):
                self.render_children(token)

    def render_myst_role(self, token: SyntaxTreeNode) -> None:
        name = token.meta["name"]
        if name in ALLOWED_ROLES:
            super().render_myst_role(token)
            return
        text = f"{{{name}}}`{token.content}`"
        self.current_node += nodes.literal(text, text)

    def render_image(self, token: SyntaxTreeNode) -> None:
        alt = "".join(child.content for child in token.children or [])
        self.current_node += nodes.Text(alt)

    def render_link(self, token: SyntaxTreeNode) -> None:
        if not allowed_uri(str(token.attrGet("href") or "")):
            self.render_children(token)
            return
        super().render_link(token)


class DirectiveMarkup(Markup):
    """The :class:`Markup` of one directive run, parsing into its page."""

    def __init__(self, directive: SphinxDirective) -> None:
        self.directive = directive
        env = directive.env
        parser = create_md_parser(env.myst_config, CardTextRenderer)  # type: ignore[attr-defined]
        parser.disable(["html_block", "html_inline"], ignoreInvalid=True)
        self.renderer: CardTextRenderer = parser.renderer  # type: ignore[assignment]
        options: dict[str, Any] = {
            **parser.options,
            "document": directive.state.document,
        }
        self.renderer.setup_render(options, {})
        self.lineno = directive.lineno

    def _render(self, text: str, *, inline: bool) -> list[nodes.Node]:
        holder: nodes.Element = nodes.paragraph() if inline else nodes.container()
        with self.renderer.current_node_context(holder):
            self.renderer.nested_render_text(text, self.lineno - 1, inline=inline)
        _make_safe(holder)
        self._contain_downloads(holder)
        return list(holder.children)

    def _contain_downloads(self, tree: nodes.Element) -> None:
        """A link to a file copies it into the output: only from the source."""
        env = self.directive.env
        srcdir = Path(env.srcdir)
        for ref in list(tree.findall(addnodes.download_reference)):
            target = str(ref.get("reftarget", ""))
            _, absolute = env.relfn2path(target, env.docname)
            if inside(Path(absolute), [srcdir]):
                continue
            warn(
                f"card text links to {target!r}, outside the source folder; "
                "the file is not copied",
                Subtype.PATH,
                self.directive.get_location(),
            )
            ref.replace_self(nodes.Text(ref.astext()))

    def block(self, text: str) -> list[nodes.Node]:
        return self._render(text, inline=False)

    def inline(self, text: str) -> list[nodes.Node]:
        return self._render(text.strip(), inline=True)

    def citations(self, keys: Sequence[str]) -> list[nodes.Node]:
        return bibliography(self.directive.env, keys)


def _make_safe(tree: nodes.Element) -> None:
    """Raw output never passes; links only to allowed schemes."""
    for raw in list(tree.findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))
    drop_unsafe_links(tree)
