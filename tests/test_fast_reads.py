"""Fast reads: the cached rule packs give what YAML gives (and fall back to YAML wherever
they are not sure), and regexes compiled on first use are what ``re`` compiles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from factlint.frame.lexicon import load_lexicon
from factlint.frame.packs import read_pack
from factlint.run.plugins import load_plugins


def test_cached_pack_is_what_yaml_read(tmp_path: Path) -> None:
    packs = load_plugins(entry_points=False).packs
    for pack in packs:
        first = read_pack(pack, trusted=True, cache_dir=tmp_path)
        cached = list(tmp_path.glob("pack-*.json"))
        assert cached, "a plugin's pack is cached"
        again = read_pack(pack, trusted=True, cache_dir=tmp_path)
        assert again == first == yaml.load(Path(pack).read_text("utf-8"), Loader=yaml.SafeLoader)


def test_pack_cache_follows_the_pack_and_skips_what_json_cannot_hold(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    cache = tmp_path / "cache"
    pack.write_text("scope_words: [global]\n", encoding="utf-8")
    assert read_pack(pack, trusted=True, cache_dir=cache) == {"scope_words": ["global"]}
    pack.write_text("scope_words: [world]\n", encoding="utf-8")  # an edit: a new key
    assert read_pack(pack, trusted=True, cache_dir=cache) == {"scope_words": ["world"]}
    assert len(list(cache.glob("pack-*.json"))) == 2
    pack.write_text("when: 2024-01-02\n1: one\n", encoding="utf-8")  # a date, an int key
    data = read_pack(pack, trusted=True, cache_dir=cache)
    assert data == yaml.safe_load(pack.read_text("utf-8"))
    assert len(list(cache.glob("pack-*.json"))) == 2  # not cached


def test_corrupt_pack_cache_is_read_again_from_yaml(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("scope_words: [global]\n", encoding="utf-8")
    read_pack(pack, trusted=True, cache_dir=tmp_path)
    (cached,) = tmp_path.glob("pack-*.json")
    cached.write_text("[1, 2", encoding="utf-8")
    assert read_pack(pack, trusted=True, cache_dir=tmp_path) == {"scope_words": ["global"]}
    assert json.loads(cached.read_text("utf-8")) == {"scope_words": ["global"]}


def test_lexicon_is_the_same_from_the_cache() -> None:
    packs = load_plugins(entry_points=False).packs
    first, second = load_lexicon(packs), load_lexicon(packs)
    assert first.places == second.places and first.materials == second.materials
    assert first.synonyms == second.synonyms and first.scope_words == second.scope_words


# ---------------------------------------------------------------- regexes (lazyre)

MODULES = ("frame.patterns", "periods", "parse.digits", "frame.modality", "frame.growth",
           "frame.arithmetic", "frame.multiples", "frame.local",
           "parse.mentions", "parse.tokens", "frame.table", "parse.segment", "load.digest",
           "frame.lexicon", "load.markdown", "parse.numbers")


def test_every_lazy_regex_compiles_as_re_does() -> None:
    """A stand-in's first use gives what ``re.compile`` gives for its pattern and flags."""
    import importlib

    from factlint.util import lazyre

    found = 0
    for name in MODULES:
        module = importlib.import_module(f"factlint.{name}")
        for value in list(vars(module).values()):
            if isinstance(value, lazyre._Lazy):
                pattern, flags = value._args
                plain = re.compile(pattern, flags)
                assert (value.pattern, value.flags, value.groups, value.groupindex) == (
                    plain.pattern, plain.flags, plain.groups, plain.groupindex)
                found += 1
            elif isinstance(value, re.Pattern):  # a stand-in already used, in its place
                found += 1
    assert found > 100


def test_a_lazy_regex_takes_its_place_on_first_use() -> None:
    from factlint.util.lazyre import lazy_compile

    namespace: dict[str, object] = {}
    namespace["X"] = lazy_compile(namespace, "X", r"a+b", re.IGNORECASE)
    stand_in = namespace["X"]
    assert not isinstance(stand_in, re.Pattern)
    assert stand_in.match("AAB") is not None  # type: ignore[attr-defined]
    assert isinstance(namespace["X"], re.Pattern)
    assert namespace["X"].flags & re.IGNORECASE  # type: ignore[attr-defined]
