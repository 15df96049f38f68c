"""Word lemmas for themes and search: the treebank's lemma in the text's standard, then the dictionary.

``LemmaLookup("treebank")`` is what theme grouping, theme names and search terms read; these
tests pin the behaviour users see (no invented forms like "pårørenna") and the rules behind it.
"""

from __future__ import annotations

from hearings.nlp.lemma_lookup import word_lemmas
from hearings.nlp.lemmas import LemmaLookup, _dictionary_lemma, treebank_word_lemmas
from search.analysis import index_terms, query_forms, text_standard


def test_a_word_with_one_lemma_in_the_standard_is_kept_and_an_ambiguous_word_is_left_out():
    tables = {
        "nb": {"NOUN": {"del": "del", "tjenestene": "tjeneste"}, "VERB": {"del": "dele"}},
        "nn": {"NOUN": {"tenestene": "teneste"}, "VERB": {"vart": "verte"}, "AUX": {"er": "vere"}},
        "all": {"ADJ": {"gamle": "gammel"}},
    }
    bokmal = word_lemmas(tables, "nb")
    assert bokmal["tjenestene"] == "tjeneste" and "del" not in bokmal
    assert bokmal["gamle"] == "gammel" and "vart" not in bokmal
    nynorsk = word_lemmas(tables, "nn")
    assert nynorsk["vart"] == "verte" and nynorsk["tenestene"] == "teneste"
    assert "er" not in nynorsk  # AUX is not a part of speech themes or search are about


def test_the_shipped_tables_are_read_per_standard():
    tables = treebank_word_lemmas()
    assert len(tables["nb"]) > 10_000 and len(tables["nn"]) > 10_000


def test_a_word_the_bokmal_dictionary_knows_keeps_its_bokmal_lemma():
    assert _dictionary_lemma("pårørende", "nb") == "pårørende"
    assert _dictionary_lemma("følge", "nb") == "følge"
    assert _dictionary_lemma("tenestene", "nb") == "teneste"  # unknown in bokmål: nynorsk's lemma


def test_themes_and_search_get_real_lemmas_where_the_dictionary_invents_them():
    lookup = LemmaLookup("treebank")
    words = ["Pårørende", "må", "få", "følge", "pasienten", "når", "ventetiden", "er", "lang"]
    lemmas = lookup.lemmas(words)
    assert lemmas[0] == "pårørende" and lemmas[3] == "følge" and lemmas[6] == "ventetid"
    assert "pårørenna" not in lemmas and "fylgja" not in lemmas
    assert LemmaLookup("simplemma").lemma("pårørende") == "pårørenna"  # why the goals differ


def test_the_text_decides_the_standard_of_its_words():
    lookup = LemmaLookup("treebank")
    nynorsk = ["Det", "vart", "ikkje", "gjort", "noko", "med", "tilbodet"]
    assert lookup.lemmas(nynorsk)[1] == "verte"
    assert lookup.lemma("vart", "nb") != "verte"
    assert text_standard("Det vart ikkje gjort noko med tilbodet.") == "nn"


def test_a_nynorsk_text_is_indexed_with_nynorsk_lemmas_and_a_query_reaches_both():
    terms = index_terms("Tilbodet vart ikkje betre, og eg ser ingen endring.").split()
    assert "verte" in terms and "sjå" in terms
    nynorsk, bokmal = query_forms("vart", "nn")[-1], query_forms("vart", "nb")[-1]
    assert nynorsk == "verte" and bokmal != "verte"
    assert {nynorsk, bokmal} <= set(query_forms("vart"))
    assert query_forms("vart", "nn") == ("vart", "verte")


def test_a_nynorsk_text_is_also_indexed_under_the_bokmal_forms_of_its_lemmas():
    terms = index_terms("Tenestene skal lytte til pårørande.").split()
    assert {"teneste", "tjeneste", "pårørande", "pårørende"} <= set(terms)
    bokmal_terms = index_terms("Tjenestene skal lytte til pårørende.").split()
    assert "teneste" not in bokmal_terms  # bokmål text is not mapped the other way
    assert "tjeneste" in query_forms("teneste") and "pårørende" in query_forms("pårørande")


def test_a_compound_in_its_base_form_is_indexed_under_its_tails_too():
    terms = index_terms("Forløpskoordinator").split()
    assert "koordinator" in terms  # the lemma is the word itself here
    assert "medvirkning" in index_terms("Eg meiner brukarmedverknad er viktig.").split()
