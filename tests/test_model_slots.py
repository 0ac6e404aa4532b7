"""The model's dataclasses keep no ``__dict__`` (memory at 100k articles) and behave as before:
frozen, equal and hashable by value, picklable (``--jobs`` sends results between processes),
``dataclasses.replace`` works, and the JSON codec rebuilds them exactly."""

from __future__ import annotations

import dataclasses
import inspect
import json
import pickle
from pathlib import Path

import pytest

from factlint import model
from factlint.model import Claim, Finding, Location, Sentence, Settings
from factlint.run.engine import run
from factlint.run.plugins import load_plugins
from factlint.util.codec import from_jsonable, to_jsonable

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CLASSES = [c for _, c in inspect.getmembers(model, inspect.isclass)
           if dataclasses.is_dataclass(c) and c.__module__ == model.__name__]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_model_class_is_frozen_with_slots(cls: type) -> None:
    assert "__slots__" in vars(cls)
    assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def seeds_run() -> tuple[tuple[Claim, ...], tuple[Sentence, ...], tuple[Finding, ...]]:
    result = run([SEEDS], Settings(), SEEDS.parent, load_plugins(entry_points=False))
    assert result.claims and result.findings
    return result.claims, tuple(s for _, s in result.sentences), result.findings


def test_instances_have_no_dict_and_stay_frozen(seeds_run: tuple[tuple[Claim, ...], ...]) -> None:
    claim = seeds_run[0][0]
    for obj in (claim, claim.location, claim.mention, claim.period, claim.mention.value):
        assert not hasattr(obj, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.subject = "elsewhere"  # type: ignore[misc]
    moved = dataclasses.replace(claim.location, line=claim.location.line + 1)
    assert isinstance(moved, Location) and moved != claim.location
    assert dataclasses.replace(moved, line=claim.location.line) == claim.location


def test_pickle_round_trip_is_exact(seeds_run: tuple[tuple[object, ...], ...]) -> None:
    claims, sentences, findings = seeds_run
    for objs in (claims, sentences, findings):
        back = pickle.loads(pickle.dumps(objs))
        assert back == objs
        assert [hash(o) for o in back] == [hash(o) for o in objs]


def test_codec_round_trip_is_exact(seeds_run: tuple[tuple[object, ...], ...]) -> None:
    claims, sentences, findings = seeds_run
    for tp, objs in ((tuple[Claim, ...], claims), (tuple[Sentence, ...], sentences),
                     (tuple[Finding, ...], findings)):
        back = from_jsonable(tp, json.loads(json.dumps(to_jsonable(objs))))
        assert back == objs
        assert all(not hasattr(o, "__dict__") for o in back)
