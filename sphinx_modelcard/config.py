"""Every ``modelcard_*`` configuration value, declared once.

The manual's configuration table is generated from :data:`CONFIG_VALUES`, so a
value added here is documented by adding its help text.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .problems import Subtype
from .reporting import warn

logger = logging.getLogger(__name__)

EMPTY_BIB = Path(__file__).with_name("empty.bib")

DEFAULT_MODALITIES = (
    "genetics",
    "brain",
    "single_cell",
    "multimodal",
    "clinical",
    "language",
    "tabular",
    "other",
)


@dataclasses.dataclass(frozen=True)
class ConfigValue:
    """One ``modelcard_*`` value: its default, accepted types and help text."""

    name: str
    default: Any
    types: tuple[type, ...]
    help: str
    rebuild: Literal["", "env", "html"] = "env"

    @property
    def type_names(self) -> str:
        return " or ".join(
            "None" if t is type(None) else t.__name__ for t in self.types
        )


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "modelcard_kb_dir",
        "model_cards",
        (str,),
        "Folder of the card files, relative to ``conf.py``. A directive argument "
        "that is a card id is looked up here as ``<id>.yaml``.",
    ),
    ConfigValue(
        "modelcard_modalities",
        list(DEFAULT_MODALITIES),
        (list, tuple),
        "The values a card's ``modality`` may take.",
    ),
    ConfigValue(
        "modelcard_source_url",
        None,
        (str, type(None)),
        "Template of the link to a card's YAML file, with ``{path}`` (the file's "
        "path relative to ``modelcard_source_root``, with ``/`` separators) and "
        "``{id}``; for example "
        "``https://github.com/org/kb/blob/main/{path}``. When unset, the card "
        "shows the plain file path.",
    ),
    ConfigValue(
        "modelcard_source_root",
        ".",
        (str,),
        "The folder, relative to ``conf.py``, that ``{path}`` in "
        "``modelcard_source_url`` is relative to: usually the repository root.",
    ),
    ConfigValue(
        "modelcard_repos_dir",
        None,
        (str, type(None)),
        "Folder, relative to ``conf.py``, of local checkouts of the upstream "
        "repositories (``<repos_dir>/<id>/``). When a checkout is present, the "
        "``modelcard:code`` role checks that the cited file exists in it.",
    ),
    ConfigValue(
        "modelcard_max_bytes",
        1024 * 1024,
        (int,),
        "Largest card file, in bytes, that is read; a larger one is refused.",
    ),
    ConfigValue(
        "modelcard_pdf",
        True,
        (bool,),
        "Write one PDF per page that holds a card, in the same build as the HTML "
        "(``html`` and ``dirhtml`` builders). The PDF is named after the first "
        "card on the page, ``<id>.pdf``, and is written to ``_modelcard_pdf/`` "
        "in the HTML output.",
        rebuild="",
    ),
    ConfigValue(
        "modelcard_pdf_dir",
        None,
        (str, type(None)),
        "Folder, relative to ``conf.py``, that receives a copy of every page's "
        "``<id>.pdf``, besides the one in the HTML output. When unset, the PDFs "
        "are written into the HTML output only.",
        rebuild="",
    ),
    ConfigValue(
        "modelcard_pdf_author",
        None,
        (str, type(None)),
        "The author written into each PDF's metadata; defaults to ``author``.",
        rebuild="",
    ),
    ConfigValue(
        "modelcard_pdf_workers",
        None,
        (int, type(None)),
        "Number of worker processes that render PDFs; defaults to the number of "
        "CPUs (at most 4).",
        rebuild="",
    ),
    ConfigValue(
        "modelcard_pdf_timeout",
        120.0,
        (int, float),
        "Seconds one PDF may take before its worker is stopped and the PDF is "
        "reported as failed.",
        rebuild="",
    ),
)

#: Not a user setting: the folder of conf.py, which path values are relative
#: to, kept where directives and roles (which see no application) can read it.
CONFDIR = "modelcard_confdir"


def register_config(app: Sphinx) -> None:
    for value in CONFIG_VALUES:
        app.add_config_value(value.name, value.default, value.rebuild, value.types)
    app.add_config_value(CONFDIR, "", "", (str,))
    app.connect("config-inited", check_config)


def check_config(app: Sphinx, config: Config) -> None:
    """Fall back to the default, with a warning, for a value of the wrong type."""
    setattr(config, CONFDIR, str(app.confdir))
    if not config.bibtex_bibfiles:
        # sphinxcontrib-bibtex refuses to start without a file; a project
        # whose cards cite nothing should not have to keep one.
        config.bibtex_bibfiles = [str(EMPTY_BIB)]
    for value in CONFIG_VALUES:
        current = getattr(config, value.name)
        expected = _problem_with(value, current)
        if expected is not None:
            warn(
                f"{value.name} should be {expected}, not {current!r}; "
                f"using the default {value.default!r}",
                Subtype.CONFIG,
            )
            setattr(config, value.name, value.default)


def _problem_with(value: ConfigValue, current: Any) -> str | None:
    """What ``current`` should have been, or None when it is fine."""
    wrong_type = not isinstance(current, value.types) or (
        isinstance(current, bool) and bool not in value.types
    )
    if wrong_type:
        return value.type_names
    if value.name == "modelcard_modalities" and (
        not current or not all(isinstance(m, str) for m in current)
    ):
        return "a non-empty list of strings"
    if value.name in ("modelcard_max_bytes", "modelcard_pdf_timeout") and current <= 0:
        return "a positive number"
    if value.name == "modelcard_pdf_workers" and current is not None and current < 1:
        return "a positive number"
    return None


def config_path(config: Config, name: str) -> Path | None:
    """The folder a path-valued config value names, resolved from ``conf.py``."""
    raw = getattr(config, name)
    if raw is None:
        return None
    return (Path(getattr(config, CONFDIR)) / raw).resolve()
