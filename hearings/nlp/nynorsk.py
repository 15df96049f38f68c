"""Map nynorsk lemmas to their bokmål counterparts, so both written standards share evidence.

Why: the goal classifier's real-text layer learns from few nynorsk passages (about one in six
real ones), and the lemmatiser keeps nynorsk lemmas apart from bokmål ones ("teneste" vs
"tjeneste", "ikkje" vs "ikke"). Weights learned on bokmål then never fire on nynorsk text. The
goal layer's features and the vocabulary matcher read lemmas through :func:`to_bokmal`, which
maps

* frequent whole lemmas (function words and content words) through a hand-made table, then
* known nynorsk parts inside longer lemmas (compounds: "helseteneste" → "helsetjeneste"), then
* a few regular endings ("alvorleg" → "alvorlig", "tilfredsheit" → "tilfredshet",
  "koordineranda" → "koordinerande" → "koordinerende").

Bokmål lemmas pass unchanged (the table and parts are nynorsk-only forms), and the mapping is
idempotent. The table was written from the frequent nynorsk-only lemmas of the training texts
and the seed pathway texts; it lists words only, no passages.
"""

from __future__ import annotations

from functools import lru_cache

#: Whole-lemma table (nynorsk lemma → bokmål lemma).
WORDS: dict[str, str] = dict(
    pair.split(":")
    for pair in """
    ikkje:ikke dei:de vere:være vera:være frå:fra kva:hva eg:jeg mykje:mye sjølv:selv sjøl:selv
    ønskje:ønske ynskje:ønske utan:uten eigen:egen eige:egen heil:hel heile:hele heilt:helt
    korleis:hvordan seie:si bure:bo bu:bo berre:bare kvar:hver difor:derfor då:da følgje:følge
    same:samme pårøranda:pårørende pårørande:pårørende teneste:tjeneste tilrå:anbefale
    tilråding:anbefaling meine:mene liding:lidelse tilvising:henvisning tilvise:henvise
    helseføretak:helseforetak føretak:foretak alvorleg:alvorlig utgreiing:utredning
    utgreie:utrede utgreiase:utrede brukar:bruker fagleg:faglig innbyggjar:innbygger
    innbyggar:innbygger auke:økning eining:enhet saman:sammen månad:måned høve:forhold
    døme:eksempel sidan:siden kven:hvem setje:sette tydeleg:tydelig endeleg:endelig veke:uke
    spørje:spørre vaksen:voksen sjukdom:sykdom sjuk:syk halde:holde tidleg:tidlig ho:hun
    medan:mens tal:tall verte:bli moglegheit:mulighet mogelegheit:mulighet mogleg:mulig
    kjemme:komme kome:komme sakne:savne omgrep:begrep behandlar:behandler dårleg:dårlig
    dårlegar:dårligere høyringssvar:høringssvar høyring:høring kosthald:kosthold innan:innen
    førebyggje:forebygge førebygga:forebygge førebygging:forebygging tru:tro
    undersøking:undersøkelse medverknad:medvirkning medverking:medvirkning innhald:innhold
    fortelje:fortelle tidlegar:tidligere sein:sen seint:sent rettleiing:veiledning
    rettleie:veilede allereie:allerede liggje:ligge tilgjengeleg:tilgjengelig
    ønskjeleg:ønskelig heim:hjem heime:hjemme innspel:innspill førre:forrige omsyn:hensyn
    synast:synes vanleg:vanlig eteforstyrring:spiseforstyrrelse
    spiseforstyrring:spiseforstyrrelse stad:sted velje:velge skildre:beskrive skildra:beskrive
    leggje:legge desse:disse forsvarleg:forsvarlig årleg:årlig einaste:eneste
    samstundes:samtidig framtid:fremtid sitje:sitte skule:skole særleg:særlig
    tilstrekkeleg:tilstrekkelig tenkje:tenke framleis:fortsatt løysing:løsning val:valg
    gjera:gjøre gjere:gjøre sjukehus:sykehus nemne:nevne handsame:behandle hjå:hos
    byrje:begynne byggje:bygge kor:hvor oppgåve:oppgave sjå:se rekne:regne midlar:midler
    deltakar:deltaker gong:gang ombod:ombud meistre:mestre meistring:mestring gje:gi
    oppmode:oppfordre utval:utvalg fleirtal:flertall forståing:forståelse tilsette:ansatte
    tilsett:ansatt tilskot:tilskudd skilnad:forskjell ujamn:ujevn jamn:jevn namn:navn
    urimeleg:urimelig åleine:alene innlagd:innlagt tilbydar:tilbyder fleire:flere nokon:noen
    noko:noe nokre:noen ein:en eit:et eitt:ett kvifor:hvorfor kvarandre:hverandre òg:også
    sjukepleiar:sykepleier lækjar:lege heilskap:helhet heilskapleg:helhetlig
    samanheng:sammenheng samanhengande:sammenhengende tilbod:tilbud tilhøve:forhold veg:vei
    avgjere:avgjøre avgjerd:avgjørelse grunngjeving:begrunnelse ansvarleg:ansvarlig
    jamfør:jf kroppsleg:kroppslig røynsle:erfaring bustad:bosted vidare:videre
    vidareutvikle:videreutvikle vidareføre:videreføre skriven:skrevet høyre:høre høyrt:hørt
    trass:tross nøgd:fornøyd nærleik:nærhet lågare:lavere låg:lav levealder:levealder
    dødelegheit:dødelighet overdødelegheit:overdødelighet tenesta:tjeneste tenestene:tjeneste
    sjukdomar:sykdom psykiatrien:psykiatri ventetida:ventetid
    """.split()  # noqa: SIM905 - readable word list
)

