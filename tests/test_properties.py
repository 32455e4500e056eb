"""Generated cards, valid and broken, never make the loader or a build fail."""

from __future__ import annotations

import datetime
import re
import string
import tempfile
import warnings
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.cmd.build import build_main

from sphinx_modelcard.config import DEFAULT_MODALITIES
from sphinx_modelcard.problems import Subtype
from sphinx_modelcard.validate import CardResult, load_card

#: What YAML counts as the end of a line; problems are on such lines.
YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
WORKDIR = Path(tempfile.mkdtemp(prefix="modelcard-properties-"))

ids = st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,20}\Z")
texts = st.text(max_size=40)
words = st.text(string.ascii_letters + string.digits + " -_.", min_size=1, max_size=20)
parts = st.text(string.ascii_lowercase + string.digits + "_-", min_size=1, max_size=10)
relative_paths = st.lists(parts, min_size=1, max_size=4).map("/".join)
urls = st.builds(
    lambda host, path: f"https://{host}.example.org/{path}", parts, relative_paths
)
positive = st.integers(min_value=1, max_value=10**9)
licences = st.sampled_from(["MIT", "Apache-2.0", "BSD-3-Clause", "NOASSERTION"])
dates = st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 1, 1))
scalars = st.one_of(
    texts, st.integers(), st.booleans(), st.floats(allow_nan=False), dates
)
free_form = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(words, inner, max_size=3)
    ),
    max_leaves=10,
)


