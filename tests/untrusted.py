"""Hostile card files, written into a project by the tests that need them."""

from __future__ import annotations

from pathlib import Path

GOOD = """\
id: good
name: Good model
modality: other
summary: A card that builds whatever its neighbours hold.
repo: https://github.com/example/good
version: {tag: v1}
license: MIT
"""

LAUGHS = "\n".join(
    [
        'id: bomb\na: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]"
            for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def hostile_cards(marker: Path) -> dict[str, bytes]:
    """Card files by stem; none may run code, so ``marker`` must never appear."""
    head = "id: {id}\nmodality: other\n"
    return {
        "pyobject": (
            head.format(id="pyobject")
            + f'name: !!python/object/apply:os.system ["touch {marker}"]\n'
        ).encode(),
        "pyname": (
            head.format(id="pyname") + "name: !!python/name:os.system\n"
        ).encode(),
        "bomb": LAUGHS.encode() + b"\n",
        "big": GOOD.replace("good", "big").encode() + b"notes: " + b"x" * 4000 + b"\n",
        "latin": b"id: latin\nname: Caf\xe9 au lait\n",
        "empty": b"",
        "listdoc": b"- id\n- name\n",
        "scalardoc": b"just a sentence\n",
        "multidoc": b"id: multidoc\n---\nid: again\n",
    }


def write_hostile_project(root: Path, marker: Path) -> Path:
    """A project with one page per hostile card and one good card."""
    cards = root / "cards"
    cards.mkdir(parents=True)
    (cards / "good.yaml").write_text(GOOD, encoding="utf-8")
    stems = ["good"]
    for stem, raw in hostile_cards(marker).items():
        (cards / f"{stem}.yaml").write_bytes(raw)
        stems.append(stem)
    for stem in stems:
        (root / f"{stem}.md").write_text(
            f"# {stem}\n\n```{{modelcard}} {stem}\n```\n", encoding="utf-8"
        )
    toctree = "\n".join(stems)
    (root / "index.md").write_text(
        f"# Hostile cards\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8"
    )
    (root / "conf.py").write_text(
        'extensions = ["sphinx_modelcard"]\n'
        'modelcard_kb_dir = "cards"\n'
        "modelcard_max_bytes = 2048\n",
        encoding="utf-8",
    )
    return root
