"""The ``modelcard`` directive: find the card, validate it, lay it out."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .citations import bib_entries
from .config import config_path
from .domain import CardEntry, ModelCardDomain
from .fields import ID_PATTERN
from .layout import CardLinks, render_card, render_unreadable
from .markup import DirectiveMarkup
from .paths import inside
from .problems import Problem, Subtype
from .reporting import report_problem, warn
from .schema import ModelCard
from .store import cached_card
from .validate import CardResult

logger = logging.getLogger(__name__)


class ModelCardDirective(SphinxDirective):
    """Render the card named by the argument: an id, or a ``.yaml`` path."""

    required_arguments = 1
    final_argument_whitespace = False
    has_content = False

    def run(self) -> list[nodes.Node]:
        path = self._card_path(self.arguments[0])
        if path is None:
            return []
        self.env.note_dependency(str(path))
        result = cached_card(
            path,
            modalities=tuple(self.config.modelcard_modalities),
            max_bytes=self.config.modelcard_max_bytes,
        )
        card = result.card
        if card is not None and card.id is None:
            card = card.model_copy(update={"id": fallback_id(path)})
        problems = list(result.problems)
        missing: set[str] = set()
        if card is not None:
            if not self._claim(card, path):
                return []
            link_problems, missing = self._check_links(result)
            problems += link_problems
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        for problem in problems:
            report_problem(path, problem)
        shown = [self._describe(path, p) for p in problems]
        if card is None:
            return [render_unreadable(fallback_id(path), shown)]
        node = render_card(card, DirectiveMarkup(self), self._links(path), shown)
        for xref in node.findall(addnodes.pending_xref):
            if xref["reftarget"] in missing:
                xref["refwarn"] = False  # already reported at its YAML line
        self.set_source_info(node)
        return [node]

    def _claim(self, card: ModelCard, path: Path) -> bool:
        """Record this page as the card's page; False if another has it."""
        card_id = card.id or fallback_id(path)
        entry: CardEntry = {
            "docname": self.env.docname,
            "lineno": self.lineno,
            "path": str(path),
            "name": card.name or card_id,
            "summary": card.summary or "",
            "tags": list(card.tags),
            "modality": card.modality or "",
        }
        domain = self.env.domains[ModelCardDomain.name]
        assert isinstance(domain, ModelCardDomain)
        return domain.note_card(card_id, entry)

    @functools.cached_property
    def _kb_dir(self) -> Path:
        kb_dir = config_path(self.config, "modelcard_kb_dir")
        assert kb_dir is not None  # it has a default and is checked on start
        return kb_dir

    def _card_path(self, argument: str) -> Path | None:
        """The card file, resolved; None (with a warning) when not allowed."""
        kb_dir = self._kb_dir
        if argument.endswith((".yaml", ".yml")):
            _, absolute = self.env.relfn2path(argument, self.env.docname)
            candidate = Path(absolute)
        elif re.match(ID_PATTERN, argument):
            candidate = kb_dir / f"{argument}.yaml"
        else:
            warn(
                f"{argument!r} is neither a card id nor a path to a .yaml file",
                Subtype.PATH,
                self.get_location(),
            )
            return None
        path = candidate.resolve()
        allowed = [Path(self.env.srcdir).resolve(), kb_dir]
        if not inside(path, allowed):
            warn(
                f"card file {argument!r} resolves to {path}, outside the source "
                "and KB folders; it is not read",
                Subtype.PATH,
                self.get_location(),
            )
            return None
        if not path.is_file():
            warn(f"card file not found: {path}", Subtype.NOT_FOUND, self.get_location())
            return None
        return path

    def _check_links(self, result: CardResult) -> tuple[list[Problem], set[str]]:
        """Cited keys and related ids that name nothing, at their YAML lines.

        Also returns the related ids that have no card file.
        """
        assert result.card is not None and result.loaded is not None
        card, values = result.card, result.loaded.values
        problems = []
        kb_dir = self._kb_dir
        missing = set()
        for index, related in enumerate(card.related):
            if not (kb_dir / f"{related}.yaml").is_file():
                missing.add(related)
                line, column = values.get(("related", index), (None, None))
                problems.append(
                    Problem(
                        f"related[{index}]: no card {related!r} in the KB",
                        Subtype.REFERENCE,
                        line,
                        column,
                    )
                )
        entries = bib_entries(self.env)
        if card.references is not None and entries is not None:
            for index, key in enumerate(card.references.cite):
                if key not in entries:
                    line, column = values.get(
                        ("references", "cite", index), (None, None)
                    )
                    problems.append(
                        Problem(
                            f"references.cite[{index}]: no entry {key!r} in the "
                            "bibliography files",
                            Subtype.REFERENCE,
                            line,
                            column,
                        )
                    )
        return problems, missing

    def _links(self, path: Path) -> CardLinks:
        root = config_path(self.config, "modelcard_source_root")
        assert root is not None
        try:
            shown = path.relative_to(root).as_posix()
        except ValueError:
            shown = path.name
        template = self.config.modelcard_source_url
        url = template.format(path=shown, id=path.stem) if template else None
        return CardLinks(yaml_text=shown, yaml_url=url)

    @staticmethod
    def _describe(path: Path, problem: Problem) -> str:
        where = path.name
        if problem.line is not None:
            where += f", line {problem.line}"
        if problem.column is not None:
            where += f", column {problem.column}"
        return f"{where}: {problem.message}"


def fallback_id(path: Path) -> str:
    """The id of a card whose own id is invalid: its stem, made safe.

    The id ends up in HTML ids and file names, so a stem that is no valid
    id (quotes, spaces) is turned into one.
    """
    if re.match(ID_PATTERN, path.stem):
        return path.stem
    return nodes.make_id(path.stem) or "card"


def setup_directive(app: Sphinx) -> None:
    app.add_directive("modelcard", ModelCardDirective)