def optional(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping holding any subset of ``fields``."""
    return st.fixed_dictionaries({}, optional=fields)


cards = st.fixed_dictionaries(
    {
        "id": ids,
        "name": texts.filter(str.strip),
        "modality": st.sampled_from(DEFAULT_MODALITIES),
        "summary": texts,
        "repo": urls,
        "version": st.one_of(
            st.fixed_dictionaries({"tag": words}),
            st.fixed_dictionaries(
                {"commit": st.from_regex(r"\A[0-9a-f]{7,40}\Z")},
                optional={"tag": words, "date": dates},
            ),
        ),
        "license": st.one_of(
            licences,
            st.fixed_dictionaries(
                {"code": licences}, optional={"weights": licences, "data": texts}
            ),
        ),
    },
    optional={
        "domain": texts,
        "tags": st.lists(texts, max_size=4),
        "verified": st.booleans(),
        "last_updated": dates,
        "notes": texts,
        "arch": optional(
            type=texts,
            layers=positive,
            hidden_size=positive,
            parameters=st.one_of(texts, positive),
            special_features=st.lists(texts, max_size=3),
            optimizer_defaults=st.dictionaries(words, free_form, max_size=3),
        ),
        "tokenizer": optional(
            type=texts, vocab=st.lists(words, max_size=5), context_length=positive
        ),
        "tokenizer_config": st.dictionaries(words, free_form, max_size=3),
        "checkpoints": st.lists(
            st.fixed_dictionaries(
                {"name": texts},
                optional={
                    "path": st.one_of(urls, relative_paths),
                    "placement": relative_paths,
                    "context_length": positive,
                    "dtype": words,
                },
            ),
            max_size=3,
        ),
        "embedding_procedure": st.lists(
            st.fixed_dictionaries(
                {"step": texts},
                optional={"detail": texts, "flags": st.lists(words, max_size=2)},
            ),
            max_size=3,
        ),
        "how_to_infer": st.dictionaries(words, texts, max_size=3),
        "strengths": st.lists(texts, max_size=3),
        "references": optional(
            links=st.lists(
                st.fixed_dictionaries({"title": texts, "url": urls}), max_size=2
            ),
            issue_tracker=urls,
        ),
        "related": st.lists(ids, max_size=2),
    },
)

wrong_values = st.one_of(
    st.none(), st.integers(), st.booleans(), st.lists(texts, max_size=2), free_form
)


@st.composite
def broken_cards(draw: st.DrawFn) -> bytes:
    """A valid card with one thing done wrong, as the bytes of a file."""
    data = draw(cards)
    key = draw(st.sampled_from(sorted(data)))
    kind = draw(
        st.sampled_from(
            ["misspell", "remove", "wrong", "duplicate", "unicode", "deep", "text"]
        )
    )
    if kind == "misspell":
        data[key[:-1] + draw(st.sampled_from("xe_"))] = data.pop(key)
    elif kind == "remove":
        del data[key]
    elif kind == "wrong":
        data[key] = draw(wrong_values)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    lines = text.splitlines(keepends=True)
    if kind == "duplicate":
        index = draw(st.integers(0, len(lines) - 1))
        lines.insert(index, lines[index])
    elif kind == "unicode":
        index = draw(st.integers(0, len(lines)))
        lines.insert(index, draw(st.text(min_size=1, max_size=20)))
    elif kind == "deep":
        depth = draw(st.integers(1, 100))
        lines.append(f"deep: {'[' * depth}{']' * depth}\n")
    elif kind == "text":
        lines = [draw(st.text(max_size=200))]
    return "".join(lines).encode("utf-8")


hostile_bytes = st.one_of(broken_cards(), st.binary(max_size=300))


def load(raw: bytes, stem: str = "card") -> CardResult:
    path = WORKDIR / f"{stem}.yaml"
    path.write_bytes(raw)
    return load_card(path, modalities=DEFAULT_MODALITIES)


def check_problems(result: CardResult, raw: bytes) -> None:
    try:
        lines = len(YAML_BREAK.split(raw.decode("utf-8")))
    except UnicodeDecodeError:
        lines = raw.count(b"\n") + 1
    for problem in result.problems:
        assert isinstance(problem.subtype, Subtype)
        assert problem.message
        if problem.line is not None:
            assert 1 <= problem.line <= lines, problem
        if problem.column is not None:
            assert problem.column >= 1, problem


@given(cards)
def test_valid_cards_load_without_problems_and_round_trip(data):
    raw = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()
    result = load(raw, data["id"])
    assert result.problems == []
    assert result.card is not None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic warns of a misread union
        dumped = yaml.safe_dump(
            result.card.model_dump(mode="python", exclude_none=True),
            allow_unicode=True,
        )
    again = load(dumped.encode(), data["id"])
    assert again.problems == []
    assert again.card == result.card


@given(hostile_bytes)
def test_broken_cards_give_problems_never_exceptions(raw):
    result = load(raw)
    check_problems(result, raw)
    if result.card is None:
        assert result.problems


def sphinx_examples() -> int:
    # a handful of builds by default; more in the long profile
    return 2 if settings.default.max_examples < 5000 else 20


@settings(
    max_examples=sphinx_examples(),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(cards, min_size=10, max_size=15),
    st.lists(broken_cards(), min_size=10, max_size=15),
)
def test_generated_cards_build_as_pages(valid, broken):
    root = Path(tempfile.mkdtemp(dir=WORKDIR))
    kb = root / "cards"
    kb.mkdir()
    stems = []
    for index, data in enumerate(valid):
        data = {**data, "id": f"valid-{index}", "related": []}
        raw = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()
        (kb / f"valid-{index}.yaml").write_bytes(raw)
        stems.append(f"valid-{index}")
    for index, raw in enumerate(broken):
        (kb / f"broken-{index}.yaml").write_bytes(raw)
        stems.append(f"broken-{index}")
    for stem in stems:
        (root / f"{stem}.md").write_text(
            f"# {stem}\n\n```{{modelcard}} {stem}\n```\n", encoding="utf-8"
        )
    (root / "index.md").write_text(
        "# Cards\n\n```{toctree}\n" + "\n".join(stems) + "\n```\n", encoding="utf-8"
    )
    (root / "conf.py").write_text(
        'extensions = ["sphinx_modelcard"]\nmodelcard_kb_dir = "cards"\n',
        encoding="utf-8",
    )
    warnings = root / "warnings.txt"
    status = build_main(
        ["-b", "html", "-q", "-w", str(warnings), str(root), str(root / "_build")]
    )
    text = warnings.read_text(encoding="utf-8")
    assert status == 0, text
    assert "Traceback" not in text
    assert "Exception occurred" not in text
    built = {p.stem for p in (root / "_build").glob("*.html")}
    assert set(stems) <= built
    for stem in stems[: len(valid)]:
        html = (root / "_build" / f"{stem}.html").read_text(encoding="utf-8")
        assert f'id="modelcard-{stem}"' in html
