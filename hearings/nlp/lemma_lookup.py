"""Lemmas looked up from the treebank, per written standard, after the trained lemmatizer.

Why: one joint model reads bokmål and nynorsk, and its edit-tree lemmatizer cannot know which
standard a word is written in. The commonest words are spelt alike and lemmatised differently
("er" is ``være`` in bokmål and ``vere`` in nynorsk; "sa" is ``si`` or ``seie``; "meg" is ``jeg``
or ``eg``), so the tree lemmatizer is wrong on them in one standard or the other. A document is
written in one standard, so this component decides the standard once per document from common
marker words and then takes the lemma the training data gives a (word, part of speech) pair in
that standard, when the data is nearly unanimous (≥ 90 %). Unseen compounds get the lemma of
their longest known tail ("kampbildet" → "kamp" + lemma of "bildet" = "kampbilde"), which the
tree lemmatizer gets wrong when the tail's inflection is irregular.

Measured on the NorNE UD test files (``docs/pipeline.md``, spaCy scorer): lemma accuracy 96.38 → 97.67
(bokmål) and 95.94 → 97.45 (nynorsk). The tables are learned from the training split only
(``hearings/nlp/training/scripts/lemma_tables.py``) and saved with the pipeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from hearings.nlp.language import BOKMAL_MARKERS, NYNORSK_MARKERS

FACTORY = "lemma_lookup"
TABLES_FILE = "tables.msgpack"

#: Parts of speech whose unseen compounds take the lemma of their longest known tail.
COMPOUND_POS = frozenset({"NOUN", "ADJ", "VERB"})
MIN_COMPOUND_LENGTH = 7
MIN_TAIL_LENGTH = 4


def written_standard(words: Iterable[str]) -> str:
    """``"nn"`` when more nynorsk than bokmål marker words occur, else ``"nb"``.

    The same markers as :func:`hearings.nlp.language.text_language`, counted over tokens.
    """
    nynorsk = bokmal = 0
    for word in words:
        lower = word.lower()
        if lower in NYNORSK_MARKERS:
            nynorsk += 1
        elif lower in BOKMAL_MARKERS:
            bokmal += 1
    return "nn" if nynorsk > bokmal else "nb"


def build_tables(
    docs: Iterable[Doc], min_share: float = 0.9
) -> dict[str, dict[str, dict[str, str]]]:
    """Per standard (and for both), part of speech → word → its lemma in the gold ``docs``.

    A (word, part of speech) pair is kept when at least ``min_share`` of its occurrences have
    the same lemma. ``"all"`` keeps only pairs that one of the standards lacks, as it is read
    only when the document's own standard has no entry.
    """
    counts: dict[str, dict[tuple[str, str], Counter]] = {"nb": {}, "nn": {}, "all": {}}
    for doc in docs:
        standard = written_standard(token.text for token in doc)
        for token in doc:
            key = (token.pos_, token.lower_)
            for table in (counts[standard], counts["all"]):
                table.setdefault(key, Counter())[token.lemma_] += 1
    tables: dict[str, dict[str, dict[str, str]]] = {}
    for name, table in counts.items():
        kept: dict[str, dict[str, str]] = {}
        for (pos, word), lemmas in table.items():
            if name == "all" and all((pos, word) in counts[s] for s in ("nb", "nn")):
                continue
            lemma, count = lemmas.most_common(1)[0]
            if count / sum(lemmas.values()) >= min_share:
                kept.setdefault(pos, {})[word] = lemma
        tables[name] = kept
    return tables


#: Parts of speech whose forms :func:`word_lemmas` reads: the words themes and search are about.
WORD_TABLE_POS = frozenset({"NOUN", "ADJ", "VERB", "ADV"})


def word_lemmas(tables: dict[str, dict[str, dict[str, str]]], standard: str) -> dict[str, str]:
    """Lowercased word → lemma in ``standard``, for words the treebank lemmatises one way only.

    Why: themes and search lemmatise single words without a tagger (see
    :class:`hearings.nlp.lemmas.LemmaLookup`), and the dictionary lemmatiser invents forms for
    common words ("pårørende" → "pårørenna"). The treebank's own lemma is right wherever the word
    has one lemma in that standard whatever its part of speech; ambiguous words ("del": noun
    *del*, verb *dele*) are left out. Measured in ``docs/analysis.md`` (Lemmas for themes and
    search).
    """
    found: dict[str, set[str]] = {}
    for name in (standard, "all"):
        for pos, words in tables.get(name, {}).items():
            if pos in WORD_TABLE_POS:
                for word, lemma in words.items():
                    found.setdefault(word, set()).add(lemma.lower())
    return {word: next(iter(lemmas)) for word, lemmas in found.items() if len(lemmas) == 1}


def read_word_lemmas(pipeline_dir: str | Path) -> dict[str, dict[str, str]]:
    """:func:`word_lemmas` per standard of a pipeline directory's tables; empty without tables."""
    path = Path(pipeline_dir) / FACTORY / TABLES_FILE
    if not path.is_file():
        return {"nb": {}, "nn": {}}
    tables = srsly.read_msgpack(path)
    return {standard: word_lemmas(tables, standard) for standard in ("nb", "nn")}


class LemmaLookup:
    """Pipeline component: see the module docstring."""

    def __init__(self, nlp: Language, name: str = FACTORY) -> None:
        self.name = name
        self.tables: dict[str, dict[str, dict[str, str]]] = {"nb": {}, "nn": {}, "all": {}}

    def set_tables(self, tables: dict[str, dict[str, dict[str, str]]]) -> None:
        self.tables = {name: tables.get(name, {}) for name in ("nb", "nn", "all")}

    def _known(self, standard: str, pos: str, word: str) -> str | None:
        lemma = self.tables[standard].get(pos, {}).get(word)
        if lemma is None:
            lemma = self.tables["all"].get(pos, {}).get(word)
        return lemma

    def _from_tail(self, standard: str, pos: str, word: str) -> str | None:
        for start in range(1, len(word) - MIN_TAIL_LENGTH + 1):
            tail = self._known(standard, pos, word[start:])
            if tail is not None and tail.islower():
                return word[:start] + tail
        return None

    def __call__(self, doc: Doc) -> Doc:
        standard = written_standard(token.text for token in doc)
        for token in doc:
            pos, word = token.pos_, token.lower_
            lemma = self._known(standard, pos, word)
            if (
                lemma is None
                and pos in COMPOUND_POS
                and len(word) >= MIN_COMPOUND_LENGTH
                and token.lemma_.islower()
            ):
                lemma = self._from_tail(standard, pos, word)
            if lemma is not None:
                token.lemma_ = lemma
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / TABLES_FILE, self.tables)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LemmaLookup:
        self.set_tables(srsly.read_msgpack(Path(path) / TABLES_FILE))
        return self


@Language.factory(FACTORY)
def make_lemma_lookup(nlp: Language, name: str) -> LemmaLookup:
    return LemmaLookup(nlp, name)
