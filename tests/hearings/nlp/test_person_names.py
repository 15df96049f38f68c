"""Person names found by the name list and context rules, and how the finding is measured."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from hearings.nlp.name_eval import (
    Sentence,
    group_documents,
    heldout_dev,
    learn_entity_forms,
    learn_name_list,
    read_conllu,
    score_names,
)
from hearings.nlp.personal_data import find_names, find_names_by_list, find_personal_data

REAL_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "norwegian-ud"


def _names(text):
    return [f.text for f in find_names_by_list(text)]


def test_listed_first_name_takes_the_capitalised_word_beside_it():
    assert _names("Vi snakket med Kari Nordmann i går.") == ["Kari Nordmann"]


def test_name_starts_after_an_ordinary_first_word():
    assert _names("Også Kari Nordmann var der.") == ["Kari Nordmann"]


def test_surname_before_a_person_verb_at_sentence_start():
    assert _names("Torviksen mener det er feil.") == ["Torviksen"]


def test_ordinary_words_at_sentence_start_are_not_names():
    assert _names("Per døgn er det lite plass.") == []
    assert _names("Helsedirektoratet mener det er feil.") == []
    assert _names("Rusomsorgen har lite penger.") == []


def test_listed_name_and_ner_give_one_flag_per_name():
    flags = [
        f for f in find_personal_data("Vi snakket med Kari Nordmann.") if f.kind == "person_name"
    ]
    assert [f.text for f in flags] == ["Kari Nordmann"]


def _found(text, entities):
    """Names ``find_names`` flags given invented NER output ``[(word, label), ...]``."""
    spans = []
    for word, label in entities:
        start = text.index(word)
        spans.append((start, start + len(word), label))
    return [f.text for f in find_names(text, spans)]


def test_a_name_flagged_once_is_flagged_where_it_comes_back():
    text = "Vi har snakket med Kari Nordmann om saken. Etterpå skrev Nordmann et brev til oss."
    assert _found(text, [("Kari Nordmann", "PER")]) == ["Kari Nordmann", "Nordmann"]


def test_repeat_overrides_an_ner_place_for_a_known_name_but_not_for_a_place():
    text = "Gunnvor Tveitdal ledet møtet. Senere takket Tveitdal alle. Vi reiste til Tveitdal."
    entities = [("Gunnvor Tveitdal", "PER"), ("Tveitdal alle", "LOC")]
    assert _found(text, entities)[:2] == ["Gunnvor Tveitdal", "Tveitdal"]
    # a word NER calls a place more often than a person is not repeated as a name
    text = "Borduria svarte. Vi liker Borduria og Borduria liker oss."
    entities = [("Borduria", "PER"), ("Borduria og", "GPE_LOC"), ("Borduria liker", "GPE_LOC")]
    assert _found(text, entities) == ["Borduria"]


def test_name_list_flag_gives_way_to_an_ner_place():
    text = "Vi så Jan Mayen fra båten i sommer."
    assert _found(text, [("Jan Mayen", "GPE_LOC")]) == []
    assert _found(text, []) == ["Jan Mayen"]


def test_a_surname_norne_knows_as_a_person_beats_an_ner_organisation_or_place():
    text = "Det største bidraget til Larsens nye budsjett kom sent."
    assert _found(text, [("Larsens", "ORG")]) == ["Larsens"]
    assert _found("Valget falt til slutt på Johansen i fjor.", [("Johansen", "GPE_LOC")]) == [
        "Johansen"
    ]
    # not when NER reads the name as part of something longer, nor for Faker-only names
    assert _found("Vi bodde i Larsens gate i fjor.", [("Larsens gate", "LOC")]) == []
    assert _found("Vi reiste til Santiago i fjor.", [("Santiago", "GPE_LOC")]) == []


def test_a_place_on_the_entity_list_is_no_genitive_of_a_first_name():
    # "Hella" is a first name, "Hellas" a country NorNE tags as a place
    assert _names("Vi reiste til Hellas og Kypros i fjor.") == []
    assert _names("Vi leste Hannas brev i går.") == ["Hannas"]


def test_a_first_name_and_an_unknown_word_beat_an_ner_organisation_not_a_place():
    text = "Styret ble ledet av Jérôme Okwaro i mange år."
    assert _found(text, [("Jérôme Okwaro", "ORG")]) == ["Jérôme Okwaro"]
    assert _found(text, [("Jérôme Okwaro", "GPE_LOC")]) == []


def test_a_listed_ordinary_word_at_a_sentence_start_is_a_name_as_speaker_or_subject():
    assert _names("Holm: Ja, det tror jeg.") == ["Holm"]
    assert _names("Holm analyserer talene nøye.") == ["Holm"]
    assert _names("Holm og skjær ble kartlagt.") == []
    assert _names("Per innbygger koster det lite.") == []


def test_a_place_norne_knows_is_no_person_even_when_ner_says_so():
    text = "Streiken i Portugal varte lenge, og Portugals regjering ga seg."
    assert _found(text, [("Portugal", "PER"), ("Portugals", "PER")]) == []
    assert _found("Vi traff Solveig i går.", [("Solveig", "PER")]) == ["Solveig"]


def test_titles_quotes_and_ages_mark_a_person_that_ner_missed():
    assert _found("Vi ringte fastlege Grønnvik om saken.", []) == ["Grønnvik"]
    assert _found("- Det tar for lang tid, sier Okwaro.", []) == ["Okwaro"]
    assert _found("Tobbe Lindqvistian (34) fikk ingen plass.", []) == ["Tobbe Lindqvistian"]
    # not a verb of saying without a quote before it, an ordinary word, or a place
    assert _found("Han sier Grønnvik er fin.", []) == []
    assert _found("- Det er for dyrt, sier Helsedirektoratet.", []) == []
    # a short ordinary word that is also a surname speaks as a person
    assert _found("- Det var ein fin dag, fortalde Viken.", []) == ["Viken"]
    assert _found("- Vi er imot, sier Legeforeningen.", []) == []
    assert _found("- Vi kommer, sa Bordurias ambassadør.", []) == []


def test_more_speech_verbs_role_nouns_lifespans_and_finite_verbs_mark_names():
    assert _found("- Vi gjer det, forklarar Grønnvik.", []) == ["Grønnvik"]
    assert _found("Det meinte helseøkonom Tveitaker i går.", []) == ["Tveitaker"]
    assert _found("Komponisten Okwaro (1820 - 1881) var fattig.", []) == ["Okwaro"]
    assert _names("Okwaro presenterer saka.") == ["Okwaro"]
    assert _names("Prosessen presenterer saka.") == []


def test_a_listed_first_name_at_a_sentence_start_and_middle_initials_join_the_name():
    assert _names("Linda Cullenberg røyker fortsatt.") == ["Linda Cullenberg"]
    assert _names("Vi leste Ingrid M. Hansens spalte.") == ["Ingrid M. Hansens"]
    assert _names("Også Kari Nordmann var der.") == ["Kari Nordmann"]


def test_a_capitalised_title_a_party_and_accented_letters_mark_names():
    assert _found("Kaptein Brekkan ledet øvelsen.", []) == ["Brekkan"]
    assert _found("Det sa Solvår Brattvoll (Ap) i debatten.", []) == ["Solvår Brattvoll"]
    assert _found("Vi spelte eit verk av komponist Jérôme Dufrène.", []) == ["Jérôme Dufrène"]
    assert _found("Rapporten (A) er lang.", []) == []


def test_family_and_friends_before_a_name_mark_it():
    assert _found("Eg tok med sonen Tjostolv til legen.", []) == ["Tjostolv"]
    assert _found("Han gjekk tur med skulevenen Åsvald.", []) == ["Åsvald"]
    assert _found("Kona Bergljotta ventet i bilen.", []) == ["Bergljotta"]


def test_an_author_cited_with_a_year_is_a_name():
    assert _found("Dette er godt kjent (Mellum, 2011: 45).", []) == ["Mellum"]
    assert _found("Som Tveitaker (2019) viser, er det slik.", []) == ["Tveitaker"]
    assert _found("Se Rapporten (2019) for detaljar.", []) == []


def test_a_full_listed_name_inside_an_ner_work_or_event_is_kept():
    text = "Boka handlar om måleria til Ingrid Hansen frå Kvarsvik."
    assert _found(text, [("måleria til Ingrid Hansen", "PROD")]) == ["Ingrid Hansen"]
    assert _found(text, [("Ingrid Hansen frå Kvarsvik", "GPE_LOC")]) == []


def test_ner_name_grows_to_an_unknown_capitalised_neighbour():
    assert _found("Brevet fra Tjodolv Brekkan kom i går.", [("Brekkan", "PER")]) == [
        "Tjodolv Brekkan"
    ]


def test_titles_in_quotes_organisations_and_months_are_not_names():
    text = "Vi leste «Kari Nordmann» og Legeforeningens svar i Oktober."
    entities = [("Kari Nordmann", "PER"), ("Legeforeningens", "PER"), ("Oktober", "PER")]
    assert _found(text, entities) == []
    assert _found("Vi fikk svar fra Kari Nordmann AS i dag.", [("Kari Nordmann AS", "PER")]) == []
    # an institution word before a place, or "Helse" after a word, names an organisation
    assert _found("Vi fikk svar fra Sykehuset Østfold i dag.", [("Sykehuset Østfold", "PER")]) == []
    assert _found("Vi fikk svar fra Mental Helse i dag.", [("Mental Helse", "PER")]) == []


def test_inflected_noun_before_a_person_verb_is_no_surname():
    assert _names("Prosessen har vært treg.") == []
    assert _names("Torviksen har vært treg.") == ["Torviksen"]
    # a name that merely ends like a noun, without a noun before the ending
    assert _names("Vrimpet er kjend for romanane sine.") == ["Vrimpet"]
    assert _names("Sorita har ikke støtte i styret.") == ["Sorita"]
    assert _names("Pasientjournalloven er den nyeste.") == []
    # strong verbs the finite-verb test does not see
    assert _names("Solvår sto ved vinduet.") == ["Solvår"]


def test_an_unknown_word_that_comes_back_as_a_subject_is_a_name():
    bokmal = "Vi leste boka av Zorblat i fjor. Kritikerne sier at Zorblat skriver godt."
    assert _found(bokmal, []) == ["Zorblat", "Zorblat"]
    nynorsk = "Eg har lese alt av Vrimpel i år. Boka som Vrimpel skreiv sist, er best."
    assert _found(nynorsk, []) == ["Vrimpel", "Vrimpel"]
    # once only, never a subject, a place (after a place preposition) or a title in quotes
    assert _found("Kritikerne sier at Zorblat skriver godt.", []) == []
    assert _found("Vi bor i Zorblat. Mange flytter til Zorblat nå.", []) == []
    assert _found("Vi snakket om Zorblat i går og om Zorblat i dag.", []) == []
    assert _found("Vi leste «Mein Zorblat» i fjor. «Mein Zorblat» kom i 1925.", []) == []
    # NER's other entity keeps its veto
    assert _found(bokmal, [("Zorblat", "ORG")]) == []


def test_an_unknown_word_joined_to_a_one_word_name_is_a_name():
    assert _found("Etterpå har Zorblat og Hansen svart nei.", []) == ["Zorblat", "Hansen"]
    assert _found("Sidan har Hansen eller Vrimpel svart på brevet.", []) == ["Hansen", "Vrimpel"]
    # not beside a full name, after a place preposition, or inside an NER entity
    assert _found("Sidan har Kari Hansen og Vrimpel svart.", []) == ["Kari Hansen"]
    assert _found("Vi reiste til Zorblat og Hansen i fjor.", []) == ["Hansen"]
    assert _found("Etterpå har Zorblat og Hansen svart nei.", [("Zorblat", "ORG")]) == ["Hansen"]


def test_an_owner_before_a_possessive_is_a_name():
    assert _found("Vi lånte Zorblat sin bil i går.", []) == ["Zorblat"]
    assert _found("Det var frå Vrimpel sitt hus.", []) == ["Vrimpel"]
    assert _names("Frode si utdanning varer i tre år.") == ["Frode"]
    assert _names("Liv sin bil står ute.") == ["Liv"]
    # a place, an ordinary word or an organisation as owner
    assert _found("Vi fikk Sør-Trøndelag sitt svar.", []) == []
    assert _found("Då kom Stortinget sitt vedtak.", []) == []
    assert _names("Kommunen sin plan er god.") == []


def test_a_lone_unknown_word_in_brackets_is_a_cited_author():
    assert _found("Vi byggjer på ein eldre modell (Vrimpel) i dag.", []) == ["Vrimpel"]
    assert _found("Dette kalles samspillsmodellen (Zorblat) i faget.", []) == ["Zorblat"]
    # an abbreviation after a name, an ordinary word, a known place
    assert _found("Gruppa heter Brukerforum (Zorblat) nå.", []) == []
    assert _found("Det gjelder alle (Tillegg) i saken.", []) == []
    assert _found("Konferansen ble holdt i byen (Portugal) i fjor.", []) == []


CONLLU = """# text = Kari Nordmann bor i Bergen.
1\tKari\tKari\tPROPN\t_\t_\t3\tnsubj\t_\tname=B-PER
2\tNordmann\tNordmann\tPROPN\t_\t_\t1\tflat:name\t_\tname=I-PER
3\tbor\tbo\tVERB\t_\t_\t0\troot\t_\tname=O
4\ti\ti\tADP\t_\t_\t5\tcase\t_\tname=O
5\tBergen\tBergen\tPROPN\t_\t_\t3\tobl\t_\tSpaceAfter=No|name=B-GPE_LOC
6\t.\t$.\tPUNCT\t_\t_\t3\tpunct\t_\tname=O