#: Nynorsk parts replaced inside longer lemmas (compounds), longest first.
PARTS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "teneste": "tjeneste",
            "tenesta": "tjeneste",
            "tenestene": "tjenestene",
            "tilbod": "tilbud",
            "brukar": "bruker",
            "medverknad": "medvirkning",
            "føretak": "foretak",
            "sjuk": "syk",
            "tilvising": "henvisning",
            "utgreiing": "utredning",
            "høyring": "høring",
            "kosthald": "kosthold",
            "rettleiing": "veiledning",
            "førebygg": "forebygg",
            "liding": "lidelse",
            "innbyggjar": "innbygger",
            "løysing": "løsning",
            "samanheng": "sammenheng",
            "heilskap": "helhet",
            "ombod": "ombud",
            "meistring": "mestring",
            "pårørande": "pårørende",
            "pårøranda": "pårørende",
            "skule": "skole",
            "kommunar": "kommuner",
            "eining": "enhet",
            "ventetida": "ventetid",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)

#: Regular endings (nynorsk → bokmål), tried longest first, one per lemma.
ENDINGS: tuple[tuple[str, str], ...] = (
    ("legheit", "lighet"),
    ("heit", "het"),
    ("anda", "ende"),
    ("ande", "ende"),
    ("leg", "lig"),
)

MIN_STEM = 3
PART_PREFIX = "del_"


@lru_cache(maxsize=200_000)
def to_bokmal(lemma: str) -> str:
    """The bokmål form of a (lower-case) lemma or ``del_`` compound-part feature."""
    prefix, word = "", lemma
    if word.startswith(PART_PREFIX):
        prefix, word = PART_PREFIX, word[len(PART_PREFIX) :]
    mapped = WORDS.get(word)
    if mapped is None:
        mapped = word
        if len(word) > 5 and word.replace("-", "").isalpha():
            for old, new in PARTS:
                if old in mapped:
                    mapped = mapped.replace(old, new)
            if mapped == word:
                for old, new in ENDINGS:
                    if mapped.endswith(old) and len(mapped) - len(old) >= MIN_STEM:
                        mapped = mapped[: -len(old)] + new
                        break
    return prefix + mapped


def features_to_bokmal(features: list[str] | tuple[str, ...]) -> list[str]:
    """:func:`to_bokmal` of each feature (same length and order, so offsets still line up)."""
    return [to_bokmal(f) for f in features]
