"""The card schema and the loader, without Sphinx."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sphinx_modelcard.problems import Subtype
from sphinx_modelcard.schema import ModelCard
from sphinx_modelcard.validate import load_card

MODALITIES = ("genetics", "brain", "other")

VALID = """\
id: {stem}
name: Example
modality: genetics
summary: An example card.
repo: https://github.com/example/example
version:
  tag: v0.1.0
  commit: 0060a6d8079b6a040fc55d505e15972a327b70a6
license:
  code: Apache-2.0
  weights: BSD-3-Clause
"""


def write(tmp_path: Path, text: str, stem: str = "example") -> Path:
    path = tmp_path / f"{stem}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, stem: str = "example"):
    result = load_card(write(tmp_path, text, stem), modalities=MODALITIES)
    return [(p.line, p.column, p.subtype, p.message) for p in result.problems]


def test_valid_card_has_no_problems(tmp_path):
    result = load_card(
        write(tmp_path, VALID.format(stem="example")), modalities=MODALITIES
    )
    assert result.problems == []
    assert result.card is not None
    assert result.card.code_license == "Apache-2.0"
    assert result.card.weights_license == "BSD-3-Clause"
    assert result.card.ref == "v0.1.0"


def test_misspelt_key_names_the_nearest(tmp_path):
    text = VALID.format(stem="example").replace("license:", "licence:")
    assert problems(tmp_path, text) == [
        (1, 1, Subtype.MISSING_KEY, "license: required key is missing"),
        (9, 1, Subtype.UNKNOWN_KEY, "licence: unknown key, did you mean 'license'?"),
    ]


def test_nested_unknown_key_uses_its_own_mapping(tmp_path):
    text = VALID.format(stem="example").replace("  weights:", "  weight:")
    assert problems(tmp_path, text) == [
        (
            11,
            3,
            Subtype.UNKNOWN_KEY,
            "license.weight: unknown key, did you mean 'weights'?",
        ),
    ]


def test_wrong_type_at_value_column(tmp_path):
    text = VALID.format(stem="example") + "arch:\n  layers: sixteen\n"
    assert problems(tmp_path, text) == [
        (
            13,
            11,
            Subtype.INVALID_VALUE,
            "arch.layers: Input should be a valid integer, got 'sixteen'",
        ),
    ]


@pytest.mark.parametrize(
    ("extra", "line", "column", "message"),
    [
        (
            "repo: ftp://example.org/x\n",
            11,
            7,
            "repo: only http and https URLs are allowed, not 'ftp://example.org/x'",
        ),
        (
            "references:\n  links:\n    - {title: X, url: 'javascript:alert(1)'}\n",
            14,
            23,
            "references.links[0].url: only http and https URLs are allowed, "
            "not 'javascript:alert(1)'",
        ),
        (
            "integration:\n  projector:\n    dropout: 1.0\n",
            14,
            14,
            "integration.projector.dropout: Input should be less than 1, got 1.0",
        ),
        (
            "integration:\n  projector:\n    hidden_dim: 0\n",
            14,
            17,
            "integration.projector.hidden_dim: Input should be greater than 0, got 0",
        ),
        (
            "tokenizer:\n  context_length: -5\n",
            13,
            19,
            "tokenizer.context_length: Input should be greater than 0, got -5",
        ),
        (
            "checkpoints:\n  - name: x\n    placement: ../../etc/passwd\n",
            14,
            16,
            "checkpoints[0].placement: '../../etc/passwd' may not leave its folder "
            "with '..'",
        ),
    ],
)
def test_invalid_values(tmp_path, extra, line, column, message):
    base = VALID.format(stem="example").replace(
        "repo: https://github.com/example/example\n", ""
    )
    if not extra.startswith("repo:"):
        base += "repo: https://github.com/example/example\n"
    found = problems(tmp_path, base + extra)
    assert found == [(line, column, Subtype.INVALID_VALUE, message)]


def test_licence_must_be_spdx(tmp_path):
    text = VALID.format(stem="example").replace("code: Apache-2.0", "code: Apachy-2")
    assert problems(tmp_path, text) == [
        (
            10,
            9,
            Subtype.INVALID_VALUE,
            "license.code: 'Apachy-2' is not an SPDX licence expression or NOASSERTION",
        ),
    ]


def test_noassertion_and_expressions_are_licences(tmp_path):
    for value in ("NOASSERTION", "MIT OR Apache-2.0", "CC-BY-NC-SA-4.0"):
        text = VALID.format(stem="example").replace(
            "license:\n  code: Apache-2.0\n  weights: BSD-3-Clause\n",
            f"license: {value}\n",
        )
        assert problems(tmp_path, text) == []


def test_commit_is_hex(tmp_path):
    text = VALID.format(stem="example").replace(
        "commit: 0060a6d8079b6a040fc55d505e15972a327b70a6", "commit: 12345g"
    )
    assert problems(tmp_path, text) == [
        (
            8,
            11,
            Subtype.INVALID_VALUE,
            "version.commit: String should match pattern '^[0-9a-fA-F]{7,40}$', "
            "got '12345g'",
        ),
    ]


def test_version_needs_tag_or_commit(tmp_path):
    text = VALID.format(stem="example").replace(
        "  tag: v0.1.0\n  commit: 0060a6d8079b6a040fc55d505e15972a327b70a6\n",
        "  date: 2025-01-01\n",
    )
    assert problems(tmp_path, text) == [
        (
            7,
            3,
            Subtype.INVALID_VALUE,
            "version: give at least one of 'tag' and 'commit'",
        ),
    ]


def test_id_must_equal_stem(tmp_path):
    text = VALID.format(stem="other")
    assert problems(tmp_path, text) == [
        (
            1,
            5,
            Subtype.INVALID_VALUE,
            "id: id 'other' must equal the file name 'example'",
        ),
    ]


def test_modality_from_configured_list(tmp_path):
    text = VALID.format(stem="example").replace("genetics", "astrology")
    assert problems(tmp_path, text) == [
        (
            3,
            11,
            Subtype.INVALID_VALUE,
            "modality: 'astrology' is not one of genetics, brain, other",
        ),
    ]


def test_duplicate_key_reported_and_last_kept(tmp_path):
    text = VALID.format(stem="example") + "name: Second\n"
    result = load_card(write(tmp_path, text), modalities=MODALITIES)
    assert [(p.line, p.subtype, p.message) for p in result.problems] == [
        (
            12,
            Subtype.DUPLICATE_KEY,
            "name: key given twice (first at line 2); the last value is used",
        ),
    ]
    assert result.card is not None and result.card.name == "Second"


def test_partial_card_keeps_valid_values(tmp_path):
    text = VALID.format(stem="example") + (
        "arch:\n  layers: sixteen\n  hidden_size: 256\ntags: [ok, 3]\n"
    )
    result = load_card(write(tmp_path, text), modalities=MODALITIES)
    assert result.card is not None
    assert result.card.arch is not None
    assert result.card.arch.hidden_size == 256
    assert result.card.arch.layers is None
    assert result.card.tags == ["ok"]
    assert result.card.name == "Example"


def test_missing_required_keys_still_give_a_partial_card(tmp_path):
    text = "id: example\nname: Example\n"
    result = load_card(write(tmp_path, text), modalities=MODALITIES)
    assert [p.message for p in result.problems] == [
        "modality: required key is missing",
        "summary: required key is missing",
        "repo: required key is missing",
        "version: required key is missing",
        "license: required key is missing",
    ]
    assert result.card is not None and result.card.name == "Example"


OLDER_SHAPE = """\
id: example
name: Example
modality: genetics
summary: A card in the older shape.
repo: https://github.com/example/example
version: {commit: abcdef0}
license: MIT
context_length: "variable (TR-adaptive)"
arch:
  context_length: 131072
  optimizer_defaults: {lr: 0.008, batch_size: 1024}
