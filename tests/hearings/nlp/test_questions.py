"""The question reader: letter structure first, then the trained model; and stated stances."""

from __future__ import annotations

import pytest

from hearings.nlp.letter_text import unwrap_lines
from hearings.nlp.passages import split_passages
from hearings.nlp.questions import (
    METHOD_MODEL,
    METHOD_STRUCTURE,
    QUESTIONS,
    QuestionReader,
    find_sections,
    get_question_reader,
)
from hearings.nlp.stance import combine_stances, propose_stance

LETTER = """Høringssvar fra Oppdiktet forening

Vi viser til høringsbrevet og takker for muligheten.

1. Bidrar utkastene til å oppnå de fem målene?
Vi støtter målene, men savner tiltak for distriktene.

Nytte for brukere, pårørende og tjenestene
Forløpene er nyttige for klinikerne. Pårørende får for lite informasjon.

Spørsmål 4
Forløpstidene er for korte.

Avslutning
Med vennlig hilsen styret
"""


@pytest.fixture(scope="module")
def reader() -> QuestionReader:
    return get_question_reader()


def _read(reader, text):
    passages = split_passages(text)
    results = reader.read(text, [(p.start, p.end) for p in passages])
    return {p.text: r for p, r in zip(passages, results, strict=True)}


def test_headings_and_numbered_points_decide_the_question(reader):
    read = _read(reader, LETTER)
    assert read["Vi støtter målene, men savner tiltak for distriktene."].question == "Q1"
    assert read["Vi støtter målene, men savner tiltak for distriktene."].method == METHOD_STRUCTURE
    nyttig = next(r for t, r in read.items() if t.startswith("Forløpene er nyttige"))
    assert nyttig.question == "Q2"
    assert read["Forløpstidene er for korte."].question == "Q4"
    assert "Spørsmål 4" in read["Forløpstidene er for korte."].evidence


def test_text_before_the_first_heading_and_after_a_closing_heading_goes_to_the_model(reader):
    read = _read(reader, LETTER)
    assert read["Vi viser til høringsbrevet og takker for muligheten."].method == METHOD_MODEL
    closing = read["Med vennlig hilsen styret"]
    assert closing.method == METHOD_MODEL and closing.question is None


def test_prose_without_headings_is_read_by_the_model(reader):
    text = (
        "Forløpstiden fra henvisning til første samtale er for kort, og registreringen av "
        "koder for hvert målepunkt gir merarbeid.\n"
        "Forløpskoordinatoren må varsle kommunen før utskrivning, ellers svikter samhandlingen."
    )
    assert find_sections(text, reader.matcher(None)) == []
    results = list(_read(reader, text).values())
    assert [r.method for r in results] == [METHOD_MODEL, METHOD_MODEL]
    assert [r.question for r in results] == ["Q4", "Q3"]
    assert set(results[0].scores) == set(QUESTIONS)


def test_a_numbered_point_about_something_else_is_no_question_heading(reader):
    text = "1. Vi har ingen merknader til kapittelet om legemidler.\n2. Takk for god prosess."
    assert find_sections(text, reader.matcher(None)) == []


def test_headings_match_the_hearings_own_question_texts(reader):
    texts = {"Q1": "Er språket i veilederen forståelig?", "Q2": "Er kapittelet om tvang riktig?"}
    text = "Språket i veilederen\nTeksten er tung å lese for mange.\n"
    matcher = reader.matcher(texts)
    [section] = find_sections(text, matcher)
    assert section.question == "Q1"


def test_contract_fields(reader):
    [result] = reader.read_texts(["Forløpskoordinatoren må ha tid til pasienten og kommunen."])
    contract = result.as_contract()
    assert set(contract) == {"question", "question_scores"}
    assert list(contract["question_scores"]) == list(QUESTIONS)
    assert contract["question"] in (None, *QUESTIONS)
    [empty] = reader.read_texts([""])
    assert empty.question is None


def test_reader_without_weights_reads_structure_only():
    reader = QuestionReader(model=None)
    assert reader.read_texts(["Forløpstidene er for korte."])[0].question is None
    [section] = find_sections("Målepunkter og forløpstider\nFor korte.", reader.matcher(None))
    assert section.question == "Q4"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Vi støtter forslaget om en fast koordinator.", "ja"),
        ("Vi er kritiske til at målepunktene bare måler tid.", "nei"),
        ("Vi støtter ikke at forløpstidene kortes ned.", "nei"),
        ("Vi støtter forslaget, men savner en plass for pårørende.", "delvis"),
        ("Vi støtter i hovedsak forslaget.", "delvis"),
        ("Eg stør framlegget.", "ja"),
        ("Forløpet beskriver utredning og behandling.", None),
    ],
)
def test_stated_stance(text, stance):
    proposal = propose_stance(text)
    assert (proposal.stance if proposal else None) == stance
    if proposal:
        assert text[proposal.start : proposal.end] == proposal.evidence


def test_stances_combine_to_partly_when_mixed():
    assert combine_stances(["ja", "ja"]) == "ja"
    assert combine_stances(["ja", "nei"]) == "delvis"
    assert combine_stances([]) is None


def test_pdf_line_wrapping_is_undone_but_headings_stay():
    text = (
        "1. Bidrar utkastene til å oppnå målene?\n"
        "Vi støtter målene i forløpet, særlig målet om økt brukermedvirkning. Samtidig\n"
        "mener vi at utkastet sier for lite om samhand-\n"
        "lingen.\n"
        "Avslutning"
    )
    assert unwrap_lines(text).splitlines() == [
        "1. Bidrar utkastene til å oppnå målene?",
        "Vi støtter målene i forløpet, særlig målet om økt brukermedvirkning. Samtidig mener vi "
        "at utkastet sier for lite om samhandlingen.",
        "Avslutning",
    ]


def test_a_letter_numbering_its_own_sections_is_read_by_topic(reader):
    text = "1. Innledning\nVi takker.\n2. Forløpskoordinering\nKoordinatoren må ha tid.\n"
    sections = find_sections(text, reader.matcher(None))
    assert [s.question for s in sections] == [None, "Q3"]
