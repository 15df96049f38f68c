"""Fast, cached word lemmas and compound splitting for bokmål and nynorsk.

Why this exists: the analysis must classify 500+ passages per second per process, which rules out
running the full trained pipeline (tagger/parser) on every passage. Lemmas are close to
context-free for our purposes (matching goal vocabularies, bag-of-lemma features, theme names), so
we lemmatise each *word type* once and cache it. The source of lemmas is pluggable:

* ``"pipeline"`` - the project's trained Norwegian pipeline
  (:func:`hearings.nlp.pipeline.load_pipeline`), applied to unseen word types in batches;
* ``"simplemma"`` - the dictionary lemmatiser, the fallback when no trained pipeline is shipped;
* ``"treebank"`` - the treebank's lemma for words it lemmatises one way only (read from the
  pipeline's lemma tables, :func:`hearings.nlp.lemma_lookup.word_lemmas`), else the dictionary's
  lemma in the text's own written standard (:func:`_dictionary_lemma`). Themes
  and search use it: what they lemmatise is shown to users or decides what they find, and the
  dictionary invents forms for common words ("pårørende" → "pårørenna"). The goal and question
  models keep ``"simplemma"``, the source their shipped weights were trained with.

Norwegian writes compounds as one word ("forløpskoordinatoren", "ventetidsgarantien"), so
:class:`CompoundSplitter` finds known heads and modifiers inside long lemmas; vocabulary matching
and model features both use it so that an unseen compound still carries its parts' meaning.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Sequence

from spacy.lang.nb.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from hearings.nlp import pipeline as pipeline_module
from hearings.nlp.lemma_lookup import read_word_lemmas, written_standard

logger = logging.getLogger(__name__)

#: Words: letters/digits, allowing inner hyphens ("hjerte-", "ROP-lidelse") and apostrophes.
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*-?", re.UNICODE)

LEMMA_BACKENDS = ("simplemma", "pipeline", "treebank")

#: Function words and very general words (bokmål + nynorsk lemmas) that carry no topic.
_STOP = frozenset(
    """
    og i på til for med av som er det den de en et ei at å ikke ikkje om har var vi eg jeg du
    han ho hun seg sin si sitt sine dei deira deres denne dette desse disse der her kan skal
    vil må bør bli vere være fra frå men eller også òg berre bare så da då når kva hva korleis
    hvordan kven hvem ein eit nokon noen noko noe mange mykje mye meir mer alle heile hele ved
    etter over under mellom uten utan før opp ut inn hos mot enn slik dersom fordi fleire flere
    vår oss me min mitt mine di ditt dine hans hennes hennar deg meg dem seg selv sjølv
    ha få gjøre gjere gi gje ta sette setje komme kome gå mene meine se sjå si seie vite
    finne ligge stå bety ønske tro trenge treng følge følgje bruke bruka
    blant annet bl.a f.eks dvs jf mv osv eks ca pkt kap nr
    god bra viktig stor liten ny annen anna anna ulik egen eigen eige hel heil
    dag år gang del måte grad behov forhold sak ingen hvor kvar mens medan ville skulle burde
    måtte kunne difor derfor dermed folk tid heller likevel ofte sjeldan sjelden aldri alltid
    """.split()  # noqa: SIM905 - readable word list
)


def _stop_words() -> frozenset[str]:
    return frozenset(_STOP | set(SPACY_STOP_WORDS))


STOP_WORDS = _stop_words()


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split text into word tokens with character offsets (punctuation is dropped).

    A regex is used instead of the spaCy tokenizer because it is several times faster and the
    consumers only need words and their offsets.
    """
    return [(m.group(0), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def pipeline_is_trained() -> bool:
    """True when the shipped/configured trained pipeline loads (not the simplemma fallback)."""
    try:
        pipeline_module.load_pipeline()
        info = pipeline_module.pipeline_info()
        return not bool(info.get("fallback", True))
    except Exception as exc:  # a broken or missing pipeline must never break classification
        logger.info("trained pipeline unavailable for lemmas (%s); using simplemma", exc)
        return False


def resolve_backend(backend: str) -> str:
    """Map ``"auto"`` to the best available backend; validate explicit names."""
    if backend == "auto":
        return "pipeline" if pipeline_is_trained() else "simplemma"
    if backend not in LEMMA_BACKENDS:
        raise ValueError(f"unknown lemma backend {backend!r}; use one of {LEMMA_BACKENDS}")
    if backend == "pipeline" and not pipeline_is_trained():
        logger.warning("lemma backend 'pipeline' requested but unavailable; using simplemma")
        return "simplemma"
    return backend


def _simplemma_lemma(word: str) -> str:
    """Bokmål first, then nynorsk when bokmål leaves the form unchanged (same rule as pipeline)."""
    # lazy: simplemma's word lists are loaded only when the trained pipeline is missing.
    import simplemma

    lemma = simplemma.lemmatize(word, lang="nb")
    if lemma.lower() == word.lower():
        lemma = simplemma.lemmatize(word, lang="nn")
    return lemma


def _dictionary_lemma(word: str, standard: str) -> str:
    """The dictionary's lemma in the text's own standard, the other one only for unknown words.

    Unlike :func:`_simplemma_lemma`, a word the first dictionary knows keeps its lemma there
    even when it is the word itself: bokmål "pårørende" stays *pårørende* instead of taking the
    nynorsk dictionary's *pårørenna*.
    """
    # lazy: simplemma's word lists are loaded on first use, not at import.
    import simplemma

    first, second = ("nn", "nb") if standard == "nn" else ("nb", "nn")
    lemma = simplemma.lemmatize(word, lang=first)
    if lemma.lower() == word.lower() and not simplemma.is_known(word, lang=first):
        lemma = simplemma.lemmatize(word, lang=second)
    return lemma


_word_tables: dict[str, dict[str, dict[str, str]]] = {}
_word_tables_lock = threading.Lock()


def treebank_word_lemmas() -> dict[str, dict[str, str]]:
    """Per standard, word → treebank lemma from the configured pipeline's tables (read once)."""
    key = str(pipeline_module.configured_path())
    tables = _word_tables.get(key)
    if tables is None:
        with _word_tables_lock:
            tables = _word_tables.get(key)
            if tables is None:
                try:
                    tables = read_word_lemmas(key)
                except Exception as exc:  # a damaged table must not stop themes or search
                    logger.warning("lemma tables in %s could not be read (%s)", key, exc)
                    tables = {"nb": {}, "nn": {}}
                _word_tables[key] = tables
    return tables


class LemmaLookup:
    """Word -> lowercased lemma with a per-process cache (thread-safe for concurrent readers).

    Only the ``"treebank"`` backend reads the written standard: ``lemmas(words)`` decides it from
    the words themselves (marker words, :func:`hearings.nlp.lemma_lookup.written_standard`), so
    pass a text's words together; ``standard=`` overrides it.
    """

    def __init__(self, backend: str = "auto", max_cache: int = 500_000) -> None:
        self.backend = resolve_backend(backend)
        self._caches: dict[str, dict[str, str]] = {"": {}, "nb": {}, "nn": {}}
        self._max_cache = max_cache
        self._lock = threading.Lock()

    def lemmas(self, words: Sequence[str], standard: str | None = None) -> list[str]:
        """Lemmas for a sequence of words; unseen types are lemmatised in one batch."""
        if self.backend != "treebank":
            standard = ""
        elif standard not in ("nb", "nn"):
            standard = written_standard(words)
        cache = self._caches[standard]
        missing = [w for w in dict.fromkeys(words) if w not in cache]
        if missing:
            self._fill(missing, standard)
        return [cache.get(w) or w.lower() for w in words]

    def lemma(self, word: str, standard: str | None = None) -> str:
        return self.lemmas([word], standard)[0]

    def _fill(self, words: list[str], standard: str) -> None:
        if self.backend == "pipeline":
            found = self._pipeline_lemmas(words)
        elif self.backend == "treebank":
            table = treebank_word_lemmas()[standard]
            found = [table.get(w.lower()) or _dictionary_lemma(w, standard) for w in words]
        else:
            found = [_simplemma_lemma(w) for w in words]
        cache = self._caches[standard]
        with self._lock:
            if len(cache) > self._max_cache:
                cache.clear()
            for word, lemma in zip(words, found, strict=True):
                lemma = (lemma or word).strip().lower() or word.lower()
                if word.isdigit():
                    lemma = word
                cache[word] = lemma

    @staticmethod
    def _pipeline_lemmas(words: list[str]) -> list[str]:
        nlp = pipeline_module.load_pipeline()
        disable = [name for name in nlp.pipe_names if name in {"parser", "ner", "senter"}]
        out: list[str] = []
        with nlp.select_pipes(disable=disable):
            for word, doc in zip(words, nlp.pipe(words, batch_size=512), strict=True):
                lemma = "".join(t.lemma_ + t.whitespace_ for t in doc).strip()
                out.append(lemma or _simplemma_lemma(word))
        return out


class CompoundSplitter:
    """Find known heads/modifiers inside long (compound) lemmas.

    ``known`` is a set of lemmas considered real words (the training corpus' lemmas and the goal
    vocabularies). A compound is split at the position giving the longest known head of at least
    ``min_part`` characters; the remaining modifier is reported if it, or it without a linking
    "s"/"e", is known. Results are cached.
    """

    def __init__(self, known: Iterable[str], min_len: int = 8, min_part: int = 4) -> None:
        self.known = {w for w in known if len(w) >= min_part}
        self.min_len = min_len
        self.min_part = min_part
        self._cache: dict[str, tuple[str, ...]] = {}

    def parts(self, lemma: str) -> tuple[str, ...]:
        """Known parts of ``lemma`` (empty when it is short or not a recognisable compound)."""
        cached = self._cache.get(lemma)
        if cached is not None:
            return cached
        result: tuple[str, ...] = ()
        if len(lemma) >= self.min_len and lemma.isalpha():
            for i in range(3, len(lemma) - self.min_part + 1):
                head = lemma[i:]
                if head in self.known:
                    modifier = lemma[:i]
                    mods = [m for m in (modifier, modifier[:-1]) if m in self.known]
                    if not mods and modifier.endswith(("s", "e")) and modifier[:-1] in self.known:
                        mods = [modifier[:-1]]
                    result = tuple(mods[:1]) + (head,)
                    break
        if len(self._cache) < 500_000:
            self._cache[lemma] = result
        return result
