"""Use of the trained pipeline when it is installed (simulated with a small stand-in)."""

import spacy
from spacy.language import Language

from hearings.nlp import pipeline as pipeline_module
from hearings.nlp.lemmas import LemmaLookup, resolve_backend
from hearings.nlp.personal_data import find_personal_data, find_personal_data_many


@Language.component("test_fake_lemmas")
def _fake_lemmas(doc):
    for token in doc:
        token.lemma_ = "lem_" + token.text.lower()
    return doc


def _install(monkeypatch, nlp):
    monkeypatch.setattr(pipeline_module, "load_pipeline", lambda: nlp)
    monkeypatch.setattr(pipeline_module, "pipeline_info", lambda: {"fallback": False})


def test_lemmas_come_from_trained_pipeline_when_available(monkeypatch):
    nlp = spacy.blank("nb")
    nlp.add_pipe("test_fake_lemmas")
    _install(monkeypatch, nlp)
    assert resolve_backend("auto") == "pipeline"
    lookup = LemmaLookup("auto")
    assert lookup.lemmas(["Ventetida", "BUP", "Ventetida"]) == [
        "lem_ventetida",
        "lem_bup",
        "lem_ventetida",
    ]


def test_lemmas_fall_back_to_simplemma(monkeypatch):
    monkeypatch.setattr(pipeline_module, "pipeline_info", lambda: {"fallback": True})
    monkeypatch.setattr(pipeline_module, "load_pipeline", lambda: spacy.blank("nb"))
    assert resolve_backend("auto") == "simplemma"
    assert LemmaLookup("pipeline").backend == "simplemma"
    assert LemmaLookup("auto").lemma("ventetida") == "ventetid"


def test_person_names_from_ner(monkeypatch):
    nlp = spacy.blank("nb")
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns(
        [{"label": "PER", "pattern": "Kari Nordmann"}, {"label": "ORG", "pattern": "Helse Bergen"}]
    )
    _install(monkeypatch, nlp)
    text = "Kari Nordmann i Helse Bergen ringer fra 912 34 567."
    flags = find_personal_data(text)
    assert [(f.kind, f.text) for f in flags] == [
        ("person_name", "Kari Nordmann"),
        ("phone", "912 34 567"),
    ]
    many = list(find_personal_data_many([text, "", "Ingen navn her."], batch_size=2))
    assert many[0] == flags and many[1] == [] and many[2] == []
