"""The fast NER path (candidate sentences, NER components only) finds the names the full pipeline finds.

Why: the speed-up skips sentences that "cannot" hold a name; these tests hold it to that with the
shipped Norwegian pipeline, in bokmål and nynorsk, with names as the first word of a sentence.
"""

from __future__ import annotations

import pytest

from hearings.nlp.personal_data import (
    NER_COMPONENTS,
    _ner_pipeline,
    find_personal_data_many,
    ner_segments,
)

WITH_NAMES = [
    # bokmål, name first in the text
    "Per mener at ventetiden er for lang.",
    "Ola har ventet i åtte måneder på time.",
    "Eva ble skrevet ut uten at kommunen visste om det.",
    "Tor fikk ikke hjelp før det var for sent.",
    "Bjørn var innlagt i tre uker.",
    "Kjersti har vært innlagt flere ganger.",
    # nynorsk, name first in the text
    "Kari har vore innlagd fleire gonger.",
    "Per meiner at ventetida er for lang.",
    "Ingrid har venta i åtte månader.",
    "Liv fekk aldri ein fast koordinator.",
    # name first in a later sentence
    "Vi har snakka med legen. Kari fekk ikkje tilbod om oppfølging.",
    "Vi tok kontakt med DPS. Per fikk time etter fire måneder.",
    # inside a sentence and in a signature
    "Marit og Per Hansen har sendt inn dette.",
    "Vi snakket med Ingrid Solberg i går.",
    "Med vennlig hilsen\nKari Nordmann",
    "Helsing\nOla Nordmann",
]


@pytest.fixture(scope="module")
def nlp():
    loaded = _ner_pipeline()
    assert loaded is not None, "the shipped pipeline with NER must load"
    return loaded


def _names(flags):
    return {f.text for f in flags if f.kind == "person_name"}


@pytest.mark.parametrize("text", WITH_NAMES)
def test_fast_path_finds_what_the_full_pipeline_finds(nlp, text):
    full = {e.text for e in nlp(text).ents if e.label_ in {"PER", "PERSON"}}
    assert full, "the example must contain a name the pipeline tags"
    (fast,) = find_personal_data_many([text])
    assert full <= _names(fast)


def test_offsets_of_names_map_back_into_the_whole_text(nlp):
    texts = ["Kommunen mener at ventetiden er for lang.\nPer meiner at dette bør endrast."]
    (flags,) = find_personal_data_many(texts)
    names = [f for f in flags if f.kind == "person_name"]
    assert names and all(texts[0][f.start : f.end] == f.text for f in names)
    assert [f.text for f in names] == ["Per"]


def test_ordinary_sentences_are_not_read_by_ner():
    ordinary = [
        "Helseforetaket mener at dette er bra.",
        "Statsforvalteren ser at ventetida er lang.",
        "Kommunen mener at tilbudet i BUP og TSB må styrkes.",
        # the splitter does not cut after "4.2.", but "Kommunen" still starts a sentence
        "Dette bør presiseres i kap. 4, jf. pkt. 4.2. Kommunen mener at det haster.",
        "[OPPDIKTET] Etter vår erfaring blir ventetiden ofte lang.",
    ]
    for text in ordinary:
        assert ner_segments(text) == [], text


def test_only_the_components_ner_needs_are_run(nlp):
    # ner listens to tok2vec; the morphologizer, lemmatizer and parser are not needed for names
    assert "ner" in nlp.pipe_names
    assert set(nlp.pipe_names) - NER_COMPONENTS  # there is something to leave out
    listeners = nlp.get_pipe("tok2vec").listening_components
    assert "ner" in listeners


def test_a_sentence_starting_with_a_name_that_is_also_a_word_is_read_by_ner():
    # "Holm" is an ordinary word, but NorNE's training text knows it mostly as a surname
    text = "Holm skil seg ut i debatten."
    assert ner_segments(text) == [(0, len(text))]
