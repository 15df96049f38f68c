"""The Norwegian NLP pipeline the application uses (bokmål and nynorsk).

Why one module: every analysis path must go through the same loader so that the model that
produced a label can be recorded (:func:`pipeline_info`) and so that a missing or broken model
degrades to a working, lemma-only fallback instead of failing the request.

This module imports no training code and does not need Django to be configured: settings are
read lazily, and any problem reading them is treated as "no override".
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

logger = logging.getLogger(__name__)

#: The pipeline shipped in the repository (trained by ``hearings/nlp``).
SHIPPED_PIPELINE_DIR = Path(__file__).resolve().parent / "models" / "nb_pasientforlop"
FALLBACK_NAME = "blank_nb_simplemma"

_lock = threading.Lock()
_nlp: Language | None = None
_info: dict[str, Any] | None = None


def _configured_path() -> Path:
    """settings.NLP_PIPELINE_PATH if Django is configured and it is set, else the shipped dir."""
    value = ""
    try:
        from django.conf import settings

        if settings.configured or os.environ.get("DJANGO_SETTINGS_MODULE"):
            value = getattr(settings, "NLP_PIPELINE_PATH", "") or ""
    except Exception:  # Django missing or settings broken: use the shipped model.
        value = ""
    return Path(value) if value else SHIPPED_PIPELINE_DIR


@Language.component("simplemma_lemmatizer")
def simplemma_lemmatizer(doc: Doc) -> Doc:
    """Lemmatise with simplemma (bokmål first, then nynorsk) when no trained model is there."""
    import simplemma

    for token in doc:
        if token.is_punct or token.is_space:
            token.lemma_ = token.text
            continue
        # simplemma with lang=("nb", "nn") returns the bokmål guess even when bokmål does not
        # know the word, so try nynorsk explicitly when bokmål leaves the form unchanged.
        lemma = simplemma.lemmatize(token.text, lang="nb")
        if lemma.lower() == token.text.lower():
            lemma = simplemma.lemmatize(token.text, lang="nn")
        token.lemma_ = lemma
    return doc


def build_fallback() -> Language:
    """A blank ``nb`` pipeline with rule-based sentences and simplemma lemmas."""
    nlp = spacy.blank("nb")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("simplemma_lemmatizer")
    nlp.meta["name"] = FALLBACK_NAME
    return nlp


def _load(path: Path) -> tuple[Language, dict[str, Any]]:
    try:
        nlp = spacy.load(path)
        meta = nlp.meta
        info = {
            "name": f"{meta.get('lang', 'nb')}_{meta.get('name', 'unknown')}",
            "version": meta.get("version", "0.0.0"),
            "fallback": False,
            "path": str(path),
        }
        return nlp, info
    except Exception as exc:  # any load problem -> degrade, never fail the caller
        logger.warning(
            "NLP pipeline could not be loaded from %s (%s: %s); using fallback blank 'nb' "
            "pipeline with sentencizer and simplemma lemmas (no POS, parse or entities).",
            path,
            type(exc).__name__,
            exc,
        )
        nlp = build_fallback()
        return nlp, {
            "name": FALLBACK_NAME,
            "version": f"simplemma-{_simplemma_version()}",
            "fallback": True,
            "path": str(path),
        }


def _simplemma_version() -> str:
    try:
        from importlib.metadata import version

        return version("simplemma")
    except Exception:
        return "unknown"


def load_pipeline() -> Language:
    """Return the process-wide pipeline (loaded once; never touches the network)."""
    global _nlp, _info
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp, _info = _load(_configured_path())
    return _nlp


def pipeline_info() -> dict[str, Any]:
    """Name, version and fallback flag of the pipeline :func:`load_pipeline` returns."""
    load_pipeline()
    assert _info is not None
    return dict(_info)


def reset_pipeline_cache() -> None:
    """Forget the loaded pipeline (tests, or after changing NLP_PIPELINE_PATH)."""
    global _nlp, _info
    with _lock:
        _nlp = None
        _info = None
