"""sphinx-modelcard: YAML model cards rendered into Sphinx pages and PDFs."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

#: Bumped whenever what the extension stores in the environment changes shape.
ENV_VERSION = 1


def setup(app: Sphinx) -> ExtensionMetadata:
    from . import assets, config, directive, domain, roles, sanitize
    from .pdf import setup_pdf

    for extension in ("myst_parser", "sphinx_design", "sphinxcontrib.bibtex"):
        app.setup_extension(extension)

    config.register_config(app)
    app.add_domain(domain.ModelCardDomain)
    app.connect("warn-missing-reference", domain.warn_missing_card)
    directive.setup_directive(app)
    roles.setup_roles(app)
    assets.setup_assets(app)
    sanitize.setup_sanitize(app)
    setup_pdf(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
