"""The application's Norwegian NLP pipeline: shipped model and fallback.

Fast checks (no database) that the model in hearings/nlp/packages loads offline and gives
sensible lemmas, noun chunks and person entities in bokmål and nynorsk, and that a missing
model degrades to the simplemma fallback with exactly one warning.
"""

from __future__ import annotations

import logging
import socket

import pytest

from hearings.nlp import pipeline

needs_model = pytest.mark.skipif(
    not (pipeline.SHIPPED_PIPELINE_DIR / "meta.json").exists(),
    reason="shipped pipeline missing (train it with hearings/nlp/training)",
)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled in test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def fresh(monkeypatch):
    pipeline.reset_pipeline_cache()
    monkeypatch.setattr(pipeline, "configured_path", lambda: pipeline.SHIPPED_PIPELINE_DIR)
    yield
    pipeline.reset_pipeline_cache()


@pytest.fixture(scope="module")
def nlp():
    pipeline.reset_pipeline_cache()
    loaded, _info = pipeline._load(pipeline.SHIPPED_PIPELINE_DIR)
    yield loaded
    pipeline.reset_pipeline_cache()


@needs_model
def test_shipped_pipeline_loads_offline(fresh, no_network):
    nlp = pipeline.load_pipeline()
    info = pipeline.pipeline_info()
    assert info["fallback"] is False
    assert info["name"] == "nb_pasientforlop"
    assert info["version"]
    for component in ("morphologizer", "trainable_lemmatizer", "parser", "ner"):
        assert component in nlp.pipe_names
    assert pipeline.load_pipeline() is nlp  # cached


@needs_model
@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("Ventetidene i psykisk helsevern er fortsatt for lange.", "Ventetidene", "ventetid"),
        ("Pasientene fikk ikke vite hvem som var koordinator.", "Pasientene", "pasient"),
        ("Ventetidene i psykisk helsevern er framleis for lange.", "Ventetidene", "ventetid"),
        ("Pasientane fekk ikkje vite kven som var koordinator.", "Pasientane", "pasient"),
        # the same form, the lemma of the document's written standard (lemma_lookup)
        ("Jeg mener at ventetiden er for lang.", "er", "være"),
        ("Eg meiner at ventetida er for lang.", "er", "vere"),
        ("Hun sa at hun ikke fikk hjelp.", "sa", "si"),
        ("Ho sa at ho ikkje fekk hjelp.", "sa", "seie"),
    ],
)
def test_lemmas_bokmal_and_nynorsk(nlp, text, word, lemma):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert token.lemma_.lower() == lemma


@needs_model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fastlegen henviste pasienten til en psykolog.",
            {"Fastlegen", "pasienten", "en psykolog"},
        ),
        ("Fastlegen sende pasienten til ein psykolog.", {"Fastlegen", "pasienten", "ein psykolog"}),
    ],
)
def test_noun_chunks(nlp, text, expected):
    chunks = {chunk.text for chunk in nlp(text).noun_chunks}
    assert expected <= chunks


@needs_model
@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Helseminister Jonas Gahr Støre la fram planen i Oslo i går.", "Jonas Gahr Støre"),
        ("Det sa Kari Nordmann til avisa etter møtet i Bergen.", "Kari Nordmann"),
        ("Det sa Kari Nordmann til avisa etter møtet i Bergen i går.", "Kari Nordmann"),
        ("Statsminister Jens Stoltenberg meiner at kommunane må ta ansvar.", "Jens Stoltenberg"),
    ],
)
def test_person_entities(nlp, text, person):
    ents = {(ent.text, ent.label_) for ent in nlp(text).ents}
    assert (person, "PER") in ents


@needs_model
def test_sentences(nlp):
    doc = nlp("Vi støttar forslaget. Ventetida må bli kortare. Det er viktig for pasientane.")
    assert len(list(doc.sents)) == 3


def test_fallback_when_model_missing(monkeypatch, tmp_path, caplog):
    pipeline.reset_pipeline_cache()
    missing = tmp_path / "no-such-model"
    monkeypatch.setattr(pipeline, "configured_path", lambda: missing)
    try:
        with caplog.at_level(logging.WARNING, logger="hearings.nlp.pipeline"):
            nlp = pipeline.load_pipeline()
            pipeline.load_pipeline()
        warnings = [r for r in caplog.records if r.name == "hearings.nlp.pipeline"]
        assert len(warnings) == 1
        assert str(missing) in warnings[0].getMessage()
        info = pipeline.pipeline_info()
        assert info["fallback"] is True
        doc = nlp("Ventetidene er for lange. Pasientane må få hjelp raskare.")
        assert len(list(doc.sents)) == 2
        lemmas = {t.text: t.lemma_ for t in doc}
        assert lemmas["Ventetidene"].lower() == "ventetid"
        assert lemmas["Pasientane"].lower() == "pasient"
    finally:
        pipeline.reset_pipeline_cache()


def test_settings_path_is_used(monkeypatch, tmp_path, caplog):
    """NLP_PIPELINE_PATH in Django settings wins over the shipped dir (read lazily)."""
    from django.conf import settings

    missing = tmp_path / "configured-but-missing"
    if settings.configured:
        monkeypatch.setattr(settings, "NLP_PIPELINE_PATH", str(missing), raising=False)
    else:
        monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
        settings.configure(NLP_PIPELINE_PATH=str(missing))
    pipeline.reset_pipeline_cache()
    try:
        with caplog.at_level(logging.WARNING, logger="hearings.nlp.pipeline"):
            assert pipeline.pipeline_info()["path"] == str(missing)
        assert pipeline.pipeline_info()["fallback"] is True
    finally:
        pipeline.reset_pipeline_cache()