# text = Hun møtte Ola.
1\tHun\thun\tPRON\t_\t_\t2\tnsubj\t_\tname=O
2\tmøtte\tmøte\tVERB\t_\t_\t0\troot\t_\tname=O
3\tOla\tOla\tPROPN\t_\t_\t2\tobj\t_\tSpaceAfter=No|name=B-PER
4\t.\t$.\tPUNCT\t_\t_\t2\tpunct\t_\tname=O

"""


def test_conllu_spans_and_scores(tmp_path):
    path = tmp_path / "sample.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    sentences = read_conllu(path)
    assert [s.text[a:b] for s in sentences for a, b in s.people] == ["Kari Nordmann", "Ola"]

    def flags(texts):  # finds the first name only, and flags the town
        return [[(0, 4), (20, 26)], []]

    score = score_names(sentences, flags)
    assert (score.gold, score.found, score.flags, score.right_flags) == (2, 0, 2, 1)
    assert score.recall == 0.0 and score.precision == 0.5


def test_documents_join_sentences_and_shift_the_name_spans(tmp_path):
    path = tmp_path / "sample.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    (document,) = group_documents(read_conllu(path), size=10)
    assert document.text == "Kari Nordmann bor i Bergen. Hun møtte Ola."
    assert [document.text[a:b] for a, b in document.people] == ["Kari Nordmann", "Ola"]
    assert len(group_documents(read_conllu(path), size=1)) == 2


def test_name_list_keeps_forms_that_are_mostly_names(tmp_path):
    ndt = tmp_path / "a.conll"
    rows = [
        ("I", "name=O"),
        ("går", "name=O"),
        ("sa", "name=O"),
        ("Aslaug", "name=B-PER"),
        ("at", "name=O"),
        ("Statsministeren", "name=O"),
        ("kom", "name=O"),
    ]
    ndt.write_text(
        "".join(
            f"{i}\t{form}\t_\t_\t_\t_\t0\t_\t_\t{tag}\n" for i, (form, tag) in enumerate(rows, 1)
        )
        + "\n",
        encoding="utf-8",
    )
    assert learn_name_list([ndt]) == ["Aslaug"]
    # an inventory name joins unless the training text uses it as an ordinary word
    assert learn_name_list([ndt], inventory=["Zofia", "Går", "Statsministeren"]) == [
        "Aslaug",
        "Zofia",
    ]


def test_entity_forms_are_those_tagged_mostly_as_something_else(tmp_path):
    ndt = tmp_path / "a.conll"
    rows = [("Vi", "O"), ("reiste", "O"), ("til", "O"), ("Hellas", "B-GPE_LOC"), ("med", "O")]
    rows += [("Aslaug", "B-PER"), ("og", "O"), ("Posten", "O")]
    ndt.write_text(
        "".join(
            f"{i}\t{form}\t_\t_\t_\t_\t0\t_\t_\tname={tag}\n"
            for i, (form, tag) in enumerate(rows, 1)
        )
        + "\n",
        encoding="utf-8",
    )
    assert learn_entity_forms([ndt]) == ["Hellas"]


def test_command_prints_json_for_each_standard(tmp_path):
    for standard, prefix in (("nob", "no_bokmaal"), ("nno", "no_nynorsk")):
        folder = tmp_path / "norne" / "ud" / standard
        folder.mkdir(parents=True)
        (folder / f"{prefix}-ud-test.conllu").write_text(CONLLU, encoding="utf-8")
    out = StringIO()
    call_command("evaluate_names", "--data", str(tmp_path), stdout=out)
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert set(result) == {"test_nob", "test_nno", "test_nob_sentences", "test_nno_sentences"}
    assert result["test_nob"]["gold_names"] == 2
    assert "documents of 10 consecutive sentences" in out.getvalue()
    assert result["test_nob"]["recall"] == 1.0  # both names are on the first-name list


@pytest.mark.skipif(not REAL_DATA.is_dir(), reason="NorNE is not on this machine")
def test_recall_on_norne_test_holds():
    """Floors a little under the measured figures (docs/analysis.md); the target is 0.95."""
    out = StringIO()
    call_command("evaluate_names", "--data", str(REAL_DATA), stdout=out)
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert result["test_nob"]["recall"] >= 0.91
    assert result["test_nno"]["recall"] >= 0.91
    assert result["test_nob_sentences"]["recall"] >= 0.89
    assert min(r["precision"] for r in result.values()) >= 0.80


def test_names_of_more_countries_are_on_the_list():
    # Faker locales added in issue 16 (Nigeria, India, Brazil, Lithuania, Viet Nam)
    for name in ("Chukwuemeka", "Siddharth", "Thiago", "Tadas", "Nguyen"):
        assert _names(f"Vi snakket med {name} om saken.") == [name], name


def test_heldout_dev_is_every_fourth_ndt_dev_file(tmp_path):
    folder = tmp_path / "norne" / "ndt"
    (folder / "nob").mkdir(parents=True)
    rows = ["file\tsplit\tsentences\ttokens"]
    sentences = []
    for n, word in enumerate(["Alfa", "Beta", "Gamma", "Delta", "Epsilon"]):
        name = f"f{n}.conll"
        rows.append(f"{name}\tdev\t1\t2")
        (folder / "nob" / name).write_text(
            f"1\t{word}\t_\t_\t_\t_\t0\t_\t_\tname=O\n2\tkom\t_\t_\t_\t_\t1\t_\t_\tname=O\n\n",
            encoding="utf-8",
        )
        sentences.append(Sentence(f"{word} kom", words=(word, "kom")))
    (folder / "splits_nob.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert [s.text for s in heldout_dev(tmp_path, "nob", sentences)] == ["Delta kom"]
