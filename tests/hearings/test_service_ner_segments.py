"""NER for names reads only sentences that can hold a name (speed), with offsets kept exact."""

from hearings.nlp.personal_data import ner_segments


def test_segments_pick_sentences_with_possible_names():
    text = (
        "Kommunen mener at ventetiden er for lang. Vi snakket med Per Hansen i går.\n"
        "Med vennlig hilsen\nKari Nordmann\nTiltakene i BUP og TSB virker."
    )
    picked = [text[s:e] for s, e in ner_segments(text)]
    assert "Vi snakket med Per Hansen i går." in picked
    assert "Kari Nordmann" in picked  # a signature line
    assert "Kommunen mener at ventetiden er for lang." not in picked  # dictionary first word
    assert "Tiltakene i BUP og TSB virker." not in picked  # acronyms are no names


def test_unknown_capitalised_first_word_is_a_candidate():
    text = "Kjersti har vært innlagt flere ganger."
    assert ner_segments(text) == [(0, len(text))]
