"""Flag personal data in consultation answers before anything is published.

Why: answers are published (with the respondent's consent) and private persons often write
about themselves or their family. Staff must see, per answer, *where* names, identity numbers,
phone numbers, e-mail addresses and first-person health details occur so they can redact them.
Each flag carries a character span into the original text, a kind and a human-readable reason.

Precision choices (each rule documents what it deliberately does not flag):

* ``fnr`` - 11 digits (optionally ``DDMMYY NNNNN``) with a plausible date (D-numbers: day + 40;
  H-/synthetic numbers: month + 40/+80) and BOTH mod-11 check digits valid. Random 11-digit
  numbers and typos are not flagged as identity numbers.
* ``phone`` - Norwegian numbers: optional +47/0047, then 8 digits written as 8, 4+4, 3+2+3 or
  2+2+2+2 (spaces, dots or dashes), first digit 2-9. Not flagged: 9-digit organisation numbers
  ("974 760 673"), amounts ("12 000 000", "kr 45 000 000"), 8-digit dates (20240508), digits
  that are part of longer digit runs.
* ``email`` - standard address syntax.
* ``person_name`` - PER entities from the trained pipeline when it has NER; otherwise (fallback)
  capitalised names after explicit cues (signatures, "kontaktperson", "jeg heter").
* ``own_health`` - first person + health term close together in the same sentence: "jeg har
  selv vært innlagt", "eg har sjølv slite med angst", "min diagnose", "som pårørende til min
  sønn med schizofreni". Opinions about patient groups ("jeg mener pasienter med psykose ...")
  are not flagged.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hearings.nlp import pipeline as pipeline_module
from hearings.nlp.passages import sentence_spans

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PersonalDataFlag:
    """One finding: ``text[start:end]`` is the flagged span."""

    start: int
    end: int
    kind: str  # person_name | fnr | phone | email | own_health
    reason: str
    text: str


# --- national identity numbers -------------------------------------------------------------
_FNR_RE = re.compile(r"(?<![\d])(\d{6})[ ]?(\d{5})(?![\d])")
_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def is_valid_fnr(number: str) -> bool:
    """True for a fødselsnummer/D-number with a plausible date and both mod-11 digits valid."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 11:
        return False
    day = digits[0] * 10 + digits[1]
    month = digits[2] * 10 + digits[3]
    if day > 40:  # D-number
        day -= 40
    if month > 80:  # synthetic test numbers
        month -= 80
    elif month > 40:  # H-number
        month -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    k1 = _check_digit(digits[:9], _W1)
    if k1 is None or k1 != digits[9]:
        return False
    k2 = _check_digit(digits[:10], _W2)
    return k2 is not None and k2 == digits[10]


def find_fnr(text: str) -> list[PersonalDataFlag]:
    out = []
    for m in _FNR_RE.finditer(text):
        if is_valid_fnr(m.group(0)):
            kind = "D-nummer" if int(m.group(0)[0]) >= 4 else "fødselsnummer"
            out.append(
                PersonalDataFlag(
                    m.start(), m.end(), "fnr", f"{kind} med gyldige kontrollsiffer", m.group(0)
                )
            )
    return out


# --- phone numbers -------------------------------------------------------------------------
_SEP = r"[ .\-]?"
_PHONE_RE = re.compile(
    r"(?<![\w+])(?<!\d[ .\-])"
    r"(?P<prefix>(?:\+|00)47[ .\-]?)?"
    r"(?P<number>[2-9]\d{7}"
    rf"|[2-9]\d{{3}}{_SEP}\d{{4}}"
    rf"|[2-9]\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}}"
    rf"|[2-9]\d{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}})"
    r"(?![\d])(?![ .\-]\d)"
)
_MONEY_BEFORE = re.compile(r"(?:kr\.?|kroner|nok|mill\.?|mrd\.?|beløp(?:et)?|€|\$)\s*$", re.I)
_MONEY_AFTER = re.compile(r"^\s*(?:kr\b|kroner|nok\b|mill|mrd|,-|prosent|%)", re.I)
_PHONE_CUE = re.compile(r"(?:tlf|telefon|mobil|ring|tel|nr)\.?:?\s*$", re.I)
_ORGNR_CUE = re.compile(r"(?:org\.?\s*nr\.?|organisasjonsnummer|orgnr)\.?:?\s*$", re.I)


def _looks_like_date(digits: str) -> bool:
    if len(digits) != 8:
        return False
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    return 1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31


def find_phones(text: str) -> list[PersonalDataFlag]:
    out = []
    for m in _PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group("number"))
        before = text[max(0, m.start() - 25) : m.start()]
        after = text[m.end() : m.end() + 12]
        if _MONEY_BEFORE.search(before) or _MONEY_AFTER.search(after):
            continue
        if _ORGNR_CUE.search(before):
            continue
        if not m.group("prefix") and not _PHONE_CUE.search(before) and _looks_like_date(digits):
            continue
        out.append(PersonalDataFlag(m.start(), m.end(), "phone", "norsk telefonnummer", m.group(0)))
    return out


# --- e-mail --------------------------------------------------------------------------------
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w])")


def find_emails(text: str) -> list[PersonalDataFlag]:
    return [
        PersonalDataFlag(m.start(), m.end(), "email", "e-postadresse", m.group(0))
        for m in _EMAIL_RE.finditer(text)
    ]


# --- person names --------------------------------------------------------------------------
_NAME = r"[A-ZÆØÅ][a-zæøåéüöä]+(?:-[A-ZÆØÅ][a-zæøåéüöä]+)?"
_NAME_SEQ = rf"{_NAME}(?:[ ]+(?:{_NAME}|[A-ZÆØÅ]\.))*(?:[ ]+{_NAME})"
_NAME_CUES = re.compile(
    r"(?:(?:med\s+)?(?:vennlig|venleg)\s+(?:hilsen|helsing)|mvh\.?|hilsen|helsing|beste\s+hilsen"
    r"|kontaktperson|saksbehandler|sakshandsamar|jeg\s+heter|eg\s+heiter|mitt\s+navn\s+er"
    r"|mitt\s+namn\s+er|undertegnede|v/)[\s:,]*(?P<name>" + _NAME_SEQ + ")",
    re.I | re.UNICODE,
)


def _case_sensitive_name(candidate: str) -> bool:
    parts = candidate.split()
    return len(parts) >= 2 and all(p[0].isupper() for p in parts)


def find_names_by_cue(text: str) -> list[PersonalDataFlag]:
    """Fallback without NER: names right after signature/introduction cues."""
    out = []
    for m in _NAME_CUES.finditer(text):
        name = m.group("name")
        if _case_sensitive_name(name):
            out.append(
                PersonalDataFlag(
                    m.start("name"),
                    m.end("name"),
                    "person_name",
                    "navn etter signatur/presentasjon",
                    name,
                )
            )
    return out


#: NorNE labels for capitalised spans that are no person: organisations, places, works, events.
NOT_PERSON_LABELS = frozenset({"ORG", "GPE_ORG", "GPE_LOC", "LOC", "PROD", "EVT"})
PERSON_LABELS = frozenset({"PER", "PERSON"})

#: An NER entity as (start, end, label), offsets into the screened text.
Entity = tuple[int, int, str]


