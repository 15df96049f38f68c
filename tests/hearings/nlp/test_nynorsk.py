"""Nynorsk lemmas read in their bokmål form (hearings.nlp.nynorsk)."""

import pytest

from hearings.nlp.nynorsk import WORDS, features_to_bokmal, to_bokmal


@pytest.mark.parametrize(
    ("nynorsk", "bokmal"),
    [
        ("ikkje", "ikke"),
        ("teneste", "tjeneste"),
        ("helseteneste", "helsetjeneste"),  # part inside a compound
        ("spesialisthelsetenesta", "spesialisthelsetjeneste"),
        ("brukarmedverknad", "brukermedvirkning"),
        ("alvorleg", "alvorlig"),  # ending
        ("tilfredsheit", "tilfredshet"),
        ("del_teneste", "del_tjeneste"),  # compound-part feature keeps its prefix
    ],
)
def test_nynorsk_to_bokmal(nynorsk, bokmal):
    assert to_bokmal(nynorsk) == bokmal


@pytest.mark.parametrize("word", ["tjeneste", "samhandling", "ventetid", "fase", "kollega"])
def test_bokmal_passes_unchanged(word):
    assert to_bokmal(word) == word


def test_mapping_is_idempotent_and_keeps_alignment():
    assert all(to_bokmal(to_bokmal(w)) == to_bokmal(w) for w in WORDS)
    features = ["dei", "ventar", "på", "tenesta", "del_teneste"]
    assert len(features_to_bokmal(features)) == len(features)
