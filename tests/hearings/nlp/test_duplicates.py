"""Duplicate and campaign-letter grouping."""

from hearings.nlp.duplicates import find_duplicates, normalise

LETTER = (
    "Vi i Foreningen for bedre psykisk helse mener at pasientene må få raskere hjelp, og at "
    "ventetiden i BUP er altfor lang for barn og unge i hele landet."
)


def test_normalise():
    assert normalise("  Hei,   DU!\n") == "hei du"


def test_exact_and_near_grouping():
    texts = [
        "Helt annen tekst om kodeverk og registrering av målepunkter i journalsystemet.",
        LETTER,
        LETTER.upper(),
        LETTER.replace("altfor lang", "for lang"),
        LETTER + " Hilsen Ola.",
        "Ingen merknader.",
        "Ingen merknader",
        "Vi mener at ventetiden i BUP er for lang, og at barn må få hjelp tidligere enn i dag.",
    ]
    result = find_duplicates(texts)
    assert result.group_of[0] is None and result.group_of[7] is None
    letter_group = result.group_of[1]
    assert letter_group is not None
    assert [result.group_of[i] for i in (2, 3, 4)] == [letter_group] * 3
    groups = {g.group_id: g for g in result.groups}
    assert groups[letter_group].kind == "near"
    assert groups[letter_group].members == [1, 2, 3, 4]
    assert groups[letter_group].canonical in (1, 2)  # the most frequent exact form, earliest
    short = groups[result.group_of[5]]
    assert short.kind == "exact" and short.members == [5, 6]
    assert result.canonical_of(6) == 5 and result.canonical_of(0) == 0


def test_deterministic_and_campaign_scale():
    texts = [f"Innspill nummer {i} om et helt eget tema med ord {i * 7}." for i in range(300)]
    texts += [LETTER] * 200
    a = find_duplicates(texts)
    b = find_duplicates(texts)
    assert a == b
    assert len(a.groups) == 1 and a.groups[0].size == 200