def _ner_entities(text: str, nlp: object | None = None) -> list[Entity] | None:
    """All entities the trained pipeline finds in ``text``; ``None`` when it has no NER."""
    try:
        if nlp is None:
            nlp = pipeline_module.load_pipeline()
            if pipeline_module.pipeline_info().get("fallback", True):
                return None
        if "ner" not in getattr(nlp, "pipe_names", []):
            return None
        doc = nlp(text)  # type: ignore[operator]
    except Exception as exc:  # never let a model problem hide the regex findings
        logger.warning("NER unavailable for personal data (%s); using name cues", exc)
        return None
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def find_names_ner(text: str, nlp: object | None = None) -> list[PersonalDataFlag] | None:
    """PER entities from the trained pipeline; ``None`` when no NER is available."""
    entities = _ner_entities(text, nlp)
    if entities is None:
        return None
    return [_ner_flag(text, s, e) for s, e, label in entities if label in PERSON_LABELS]


def _ner_flag(text: str, start: int, end: int) -> PersonalDataFlag:
    return PersonalDataFlag(start, end, "person_name", "personnavn (NER)", text[start:end])


def find_names(text: str, entities: list[Entity] | None) -> list[PersonalDataFlag]:
    """Person-name flags of ``text`` from NER ``entities`` (``None``: no NER) and the rules.

    With NER: its PER entities, plus the name list and context rules
    (:func:`find_names_by_list`) wherever NER has not said the span is an organisation, a
    place, a work or an event ("Jan Mayen" is a place although "Jan" is a first name). Without
    NER: names after explicit cues and the name list.
    """
    listed = find_names_by_list(text)
    if entities is None:
        return find_names_by_cue(text) + listed
    people = [_ner_flag(text, s, e) for s, e, label in entities if label in PERSON_LABELS]
    people += find_names_by_role(text)
    others = [(s, e) for s, e, label in entities if label in NOT_PERSON_LABELS]
    listed = [
        f
        for f in listed
        if any(f.start < p.end and p.start < f.end for p in people)
        or not any(f.start < e and s < f.end for s, e in others)
        or _attested_against_ner(f, others)
        or _full_name_against_ner_organisation(f, entities)
        or _full_name_inside_ner_work(f, entities)
    ]
    flags = _merge_names(sorted(people + listed, key=lambda f: (f.start, -f.end)))
    flags = [
        f for f in _grow_names(text, flags) if not _quoted_title(text, f) and not _not_a_person(f)
    ]
    flags = _recurring_unknown_words(text, flags, entities)
    flags = _joined_names(text, flags, entities)
    return _repeat_names(text, flags, others, _not_person_words(text, people, others))


#: Prepositions that put a place after them ("i Kvarsvik", "på Brattvoll", "frå Skarvik").
_PLACE_PREPOSITIONS = frozenset(
    ["i", "på", "til", "fra", "frå", "mellom", "mot", "ved", "over", "gjennom", "rundt", "nær"]
)


def _lone_words(text: str) -> Iterator[tuple[int, int, str]]:
    """Capitalised words inside sentences that stand alone, not beside another capitalised
    word (those are handled as multi-word names)."""
    words = [(m.start(), m.end(), m.group()) for m in _NAME_WORD_RE.finditer(text)]
    for i, (start, end, word) in enumerate(words):
        if _sentence_initial(text, start):
            continue
        if (i > 0 and _adjacent(text, words[i - 1], words[i])) or (
            i + 1 < len(words) and _adjacent(text, words[i], words[i + 1])
        ):
            continue
        yield start, end, word


def _unknown_form(word: str) -> bool:
    """No ordinary word, no place or organisation NorNE train knows, in any of its parts
    ("Nord-Korea", "Vest-Agder") or as a genitive ("Helsedirektoratets")."""
    if len(word) < 3 or word.lower() in _CALENDAR_WORDS or word in entity_names():
        return False
    forms = [word, *word.split("-")]
    if word.endswith("s"):
        forms.append(word[:-1])
    return not any(_known_word(f) or _entity_form(f) for f in forms)


