"""Card files are untrusted: hostile YAML is refused, reported and never run."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from sphinx_modelcard import loader
from sphinx_modelcard.problems import CardError, Problem, Subtype

from conftest import warnings_of
from helpers import card_of, page
from untrusted import LAUGHS, hostile_cards, write_hostile_project


def refused(raw: bytes) -> Problem:
    with pytest.raises(CardError) as caught:
        loader.parse_card(raw)
    return caught.value.problem


@pytest.mark.parametrize(
    ("text", "tag", "column"),
    [
        (
            "name: !!python/object/apply:os.system [ls]",
            "python/object/apply:os.system",
            7,
        ),
        ("name: !!python/name:os.system", "python/name:os.system", 7),
        ("name: !!python/object:os.PathLike {}", "python/object:os.PathLike", 7),
        ("name: !!binary aGVsbG8=", "binary", 7),
        ("name: !!set {a}", "set", 7),
        ("tags: !!omap [a: 1]", "omap", 7),
    ],
)
def test_python_and_other_tags_are_unsafe(text, tag, column):
    problem = refused(f"id: x\n{text}\n".encode())
    assert problem == Problem(
        f"the YAML tag 'tag:yaml.org,2002:{tag}' is not allowed in a card",
        Subtype.UNSAFE,
        2,
        column,
    )


def test_local_tags_and_merge_keys_are_unsafe():
    assert refused(b"name: !shout hello\n") == Problem(
        "the YAML tag '!shout' is not allowed in a card", Subtype.UNSAFE, 1, 7
    )
    assert refused(b"a: &a {x: 1}\nb:\n  <<: *a\n") == Problem(
        "merge keys (<<) are not allowed in a card", Subtype.UNSAFE, 3, 3
    )


def test_a_tag_that_would_run_a_command_runs_nothing(tmp_path):
    marker = tmp_path / "marker"
    problem = refused(hostile_cards(marker)["pyobject"])
    assert problem.subtype is Subtype.UNSAFE
    assert not marker.exists()


def test_an_alias_bomb_is_refused_quickly_in_little_memory():
    tracemalloc.start()
    started = time.perf_counter()
    try:
        problem = refused(LAUGHS.encode())
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problem == Problem(
        f"the card expands to more than {loader.MAX_VALUES} values (check its aliases)",
        Subtype.SIZE,
        7,
        8,
    )
    assert elapsed < 2
    assert peak < 50 * 1024 * 1024


def test_deep_nesting_is_refused():
    depth = loader.MAX_DEPTH + 1
    problem = refused(b"a: " + b"[" * depth + b"]" * depth + b"\n")
    assert problem == Problem(
        f"the card nests deeper than {loader.MAX_DEPTH} levels",
        Subtype.SIZE,
        1,
        3 + loader.MAX_DEPTH,
    )


def test_a_large_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"notes: " + b"x" * 200 + b"\n")
    with pytest.raises(CardError) as caught:
        loader.read_card(path, max_bytes=100)
    assert caught.value.problem == Problem(
        "the card is larger than modelcard_max_bytes (100 bytes)", Subtype.SIZE
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", Problem("the card is empty", Subtype.YAML, 1, 1)),
        (b"# only a comment\n", Problem("the card is empty", Subtype.YAML, 1, 1)),
        (
            b"- a\n- b\n",
            Problem(
                "a card must be a mapping of keys to values, not a list",
                Subtype.YAML,
                1,
                1,
            ),
        ),
        (
            b"42\n",
            Problem(
                "a card must be a mapping of keys to values, not a int",
                Subtype.YAML,
                1,
                1,
            ),
        ),
        (
            b"id: a\n---\nid: b\n",
            Problem(
                "a card file holds one YAML document, not several",
                Subtype.YAML,
                2,
                1,
            ),
        ),
        (
            b"id: a\nname: Caf\xe9\n",
            Problem(
                "the card is not UTF-8: byte 0xe9 at offset 15", Subtype.ENCODING, 2, 10
            ),
        ),
        (
            b"\xff\xfei\x00d\x00",
            Problem(
                "the card is not UTF-8: byte 0xff at offset 0", Subtype.ENCODING, 1, 1
            ),
        ),
    ],
)
def test_files_that_are_no_card(raw, expected):
    assert refused(raw) == expected


def test_constructed_values_are_not_kept_between_cards():
    # the size of what the loader holds on to must not grow with the cards read
    raw = b"a: [" + b", ".join(b"%d" % n for n in range(2000)) + b"]\n"
    loader.parse_card(raw)
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(20):
            loader.parse_card(raw)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 200_000


@pytest.fixture
def hostile_app(make_app, tmp_path):
    marker = tmp_path / "marker"
    srcdir = write_hostile_project(tmp_path / "src", marker)
    app = make_app("html", srcdir=srcdir)
    app.marker = marker
    return app


def test_hostile_cards_in_a_build(hostile_app):
    started = time.perf_counter()
    hostile_app.build()
    assert time.perf_counter() - started < 30
    cards = hostile_app.srcdir / "cards"
    assert warnings_of(hostile_app) == [
        f"{cards / 'big.yaml'}:: WARNING: the card is larger than "
        "modelcard_max_bytes (2048 bytes) [modelcard.size]",
        f"{cards / 'bomb.yaml'}:7: WARNING: the card expands to more than "
        "100000 values (check its aliases) (column 8) [modelcard.size]",
        f"{cards / 'empty.yaml'}:1: WARNING: the card is empty (column 1) "
        "[modelcard.yaml]",
        f"{cards / 'latin.yaml'}:2: WARNING: the card is not UTF-8: byte 0xe9 at "
        "offset 19 (column 10) [modelcard.encoding]",
        f"{cards / 'listdoc.yaml'}:1: WARNING: a card must be a mapping of keys to "
        "values, not a list (column 1) [modelcard.yaml]",
        f"{cards / 'multidoc.yaml'}:2: WARNING: a card file holds one YAML "
        "document, not several (column 1) [modelcard.yaml]",
        f"{cards / 'pyname.yaml'}:3: WARNING: the YAML tag "
        "'tag:yaml.org,2002:python/name:os.system' is not allowed in a card "
        "(column 7) [modelcard.unsafe]",
        f"{cards / 'pyobject.yaml'}:3: WARNING: the YAML tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in a "
        "card (column 7) [modelcard.unsafe]",
        f"{cards / 'scalardoc.yaml'}:1: WARNING: a card must be a mapping of keys "
        "to values, not a str (column 1) [modelcard.yaml]",
    ]
    assert not hostile_app.marker.exists()
    good = card_of(page(hostile_app, "good"), "good")
    assert "A card that builds" in good.get_text()
    bomb = card_of(page(hostile_app, "bomb"), "bomb")
    assert "modelcard-unreadable" in bomb["class"]
    assert "lol" not in bomb.get_text()


def test_an_error_at_the_end_is_on_the_last_line():
    assert refused(b"id: x\nname") == Problem(
        "not valid YAML: could not find expected ':'", Subtype.YAML, 2, 5
    )
