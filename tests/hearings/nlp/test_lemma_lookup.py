"""Per-standard lemma tables after the trained lemmatizer (``hearings.nlp.lemma_lookup``).

The tables here are built from a few gold sentences written for the tests, so each test shows
one rule: the document's written standard picks the table, a near-unanimous pair wins over the
tree lemmatizer, an unseen compound takes its tail's lemma, and the tables survive a save.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from hearings.nlp.lemma_lookup import FACTORY, build_tables, written_standard


def _gold(nlp, words, pos, lemmas):
    return Doc(nlp.vocab, words=words, pos=pos, lemmas=lemmas)


def _tables(nlp):
    bokmal = _gold(
        nlp,
        ["Det", "er", "ikke", "ventetiden", "jeg", "mener", "."],
        ["PRON", "AUX", "PART", "NOUN", "PRON", "VERB", "PUNCT"],
        ["det", "være", "ikke", "ventetid", "jeg", "mene", "$."],
    )
    nynorsk = _gold(
        nlp,
        ["Det", "er", "ikkje", "ventetida", "eg", "meiner", "."],
        ["PRON", "AUX", "PART", "NOUN", "PRON", "VERB", "PUNCT"],
        ["det", "vere", "ikkje", "ventetid", "eg", "meine", "$."],
    )
    return build_tables([bokmal, nynorsk])


class _TreeLemmas:
    """Stands in for the tree lemmatizer: tags and a deliberately naive lemma (the word)."""

    def __init__(self, pos):
        self.pos = pos

    def __call__(self, doc):
        for token in doc:
            token.pos_ = self.pos.get(token.lower_, "NOUN")
            token.lemma_ = token.lower_
        return doc


def _pipeline(tables):
    nlp = spacy.blank("nb")
    tags = {"er": "AUX", "ikke": "PART", "ikkje": "PART", "jeg": "PRON", "eg": "PRON"}
    tree = _TreeLemmas(tags)
    lookup = nlp.add_pipe(FACTORY)
    lookup.set_tables(tables)
    return nlp, tree


def _run(nlp, tree, text):
    doc = tree(nlp.make_doc(text))
    return nlp.get_pipe(FACTORY)(doc)


def test_written_standard_from_marker_words():
    assert written_standard(["Eg", "meiner", "det", "ikkje", "er", "nok"]) == "nn"
    assert written_standard(["Jeg", "mener", "det", "ikke", "er", "nok"]) == "nb"
    assert written_standard(["Ventetid"]) == "nb"


def test_same_word_gets_the_lemma_of_the_documents_standard():
    nlp, tree = _pipeline(_tables(spacy.blank("nb")))
    bokmal = _run(nlp, tree, "Jeg mener det ikke er nok")
    nynorsk = _run(nlp, tree, "Eg meiner det ikkje er nok")
    assert [t.lemma_ for t in bokmal if t.text == "er"] == ["være"]
    assert [t.lemma_ for t in nynorsk if t.text == "er"] == ["vere"]


def test_unseen_compound_takes_the_lemma_of_its_known_tail():
    nlp, tree = _pipeline(_tables(spacy.blank("nb")))
    doc = _run(nlp, tree, "Jeg mener ventetiden og barneventetiden")
    assert [t.lemma_ for t in doc if t.text.endswith("ventetiden")] == [
        "ventetid",
        "barneventetid",
    ]


def test_ambiguous_pair_is_left_to_the_tree_lemmatizer():
    nlp = spacy.blank("nb")
    docs = [
        _gold(nlp, ["jeg", "tenker"], ["PRON", "VERB"], ["jeg", "tenke"]),
        _gold(nlp, ["jeg", "tenker"], ["PRON", "VERB"], ["jeg", "tenk"]),
    ]
    tables = build_tables(docs)
    assert "tenker" not in tables["nb"].get("VERB", {})
    assert tables["nb"]["PRON"]["jeg"] == "jeg"


def test_tables_survive_a_save(tmp_path):
    tables = _tables(spacy.blank("nb"))
    nlp = spacy.blank("nb")
    nlp.add_pipe(FACTORY).set_tables(tables)
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe(FACTORY).tables == nlp.get_pipe(FACTORY).tables
    assert loaded.get_pipe(FACTORY).tables["nn"]["AUX"]["er"] == "vere"