def _recurring_unknown_words(
    text: str, flags: list[PersonalDataFlag], entities: list[Entity]
) -> list[PersonalDataFlag]:
    """A capitalised word outside the dictionary that comes back inside sentences, at least
    once as the subject of a verb ("bøkene til Vrimpel ... boka som Vrimpel skreiv").

    Why: a text about someone repeats the surname where NER never calls it a person, so the
    repetition rule has nothing to start from. Not flagged: a word NER puts in any entity, a
    form NorNE train tags as a place or organisation, an organisation ending, and a word that
    once stands after a place preposition ("i Kvarsvik", "på Brattvoll"), in or at quotes
    («Store Drumlin») or after another capitalised word.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    vetoed: set[str] = set()
    for start, end, word in _lone_words(text):
        base = word.removesuffix("'s")
        before = text[max(0, start - 8) : start].split()[-1:]
        if (
            text[start - 1 : start] in _OPENING_QUOTES
            or text[end : end + 1] in _CLOSING_QUOTES
            or (before and (before[0].lower() in _PLACE_PREPOSITIONS or before[0][:1].isupper()))
        ):
            vetoed.add(base)
        spans.setdefault(base, []).append((start, end))
    added = []
    for base, found in spans.items():
        if len(found) < 2 or base in vetoed or not _unknown_form(base):
            continue
        if _ORGANISATION_ENDING.search(base.lower()):
            continue
        if any(s < ee and ss < e for s, e in found for ss, ee, _ in entities) or any(
            f.start < e and s < f.end for s, e in found for f in flags
        ):
            continue
        if not any(_before_person_verb(text, e) or _before_finite_verb(text, e) for _, e in found):
            continue
        added += [_name_flag(text, s, e, "personnavn (gjentatt ukjent ord)") for s, e in found]
    if not added:
        return flags
    return _merge_names(sorted(flags + added, key=lambda f: (f.start, -f.end)))


_JOIN_RE = re.compile(r"[ ](?:og|eller|&)[ ]")


def _joined_names(
    text: str, flags: list[PersonalDataFlag], entities: list[Entity]
) -> list[PersonalDataFlag]:
    """An unknown capitalised word joined by "og"/"eller" to a one-word name ("Okwaro og Hansen").

    Why: two surnames are often named together and NER or the list finds only one. Kept
    tight: the partner is a single flagged word (a full name beside a lone word is more often
    a name and a place: "Kari Hansen og Kvarsvik"), the word stands alone inside a sentence,
    is no ordinary word nor a known place or organisation, lies in no NER entity, and does
    not follow a place preposition ("til Kvarsvik og Hansen").
    """
    added = []
    for start, end, word in _lone_words(text):
        if not _unknown_form(word.removesuffix("'s")) or any(
            f.start < end and start < f.end for f in flags
        ):
            continue
        if any(s < end and start < e for s, e, _ in entities):
            continue
        right = _JOIN_RE.match(text, end)
        left = _JOIN_RE.search(text, max(0, start - 8), start)
        partner = next((f for f in flags if right and f.start == right.end()), None)
        if partner is None and left and left.end() == start:
            partner = next((f for f in flags if f.end == left.start()), None)
        if partner is None or len(partner.text.split()) > 1:
            continue
        before = text[max(0, start - 8) : start].split()[-1:]
        if right and before and before[0].lower() in _PLACE_PREPOSITIONS:
            continue
        added.append(_name_flag(text, start, end, "personnavn (sammen med et navn)"))
    if not added:
        return flags
    return _merge_names(sorted(flags + added, key=lambda f: (f.start, -f.end)))


def _attested_against_ner(flag: PersonalDataFlag, others: list[tuple[int, int]]) -> bool:
    """A list name NER calls something else, but NorNE's training text knows as a person.

    Why: NER often takes a lone surname for an organisation or a place ("til Larsens nye
    budsjett", "valget falt på Johansen"). The list wins when every word of the flag is a
    form that NorNE train tags mostly as a person's name (not one of Faker's additions, not a
    form tagged mostly as a place or organisation) and NER's entity lies inside the flag, so
    NER did not read it as part of a longer name ("Larsens gate", "Jan Mayen-ekspedisjonen").
    """
    attested = attested_names()
    for m in _NAME_WORD_RE.finditer(flag.text):
        word = m.group().removesuffix("'s")
        if word in entity_names() or not (
            word in attested or (word.endswith("s") and word[:-1] in attested)
        ):
            return False
    return all(
        flag.start <= s and e <= flag.end for s, e in others if flag.start < e and s < flag.end
    )


def _full_name_inside_ner_work(flag: PersonalDataFlag, entities: list[Entity]) -> bool:
    """A full name on the list inside what NER calls a work or an event ("måleria til Ingrid
    Hansen" read as part of a title, "prest i Kvarsvik Ola Brattvoll" as an event)."""
    words = [m.group().removesuffix("'s") for m in _NAME_WORD_RE.finditer(flag.text)]
    if len(words) < 2 or not all(
        _is_listed_name(w) and not _entity_form(w) and w not in entity_names() for w in words
    ):
        return False
    overlapping = [lab for s, e, lab in entities if flag.start < e and s < flag.end]
    return all(lab in PERSON_LABELS or lab in {"PROD", "EVT"} for lab in overlapping)


def _full_name_against_ner_organisation(flag: PersonalDataFlag, entities: list[Entity]) -> bool:
    """A listed first name and an unknown capitalised word that NER calls an organisation.

    Why: NER takes foreign full names for organisations ("styret til Jérôme
    Okwaro"). Places keep their veto ("Jan Mayen" is a place), and so do organisations NER
    reads as longer than the flag or with a word NorNE train tags as an entity (a football
    club named after its town).
    """
    words = [m.group().removesuffix("'s") for m in _NAME_WORD_RE.finditer(flag.text)]
    if len(words) < 2 or words[0] not in person_names() or words[0] in entity_names():
        return False
    if any(w in entity_names() or _known_word(w) for w in words[1:]):
        return False
    overlapping = [(s, e, lab) for s, e, lab in entities if flag.start < e and s < flag.end]
    return all(
        lab in PERSON_LABELS or (lab == "ORG" and flag.start <= s and e <= flag.end)
        for s, e, lab in overlapping
    )


#: How names of organisations and institutions end ("Legeforeningen", "Brattvoll Grendelag",
#: "Sørlandet sykehus"), in the last word of a flag, genitive -s left out.
_ORGANISATION_ENDING = re.compile(
    r"(?:forening|foreningen|forbund|forbundet|kommune|kommunes|sykehus|sykehuset|sjukehus"
    r"|sjukehuset|direktorat|direktoratet|departement|departementet|tilsyn|tilsynet|etaten"
    r"|rådet|senter|senteret|senteret|klinikk|klinikken|foretak|foretaket|avisen|avisa|lag"
    r"|laget|partiet|regjeringen|regjeringa|universitet|universitetet|høgskole|høgskolen"
    r"|høyskole|høyskolen|skole|skolen|skule|skulen|kontor|kontoret|byrå|byrået|organisasjon"
    r"|organisasjonen|institutt|instituttet|selskap|selskapet|stiftelse|stiftelsen|fond|fondet"
    r"|gruppen|gruppa|nettverk|nettverket|akademi|akademiet|hotell|hotel|museum|museet"
    r"|fylke|fylkeskommune|kirke|kyrkje|helse)$"
)
#: Months and weekdays, which NER and the name list sometimes take for names ("Oktober").
_CALENDAR_WORDS = frozenset(
    [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
        "mandag",
        "tirsdag",
        "onsdag",
        "torsdag",
        "fredag",
        "lørdag",
        "søndag",
        "måndag",
        "tysdag",
        "laurdag",
        "sundag",
    ]
)


def _entity_form(word: str) -> bool:
    """A form NorNE train tags mostly as a place or an organisation, and no listed name
    ("Portugal", "Portugals"); NER sometimes calls one of them a person."""
    if word in person_names():
        return False
    return word in entity_names() or (
        word.endswith("s") and word[:-1] in entity_names() and word[:-1] not in person_names()
    )


def _not_a_person(flag: PersonalDataFlag) -> bool:
    """A flag that names an organisation ("Legeforeningens", "Helse Vest AS"), or is a month,
    a weekday or a place or organisation NorNE train knows ("Portugal") on its own."""
    words = flag.text.split()
    if len(words) > 1 and words[-1] in {"AS", "ASA", "SA"}:
        return True
    last = words[-1].lower().removesuffix("'s")
    if len(words) == 1 and last in _CALENDAR_WORDS:
        return True
    if len(words) == 1 and _entity_form(words[0].removesuffix("'s")):
        return True
    if len(last) > 4 and last.endswith("s") and _ORGANISATION_ENDING.search(last[:-1]):
        return True
    if len(words) > 1 and _ORGANISATION_ENDING.fullmatch(words[0].lower()):
        return True  # the institution word before a name: "Sykehuset Østfold"
    match = _ORGANISATION_ENDING.search(last)
    # a compound ("Legeforeningen", "Grendelag") or the institution word after a name
    return bool(match) and (match.start() >= 4 or (match.start() == 0 and len(words) > 1))


_OPENING_QUOTES, _CLOSING_QUOTES = '«“"', '»”"'


def _quoted_title(text: str, flag: PersonalDataFlag) -> bool:
    """A name that fills a pair of quotes is a title: «Store Drumlin», a ship «Ingrid Torvik»."""
    return (
        flag.start > 0
        and text[flag.start - 1] in _OPENING_QUOTES
        and text[flag.end : flag.end + 1] in tuple(_CLOSING_QUOTES)
    )


def _not_person_words(
    text: str, people: list[PersonalDataFlag], others: list[tuple[int, int]]
) -> set[str]:
    """Words NER puts in organisations or places more often than in names in this text
    (a country taken once for a person and five times for a place): not repeated as names."""
    votes: dict[str, int] = {}
    for spans, vote in (([(p.start, p.end) for p in people], 1), (others, -1)):
        for s, e in spans:
            for m in _NAME_WORD_RE.finditer(text, s, e):
                word = m.group().removesuffix("'s")
                votes[word] = votes.get(word, 0) + vote
    return {w for w, v in votes.items() if v < 0}


def _name_flag(text: str, start: int, end: int, reason: str) -> PersonalDataFlag:
    return PersonalDataFlag(start, end, "person_name", reason, text[start:end])


def _grow_names(text: str, flags: list[PersonalDataFlag]) -> list[PersonalDataFlag]:
    """Widen each name to the capitalised words right beside it that are no ordinary words
    ("Tjodolv" before a flagged "Brekkan"), also across particles ("Ludwig van Beethoven")."""
    if not flags:
        return flags
    words = [(m.start(), m.end(), m.group()) for m in _NAME_WORD_RE.finditer(text)]
    starts = {w[0]: i for i, w in enumerate(words)}
    ends = {w[1]: i for i, w in enumerate(words)}
    out = []
    for f in flags:
        start, end = f.start, f.end
        i = starts.get(start)
        while i is not None and i > 0 and _adjacent(text, words[i - 1], words[i]):
            left = words[i - 1]
            if _known_word(left[2].removesuffix("'s")) and not _is_listed_name(left[2]):
                break
            start, i = left[0], i - 1
        j = ends.get(end)
        while j is not None and j + 1 < len(words) and _adjacent(text, words[j], words[j + 1]):
            right = words[j + 1]
            if _known_word(right[2].removesuffix("'s")) and not _is_listed_name(right[2]):
                break
            end, j = right[1], j + 1
        out.append(
            f if (start, end) == (f.start, f.end) else _name_flag(text, start, end, f.reason)
        )
    return _merge_names(out)


def _all_names(span: str, names: set[str]) -> bool:
    """Every word of ``span`` is a capitalised word in ``names`` (genitive -s allowed)."""
    words = span.split()
    return all(
        (w := word.removesuffix("'s")) in names or (w.endswith("s") and w[:-1] in names)
        for word in words
    )


def _repeat_names(
    text: str,
    flags: list[PersonalDataFlag],
    others: list[tuple[int, int]],
    not_names: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[PersonalDataFlag]:
    """Flag the other capitalised occurrences of a word flagged as a name in the same text.

    Why: a respondent who names someone once tends to name them again, often by the surname
    alone ("Kari Nordmann ... Nordmann mener"), where neither NER nor the rules would see a
    name. A repeat at a sentence start that is an ordinary word, or inside what NER calls an
    organisation or a place, is left alone.
    """
    if not flags:
        return flags
    names: set[str] = set()
    for f in flags:
        for m in _NAME_WORD_RE.finditer(f.text):
            word = m.group().removesuffix("'s")
            if len(word) > 2 and word not in not_names:
                names.add(word)
                if word.endswith("s") and len(word) > 4:
                    names.add(word[:-1])
    added = []
    for m in _NAME_WORD_RE.finditer(text):
        word = m.group().removesuffix("'s")
        if word not in names and not (word.endswith("s") and word[:-1] in names):
            continue
        if any(f.start < m.end() and m.start() < f.end for f in flags):
            continue
        if any(
            m.start() < e and s < m.end() and not _all_names(text[s:e], names) for s, e in others
        ):
            continue
        if _sentence_initial(text, m.start()) and _in_dictionary(word.lower()):
            continue
        added.append(_name_flag(text, m.start(), m.end(), "personnavn (gjentatt i teksten)"))
    if not added:
        return flags
    return _merge_names(sorted(flags + added, key=lambda f: (f.start, -f.end)))


# --- first-person health -------------------------------------------------------------------
_HEALTH_TERMS = (
    r"innlagt|innlagd|innleggelse|innlegging|tvangsinnlagt|diagnose\w*|schizofreni\w*|psykose\w*"
    r"|psykotisk\w*|depresjon\w*|deprimert|angst\w*|panikk\w*|bipolar\w*|spiseforstyrr\w*"
    r"|eteforstyrr\w*|anoreksi\w*|bulimi\w*|ocd|tvangslid\w*|tvangstank\w*|adhd|autis\w*"
    r"|rusavhengig\w*|avhengig\w*|rusproblem\w*|rusmisbruk\w*|alkoholi\w*|narkoman\w*"
    r"|selvmord\w*|sjølvmord\w*|suicid\w*|selvskad\w*|sjølvskad\w*|traume\w*|ptsd|personlighetsforstyrr\w*"
    r"|medisin\w*|antidepressiv\w*|antipsykotik\w*|lar|substitusjon\w*|psykiatri\w*|dps"
    r"|psykisk\w*|sykdom\w*|sjukdom\w*|lidelse\w*|liding\w*|syk|sjuk|behandling\w*|terapi\w*"
)
_FIRST_PERSON = r"jeg|eg|meg"
_EXPERIENCE = (
    r"har|hadde|ble|blei|vart|var|er|fikk|fekk|får|sliter|slit|slet|sleit|lever|lider|led|tar|tok"
    r"|tek|bruker|brukar|brukte|gikk|gjekk|gått|vært|vore|har\s+selv|har\s+sjølv|selv|sjølv"
    r"|kjempet|kjempa|fått|mottok|mottar|går|ligger|ligg|lå|levd|levde"
)
_POSSESSIVE = r"min|mi|mitt|mine"
_FAMILY = (
    r"sønn|son|datter|dotter|barn|gutt|jente|mann|kone|kjæreste|sambo\w*|mor|far|mamma|pappa"
    r"|bror|søster|syster|foreldre|forelder|ektefelle|ektemann|bestemor|bestefar|onkel|tante"
)
_GENERIC = re.compile(
    r"\b(?:pasient\w*|bruker\w*|brukar\w*|mange|folk|personer|personar|mennesker|menneske"
    r"|medlem\w*|klient\w*|ungdom\w*|andre|noen|nokon|de|dei|disse|desse|dem)\b",
    re.I,
)

_OWN_HEALTH_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            rf"\b(?:{_FIRST_PERSON})\s+(?:{_EXPERIENCE})\b(?:\W+\w+){{0,5}}?\W+"
            rf"(?:{_HEALTH_TERMS})\b",
            re.I,
        ),
        "førsteperson og helseopplysning",
    ),
    (
        re.compile(
            rf"\b(?:{_POSSESSIVE})\s+(?:egen\s+|eigen\s+|eiga\s+)?(?:{_HEALTH_TERMS})\b", re.I
        ),
        "eiendomspronomen og helseopplysning",
    ),
    (
        re.compile(
            rf"\b(?:{_POSSESSIVE}|vår|vårt|våre)\s+(?:eldste\s+|yngste\s+|voksne\s+|vaksne\s+"
            rf"|lille\s+|vesle\s+)?(?:{_FAMILY})\b(?:\W+\w+){{0,7}}?\W+(?:{_HEALTH_TERMS})\b",
            re.I,
        ),
        "helseopplysning om nært familiemedlem",
    ),
    (
        re.compile(
            rf"\b(?:som\s+)?pårør(?:ende|ande)\s+til\s+(?:{_POSSESSIVE}|vår|vårt|våre)\s+"
            rf"(?:{_FAMILY})\b(?:\s+(?:med|som\s+har)\s+[\w-]+)?",
            re.I,
        ),
        "pårørende som omtaler eget familiemedlem",
    ),
    (
        re.compile(
            r"\b(?:innla|innlagde|tvangsinnla|diagnostiserte|behandlet|behandla|medisinerte)"
            r"\s+(?:meg|meg\s+selv|meg\s+sjølv|oss)\b",
            re.I,
        ),
        "helsehjelp gitt til skribenten",
    ),
    (
        re.compile(r"\b(?:la|lagt|lagde|skreiv|skrev)\s+meg\s+(?:inn|ut)\b", re.I),
        "innleggelse/utskriving av skribenten",
    ),
]
_SENTENCE_END = re.compile(r"[.!?]\s")
_PROFESSIONAL = re.compile(
    r"\b(?:jobb\w*|arbeid\w*|erfaring\w*|kollega\w*|ansatt|tilsett|yrke\w*|fagfolk|fagleg\w*"
    r"|faglig\w*|lege|psykolog|sykepleier|sjukepleiar|behandler|behandlar|leder|leiar)\b",
    re.I,
)


