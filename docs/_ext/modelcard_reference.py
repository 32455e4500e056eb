"""Reference tables of the manual, generated from the extension's own code.

The configuration values, the warning subtypes and the card keys are each
declared once in ``sphinx_modelcard``; these directives print them, so the
manual cannot drift from the code.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from docutils import nodes
from pydantic import BaseModel
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from sphinx_modelcard.config import CONFIG_VALUES
from sphinx_modelcard.problems import SUBTYPE_HELP, WARNING_TYPE
from sphinx_modelcard.schema import ModelCard


def _table(headers: list[str], rows: list[list[nodes.Node]]) -> nodes.table:
    group = nodes.tgroup(cols=len(headers))
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    group += nodes.thead(
        "", nodes.row("", *(nodes.entry("", nodes.paragraph(h, h)) for h in headers))
    )
    body = nodes.tbody()
    for row in rows:
        body += nodes.row("", *(nodes.entry("", cell) for cell in row))
    group += body
    return nodes.table("", group)


def _code(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.literal(text, text))


class ConfigReference(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = []
        for value in CONFIG_VALUES:
            help_nodes, _ = self.parse_inline(value.help)
            rows.append(
                [
                    _code(value.name),
                    _code(value.type_names),
                    _code(repr(value.default)),
                    nodes.paragraph("", "", *help_nodes),
                ]
            )
        return [_table(["Name", "Type", "Default", "Meaning"], rows)]


class WarningReference(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = []
        for subtype, text in SUBTYPE_HELP.items():
            help_nodes, _ = self.parse_inline(text)
            rows.append(
                [
                    _code(f"{WARNING_TYPE}.{subtype.value}"),
                    nodes.paragraph("", "", *help_nodes),
                ]
            )
        return [_table(["Subtype", "Reported for"], rows)]


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if isinstance(annotation, types.UnionType) or origin is typing.Union:
        return " or ".join(_type_name(a) for a in typing.get_args(annotation))
    if origin in (list, tuple):
        return f"list of {_type_name(typing.get_args(annotation)[0])}"
    if origin is dict:
        return "mapping"
    if annotation is type(None):
        return "null"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "mapping"
    return getattr(annotation, "__name__", str(annotation))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


def _field_rows(model: type[BaseModel], prefix: str) -> list[list[nodes.Node]]:
    rows = []
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        required = "required" if info.is_required() else "optional"
        rows.append(
            [
                _code(key),
                nodes.paragraph("", f"{_type_name(info.annotation)}, {required}"),
                nodes.paragraph("", info.description or ""),
            ]
        )
        for sub in _models_in(info.annotation):
            sub_prefix = (
                f"{key}[]." if "list" in _type_name(info.annotation) else (f"{key}.")
            )
            rows += _field_rows(sub, sub_prefix)
    return rows


class SchemaReference(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [_table(["Key", "Type", "Meaning"], _field_rows(ModelCard, ""))]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("modelcard-config-reference", ConfigReference)
    app.add_directive("modelcard-warning-reference", WarningReference)
    app.add_directive("modelcard-schema-reference", SchemaReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
