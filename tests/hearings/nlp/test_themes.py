"""Themes within a goal: data-driven count, names, determinism, incremental assignment."""

import random

import pytest

from hearings.nlp.themes import OTHER, ThemeModel, assign_to_existing, find_themes

WAIT = [
    "Ventetiden i BUP er altfor lang for barn og unge.",
    "Barn venter for lenge på utredning i BUP.",
    "Ventetida i BUP for born er for lang.",
    "Barn og unge må vente månedsvis på BUP.",
    "Lang ventetid i BUP rammer barn og familier.",
    "BUP har lang ventetid for barn med angst.",
]
REFERRAL = [
    "Henvisninger blir liggende lenge før de vurderes av DPS.",
    "DPS bruker for lang tid på å vurdere henvisninger fra fastlegen.",
    "Vurderingen av henvisninger i DPS tar for lang tid.",
    "Fastlegens henvisning til DPS blir liggende uten svar.",
    "Henvisningen fra fastlegen ble ikke vurdert av DPS på mange uker.",
    "Svar på henvisning fra DPS tar for lang tid for fastlegen.",
]


@pytest.fixture(scope="module")
def model():
    return find_themes(WAIT + REFERRAL + ["Noe helt annet om kosthold og trening."])


def test_finds_themes_from_data(model):
    assert len(model.themes) == 2
    named = {t.theme_id: " ".join(t.terms) for t in model.themes}
    assert any("bup" in n for n in named.values())
    assert any("henvisning" in n or "dps" in n for n in named.values())
    wait_theme = model.assignments[0]
    assert all(model.assignments[i] == wait_theme for i in range(len(WAIT)))
    ref_theme = model.assignments[len(WAIT)]
    assert ref_theme != wait_theme
    assert model.assignments[-1] == OTHER
    for theme in model.themes:
        assert set(theme.representatives) <= set(theme.members)
        assert len(theme.representatives) <= 3


def test_deterministic_and_order_independent():
    texts = WAIT + REFERRAL
    a = find_themes(texts)
    b = find_themes(texts)
    assert a.to_dict() == b.to_dict()
    shuffled = texts[:]
    random.Random(3).shuffle(shuffled)
    c = find_themes(shuffled)
    by_text_a = {t: a.assignments[i] for i, t in enumerate(texts)}
    by_text_c = {t: c.assignments[i] for i, t in enumerate(shuffled)}
    assert by_text_a == by_text_c


def test_incremental_assignment_keeps_existing_themes(model):
    before = model.to_dict()
    new = [
        "Barna venter altfor lenge på BUP.",
        "DPS vurderer henvisninger fra fastlegen sent.",
        "Kodeverket i journalsystemet bør forenkles.",
    ]
    assigned = assign_to_existing(model, new)
    assert assigned[0] == model.assignments[0]
    assert assigned[1] == model.assignments[len(WAIT)]
    assert assigned[2] == OTHER
    assert model.to_dict() == before


def test_serialisation_round_trip(model):
    restored = ThemeModel.from_dict(model.to_dict())
    assert assign_to_existing(restored, WAIT) == assign_to_existing(model, WAIT)


def test_empty_input():
    assert find_themes([]).themes == []
    assert assign_to_existing(find_themes([]), ["tekst"]) == [OTHER]
