"""Generated projects of N card pages, with and without the extension.

Both variants hold the same content: the extension's project renders each
card from YAML; the plain project writes the same headings, tables, lists and
text by hand in MyST Markdown, as a KB kept without the extension would.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "kb" / "model_cards" / "caduceus.yaml"

WALKTHROUGH = """
## Walkthrough

Cut each region into windows, tokenize one base per token, run the encoder,
average the two strands and pool over positions {footcite}`schiff2024caduceus`.

```python
vectors = [encode(window) for window in windows]
subject = project(mean(vectors))
```

```{footbibliography}
```
"""

BASE_CONF = """\
project = "bench"
bibtex_bibfiles = ["refs.bib"]
"""


def card_data(n: int, count: int) -> dict[str, Any]:
    data = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    data["id"] = f"model-{n}"
    data["name"] = f"Model {n}"
    data["related"] = [f"model-{(n + 1) % count}"]
    data["summary"] = f"Generated card {n}. " + data["summary"]
    return data


def write_extension_project(root: Path, count: int, conf: str = "") -> Path:
    cards = root / "cards"
    cards.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        data = card_data(n, count)
        (cards / f"model-{n}.yaml").write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
        (root / f"model-{n}.md").write_text(
            f"# Model {n}\n\n```{{modelcard}} model-{n}\n```\n{WALKTHROUGH}",
            encoding="utf-8",
        )
    _common(root, count)
    (root / "conf.py").write_text(
        BASE_CONF + 'extensions = ["sphinx_modelcard"]\n'
        'modelcard_kb_dir = "cards"\n' + conf,
        encoding="utf-8",
    )
    return root


def write_plain_project(root: Path, count: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = hand_written(card_data(n, count))
        (root / f"model-{n}.md").write_text(text + WALKTHROUGH, encoding="utf-8")
    _common(root, count)
    (root / "conf.py").write_text(
        BASE_CONF
        + 'extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex"]\n',
        encoding="utf-8",
    )
    return root


def _common(root: Path, count: int) -> None:
    shutil.copy(REPO / "refs.bib", root / "refs.bib")
    pages = "\n".join(f"model-{n}" for n in range(count))
    (root / "index.md").write_text(
        f"# Bench\n\n```{{toctree}}\n:maxdepth: 1\n\n{pages}\n```\n",
        encoding="utf-8",
    )


def _items(values: list[Any]) -> str:
    return "".join(f"- {' '.join(str(v).split())}\n" for v in values)


def _fields(mapping: dict[str, Any] | None) -> str:
    out = ""
    for key, value in (mapping or {}).items():
        if isinstance(value, list):
            out += f"\n**{key}**\n\n{_items(value)}"
        elif isinstance(value, dict):
            out += f"\n**{key}**\n\n" + _fields(value)
        else:
            out += f"- **{key}**: {' '.join(str(value).split())}\n"
    return out


def hand_written(card: dict[str, Any]) -> str:
    """The card as a person would write it in MyST without the extension."""
    lic = card["license"]
    version = card["version"]
    out = [f"# {card['name']}\n"]
    out.append(
        f"This walkthrough references [{card['repo']}]({card['repo']}) under "
        f"**{lic['code']}**. [Repository]({card['repo']}) · "
        f"[tag {version['tag']}]({card['repo']}/tree/{version['tag']}) · "
        f"[commit]({card['repo']}/commit/{version['commit']})\n"
    )
    out.append(
        "{bdg-primary}`"
        + card["modality"]
        + "` {bdg-info}`"
        + lic["code"]
        + "` {bdg-success}`verified`\n"
    )
    out.append("## Metadata\n\n| Key | Value |\n| --- | --- |\n")
    for key in ("id", "name", "modality", "domain", "repo"):
        out.append(f"| {key} | {card[key]} |\n")
    out.append(f"| tag | {version['tag']} |\n| commit | `{version['commit']}` |\n")
    out.append(f"\n## Purpose & Scope\n\n{' '.join(card['summary'].split())}\n")
    out.append(_fields(card.get("purpose")))
    out.append("\n## Architecture & Inductive Biases\n\n" + _fields(card.get("arch")))
    out.append(
        "\n## Tokenization & Input Constraints\n\n" + _fields(card.get("tokenizer"))
    )
    out.append(
        "\n## Pooling & Subject-Level Embeddings\n\n" + _fields(card.get("pooling"))
    )
    out.append("\n## Training Data & Checkpoints\n\n" + _fields(card.get("training")))
    out.append("\n| Checkpoint | Location | Context |\n| --- | --- | --- |\n")
    for ckpt in card.get("checkpoints", []):
        out.append(
            f"| `{ckpt['name']}` | {ckpt.get('path', '')} | "
            f"{ckpt.get('context_length', '')} |\n"
        )
    out.append("\n## Recommended Embedding Procedure\n\n")
    for index, step in enumerate(card.get("embedding_procedure", []), 1):
        detail = " ".join(str(step.get("detail", "")).split())
        out.append(f"{index}. **{step['step']}** {detail}\n")
    for name, code in card.get("how_to_infer", {}).items():
        out.append(f"\n**{name}**\n\n```bash\n{code}```\n")
    out.append("\n## Integration Hooks\n\n" + _fields(card.get("integration")))
    out.append(
        "\n## Strengths & Limitations\n\n**Strengths**\n\n"
        + _items(card.get("strengths", []))
        + "\n**Limitations**\n\n"
        + _items(card.get("limitations", []))
    )
    refs = card.get("references", {})
    out.append("\n## References & Links\n\n")
    out.append(_items([f"{{footcite:t}}`{key}`" for key in refs.get("cite", [])]))
    out.append(
        _items([f"[{link['title']}]({link['url']})" for link in refs.get("links", [])])
    )
    return "".join(out)
