"""The ten template sections, each built from the keys that feed it."""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes

from ..fields import looks_like_url
from ..schema import ModelCard, Projector
from . import components
from .values import (
    Markup,
    bullets,
    field_list,
    link_para,
    literals,
    nested,
    scalar,
    text_para,
)

Builder = Callable[[ModelCard, Markup], list[nodes.Node]]


def purpose(card: ModelCard, markup: Markup) -> list[nodes.Node]:
    body: list[nodes.Node] = []
    if card.summary:
        body += markup.block(card.summary)
    scope = card.purpose
    return body + field_list(
        [
            ("Intended tasks", bullets(markup, scope.intended_tasks if scope else [])),
            (
                "Intended datasets",
                bullets(markup, scope.intended_datasets if scope else []),
            ),
            ("Out of scope", bullets(markup, scope.out_of_scope if scope else [])),
            ("Intended use", bullets(markup, card.intended_use)),
            ("Intended use in project", bullets(markup, card.intended_use_in_project)),
            ("Tasks", bullets(markup, card.tasks)),
        ]
    )


def architecture(card: ModelCard, markup: Markup) -> list[nodes.Node]:
    arch = card.arch
    if arch is None:
        return []
    return field_list(
        [
            ("Type", scalar(markup, arch.type)),
            ("Backbone", scalar(markup, arch.backbone)),
            ("Parameters", scalar(markup, arch.parameters)),
            ("Layers", scalar(markup, arch.layers)),
            ("Hidden size", scalar(markup, arch.hidden_size)),
            ("Context length", scalar(markup, arch.context_length)),
            ("Special features", bullets(markup, arch.special_features)),
            ("Optimizer defaults", nested(markup, arch.optimizer_defaults)),
        ]
    )


def tokenization(card: ModelCard, markup: Markup) -> list[nodes.Node]:
    tok = card.tokenizer
    rows = [("Context length", scalar(markup, card.context_length))]
    if tok is not None:
        rows = [
            ("Type", scalar(markup, tok.type)),
            ("Vocabulary", literals(tok.vocab)),
            ("Vocabulary size", scalar(markup, tok.vocab_size)),
            ("Tokenizer", scalar(markup, tok.model)),
            ("Context length", scalar(markup, tok.context_length)),
            ("Units", scalar(markup, tok.units)),
            ("Base pairs per token", scalar(markup, tok.bp_per_token)),
            ("Preprocessing", bullets(markup, tok.preprocessing)),
            ("Notes", scalar(markup, tok.notes)),
            *([] if tok.context_length else rows),
        ]
    rows.append(("Tokenizer configuration", nested(markup, card.tokenizer_config)))
    return field_list(rows)


def pooling(card: ModelCard, markup: Markup) -> list[nodes.Node]:
    pool = card.pooling
    if pool is None:
        return []
    return field_list(
        [
            ("Method", scalar(markup, pool.method)),
            ("Reverse complement", scalar(markup, pool.rc_handling)),
            ("TR alignment", scalar(markup, pool.tr_alignment)),
            ("Aggregation", scalar(markup, " → ".join(pool.aggregation))),
            ("Embedding size", scalar(markup, pool.embedding_dim)),
        ]
    )


def training(card: ModelCard, markup: Markup) -> list[nodes.Node]:
    train = card.training
    rows = [
        (
            "Datasets",
            bullets(markup, [*(train.datasets if train else []), *card.datasets]),
        ),
        ("Samples", scalar(markup, train.samples if train else None)),
        ("Assumptions", bullets(markup, train.assumptions if train else [])),
    ]
    if card.weights is not None:
        rows += [
            ("Weights", [link_para(url) for url in card.weights.huggingface]),
            ("Artifacts", literals(card.weights.artifacts)),
        ]
    body = field_list(rows)
    if card.checkpoints:
        body.append(_checkpoint_table(card, markup))
    return body


def _checkpoint_table(card: ModelCard, markup: Markup) -> nodes.table:
    headers = ["Checkpoint", "Location", "Placement", "Context", "dtype"]
    rows = []
    for ckpt in card.checkpoints:
        location: list[nodes.Node] = []
        if ckpt.path and looks_like_url(ckpt.path):
            location = [link_para(ckpt.path)]
        elif ckpt.path:
            location = literals([ckpt.path])
        rows.append(
            [
                literals([ckpt.name]),
                location,
                literals([ckpt.placement]) if ckpt.placement else [],
                scalar(markup, ckpt.context_length),
                scalar(markup, ckpt.dtype),
            ]
        )
    return table(headers, rows, "modelcard-checkpoints")


def table(
    headers: list[str], rows: list[list[list[nodes.Node]]], cls: str
) -> nodes.table:
    group = nodes.tgroup(cols=len(headers))
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    group += nodes.thead(
        "", nodes.row("", *(nodes.entry("", text_para(h)) for h in headers))
    )
    body = nodes.tbody()
    for row in rows:
        body += nodes.row("", *(nodes.entry("", *cell) for cell in row))
    group += body
    return nodes.table("", group, classes=[cls])