def find_own_health(text: str) -> list[PersonalDataFlag]:
    out = []
    for pattern, reason in _OWN_HEALTH_PATTERNS:
        for m in pattern.finditer(text):
            span = m.group(0)
            if _SENTENCE_END.search(span):
                continue  # must stay within one sentence
            if reason == "førsteperson og helseopplysning" and (
                _GENERIC.search(span) or _PROFESSIONAL.search(span)
            ):
                continue  # "jeg har jobbet med pasienter med psykose" is not about the writer
            out.append(PersonalDataFlag(m.start(), m.end(), "own_health", reason, span))
    return out


def _dedupe(flags: list[PersonalDataFlag]) -> list[PersonalDataFlag]:
    """Drop flags of the same kind contained in another; sort by position."""
    flags = sorted(flags, key=lambda f: (f.start, -(f.end - f.start), f.kind))
    kept: list[PersonalDataFlag] = []
    for f in flags:
        if any(k.kind == f.kind and k.start <= f.start and f.end <= k.end for k in kept):
            continue
        kept.append(f)
    return _merge_names(kept)


def _merge_names(flags: list[PersonalDataFlag]) -> list[PersonalDataFlag]:
    """One flag per name: overlapping person-name flags (NER and name list) become their union."""
    out: list[PersonalDataFlag] = []
    for f in flags:
        previous = next((k for k in reversed(out) if k.kind == "person_name"), None)
        if f.kind == "person_name" and previous is not None and f.start < previous.end:
            merged_end = max(previous.end, f.end)
            reason = previous.reason if previous.reason == f.reason else "personnavn"
            text = (
                previous.text + f.text[previous.end - f.start :]
                if f.end > previous.end
                else previous.text
            )
            out[out.index(previous)] = PersonalDataFlag(
                previous.start, merged_end, "person_name", reason, text
            )
            continue
        out.append(f)
    return out


