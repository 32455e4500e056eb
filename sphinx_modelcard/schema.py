"""The card schema: pydantic models for every key of the card format.

These models are the single source for validation, for the JSON Schema export
and for the manual's reference of card keys. They import nothing from Sphinx.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .fields import (
    CardId,
    Commit,
    PositiveInt,
    RelativePath,
    Spdx,
    TextList,
    Url,
    UrlOrPath,
)

DEFAULT_PROJECTOR_LAYERS = ["Linear", "GELU", "Dropout", "Linear", "LayerNorm"]

Mapping = dict[Any, Any]


class Strict(BaseModel):
    """Unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Version(Strict):
    tag: str | None = Field(
        None, description="Release tag the page was written against."
    )
    commit: Commit | None = Field(None, description="Commit, 7-40 hex digits.")
    date: datetime.date | None = Field(None, description="Date of that commit.")

    @model_validator(mode="after")
    def _needs_tag_or_commit(self) -> Version:
        if self.tag is None and self.commit is None:
            raise ValueError("give at least one of 'tag' and 'commit'")
        return self


class License(Strict):
    code: Spdx = Field(
        description="Licence of the code: SPDX expression or NOASSERTION."
    )
    weights: Spdx | None = Field(
        None, description="Licence of the weights, when it differs."
    )
    data: str | None = Field(
        None, description="Free-text note on the training data terms."
    )


def _license_shape(value: Any) -> str:
    # a dict when validating, the model itself when serialising
    return "mapping" if isinstance(value, (dict, License)) else "expression"


#: A plain string is the code licence; a mapping keeps code and weights apart.
LicenseValue = Annotated[
    Annotated[Spdx, Tag("expression")] | Annotated[License, Tag("mapping")],
    Discriminator(_license_shape),
]


class Purpose(Strict):
    intended_tasks: TextList = Field([], description="What the model is meant for.")
    intended_datasets: TextList = Field([], description="Data it is meant to embed.")
    out_of_scope: TextList = Field([], description="Uses it is not meant for.")


class Arch(Strict):
    type: str | None = Field(None, description="Architecture family.")
    backbone: str | None = Field(
        None, description="Backbone, as text or a path upstream."
    )
    parameters: str | int | float | None = Field(None, description='Size, e.g. "7.7M".')
    layers: PositiveInt | None = Field(None, description="Number of layers.")
    hidden_size: PositiveInt | None = Field(None, description="Width of the model.")
    context_length: PositiveInt | None = Field(
        None, description="Older cards: context."
    )
    special_features: TextList = Field([], description="Notable blocks or mechanisms.")
    optimizer_defaults: Mapping | None = Field(
        None, description="Older cards: any mapping."
    )


class Tokenizer(Strict):
    type: str | None = Field(
        None, description="character, k-mer, bpe, roi-timeseries, ..."
    )
    vocab: TextList = Field([], description="The tokens, when the vocabulary is small.")
    context_length: PositiveInt | None = Field(
        None, description="Longest input, in units."
    )
    units: str | None = Field(
        None, description="Unit of the context: bp, tokens, TRs, ..."
    )
    preprocessing: TextList = Field([], description="Steps applied before tokenizing.")
    bp_per_token: int | float | None = Field(None, description="Older cards.", gt=0)
    vocab_size: PositiveInt | None = Field(None, description="Older cards.")
    model: str | None = Field(None, description="Older cards: a tokenizer id.")
    notes: str | None = Field(None, description="Older cards: free text.")


class Pooling(Strict):
    method: str | None = Field(None, description="mean, cls, hub-token-mean, ...")
    rc_handling: str | None = Field(None, description="Reverse-complement handling.")
    tr_alignment: str | None = Field(None, description="Repetition-time handling.")
    aggregation: TextList = Field([], description="Levels pooled over, in order.")
    embedding_dim: PositiveInt | None = Field(
        None, description="Size of the embedding."
    )


class Training(Strict):
    datasets: TextList = Field([], description="Names or dataset-card ids.")
    samples: str | int | None = Field(None, description="How much data.")
    assumptions: TextList = Field([], description="What the training assumes.")


class Checkpoint(Strict):
    name: str = Field(description="Checkpoint name.")
    path: UrlOrPath | None = Field(None, description="http(s) URL or relative path.")
    placement: RelativePath | None = Field(None, description="Where it goes locally.")
    context_length: PositiveInt | None = Field(None, description="Its context length.")
    dtype: str | None = Field(None, description="bf16, fp32, ...")


class Weights(Strict):
    huggingface: list[Url] = Field([], description="Older cards: weight URLs.")
    artifacts: list[RelativePath] = Field([], description="Older cards: local paths.")


class Step(Strict):
    step: str = Field(description="Name of the step.")
    detail: str | None = Field(None, description="What to do.")
    flags: TextList = Field([], description="Command-line flags involved.")


class EmbeddingRecipe(BaseModel):
    """Older cards' recipe; besides its keys, any key ending in ``_notes``."""

    model_config = ConfigDict(extra="allow", frozen=True)
    extra_key_suffix: ClassVar[str] = "_notes"

    level: str | None = Field(None, description="subject, slide, passage, ...")
    unit: Mapping | None = Field(None, description="Per modality, the embedded units.")
    pipeline: Mapping | None = Field(None, description="Per modality, nested steps.")
    sources: TextList = Field([], description="Where the recipe comes from.")
    notes: str | None = Field(None, description="Free text.")

    @model_validator(mode="after")
    def _only_notes_extra(self) -> EmbeddingRecipe:
        for key, value in (self.model_extra or {}).items():
            if not str(key).endswith("_notes"):
                # reported like any unknown key, at the key itself
                raise PydanticCustomError(
                    "extra_forbidden", "Extra inputs are not permitted", {"key": key}
                )
            if not isinstance(value, str):
                raise PydanticCustomError(
                    "string_type", "Input should be a valid string", {"key": key}
                )
        return self


