"""Small generated projects, for tests that need many card pages."""

from __future__ import annotations

from pathlib import Path

CARD = """\
id: {card_id}
name: Model {n}
modality: {modality}
summary: Generated card number {n}, with `code` in its summary.
repo: https://github.com/example/model-{n}
version:
  tag: v{n}.0
  commit: {commit}
license:
  code: Apache-2.0
  weights: CC-BY-NC-4.0
tags: [generated, n{n}]
arch:
  type: transformer
  layers: {layers}
  hidden_size: 256
pooling:
  method: mean
  embedding_dim: 256
how_to_infer:
  python: |
    embed("model-{n}")
  bash: |
    run --model model-{n}
integration:
  projector:
    input_dim: 256
    dropout: 0.1
related: [{related}]
"""


def write_project(root: Path, count: int, extra_conf: str = "") -> Path:
    """A source folder with ``count`` card pages; returns it."""
    cards = root / "cards"
    cards.mkdir(parents=True)
    names = []
    for n in range(count):
        card_id = f"model-{n}"
        (cards / f"{card_id}.yaml").write_text(
            CARD.format(
                card_id=card_id,
                n=n,
                commit=f"{n:07x}abc",
                modality="genetics" if n % 2 else "brain",
                layers=n + 1,
                related=f"model-{(n + 1) % count}",
            ),
            encoding="utf-8",
        )
        (root / f"{card_id}.md").write_text(
            f"# Model {n}\n\n```{{modelcard}} {card_id}\n```\n\n"
            f"## Walkthrough\n\nText of page {n}.\n",
            encoding="utf-8",
        )
        names.append(card_id)
    toctree = "\n".join(names)
    (root / "index.md").write_text(
        f"# Generated\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8"
    )
    (root / "conf.py").write_text(
        'extensions = ["sphinx_modelcard"]\nmodelcard_kb_dir = "cards"\n' + extra_conf,
        encoding="utf-8",
    )
    return root
