"""The ``modelcard:code`` role: a file of a card's upstream repository.

``{modelcard:code}`caduceus:caduceus/modeling_caduceus.py``` links to that file
at the card's commit (or tag); an explicit title is written
``{modelcard:code}`the model <caduceus:caduceus/modeling_caduceus.py>```.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from .config import config_path
from .fields import ID_PATTERN
from .layout.repo_links import file_url
from .paths import inside
from .problems import Subtype
from .reporting import warn
from .store import cached_card

_TARGET = re.compile(r"^(?P<id>[^:]+):(?P<path>[^#]+)(?P<anchor>#L\d+(-L\d+)?)?$")


class CodeCitationRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_title, title, target = split_explicit_title(self.text)
        match = _TARGET.match(target.strip())
        if match is None or not re.match(ID_PATTERN, match["id"]):
            return self._fail(f"{target!r} should be <card-id>:<path>[#L<n>]")
        card_id, rel = match["id"], match["path"]
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts:
            return self._fail(
                f"{rel!r} must be a path inside the repository", Subtype.PATH
            )
        kb_dir = config_path(self.config, "modelcard_kb_dir")
        assert kb_dir is not None
        card_path = (kb_dir / f"{card_id}.yaml").resolve()
        if not inside(card_path, [kb_dir]) or not card_path.is_file():
            return self._fail(f"no card {card_id!r} in the KB")
        self.env.note_dependency(str(card_path))
        card = cached_card(
            card_path,
            modalities=tuple(self.config.modelcard_modalities),
            max_bytes=self.config.modelcard_max_bytes,
        ).card
        if card is None or not card.repo or not card.ref:
            return self._fail(f"card {card_id!r} has no valid repo and version")
        self._check_checkout(card_id, rel)
        url = file_url(card.repo, card.version.commit or card.ref, rel)
        shown = title if has_title else rel
        literal = nodes.literal(shown, shown, classes=["modelcard-code"])
        if url is None:
            return [literal], []
        return [
            nodes.reference(
                "", "", literal, refuri=url + (match["anchor"] or ""), internal=False
            )
        ], []

    def _check_checkout(self, card_id: str, rel: str) -> None:
        """With a local checkout, the cited file must exist in it."""
        repos = config_path(self.config, "modelcard_repos_dir")
        if repos is None:
            return
        checkout = repos / card_id
        if not checkout.is_dir():
            return
        target = (checkout / rel).resolve()
        # both: a checkout may itself be a link out of the repos folder
        if not (inside(target, [checkout]) and inside(target, [repos])):
            warn(
                f"{rel!r} leaves the checkout of {card_id!r}",
                Subtype.PATH,
                self.get_location(),
            )
        elif not Path(target).exists():
            warn(
                f"{rel!r} is not in the checkout of {card_id!r}",
                Subtype.CODE,
                self.get_location(),
            )

    def _fail(
        self, message: str, subtype: Subtype = Subtype.CODE
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        warn(message, subtype, self.get_location())
        return [nodes.literal(self.rawtext, self.text)], []


def setup_roles(app: Sphinx) -> None:
    app.add_role_to_domain("modelcard", "code", CodeCitationRole())