tokenizer:
  bp_per_token: 1
  vocab_size: 4
  model: zhihan1996/DNABERT-2-117M
  notes: free text
tokenizer_config: {truncation: true, max_length: 512}
weights:
  huggingface: [https://huggingface.co/example/example]
  artifacts: [external_repos/example/outputs]
datasets: [hg38_reference]
tasks: [masked_language_modeling]
intended_use: [embedding]
intended_use_in_project: [late fusion]
embedding_recipe:
  level: subject
  unit: {rsfmri: [window, run]}
  pipeline: {rsfmri: {steps: [parcellate, {pool: mean}]}}
  sources: [paper]
  notes: free text
  pooling_notes: mean over windows
tabular_usage: {features: 512}
inference_api:
  provider: huggingface
  endpoint: https://huggingface.co/example/example
  input_format: FASTA
  output: embeddings
  tokenizer_config: {pad_to_multiple: 16}
how_to_infer:
  huggingface: |
    model = load()
"""


def test_older_shape_validates(tmp_path):
    result = load_card(write(tmp_path, OLDER_SHAPE), modalities=MODALITIES)
    assert result.problems == []
    assert result.card is not None
    assert result.card.embedding_recipe is not None
    assert result.card.embedding_recipe.model_extra == {
        "pooling_notes": "mean over windows"
    }


def test_older_shape_rejects_other_extra_recipe_keys(tmp_path):
    text = OLDER_SHAPE.replace("  pooling_notes:", "  pooling_hints:")
    assert problems(tmp_path, text) == [
        (
            31,
            3,
            Subtype.UNKNOWN_KEY,
            "embedding_recipe.pooling_hints: unknown key, did you mean "
            "'pooling_notes'?",
        ),
    ]


def test_a_number_where_text_is_meant_says_to_quote_it(tmp_path):
    text = VALID.format(stem="example").replace(
        "commit: 0060a6d8079b6a040fc55d505e15972a327b70a6", "commit: 1234567"
    )
    assert problems(tmp_path, text) == [
        (
            8,
            11,
            Subtype.INVALID_VALUE,
            "version.commit: Input should be a valid string, got 1234567 "
            "(YAML read it as a number: put it in quotes)",
        ),
    ]


@pytest.mark.filterwarnings("error")
def test_a_licence_mapping_serialises_as_a_mapping():
    card = ModelCard.model_validate(
        {
            "id": "x",
            "name": "X",
            "modality": "other",
            "summary": "s",
            "repo": "https://github.com/example/x",
            "version": {"tag": "v1"},
            "license": {"code": "MIT", "weights": "Apache-2.0"},
        }
    )
    assert card.model_dump(mode="python")["license"] == {
        "code": "MIT",
        "weights": "Apache-2.0",
        "data": None,
    }
