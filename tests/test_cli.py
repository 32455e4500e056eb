"""The command line checks cards without a Sphinx project."""

from __future__ import annotations

import json

from sphinx_modelcard.cli import main

from conftest import ROOTS


def test_validate_reports_each_problem_at_line_and_column(capsys):
    card = ROOTS / "test-badcards" / "cards" / "misspelt.yaml"
    assert main(["validate", str(card)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{card}:1:1: license: required key is missing [modelcard.missing_key]",
        f"{card}:8:1: licence: unknown key, did you mean 'license'? "
        "[modelcard.unknown_key]",
        f"{card}:10:11: arch.layers: Input should be a valid integer, got "
        "'sixteen' [modelcard.invalid_value]",
    ]


def test_validate_passes_good_cards(capsys):
    card = ROOTS / "test-badcards" / "cards" / "good.yaml"
    assert main(["validate", str(card)]) == 0
    assert capsys.readouterr().out == ""


def test_scaffold_is_a_card_that_validates(tmp_path, capsys):
    assert main(["scaffold", "new-model"]) == 0
    path = tmp_path / "new-model.yaml"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["validate", str(path)]) == 0


def test_schema_is_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "ModelCard"
    assert set(schema["required"]) == {
        "id",
        "name",
        "modality",
        "summary",
        "repo",
        "version",
        "license",
    }
