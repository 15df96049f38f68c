"""Learn the per-standard lemma tables from the training corpus and add them to a pipeline.

Why a separate step: the tables are counted from the gold lemmas of ``corpus/train.spacy``
(never dev or test), so they can be rebuilt for any trained model without retraining it. The
component (``hearings.nlp.lemma_lookup``) runs right after the edit-tree lemmatizer and is saved
with the pipeline, so ``evaluate`` and ``package`` see it like any other component.

    python scripts/lemma_tables.py training/model-best corpus/train.spacy
"""

from __future__ import annotations

import sys

import app  # noqa: F401  (repository path, lemma_lookup factory)
import spacy
from spacy.tokens import DocBin

from hearings.nlp.lemma_lookup import FACTORY, build_tables


def main(model: str, train: str) -> None:
    nlp = spacy.load(model)
    docs = DocBin().from_disk(train).get_docs(nlp.vocab)
    tables = build_tables(docs)
    if FACTORY in nlp.pipe_names:
        nlp.remove_pipe(FACTORY)
    lookup = nlp.add_pipe(FACTORY, after="trainable_lemmatizer")
    lookup.set_tables(tables)
    nlp.to_disk(model)
    sizes = {name: sum(len(words) for words in table.values()) for name, table in tables.items()}
    print(f"{model}: {FACTORY} added after trainable_lemmatizer; entries {sizes}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
