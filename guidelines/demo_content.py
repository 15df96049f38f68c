"""Demo pathway texts, written for this system from the public facts about the pathways.

The facts (names, phases, goals, the role of the coordinator, somatic health) come from the
directorate's public pages; the wording, pathway times and measurement codes here are our own and
are marked as demo content on the site. Each entry lists the versions to publish in order.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")
NAMESPACE = uuid.UUID("6f1c9a52-4a7e-4c39-9d8e-2d6a3b1f0c11")


def block_id(slug: str, key: str) -> str:
    """Stable block ids so every version of a pathway shares section ids (and diffs align)."""
    return str(uuid.uuid5(NAMESPACE, f"{slug}:{key}"))


def when(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=OSLO)


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{para}</p>" for para in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


COORDINATOR_NB = p(
    "Alle behandlingssteder skal ha forløpskoordinatorer som kan informere pasienter, pårørende og "
    "samarbeidspartnere om forløpet og om behandlingstilbudene.",
    "Når pasienten har fått en fast behandler, koordinerer behandleren forløpet. Pasienten og de "
    "pårørende kan likevel alltid kontakte forløpskoordinatoren med spørsmål.",
)
COORDINATOR_NN = p(
    "Alle behandlingsstader skal ha forløpskoordinatorar som kan informere pasientar, pårørande og "
    "samarbeidspartnarar om forløpet og om behandlingstilboda.",
    "Når pasienten har fått ein fast behandlar, koordinerer behandlaren forløpet. Pasienten og dei "
    "pårørande kan likevel alltid kontakte forløpskoordinatoren med spørsmål.",
)
SOMATIC_NB = p(
    "Personer med psykiske lidelser og rusmiddelproblemer lever i snitt mange år kortere enn "
    "befolkningen ellers, i stor grad på grunn av somatisk sykdom som ikke blir oppdaget eller behandlet.",
    "I forløpet skal det derfor kartlegges somatisk helse, tannhelse og levevaner (fysisk aktivitet, "
    "kosthold, søvn, tobakk og alkohol). Funnene følges opp i behandlingsplanen og i samarbeid med fastlegen.",
)
SOMATIC_NN = p(
    "Personar med psykiske lidingar og rusmiddelproblem lever i snitt mange år kortare enn "
    "befolkninga elles, i stor grad på grunn av somatisk sjukdom som ikkje blir oppdaga eller behandla.",
    "I forløpet skal det difor kartleggjast somatisk helse, tannhelse og levevanar (fysisk aktivitet, "
    "kosthald, søvn, tobakk og alkohol). Funna blir følgde opp i behandlingsplanen og i samarbeid med fastlegen.",
)


def standard_times(slug: str, first_contact: int, assessment: int) -> list[dict]:
    return [
        {
            "name": "Vurdering av henvisning",
            "from_event": "Henvisning mottatt",
            "to_event": "Henvisning vurdert",
            "limit": 10,
            "unit": "virkedager",
            "comment": "",
        },
        {
            "name": "Første oppmøte",
            "from_event": "Henvisning mottatt",
            "to_event": "Første oppmøte i spesialisthelsetjenesten",
            "limit": first_contact,
            "unit": "virkedager",
            "comment": "",
        },
        {
            "name": "Utredning",
            "from_event": "Første oppmøte",
            "to_event": "Utredning avsluttet",
            "limit": assessment,
            "unit": "kalenderdager",
            "comment": "",
        },
    ]


def standard_points(prefix: str) -> list[dict]:
    return [
        {
            "code": f"{prefix}01",
            "name": "Forløp starter",
            "description": "Henvisning mottatt og registrert.",
        },
        {
            "code": f"{prefix}02",
            "name": "Første oppmøte",
            "description": "Første samtale med pasienten.",
        },
        {
            "code": f"{prefix}03",
            "name": "Utredning avsluttet",
            "description": "Beslutning om videre behandling.",
        },
        {
            "code": f"{prefix}04",
            "name": "Evaluering",
            "description": "Evalueringspunkt i behandlingen.",
        },
        {
            "code": f"{prefix}05",
            "name": "Forløp avsluttet",
            "description": "Avslutning etter avtale med pasienten.",
        },
    ]


def sections(slug: str, spec: dict, nn: bool = False) -> list[dict]:
    """The standard section order of a first-generation pathway text."""
    body = [
        {
            "type": "phase",
            "key": "henvisning",
            "value": {
                "heading": "Henvisning og start" if not nn else "Tilvising og start",
                "kind": "henvisning",
                "body": spec["referral"],
                "evaluation_points": [],
            },
        },
        {
            "type": "phase",
            "key": "utredning",
            "value": {
                "heading": "Utredning" if not nn else "Utgreiing",
                "kind": "utredning",
                "body": spec["assessment"],
                "evaluation_points": [],
            },
        },
        {
            "type": "phase",
            "key": "behandling",
            "value": {
                "heading": "Behandling og evaluering" if not nn else "Behandling og evaluering",
                "kind": "behandling",
                "body": spec["treatment"],
                "evaluation_points": [
                    {"name": name, "description": text} for name, text in spec["evaluations"]
                ],
            },
        },
        {
            "type": "phase",
            "key": "avslutning",
            "value": {
                "heading": "Avslutning" if not nn else "Avslutning",
                "kind": "avslutning",
                "body": spec["ending"],
                "evaluation_points": [],
            },
        },
        {
            "type": "pathway_times",
            "key": "times",
            "value": {
                "heading": "Forløpstider",
                "intro": p(
                    "Forløpstidene er normgivende og regnes fra hendelsen som er nevnt."
                    if not nn
                    else "Forløpstidene er normgivande og blir rekna frå hendinga som er nemnd."
                ),
                "times": spec["times"],
            },
        },
        {
            "type": "measurement_points",
            "key": "points",
            "value": {
                "heading": "Målepunkter" if not nn else "Målepunkt",
                "intro": "",
                "points": spec["points"],
            },
        },
        {
            "type": "coordinator",
            "key": "coordinator",
            "value": {
                "heading": "Forløpskoordinator",
                "body": COORDINATOR_NN if nn else COORDINATOR_NB,
            },
        },
        {
            "type": "somatic_health",
            "key": "somatic",
            "value": {
                "heading": "Somatisk helse og levevaner"
                if not nn
                else "Somatisk helse og levevanar",
                "body": SOMATIC_NN if nn else SOMATIC_NB,
            },
        },
    ]
    return [{"type": b["type"], "id": block_id(slug, b["key"]), "value": b["value"]} for b in body]


def _evaluations_nb() -> list[tuple[str, str]]:
    return [
        (
            "Første evaluering",
            "Etter fire til seks uker vurderes om behandlingen virker som ønsket.",
        ),
        (
            "Jevnlig evaluering",
            "Pasient, behandler og eventuelt pårørende evaluerer sammen minst hver tredje måned.",
        ),
    ]


PATHWAYS: list[dict] = [
    {
        "slug": "tverrfaglig-spesialisert-rusbehandling",
        "title": "Pakkeforløp for tverrfaglig spesialisert rusbehandling (TSB)",
        "short_name": "TSB",
        "area": "rus",
        "language": "nb",
        "goals": ["G1", "G2", "G3", "G4", "G5"],
        "target_group": "Pasienter som henvises til tverrfaglig spesialisert rusbehandling for rusmiddelavhengighet, "
        "spilleproblemer eller bruk av anabole androgene steroider.",
        "intro": p(
            "Forløpet starter når en henvisning til TSB sendes, og varer til pasienten skrives ut. Det kan "
            "omfatte flere behandlingsfaser etter hverandre, både poliklinisk og i døgnavdeling.",
            "Målet er koordinerte og forutsigbare forløp der behandlingen er tilpasset pasientens behov og ønsker.",
        ),
        "referral": p(
            "Henviser og spesialisthelsetjenesten informerer pasienten om behandlingstilbudene som finnes, slik "
            "at pasienten kan velge det som passer best.",
            "Henvisningen vurderes raskt, og pasienten får vite hvem som er kontaktperson.",
        ),
        "assessment": p(
            "Utredningen kartlegger rusmiddelbruk, psykisk og somatisk helse, boforhold, arbeid og nettverk. "
            "Pasienten deltar aktivt, og pårørende inviteres med når pasienten samtykker.",
        ),
        "treatment": p(
            "Behandlingen planlegges sammen med pasienten i en behandlingsplan. Det skal ikke være opphold "
            "mellom avrusning og videre behandling.",
            "Pasient, pårørende og samarbeidspartnere inviteres til regelmessige samarbeidsmøter.",
        ),
        "evaluations": _evaluations_nb(),
        "ending": p(
            "Avslutning skjer etter avtale mellom pasient, TSB og kommune eller fastlege, og forutsetter en "
            "konkret, skriftlig plan for oppfølging i kommunen. Før avslutning holdes et samarbeidsmøte der "
            "behandlingen evalueres.",
        ),
        "times": standard_times("tsb", 10, 30),
        "points": standard_points("TSB"),
        "versions": [
            {"at": "2018-11-01T10:00", "note": "Først publisert."},
            {
                "at": "2019-02-12T09:00",
                "kind": "editorial",
                "note": "Rettet skrivefeil og oppdatert lenker.",
            },
            {
                "at": "2019-06-20T09:00",
                "note": "Forløpstiden fra avrusning til videre behandling er lagt til, "
                "og kravet til skriftlig oppfølgingsplan er skjerpet.",
                "change": "tsb_v2",
            },
            {
                "at": "2021-03-15T09:00",
                "note": "Ny seksjon om samarbeid med pårørende. Forløpstiden for "
                "første oppmøte er kortet ned.",
                "change": "tsb_v3",
            },
        ],
    },
    {
        "slug": "utredning-psykiske-lidelser-voksne",
        "title": "Pakkeforløp for utredning av psykiske lidelser, voksne",
        "short_name": "Utredning voksne",
        "area": "psykisk-helse-voksne",
        "language": "nb",
        "goals": ["G1", "G2", "G3", "G4"],
        "target_group": "Voksne som henvises til psykisk helsevern for utredning av en mulig psykisk lidelse.",
        "intro": p(
            "Et kort, avgrenset forløp som skal avklare om pasienten trenger behandling i "
            "psykisk helsevern, og som henger sammen med behandlingsforløpet."
        ),
        "referral": p(
            "Henvisningen vurderes, og pasienten får en time og informasjon om hva utredningen innebærer."
        ),
        "assessment": p(
            "Utredningen omfatter kartlegging av symptomer, funksjon, somatisk helse og levevaner, "
            "og ender i en samlet vurdering som drøftes med pasienten."
        ),
        "treatment": p(
            "Utredningen gir grunnlag for beslutning om behandling, og pasienten deltar i beslutningen."
        ),
        "evaluations": [
            ("Beslutning", "Pasient og behandler avgjør sammen om behandling skal starte.")
        ],
        "ending": p(
            "Hvis pasienten ikke trenger behandling i spesialisthelsetjenesten, avsluttes forløpet med "
            "råd til pasienten og til fastlegen."
        ),
        "times": standard_times("utredning-voksne", 10, 30),
        "points": standard_points("UVO"),
        "versions": [
            {"at": "2018-11-01T10:00", "note": "Først publisert."},
            {
                "at": "2020-01-10T09:00",
                "note": "Forløpstiden for utredning er forlenget til 42 dager "
                "etter tilbakemeldinger om komplekse utredninger.",
                "change": "uvo_v2",
            },
        ],
    },
    {
        "slug": "utredning-psykiske-lidelser-barn-og-unge",
        "title": "Pakkeforløp for utredning av psykiske lidelser, barn og unge",
        "short_name": "Utredning barn og unge",
        "area": "psykisk-helse-barn-unge",
        "language": "nb",
        "goals": ["G1", "G2", "G3", "G4"],
        "target_group": "Barn og unge under 18 år som henvises til psykisk helsevern for barn og unge (BUP).",
        "intro": p(
            "Forløpet beskriver en utredning der barnet, foreldrene og andre viktige voksne rundt barnet "
            "deltar, og der samarbeid med skole, helsestasjon og barnevern er avklart."
        ),
        "referral": p(
            "Henvisningen vurderes, og familien får informasjon om utredningen og om rettigheter."
        ),
        "assessment": p(
            "Utredningen tilpasses barnets alder og omfatter samtaler med barnet og foreldrene, "
            "informasjon fra barnehage eller skole og kartlegging av somatisk helse."
        ),
        "treatment": p(
            "Utredningen avsluttes med en samlet vurdering og en beslutning om videre tiltak, "
            "tatt sammen med barnet og foreldrene."
        ),
        "evaluations": [
            ("Beslutning", "Barnet og foreldrene deltar i beslutningen om videre tiltak.")
        ],
        "ending": p(
            "Forløpet avsluttes med tilbakemelding til henviser og avtale om eventuell oppfølging i kommunen."
        ),
        "times": standard_times("utredning-bu", 10, 42),
        "points": standard_points("UBU"),
        "versions": [{"at": "2018-11-01T10:00", "note": "Først publisert."}],
    },
    {
        "slug": "behandling-psykisk-helsevern-voksne",
        "title": "Pakkeforløp for behandling i psykisk helsevern, voksne",
        "short_name": "Behandling voksne",
        "area": "psykisk-helse-voksne",
        "language": "nb",
        "goals": ["G1", "G2", "G3", "G5"],
        "target_group": "Voksne som etter utredning skal ha behandling i psykisk helsevern.",
        "intro": p(
            "Forløpet beskriver behandlingen fra beslutning om behandling til avslutning, med "
            "jevnlige evalueringer og tett samarbeid med kommunen."
        ),
        "referral": p("Forløpet starter når beslutningen om behandling er tatt etter utredning."),
        "assessment": p(
            "Behandlingsplanen lages sammen med pasienten og bygger på funnene fra utredningen."
        ),
        "treatment": p(
            "Behandlingen tilpasses pasientens mål, og pårørende involveres når pasienten ønsker det."
        ),
        "evaluations": _evaluations_nb(),
        "ending": p(
            "Ved avslutning avtales oppfølging med kommunen og fastlegen, og pasienten får informasjon om "
            "hva hen kan gjøre ved tilbakefall."
        ),
        "times": standard_times("behandling-voksne", 10, 30),
        "points": standard_points("BVO"),
        "versions": [
            {"at": "2018-12-10T10:00", "note": "Først publisert."},
            {
                "at": "2019-09-02T09:00",
                "note": "Evalueringspunktene er gjort tydeligere, og seksjonen om "
                "somatisk helse er flyttet foran forløpskoordinator.",
                "change": "bvo_v2",
            },
        ],
    },
    {
        "slug": "behandling-psykisk-helsevern-barn-og-unge",
        "title": "Pakkeforløp for behandling i psykisk helsevern, barn og unge",
        "short_name": "Behandling barn og unge",
        "area": "psykisk-helse-barn-unge",
        "language": "nb",
        "goals": ["G1", "G2", "G3", "G5"],
        "target_group": "Barn og unge som etter utredning skal ha behandling i psykisk helsevern for barn og unge.",
        "intro": p(
            "Forløpet beskriver behandlingen, samarbeidet med familien og overgangen til voksentjenester."
        ),
        "referral": p("Forløpet starter når beslutningen om behandling er tatt."),
        "assessment": p("Behandlingsplanen lages sammen med barnet og foreldrene."),
        "treatment": p("Behandlingen evalueres jevnlig, og skole og kommune involveres ved behov."),
        "evaluations": _evaluations_nb(),
        "ending": p(
            "Overgangen fra barne- og ungdomspsykiatrien til voksenpsykiatrien planlegges i god tid."
        ),
        "times": standard_times("behandling-bu", 10, 30),
        "points": standard_points("BBU"),
        "versions": [{"at": "2018-12-10T10:00", "note": "Først publisert."}],
    },
    {
        "slug": "psykoselidelser",
        "title": "Pakkeforløp for psykoselidelser, inkludert debuterende psykose",
        "short_name": "Psykoselidelser",
        "area": "tilstandsspesifikk",
        "language": "nb",
        "goals": ["G1", "G2", "G3", "G5"],
        "target_group": "Personer med mistanke om eller kjent psykoselidelse, inkludert første gangs psykose.",
        "intro": p(
            "Ved mistanke om debuterende psykose er rask utredning og behandling avgjørende for forløpet."
        ),
        "referral": p(
            "Ved mistanke om psykose skal henvisningen vurderes samme dag eller neste virkedag."
        ),
        "assessment": p(
            "Utredningen omfatter psykisk og somatisk helse, rusmiddelbruk og familiens situasjon."
        ),
        "treatment": p(
            "Behandlingen kombinerer legemidler, samtaleterapi, familiesamarbeid og arbeidsrettede tiltak."
        ),
        "evaluations": _evaluations_nb(),
        "ending": p("Avslutning planlegges med kommunen, og pasienten har en kriseplan."),
        "times": standard_times("psykose", 7, 28),
        "points": standard_points("PSY"),
        "versions": [{"at": "2018-12-14T10:00", "note": "Først publisert."}],
    },
    {
        "slug": "spiseforstyrrelser-barn-og-unge",
        "title": "Pakkeforløp for spiseforstyrringar, barn og unge",
        "short_name": "Spiseforstyrringar",
        "area": "tilstandsspesifikk",
        "language": "nn",
        "goals": ["G1", "G2", "G3", "G5"],
        "target_group": "Barn og unge med mistanke om eller kjend spiseforstyrring.",
        "intro": p(
            "Forløpet skildrar utgreiing og behandling av spiseforstyrringar hos barn og unge, "
            "med tett samarbeid mellom familie, kommune og spesialisthelseteneste."
        ),
        "referral": p("Tilvisinga blir vurdert raskt, og det blir teke omsyn til somatisk risiko."),
        "assessment": p(
            "Utgreiinga omfattar somatisk undersøking, ernæringsstatus og samtalar med familien."
        ),
        "treatment": p("Behandlinga er familiebasert der det er mogleg, og blir evaluert jamleg."),
        "evaluations": [
            ("Første evaluering", "Etter fire veker blir det vurdert om behandlinga verkar."),
            ("Jamleg evaluering", "Familien og behandlaren evaluerer saman kvar tredje månad."),
        ],
        "ending": p(
            "Forløpet blir avslutta etter avtale med familien og med plan for oppfølging i kommunen."
        ),
        "times": standard_times("spiseforstyrrelser", 10, 30),
        "points": standard_points("SPI"),
        "versions": [{"at": "2018-12-14T10:00", "note": "Først publisert."}],
        "nn": True,
    },
    {
        "slug": "tvangslidelser-ocd",
        "title": "Pakkeforløp for tvangslidelser (OCD)",
        "short_name": "Tvangslidelser (OCD)",
        "area": "tilstandsspesifikk",
        "language": "nb",
        "goals": ["G1", "G2", "G3"],
        "target_group": "Barn, unge og voksne med tvangslidelse (OCD).",
        "intro": p("Forløpet beskriver utredning og kunnskapsbasert behandling av tvangslidelser."),
        "referral": p("Henvisningen vurderes, og pasienten får informasjon om forløpet."),
        "assessment": p(
            "Utredningen bruker anerkjente kartleggingsverktøy og omfatter samtidige lidelser."
        ),
        "treatment": p(
            "Eksponering med responsprevensjon er førstevalg, gjerne i konsentrert format."
        ),
        "evaluations": _evaluations_nb(),
        "ending": p("Avslutning planlegges med en plan for å forebygge tilbakefall."),
        "times": standard_times("ocd", 10, 30),
        "points": standard_points("OCD"),
        "versions": [{"at": "2018-12-14T10:00", "note": "Først publisert."}],
    },
    {
        "slug": "gravide-og-rus",
        "title": "Pakkeforløp for gravide som bruker eller har brukt rusmidler",
        "short_name": "Gravide og rus",
        "area": "rus",
        "language": "nb",
        "goals": ["G1", "G2", "G3", "G5"],
        "target_group": "Gravide som bruker eller har brukt alkohol, vanedannende legemidler eller illegale "
        "rusmidler, og deres partnere.",
        "intro": p(
            "Forløpet skal sikre tidlig og samordnet hjelp til gravide og oppfølging av mor og barn "
            "etter fødselen."
        ),
        "referral": p("Henvisningen prioriteres, og kontakt etableres raskt."),
        "assessment": p("Utredningen gjøres i samarbeid med svangerskapsomsorgen og kommunen."),
        "treatment": p(
            "Behandling og oppfølging planlegges for svangerskapet og tiden etter fødselen."
        ),
        "evaluations": _evaluations_nb(),
        "ending": p("Overgang til kommunal oppfølging avtales i god tid før avslutning."),
        "times": standard_times("gravide", 5, 21),
        "points": standard_points("GRA"),
        "versions": [{"at": "2019-10-01T10:00", "note": "Først publisert."}],
    },
]


def apply_change(body: list[dict], change: str, slug: str) -> list[dict]:
    """Later demo versions: realistic substantive changes (times, added/moved/changed sections)."""
    body = [dict(block, value=dict(block["value"])) for block in body]
    by_key = {block["id"]: block for block in body}

    def section(key: str) -> dict:
        return by_key[block_id(slug, key)]

    if change == "tsb_v2":
        times = [dict(t) for t in section("times")["value"]["times"]]
        times.append(
            {
                "name": "Fra avrusning til behandling",
                "from_event": "Avrusning avsluttet",
                "to_event": "Videre behandling startet",
                "limit": 0,
                "unit": "kalenderdager",
                "comment": "Det skal ikke være opphold mellom avrusning og behandling.",
            }
        )
        section("times")["value"]["times"] = times
        section("avslutning")["value"]["body"] += p(
            "Oppfølgingsplanen skal være skriftlig og kjent for pasienten, fastlegen og kommunen før utskriving."
        )
    elif change == "tsb_v3":
        times = [dict(t) for t in section("times")["value"]["times"]]
        for item in times:
            if item["name"] == "Første oppmøte":
                item["limit"] = 7
        section("times")["value"]["times"] = times
        body.insert(
            4,
            {
                "type": "text_section",
                "id": block_id(slug, "relatives"),
                "value": {
                    "heading": "Samarbeid med pårørende",
                    "body": p(
                        "Pårørende får tilbud om egen samtale, informasjon om pårørendeprogram og om "
                        "hvordan de kan delta i samarbeidsmøtene når pasienten samtykker."
                    ),
                },
            },
        )
    elif change == "uvo_v2":
        times = [dict(t) for t in section("times")["value"]["times"]]
        for item in times:
            if item["name"] == "Utredning":
                item["limit"] = 42
                item["comment"] = (
                    "Kan forlenges ved komplekse tilstander; begrunnelsen journalføres."
                )
        section("times")["value"]["times"] = times
    elif change == "bvo_v2":
        behandling = section("behandling")["value"]
        behandling["evaluation_points"] = behandling["evaluation_points"] + [
            {
                "name": "Evaluering før avslutning",
                "description": "Felles evaluering av mål og resultat før avslutning.",
            }
        ]
        somatic = section("somatic")
        body.remove(somatic)
        body.insert(body.index(section("coordinator")), somatic)
    return body
