"""The command line: validate cards, export the schema, start a new card.

It needs no Sphinx project: the loader and the schema import nothing from
Sphinx.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import DEFAULT_MODALITIES
from .schema import ModelCard
from .validate import load_card

SKELETON = """\
id: {card_id}
name: {card_id}
modality: other
summary: >-
  What the model is designed for, in one to three sentences.
repo: https://github.com/OWNER/REPOSITORY
version:
  commit: "0000000"
license: NOASSERTION
verified: false
"""


def _validate(args: argparse.Namespace) -> int:
    modalities = args.modality or list(DEFAULT_MODALITIES)
    failed = 0
    for name in args.cards:
        result = load_card(Path(name), modalities=modalities, max_bytes=args.max_bytes)
        for problem in result.problems:
            where = f"{name}:{problem.line or 0}:{problem.column or 0}"
            print(f"{where}: {problem.message} [modelcard.{problem.subtype}]")
        failed += bool(result.problems)
    return 1 if failed else 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(ModelCard.model_json_schema(), indent=2))
    return 0


def _scaffold(args: argparse.Namespace) -> int:
    print(SKELETON.format(card_id=args.id), end="")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sphinx-modelcard")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check card files")
    validate.add_argument("cards", nargs="+", help="card files to check")
    validate.add_argument(
        "--modality", action="append", help="an allowed modality (repeatable)"
    )
    validate.add_argument("--max-bytes", type=int, default=1024 * 1024)
    validate.set_defaults(run=_validate)

    schema = commands.add_parser("schema", help="print the card JSON Schema")
    schema.set_defaults(run=_schema)

    scaffold = commands.add_parser("scaffold", help="print a new card")
    scaffold.add_argument("id", help="the new card's id")
    scaffold.set_defaults(run=_scaffold)

    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
