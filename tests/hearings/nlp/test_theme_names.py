"""Theme names are phrases their passages write, in their written standard, never lemma lists."""

from __future__ import annotations

from hearings.nlp.lemmas import LemmaLookup
from hearings.nlp.theme_names import name_occurs, name_theme
from hearings.nlp.themes import find_themes

LEMMAS = LemmaLookup("simplemma")
WAITING = [
    "Ventetiden på BUP er altfor lang for barn og unge i kommunen vår.",
    "Familiene forteller om lang ventetid på BUP før første samtale.",
    "Ventetid på BUP gjør at problemene vokser seg større.",
    "Mange får ikke hjelp fordi ventetiden på BUP er lang.",
]
WEIGHTS = {"ventetid": 1.0, "bup": 0.9, "lang": 0.3, "barn": 0.2}


def test_name_is_a_phrase_written_in_the_passages_with_its_acronym():
    named = name_theme(WAITING, WEIGHTS, LEMMAS)
    assert " " in named.name and "·" not in named.name
    assert "BUP" in named.name
    assert name_occurs(named.name, WAITING)
    assert named.name.lower() in named.quote.lower()


def test_nynorsk_theme_is_named_in_nynorsk():
    texts = [
        "Tenestene i kommunane må samarbeide betre når pasientar blir skrivne ut.",
        "Det er ikkje godt nok samarbeid mellom tenestene i kommunane.",
        "Kommunane manglar rutinar for samarbeid mellom tenestene.",
        "Samarbeidet mellom tenester i kommunar er for dårleg, meiner dei.",
        "Samarbeid mellom tjenestene i kommunene er for dårlig.",
    ]
    named = name_theme(
        texts, {"samarbeid": 1.0, "teneste": 0.8, "tjeneste": 0.8, "kommune": 0.6}, LEMMAS
    )
    assert name_occurs(named.name, texts)
    assert "tjenestene" not in named.name and "kommunene" not in named.name


def test_person_names_and_letter_formulas_never_name_a_theme():
    texts = ["Med vennlig hilsen Kari Nordmann og Ola Nordmann"] * 4
    named = name_theme(texts, {"kari": 1.0, "nordmann": 1.0, "hilsen": 1.0}, LEMMAS)
    assert "Kari Nordmann".lower() not in named.name.lower()
    assert "hilsen" not in named.name


def test_found_themes_are_named_by_phrases_from_their_members():
    texts = (
        WAITING * 3
        + [
            "Pårørende må involveres i behandlingen av pasienten fra første dag.",
            "Vi ønsker at pårørende involveres tidlig i behandlingen.",
            "Involvering av pårørende i behandlingen er for tilfeldig i dag.",
        ]
        * 3
    )
    model = find_themes(texts, min_size=3)
    assert model.themes
    for theme in model.themes:
        members = [texts[i] for i in theme.members]
        assert name_occurs(theme.label, members), theme.label
        assert theme.quote


def test_a_capital_that_only_opens_a_sentence_is_dropped_and_a_name_keeps_its_own():
    texts = [
        "Rapporten fra Helsedirektoratet viser at ventetiden øker.",
        "Vi ber Helsedirektoratet om å se på ventetiden igjen.",
        "Helsedirektoratet bør følge med på ventetiden i kommunene.",
        "Tallene som Helsedirektoratet har samlet, er nyttige.",
    ]
    named = name_theme(texts, {"helsedirektorat": 1.0, "helsedirektoratet": 1.0}, LEMMAS)
    assert named.name == "Helsedirektoratet"
    opening = [
        "Ventetiden er altfor lang for mange.",
        "Ventetiden må ned i alle kommuner.",
        "Ventetiden gjør at folk gir opp.",
    ]
    assert name_theme(opening, {"ventetid": 1.0}, LEMMAS).name == "ventetiden"