def _regex_flags(text: str) -> list[PersonalDataFlag]:
    flags = find_fnr(text)
    fnr_spans = [(f.start, f.end) for f in flags]
    flags += [
        p
        for p in find_phones(text)
        if not any(s <= p.start < e or s < p.end <= e for s, e in fnr_spans)
    ]
    flags += find_emails(text)
    flags += find_own_health(text)
    return flags


def find_personal_data(
    text: str, use_ner: bool = True, nlp: object | None = None
) -> list[PersonalDataFlag]:
    """All personal-data flags in ``text``, sorted by position.

    ``use_ner=False`` skips the pipeline (fast path for bulk runs); names then come only from
    explicit cues.
    """
    if not text:
        return []
    entities = _ner_entities(text, nlp) if use_ner else None
    return _dedupe(_regex_flags(text) + find_names(text, entities))


def _ner_pipeline() -> object | None:
    """The trained pipeline when it has NER, else ``None``."""
    try:
        nlp = pipeline_module.load_pipeline()
        if pipeline_module.pipeline_info().get("fallback", True) or "ner" not in nlp.pipe_names:
            return None
        return nlp
    except Exception as exc:
        logger.warning("NER unavailable for personal data (%s); using name cues", exc)
        return None


#: A capitalised word that is not an acronym ("Nordmann", "Helse-Bergen", not "BUP").
_CAPITALISED_RE = re.compile(r"(?<![\w-])[A-ZÆØÅ][a-zæøåäöüé]+")
#: What may stand right before a word that starts a sentence even where the passage splitter
#: did not cut (after "pkt. 4.2." or a heading colon); such a word is judged like a first word.
_STARTERS = frozenset('.!?:;]»«"“”–—-•*')
_FIRST_NAMES_PATH = Path(__file__).resolve().parent / "data" / "first_names.txt"


