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
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Registers the ``lemma_lookup`` factory the shipped pipeline uses (see its docstring).
from hearings.nlp import lemma_lookup  # noqa: F401

logger = logging.getLogger(__name__)

#: The pipeline shipped in the repository (trained by ``hearings/nlp/training``).
SHIPPED_PIPELINE_DIR = Path(__file__).resolve().parent / "packages" / "nb_pasientforlop"
FALLBACK_NAME = "blank_nb_simplemma"

_lock = threading.Lock()
_nlp: Language | None = None
_info: dict[str, Any] | None = None


#: Where the host application says the pipeline is; read on every (re)load, so a changed setting
#: takes effect after :func:`reset_pipeline_cache`. The Django app installs a provider that reads
#: ``settings.NLP_PIPELINE_PATH``; without one, the ``NLP_PIPELINE_PATH`` environment variable.
path_provider: Callable[[], str] = lambda: os.environ.get("NLP_PIPELINE_PATH", "")  # noqa: E731


def configured_path() -> Path:
    """The configured pipeline directory if one is set, else the shipped one."""
    try:
        value = path_provider() or ""
    except Exception:  # a broken configuration must not stop the analysis: use the shipped model
        logger.exception("Could not read the configured pipeline path")
        value = ""
    return Path(value) if value else SHIPPED_PIPELINE_DIR


@Language.component("simplemma_lemmatizer")
def simplemma_lemmatizer(doc: Doc) -> Doc:
    """Lemmatise with simplemma (bokmål first, then nynorsk) when no trained model is there."""
    # lazy: simplemma's word lists are loaded only when the trained pipeline is missing.
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


#: Dependents that belong inside a base noun phrase when they stand left of its head noun.
_NP_LEFT_DEPS = frozenset({"det", "amod", "nummod", "nmod:poss", "compound", "flat", "advmod"})
#: Relations whose noun heads a noun phrase. spaCy's own Norwegian iterator leaves out ``obl``,
#: which loses most of what respondents write after a preposition ("til *en psykolog*",
#: "i *forløpet*"), exactly the phrases that name themes.
_NP_HEAD_DEPS = frozenset(
    {
        "nsubj",
        "nsubj:pass",
        "obj",
        "iobj",
        "obl",
        "obl:agent",
        "ROOT",
        "appos",
        "nmod",
        "nmod:poss",
        "conj",
    }
)


def base_noun_chunks(doclike):
    """Yield (start, end, label) for base noun phrases: left modifiers + head noun (+ flat names).

    Unlike spaCy's default (whole subtree, relative clauses included), a base phrase stops at the
    head noun, which keeps theme names short and comparable across passages.
    """
    doc = doclike.doc
    label = doc.vocab.strings.add("NP")
    prev_end = -1
    for word in doclike:
        if word.pos_ not in ("NOUN", "PROPN", "PRON") or word.dep_ not in _NP_HEAD_DEPS:
            continue
        if word.dep_ == "conj" and word.head.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        start = word.i
        for child in reversed(list(word.lefts)):
            if child.dep_ in _NP_LEFT_DEPS and child.i == start - 1:
                start = child.left_edge.i if child.dep_ == "nmod:poss" else child.i
            else:
                break
        end = word.i + 1
        for child in word.rights:
            if child.dep_.startswith("flat") and child.i == end:
                end = child.i + 1
        if start <= prev_end:
            continue
        prev_end = end - 1
        yield start, end, label


def _load(path: Path) -> tuple[Language, dict[str, Any]]:
    try:
        nlp = spacy.load(path)
        nlp.vocab.get_noun_chunks = base_noun_chunks
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
        return version("simplemma")
    except Exception:
        return "unknown"


def load_pipeline() -> Language:
    """Return the process-wide pipeline (loaded once; never touches the network)."""
    global _nlp, _info
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp, _info = _load(configured_path())
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
