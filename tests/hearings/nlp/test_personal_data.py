"""Personal-data flags: each rule with positives and negatives."""

import pytest

from hearings.nlp.personal_data import find_personal_data, is_valid_fnr


def kinds(text):
    return [(f.kind, f.text) for f in find_personal_data(text, use_ner=False)]


def test_spans_point_into_text():
    text = "Ring 912 34 567 eller skriv til kari@example.no."
    for flag in find_personal_data(text, use_ner=False):
        assert text[flag.start : flag.end] == flag.text
        assert flag.reason


@pytest.mark.parametrize("number", ["01010150074", "15058912317", "311299 87688"])
def test_valid_fnr_flagged(number):
    assert ("fnr", number) in kinds(f"Fødselsnummeret mitt er {number}.")


def test_d_number_flagged():
    assert kinds("D-nummer 41010150068.") == [("fnr", "41010150068")]


@pytest.mark.parametrize("number", ["01010150075", "01010150084", "12345678901", "32010150074"])
def test_invalid_check_digits_or_date_not_fnr(number):
    assert not is_valid_fnr(number)
    assert ("fnr", number) not in kinds(f"Nummer {number} i saken.")


@pytest.mark.parametrize(
    "phone", ["912 34 567", "+47 22 33 44 55", "41234567", "0047 9123 4567", "92-34-56-78"]
)
def test_phone_numbers_flagged(phone):
    assert ("phone", phone) in kinds(f"Kontakt meg på {phone} etter kl. 16.")


@pytest.mark.parametrize(
    "text",
    [
        "Organisasjonsnummer 974 760 673.",
        "Org.nr. 974760673 er oppgitt.",
        "Tiltaket koster kr 12 000 000 i året.",
        "Det utgjør 45 000 000 kroner.",
        "Høringsfristen var 20240508, dvs. 8. mai 2024.",
        "I 2024 og 2025 ble 1234 pasienter henvist.",
        "Saksnummer 2024/12345 gjelder dette.",
    ],
)
def test_non_phone_numbers_not_flagged(text):
    assert not [k for k in kinds(text) if k[0] in {"phone", "fnr"}]


def test_email():
    assert kinds("Send til ola.nordmann@helse-vest.no i dag.") == [
        ("email", "ola.nordmann@helse-vest.no")
    ]
    assert kinds("Bruk @-tegnet og skriv «e-post» i feltet.") == []


def test_names_by_cue_without_ner():
    found = kinds("Takk for muligheten.\nMed vennlig hilsen\nKari Nordmann\nRådgiver")
    assert ("person_name", "Kari Nordmann") in found
    assert kinds("Kontaktperson: Per Ole Hansen, seniorrådgiver.") == [
        ("person_name", "Per Ole Hansen")
    ]
    assert kinds("Helse Bergen og Oslo Universitetssykehus har svart.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Jeg har selv vært innlagt på DPS flere ganger.",
        "Eg har sjølv slite med angst i mange år.",
        "Min diagnose er bipolar lidelse.",
        "Som pårørende til min sønn med schizofreni vil jeg si noe.",
        "Mi dotter har hatt anoreksi sidan ho var 14.",
        "De la meg inn på lukket avdeling.",
    ],
)
def test_first_person_health_flagged(text):
    assert any(k == "own_health" for k, _ in kinds(text)), kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jeg mener at pasienter med psykose må få bedre hjelp.",
        "Jeg har jobbet i psykisk helsevern i 20 år.",
        "Vi mener behandlingen av depresjon bør styrkes.",
        "Eg meiner at pasientar med angst treng raskare hjelp.",
        "Min vurdering er at forløpet er godt.",
    ],
)
def test_opinions_about_patients_not_flagged(text):
    assert not any(k == "own_health" for k, _ in kinds(text)), kinds(text)