@functools.lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names that are also ordinary words ("Per", "Kari", "Liv"), lower case."""
    lines = _FIRST_NAMES_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip().lower() for n in lines if n.strip() and not n.startswith("#"))


@functools.lru_cache(maxsize=262144)
def _in_dictionary(word: str) -> bool:
    try:
        # lazy: simplemma's word lists are loaded only when the trained pipeline is missing.
        import simplemma

        return bool(simplemma.is_known(word, lang="nb") or simplemma.is_known(word, lang="nn"))
    except Exception:
        return False  # unsure: let NER read the sentence


@functools.lru_cache(maxsize=65536)
def _known_word(word: str) -> bool:
    """An ordinary word (not a likely name) when written at the start of a sentence.

    Dictionary words and compounds of two dictionary words ("Helseforetaket",
    "Statsforvalteren"; modifier of 4+ letters, optionally with a linking s/e, head of 5+)
    count as ordinary, except common first names ("Per", "Kari"). Surnames that are compounds
    ("Nordstrand") alone at a sentence start are therefore skipped; with a first name before
    them the sentence is read anyway.
    """
    lower = word.lower()
    if lower in first_names():
        return False
    if _in_dictionary(lower):
        return True
    for cut in range(4, len(lower) - 4):
        head, modifier = lower[cut:], lower[:cut]
        if _in_dictionary(head) and (
            _in_dictionary(modifier) or (modifier[-1] in "se" and _in_dictionary(modifier[:-1]))
        ):
            return True
    return False


_DATA_DIR = Path(__file__).resolve().parent / "data"
#: Letters of names in Latin script: Norwegian and the accents of European names ("Dufrène").
_UPPER = "A-ZÆØÅÉÁÓÚÑÖÄÜÇČŠŽŁŚŻŘÍ"
_LOWER = "a-zæøåäöüéèóáíúñçëïîôûâêàìòùãõčšžćłńśźżřěůýğşđ"
#: A capitalised word, possibly hyphenated ("Anne-Lise") or genitive ("Hansens", "Ola's").
_NAME_WORD_RE = re.compile(
    rf"(?<![\w-])[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*(?:'s)?"
    r"(?![\w-])"
)
#: Verbs that follow a person who is the subject ("Torviksen mener", "Solvår tar"): a word
#: outside the dictionary that starts a sentence before one of them is taken for a surname.
_PERSON_VERBS = frozenset(
    [
        "mener",
        "meiner",
        "sier",
        "seier",
        "sa",
        "tror",
        "trur",
        "forteller",
        "fortel",
        "skriver",
        "skreiv",
        "skrev",
        "har",
        "hadde",
        "er",
        "var",
        "vart",
        "ble",
        "blei",
        "må",
        "kan",
        "kunne",
        "vil",
        "ville",
        "skal",
        "skulle",
        "tar",
        "tok",
        "føler",
        "kjenner",
        "innrømmer",
        "avviser",
        "understreker",
        "påpeker",
        "legger",
        "peiker",
        "peker",
        "svarer",
        "svarte",
        "viser",
        "ønsker",
        "ønskjer",
        "får",
        "fikk",
        "fekk",
        "går",
        "gikk",
        "gjekk",
        "kom",
        "kommer",
        "kjem",
        "ser",
        "såg",
        "så",
        "vet",
        "veit",
        "selv",
        "sjølv",
        # strong and common verbs the finite-verb test does not see (issue 16)
        "sto",
        "stod",
        "står",
        "traff",
        "treffer",
        "dro",
        "drog",
        "drar",
        "dreg",
        "satt",
        "sat",
        "sitter",
        "sit",
        "ga",
        "gav",
        "fant",
        "fann",
        "lo",
        "døde",
        "døydde",
        "bor",
        "bur",
        "jobber",
        "jobbar",
        "arbeider",
        "arbeidar",
        "ringer",
        "ringte",
        "nemner",
        "nevner",
        "slår",
        "slo",
        "skil",
        "heiter",
        "heter",
        "het",
    ]
)
#: Particles inside names ("Ludwig van Beethoven", "Ibn Khaldun" is capitalised anyway).
_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "la", "le", "af", "bin"})


def _read_forms(filename: str) -> frozenset[str]:
    lines = (_DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip() for n in lines if n.strip() and not n.startswith("#"))


@functools.lru_cache(maxsize=1)
def attested_names() -> frozenset[str]:
    """Word forms that are mostly person names where they occur in NorNE train."""
    return _read_forms("person_names.txt")


@functools.lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """The name list: NorNE train's names, Faker's names it does not contradict, first names."""
    return (
        attested_names()
        | _read_forms("person_names_faker.txt")
        | {n.capitalize() for n in first_names()}
    )


@functools.lru_cache(maxsize=1)
def entity_names() -> frozenset[str]:
    """Forms NorNE train tags mostly as places, organisations, works or events ("Hellas")."""
    return _read_forms("entity_names.txt")


def _is_listed_name(word: str) -> bool:
    names = person_names()
    base = word[:-2] if word.endswith("'s") else word
    if base in names:
        return True
    if base in entity_names():
        return False  # "Hellas" is no genitive of "Hella", "Reuters" none of "Reuter"
    return (base.endswith("s") and base[:-1] in names) or (
        "-" in base and all(part in names for part in base.split("-"))
    )


def find_names_by_list(text: str) -> list[PersonalDataFlag]:
    """Capitalised words on the name list, with the capitalised words right beside them.

    Why beside NER: the pipeline misses names it has not seen in a context like the one at
    hand, most often a lone surname or a foreign name; a name list learned from NorNE's
    training split knows 3,000 of them. A listed word that starts a sentence and is also an
    ordinary word ("Per", "Liv") is flagged only with another capitalised word beside it.
    """
    words = [(m.start(), m.end(), m.group()) for m in _NAME_WORD_RE.finditer(text)]
    out: list[PersonalDataFlag] = []
    i = 0
    while i < len(words):
        start, end, word = words[i]
        if not (_is_listed_name(word) or _name_by_context(text, words, i)):
            i += 1
            continue
        first = last = i
        while first > 0 and _adjacent(text, words[first - 1], words[first]):
            first -= 1
        while last + 1 < len(words) and _adjacent(text, words[last], words[last + 1]):
            last += 1
        span_start, span_end = words[first][0], words[last][1]
        alone_at_start = first == last and _sentence_initial(text, start)
        ordinary = _in_dictionary(word.lower())  # "Per døgn", "Liv og helse"
        if not (alone_at_start and ordinary) or _reads_as_subject(text, word, end):
            out.append(
                PersonalDataFlag(
                    span_start,
                    span_end,
                    "person_name",
                    "personnavn (navneliste)",
                    text[span_start:span_end],
                )
            )
        i = last + 1
    return out


#: Lower-case words that put a person's name right after them: titles and roles
#: ("fastlege Hansen", "statsminister Støre", "kaptein Sabeltann").
_TITLES = frozenset(
    [
        "dr",
        "dr.",
        "doktor",
        "professor",
        "prof",
        "prof.",
        "lege",
        "fastlege",
        "overlege",
        "psykolog",
        "psykiater",
        "sykepleier",
        "sjukepleiar",
        "advokat",
        "dommar",
        "dommer",
        "prest",
        "biskop",
        "pastor",
        "kapellan",
        "prost",
        "rektor",
        "dekan",
        "direktør",
        "direktor",
        "sjef",
        "leder",
        "leiar",
        "styreleder",
        "styreleiar",
        "ordfører",
        "ordførar",
        "varaordfører",
        "rådmann",
        "kommunedirektør",
        "fylkesordfører",
        "statsminister",
        "minister",
        "statsråd",
        "statssekretær",
        "stortingsrepresentant",
        "president",
        "visepresident",
        "kong",
        "kongen",
        "dronning",
        "prins",
        "prinsesse",
        "general",
        "oberst",
        "major",
        "kaptein",
        "løytnant",
        "politimester",
        "lensmann",
        "redaktør",
        "sjefredaktør",
        "journalist",
        "forfatter",
        "forfattar",
        "kunstner",
        "kunstnar",
        "maler",
        "målar",
        "komponist",
        "regissør",
        "skuespiller",
        "skodespelar",
        "sanger",
        "songar",
        "trener",
        "trenar",
        "forsker",
        "forskar",
        "herr",
        "fru",
        "frøken",
        "onkel",
        "tante",
        "bestefar",
        "bestemor",
        "farfar",
        "farmor",
        "morfar",
        "mormor",
        # family and friends, which answers name ("sønnen Ola", "kona Kari", "venen Åsvald")
        "sønnen",
        "sonen",
        "datteren",
        "dattera",
        "dottera",
        "kona",
        "konen",
        "mannen",
        "ektemannen",
        "broren",
        "bror",
        "søsteren",
        "søstera",
        "systera",
        "faren",
        "mora",
        "moren",
        "samboeren",
        "sambuaren",
        "kjæresten",
        "vennen",
        "venen",
        "venninnen",
        "venninna",
        "barnebarnet",
        "nevøen",
        "niesen",
    ]
)
#: Verbs of saying after which a quote names its speaker (", sier Okwaro.").
_SPEECH_VERBS = frozenset(
    [
        "sier",
        "seier",
        "sa",
        "sa.",
        "skriver",
        "skriv",
        "skreiv",
        "skrev",
        "forteller",
        "fortel",
        "fortalde",
        "fortalte",
        "mener",
        "meiner",
        "understreker",
        "understrekar",
        "påpeker",
        "påpeikar",
        "legger",
        "legg",
        "svarer",
        "svarar",
        "spør",
        "lover",
        "lovar",
        "forklarer",
        "forklarar",
        "tror",
        "trur",
        "hevder",
        "hevdar",
        "opplyser",
        "opplyse",
        "konstaterer",
        "konstaterar",
        "fortsetter",
        "utdyper",
        "medgir",
        "innrømmer",
        "innrømmar",
        "avslutter",
        "sukker",
        "smiler",
        "ler",
    ]
)
#: Endings of role nouns that may stand before a name like a title ("helseøkonom Mellum",
#: "forlagssjef Brekkan", "representanten Sandvoll").
_ROLE_ENDING = re.compile(
    r"(?:sjef|leder|leiar|direktør|log|økonom|ist|konsulent|rådgiver|rådgjevar|minister"
    r"|forsker|forskar|professor|representant|representanten|ordfører|ordførar|lege|president"
    r"|sekretær|konsul|trener|trenar|kollega|kollegaen|forfattaren|forfatteren|kunstnaren"
    r"|kunstneren|diakon|prest|biskop|vennen|venen|venninna|venninnen)$"
)
_ROLE_NAME_RE = re.compile(
    r"(?<![\w-])(?P<cue>[A-ZÆØÅa-zæøå][a-zæøå]+\.?)[ ]+(?P<name>"
    + _NAME_WORD_RE.pattern.removeprefix(r"(?<![\w-])").removesuffix(r"(?![\w-])")
    + rf"(?:[ ]+[{_UPPER}][{_LOWER}]+)*)(?![\w-])"
)
_AGE_RE = re.compile(
    rf"(?<![\w-])(?P<name>[{_UPPER}][{_LOWER}]+(?:[ -][{_UPPER}][{_LOWER}]+)*)"
    r"[ ]\((?:\d{1,3}|\d{1,4}[ ]?[-–][ ]?\d{1,4}"
    r"|(?P<party>A|Ap|H|FrP|Frp|SV|Sp|KrF|Krf|V|MDG|R|Rødt|Høyre|Høgre|Venstre)"
    r"|(?P<year>\d{4}[a-z]?(?:[:,][ ]?\d+(?:[-–]\d+)?)?))\)"
)
#: An author cited in brackets: "(Mellum, 2011: 45)", "(Torvik 2004)".
_CITATION_RE = re.compile(
    rf"\((?P<name>[{_UPPER}][{_LOWER}]+(?:[ ](?:og|&)[ ][{_UPPER}][{_LOWER}]+)?),?[ ]\d{{4}}[a-z]?[),:;]"
)


#: A lone capitalised word in brackets, as an author or a source is cited without a year:
#: "ein eldre modell (Brekkan)". Not after a capitalised word, where the brackets hold an
#: abbreviation of the name before them ("Senter for Rusfag i Nord (Serun)").
_BRACKETED_RE = re.compile(rf"\((?P<name>[{_UPPER}][{_LOWER}]+)\)")


def find_names_by_role(text: str) -> list[PersonalDataFlag]:
    """Capitalised words that a title, a verb of saying, an age or a party in brackets marks
    as a person: "fastlege Hansen", ", sier Okwaro", "Kari Nordmann (34)", "Ola Hansen (Sp)".

    Why: NER misses names it has not seen, most often a lone surname; these cues say that a
    person is meant. A lone unknown word in brackets is taken for a cited author (issue 16). Not flagged: a word NorNE train tags mostly as a place or organisation
    ("sier Portugal"), an ordinary word ("sa Helsedirektoratet").
    """
    out = []
    for m in _ROLE_NAME_RE.finditer(text):
        cue = m.group("cue").lower()
        if cue in _TITLES or (len(cue) > 5 and _ROLE_ENDING.search(cue)):
            reason = "personnavn (etter tittel)"
        elif cue.rstrip(".") in _SPEECH_VERBS and text[: m.start()].rstrip()[-1:] in ',»”"':
            if m.group("name").endswith("s") and text[m.end() :].lstrip()[:1].islower():
                continue  # ", sa Bordurias ambassadør": the speaker comes later
            reason = "personnavn (etter sitat)"
        else:
            continue
        out += _role_flag(text, m.start("name"), m.end("name"), reason, "sitat" in reason)
    for m in _BRACKETED_RE.finditer(text):
        before = text[: m.start()].split()[-1:]
        if _unknown_form(m.group("name")) and not (before and before[0][:1].isupper()):
            out += _role_flag(text, m.start("name"), m.end("name"), "personnavn (i parentes)")
    for m in _AGE_RE.finditer(text):
        reason = "personnavn (med parti)" if m.group("party") else "personnavn (med alder)"
        if m.group("year"):
            reason = "personnavn (forfatter med årstal)"
        out += _role_flag(text, m.start("name"), m.end("name"), reason)
    for m in _CITATION_RE.finditer(text):
        for name in re.finditer(rf"[{_UPPER}][{_LOWER}]+", m.group("name")):
            start = m.start("name") + name.start()
            out += _role_flag(
                text, start, start + len(name.group()), "personnavn (forfatter med årstal)"
            )
    return out


#: Function words that start a sentence before a name ("Som Tveitaker (2019) viser").
_FUNCTION_WORDS = frozenset(
    [
        "som",
        "men",
        "og",
        "eller",
        "da",
        "då",
        "når",
        "etter",
        "før",
        "ifølge",
        "i",
        "på",
        "med",
        "for",
        "til",
        "fra",
        "frå",
        "hos",
        "av",
        "også",
        "både",
        "at",
        "det",
        "der",
        "her",
        "no",
        "nå",
        "så",
        "mens",
        "medan",
        "sjølv",
        "selv",
        "ifølgje",
        "mellom",
        "ved",
        "under",
        "om",
    ]
)


def _role_flag(
    text: str, start: int, end: int, reason: str, speaker: bool = False
) -> list[PersonalDataFlag]:
    words = [w.removesuffix("'s") for w in text[start:end].split()]
    while (
        len(words) > 1
        and (_inflected_noun(words[0]) or words[0].lower() in _FUNCTION_WORDS)
        and not _is_listed_name(words[0])
    ):
        start = text.index(" ", start) + 1  # "Komponisten Okwaro (1820-1881)": the name follows
        words = words[1:]
    if any(_entity_form(w) for w in words) or all(
        _known_word(w) and not _is_listed_name(w) and not (speaker and _short_surname(w))
        for w in words
    ):
        return []
    return [_name_flag(text, start, end, reason)]


def _short_surname(word: str) -> bool:
    """A short ordinary word that is also a common surname or farm name ("Viken", "Bakken",
    "Leite"): a name when it speaks after a quote, unlike "Regjeringen" or "Legeforeningen"."""
    return len(word) <= 8 and not _ORGANISATION_ENDING.search(word.lower())


def _name_by_context(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """An unlisted word that reads as a name: a surname before a person verb at a sentence
    start, or one of two adjacent capitalised words inside a sentence, neither an ordinary word.
    """
    start, end, word = words[i]
    if _sentence_initial(text, start):
        return _looks_like_surname(word) and (
            _before_person_verb(text, end)
            or text.startswith(":", end)
            or _before_finite_verb(text, end)
        )
    if _known_word(word.removesuffix("'s")):
        return False
    if _before_possessive(text, end) and _unknown_form(word):
        return True  # "frå Okwaro sitt", "Ola sin bil"
    before = [words[i - 1]] if i > 0 and _adjacent(text, words[i - 1], words[i]) else []
    after = [words[i + 1]] if i + 1 < len(words) and _adjacent(text, words[i], words[i + 1]) else []
    return any(
        not _sentence_initial(text, n[0]) and not _known_word(n[2].removesuffix("'s"))
        for n in before + after
    )


_SURNAME_ENDING = re.compile(
    r"(?:sen|son|ssen|stad|rud|dal|vik|land|heim|berg|nes|bakken|haug|lund|strand|voll|gård"
    r"|gaard|skog|seth|aas|øy|li)$"
)
_NOUN_ENDING = re.compile(r"(?:en|et|a|ene|ane|ing|ingen|inga|else|het|heten|skap|tet)$")


def _inflected_noun(word: str) -> bool:
    """An inflected common noun ("Prosessen", "Komponisten"): its lemma differs, lower case."""
    lower = word.lower()
    lemma = _simplemma_lemma(lower)
    return lemma != lower and not lemma[:1].isupper()


def _looks_like_surname(word: str) -> bool:
    """A typical Norwegian surname ending ("Torviksen", "Aarstad"), or a word outside the
    dictionary that does not end like a (definite) noun ("Rusomsorgen" does)."""
    lower = word.lower()
    if _inflected_noun(word):
        return False  # an inflected common noun: "Prosessen", "Hukommelsen", "Avisen"
    if _SURNAME_ENDING.search(lower):
        return True
    if _known_word(word):
        return False
    ending = _NOUN_ENDING.search(lower)
    return not ending or (len(lower) <= 9 and not _noun_stem(lower[: ending.start()]))


def _noun_stem(stem: str) -> bool:
    """``stem`` is a word, or ends in one of 4+ letters ("rusomsorg" in "Rusomsorgen"), so
    the ending is an inflection; "Vrimpet" and "Sorita" have no such stem and read as names.
    Long words with a noun ending ("Pasientjournalloven") are taken for nouns anyway."""
    if len(stem) < 3:
        return False
    return _known_word(stem) or any(_in_dictionary(stem[cut:]) for cut in range(1, len(stem) - 3))


@functools.lru_cache(maxsize=65536)
def _simplemma_lemma(lower: str, lang: str = "nb") -> str:
    """simplemma's lemma in ``lang`` ("nb", or "nn": "hugsar" -> "hugse"); capitalised for proper
    nouns it knows, ``lower`` if unsure."""
    try:
        # lazy: as in _in_dictionary
        import simplemma

        return simplemma.lemmatize(lower, lang=lang)
    except Exception:
        return lower


def _reads_as_subject(text: str, word: str, end: int) -> bool:
    """A listed word at a sentence start that is also an ordinary word, read as a name: before
    a person verb ("Berg mener"), or, for a form NorNE train tags mostly as a name, as a
    speaker in an interview ("Holm: Ja, ...") or before any finite verb ("Holm analyserer").
    """
    if _before_person_verb(text, end) or _before_possessive(text, end):
        return True  # "Berg mener", "Frode si utdanning"
    if word.removesuffix("'s") not in attested_names():
        return False  # "Kontaktperson:" is a label and "Strid:" a heading, not a speaker
    return text.startswith(":", end) or _before_finite_verb(text, end)


_FINITE_ENDING = re.compile(r"(?:er|ar|te|de|dde|et)$")


def _before_finite_verb(text: str, end: int) -> bool:
    """The next word is a present or past tense verb ("analyserer", "skreiv" is not caught):
    lower case, a finite ending and a lemma that is an infinitive ("analysere", "kasta")."""
    following = text[end:].split(maxsplit=1)
    if not following or not following[0].isalpha() or not following[0].islower():
        return False
    verb = following[0]
    if not _FINITE_ENDING.search(verb):
        return False
    return any(
        lemma != verb and lemma[-1:] in ("e", "a")
        for lemma in (_simplemma_lemma(verb), _simplemma_lemma(verb, "nn"))
    )


#: Possessives after an owner ("Frode si utdanning", "Okwaro sitt", "Ola sin bil").
_POSSESSIVES_AFTER = frozenset(["si", "sin", "sitt", "sine"])


def _before_possessive(text: str, end: int) -> bool:
    """The next word is a possessive that marks the word before it as an owner, mostly a
    person in answers ("Frode si utdanning"); organisations ("kommunen sin") are ordinary
    words."""
    following = text[end:].split(maxsplit=1)
    return bool(following) and following[0] in _POSSESSIVES_AFTER


def _before_person_verb(text: str, end: int) -> bool:
    following = text[end:].split(maxsplit=1)
    return bool(following) and following[0] in _PERSON_VERBS


def _adjacent(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    """Two capitalised words belong to one name: only a space (or a name particle) between."""
    between = text[left[1] : right[0]]
    if _sentence_initial(text, left[0]) and _known_word(left[2]) and not _is_listed_name(left[2]):
        return False  # "Også Solvår Brekkan", "Kommunedirektør Ola Torvik": the name starts after
    if between == " ":
        return not _sentence_initial(text, right[0])
    parts = between.split()
    return (
        len(parts) == 1
        and between.startswith(" ")
        and between.endswith(" ")
        and (parts[0] in _NAME_PARTICLES or _INITIAL_RE.fullmatch(parts[0]) is not None)
    )


#: A middle initial ("Kari B. Torvik", "Ola H. Brekkan").
_INITIAL_RE = re.compile(r"[A-ZÆØÅ]\.")


def _sentence_initial(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in _STARTERS


def _starts_sentence(text: str, sentence_start: int, word_start: int) -> bool:
    before = text[sentence_start:word_start].rstrip()
    return not before or before[-1] in _STARTERS


def ner_segments(text: str) -> list[tuple[int, int]]:
    """Sentences where a person name can occur, so NER reads a fraction of a long text.

    A sentence qualifies when it has a capitalised word inside it, or a capitalised word at a
    sentence start (also after ".", ":" and the like where the splitter did not cut) that is no
    ordinary word or is a common first name (:func:`_known_word`). A signature line such as
    "Kari Nordmann" qualifies by its second word. Sentences that are all lower case apart from
    ordinary first words and acronyms ("BUP", "TSB") cannot hold a name the pipeline would tag,
    and they are most of what respondents write.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for line in (text or "").splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        for s, e in sentence_spans(text, pos, end):
            for m in _CAPITALISED_RE.finditer(text, s, e):
                if (
                    not _starts_sentence(text, s, m.start())
                    or not _known_word(m.group())
                    or m.group() in attested_names()
                ):
                    out.append((s, e))
                    break
        pos += len(line)
    return out