class InferenceApi(Strict):
    provider: str | None = Field(None, description="huggingface, ...")
    endpoint: Url | None = Field(None, description="http(s) URL.")
    input_format: str | None = Field(None, description="Free text.")
    output: str | None = Field(None, description="Free text.")
    tokenizer_config: Mapping | None = Field(None, description="Any mapping.")


class Projector(Strict):
    input_dim: PositiveInt | None = Field(
        None, description="The model's embedding size."
    )
    hidden_dim: PositiveInt = Field(512, description="Hidden width.")
    output_dim: PositiveInt = Field(512, description="Output width.")
    dropout: float = Field(0.1, ge=0.0, lt=1.0, description="Dropout, in [0, 1).")
    layers: TextList = Field(
        DEFAULT_PROJECTOR_LAYERS, description="The layer stack, in order."
    )
    fit: str | None = Field(None, description="How it is fitted (fold-aware).")


class Integration(Strict):
    projector: Projector | None = Field(None, description="The 512-D projector.")
    fusion: TextList = Field([], description="Late-fusion recipes and requirements.")
    attribution: TextList = Field([], description="Attribution methods.")


class Link(Strict):
    title: str = Field(description="Link text.")
    url: Url = Field(description="http(s) URL.")


class References(Strict):
    cite: list[str] = Field([], description="BibTeX keys in refs.bib.")
    links: list[Link] = Field([], description="Further links.")
    issue_tracker: Url | None = Field(None, description="The upstream issue tracker.")


class ModelCard(Strict):
    """One model card."""

    id: CardId = Field(description="Equal to the file's stem, unique in the KB.")
    name: str = Field(description="Friendly name, shown as the title.")
    modality: str = Field(description="One of ``modelcard_modalities``.")
    domain: str | None = Field(None, description="Finer label: dna, rsfmri, ...")
    summary: str = Field(description="1-3 sentences: what the model is for.")
    repo: Url = Field(description="The upstream repository, http(s).")
    version: Version = Field(description="Tag and/or commit the page describes.")
    license: LicenseValue = Field(
        description="SPDX expression or NOASSERTION (the code licence), or a "
        "mapping of code, weights and data."
    )
    tags: TextList = Field([], description="Keywords; also the PDF's keywords.")
    verified: bool = Field(False, description="A person checked every fact.")
    last_updated: datetime.date | None = Field(None, description="Date of last check.")

    purpose: Purpose | None = Field(None, description="Purpose & Scope.")
    intended_use: TextList = Field([], description="Older cards: Purpose & Scope.")
    intended_use_in_project: TextList = Field([], description="Older cards: likewise.")
    tasks: TextList = Field([], description="Older cards: pretraining tasks.")
    arch: Arch | None = Field(None, description="Architecture & Inductive Biases.")
    tokenizer: Tokenizer | None = Field(None, description="Tokenization.")
    context_length: int | str | None = Field(
        None, description="Context: a number or free text (older cards)."
    )
    tokenizer_config: Mapping | None = Field(None, description="Older cards.")
    pooling: Pooling | None = Field(None, description="Pooling & embeddings.")
    training: Training | None = Field(None, description="Training data.")
    datasets: TextList = Field([], description="Older cards: dataset names.")
    checkpoints: list[Checkpoint] = Field([], description="Released checkpoints.")
    weights: Weights | None = Field(None, description="Older cards: weights.")
    embedding_procedure: list[Step] = Field([], description="Ordered steps.")
    how_to_infer: dict[str, str] = Field({}, description="Named code snippets.")
    embedding_recipe: EmbeddingRecipe | None = Field(None, description="Older cards.")
    tabular_usage: Mapping | None = Field(None, description="Older cards: any mapping.")
    inference_api: InferenceApi | None = Field(None, description="Older cards.")
    integration: Integration | None = Field(None, description="Integration hooks.")
    integrations: TextList = Field([], description="Integration recipes fed.")
    strengths: TextList = Field([], description="Strengths.")
    limitations: TextList = Field([], description="Limitations.")
    references: References | None = Field(None, description="Citations and links.")
    related: list[CardId] = Field([], description="Ids of related cards.")
    notes: str | None = Field(None, description="Free text.")

    @field_validator("id")
    @classmethod
    def _id_is_stem(cls, value: str, info: ValidationInfo) -> str:
        stem = (info.context or {}).get("stem")
        if stem is not None and value != stem:
            raise ValueError(f"id {value!r} must equal the file name {stem!r}")
        return value

    @field_validator("modality")
    @classmethod
    def _known_modality(cls, value: str, info: ValidationInfo) -> str:
        allowed = (info.context or {}).get("modalities")
        if allowed is not None and value not in allowed:
            choices = ", ".join(allowed)
            raise ValueError(f"{value!r} is not one of {choices}")
        return value

    @property
    def code_license(self) -> str | None:
        if isinstance(self.license, License):
            return self.license.code
        return self.license

    @property
    def weights_license(self) -> str | None:
        if isinstance(self.license, License):
            return self.license.weights
        return None

    @property
    def ref(self) -> str:
        """The tag when there is one, else the commit."""
        return self.version.tag or self.version.commit or ""