def procedure(card: ModelCard, markup: Markup) -> list[nodes.Node]:
    body: list[nodes.Node] = []
    if card.embedding_procedure:
        steps = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for step in card.embedding_procedure:
            item = nodes.list_item()
            head = nodes.paragraph()
            head += nodes.strong(step.step, step.step)
            item += head
            if step.detail:
                item += markup.block(step.detail)
            if step.flags:
                item += nodes.paragraph(
                    "", "Flags: ", *literals(step.flags)[0].children
                )
            steps += item
        body.append(steps)
    body += _snippets(card)
    body += field_list(
        [
            ("Embedding recipe", nested(markup, _dump(card.embedding_recipe))),
            ("Tabular usage", nested(markup, card.tabular_usage)),
            ("Inference API", nested(markup, _dump(card.inference_api))),
        ]
    )
    return body


def _dump(model: object) -> object:
    dump = getattr(model, "model_dump", None)
    return dump(exclude_none=True, exclude_defaults=True) if dump else None


def _snippets(card: ModelCard) -> list[nodes.Node]:
    items: list[tuple[str, list[nodes.Node]]] = [
        (name, [snippet_block(name, code)]) for name, code in card.how_to_infer.items()
    ]
    if len(items) == 1:
        name, body = items[0]
        return [nodes.rubric(name, name, classes=["modelcard-snippet"]), *body]
    return [components.tab_set(items)] if items else []


_SHELL_NAMES = ("bash", "shell", "sh", "cli", "console", "command")


def snippet_block(name: str, code: str) -> nodes.literal_block:
    language = "bash" if name.lower() in _SHELL_NAMES else "python"
    block = nodes.literal_block(code, code, language=language)
    block["highlight_args"] = {}
    return block


def integration(card: ModelCard, markup: Markup) -> list[nodes.Node]:
    hook = card.integration
    body: list[nodes.Node] = []
    if hook is not None and hook.projector is not None:
        body += projector(hook.projector, markup)
    return body + field_list(
        [
            ("Fusion", bullets(markup, hook.fusion if hook else [])),
            ("Attribution", bullets(markup, hook.attribution if hook else [])),
            ("Feeds", bullets(markup, card.integrations)),
        ]
    )


def projector(proj: Projector, markup: Markup) -> list[nodes.Node]:
    """The projector's layer stack, with the width after each layer."""
    width = proj.input_dim
    rows: list[list[list[nodes.Node]]] = []
    linear_seen = 0
    for layer in proj.layers:
        before = width
        if layer.lower() == "linear":
            linear_seen += 1
            width = proj.hidden_dim if linear_seen == 1 else proj.output_dim
        shape = f"{_dim(before)} → {_dim(width)}"
        if layer.lower() == "dropout" and proj.dropout is not None:
            shape += f" (p = {proj.dropout})"
        rows.append([literals([layer]), [text_para(shape)]])
    title = f"Projector to a {proj.output_dim}-D embedding"
    return [
        nodes.rubric(title, title, classes=["modelcard-projector-title"]),
        table(["Layer", "Shape"], rows, "modelcard-projector"),
        *field_list([("Fit", scalar(markup, proj.fit))]),
    ]


def _dim(width: int | None) -> str:
    return "model dim" if width is None else str(width)


def strengths(card: ModelCard, markup: Markup) -> list[nodes.Node]:
    return field_list(
        [
            ("Strengths", bullets(markup, card.strengths)),
            ("Limitations", bullets(markup, card.limitations)),
        ]
    )


def references(card: ModelCard, markup: Markup) -> list[nodes.Node]:
    refs = card.references
    body: list[nodes.Node] = []
    if refs is not None and refs.cite:
        body += markup.citations(refs.cite)
    links: list[nodes.Node] = []
    if refs is not None:
        links = [link_para(item.url, item.title) for item in refs.links]
        if refs.issue_tracker:
            links.append(link_para(refs.issue_tracker, "Issue tracker"))
    related = [related_link(card_id) for card_id in card.related]
    return body + field_list(
        [
            ("Links", links),
            (
                "Related cards",
                [nodes.paragraph("", "", *_commas(related))] if related else [],
            ),
        ]
    )


def related_link(card_id: str) -> nodes.Node:
    from sphinx.addnodes import pending_xref

    xref = pending_xref(
        "",
        nodes.literal(card_id, card_id),
        refdomain="modelcard",
        reftype="card",
        reftarget=card_id,
        refexplicit=False,
        refwarn=True,
    )
    return xref


def _commas(items: list[nodes.Node]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for index, item in enumerate(items):
        if index:
            out.append(nodes.Text(", "))
        out.append(item)
    return out