#: Components NER needs: ``ner`` listens to ``tok2vec`` (see the pipeline's config.cfg); the
#: morphologizer, lemmatizer and parser are not run for names.
NER_COMPONENTS = frozenset({"tok2vec", "transformer", "ner"})


def find_personal_data_many(
    texts: Iterable[str], use_ner: bool = True, batch_size: int = 512, n_process: int = 1
) -> Iterator[list[PersonalDataFlag]]:
    """Flags for many texts, in order; NER runs batched through ``nlp.pipe`` when available.

    For speed, NER reads only the sentences :func:`ner_segments` picks (entity offsets are
    mapped back to the whole text), with only the components it needs (:data:`NER_COMPONENTS`);
    the rule-based flags always see the whole text. ``n_process > 1`` spreads NER over worker
    processes (worth it only for large inputs on an idle machine: each batch starts them anew).
    """
    nlp = _ner_pipeline() if use_ner else None
    batch: list[str] = []

    def flush() -> Iterator[list[PersonalDataFlag]]:
        if nlp is None:
            for text in batch:
                yield find_personal_data(text, use_ner=False)
        else:
            segments = [(i, s, e) for i, text in enumerate(batch) for s, e in ner_segments(text)]
            entities: list[list[Entity]] = [[] for _ in batch]
            enabled = [n for n in nlp.pipe_names if n in NER_COMPONENTS]  # type: ignore[attr-defined]
            processes = n_process if len(segments) >= 200 else 1
            with nlp.select_pipes(enable=enabled):  # type: ignore[attr-defined]
                docs = nlp.pipe(  # type: ignore[attr-defined]
                    (batch[i][s:e] for i, s, e in segments), batch_size=128, n_process=processes
                )
                for (i, s, _e), doc in zip(segments, docs, strict=True):
                    entities[i] += [
                        (s + ent.start_char, s + ent.end_char, ent.label_) for ent in doc.ents
                    ]
            for text, found in zip(batch, entities, strict=True):
                yield _dedupe(_regex_flags(text) + find_names(text, found)) if text else []
        batch.clear()

    for text in texts:
        batch.append(text or "")
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()
