"""Invented sample text for the demo responses, in bokmål and nynorsk. Written for this system."""

GOAL_SENTENCES = {
    "nb": {
        "G1": [
            "Vi er glade for at brukermedvirkning er løftet tydeligere fram i forslaget.",
            "Pasientens egne mål bør stå først i behandlingsplanen, ikke bare tjenestens vurderinger.",
            "Brukerrepresentanter må få delta når forløpene evalueres lokalt, ikke bare nasjonalt.",
            "Det bør måles hvor fornøyde pasienter og pårørende er, ikke bare hvor raskt de får time.",
            "Pårørende opplever fortsatt at de ikke blir hørt, og det må forslaget ta mer på alvor.",
        ],
        "G2": [
            "Forløpskoordinatoren er den viktigste enkeltdelen av forløpene for oss.",
            "Samarbeidet mellom kommunen og spesialisthelsetjenesten må beskrives mer konkret ved utskrivning.",
            "Overgangen fra barne- og ungdomspsykiatrien til voksenpsykiatrien er fortsatt et hull i forløpet.",
            "Vi savner tydelige krav til felles planer når pasienten får hjelp fra flere tjenester samtidig.",
            "Fastlegen må få beskjed når et forløp avsluttes, ellers faller pasienten mellom to stoler.",
        ],
        "G3": [
            "Forløpstidene har gitt kortere ventetid, men de må ikke bli viktigere enn faglig skjønn.",
            "Det er fornuftig å fjerne forløpstider som ingen bruker, slik forslaget gjør.",
            "Ventetiden til første samtale er fortsatt for lang for mange i vårt område.",
            "Vi er bekymret for at kortere frister fører til raskere, men dårligere utredninger.",
        ],
        "G4": [
            "Tilbudet må være likeverdig uansett hvor i landet pasienten bor.",
            "Små kommuner har ikke samme fagmiljø som byene og trenger mer støtte for å følge forløpene.",
            "Samiske pasienters rett til språk og kulturforståelse bør nevnes uttrykkelig.",
            "Lange reiseavstander må ikke bety et dårligere tilbud, og digitale konsultasjoner kan hjelpe.",
        ],
        "G5": [
            "Det er bra at somatisk helse og levevaner har fått en egen del i forløpet.",
            "Mennesker med alvorlige psykiske lidelser lever mange år kortere, og det må følges opp.",
            "Kartlegging av fysisk aktivitet, kosthold, søvn og tobakk bør være fast del av utredningen.",
            "Ansvaret for oppfølging av somatisk helse etter utskrivning må plasseres tydelig.",
        ],
        "other": [
            "Registreringen av koder tar mye tid fra behandlerne, og vi ber om at den forenkles ytterligere.",
            "Forslagene er lettere å lese enn de gamle pakkeforløpene.",
            "Språket i forslaget kan gjøres enklere, særlig i delene som er ment for pasienter.",
            "Vi ønsker at Helsedirektoratet lager et kortere sammendrag av endringene.",
            "Implementeringen krever opplæring og tid, og det må settes av ressurser til det.",
        ],
    },
    "nn": {
        "G1": [
            "Vi er glade for at brukarmedverknad er løfta tydelegare fram i forslaget.",
            "Pasienten sine eigne mål bør stå først i behandlingsplanen.",
            "Pårørande opplever framleis at dei ikkje blir høyrde, og det må forslaget ta meir på alvor.",
        ],
        "G2": [
            "Forløpskoordinatoren er den viktigaste delen av forløpa for oss.",
            "Samarbeidet mellom kommunen og spesialisthelsetenesta må skildrast meir konkret ved utskriving.",
            "Vi saknar tydelege krav til felles planar når pasienten får hjelp frå fleire tenester.",
        ],
        "G3": [
            "Forløpstidene har gitt kortare ventetid, men dei må ikkje bli viktigare enn fagleg skjønn.",
            "Ventetida til første samtale er framleis for lang for mange i vårt område.",
        ],
        "G4": [
            "Tilbodet må vere likeverdig same kvar i landet pasienten bur.",
            "Små kommunar har ikkje same fagmiljø som byane og treng meir støtte.",
        ],
        "G5": [
            "Det er bra at somatisk helse og levevanar har fått ein eigen del i forløpet.",
            "Kartlegging av fysisk aktivitet, kosthald, søvn og tobakk bør vere fast del av utgreiinga.",
        ],
        "other": [
            "Registreringa av kodar tek mykje tid frå behandlarane, og vi ber om at ho blir forenkla.",
            "Forslaga er lettare å lese enn dei gamle pakkeforløpa.",
        ],
    },
}

OPENINGS = {
    "nb": [
        "Takk for muligheten til å gi innspill.",
        "Vi har drøftet forslaget i styret og med medlemmene våre.",
        "Vi har gått gjennom forslagene med fagfolk i tjenesten.",
        "Vi støtter hovedretningen i revisjonen.",
    ],
    "nn": [
        "Takk for høvet til å kome med innspel.",
        "Vi har drøfta forslaget i styret og med medlemmene våre.",
    ],
}

# Obviously invented names, one list per response category.
ORGANISATIONS = {
    "bruker": [
        "Fiktiv brukerforening Lysglimt",
        "Oppdiktet pårørendeforum Fjordlys",
        "Demo-foreningen Medvind",
        "Fiktivt ungdomsråd Kompasset",
        "Oppdiktet selvhjelpsnettverk Broen",
        "Demo-brukerrådet Havblikk",
    ],
    "kommune": [
        "Fiktivstad kommune",
        "Oppdiktet herad",
        "Demovik kommune",
        "Eksempelnes kommune",
        "Tenktfjord kommune",
        "Prøvedal kommune",
    ],
    "helseforetak": [
        "Helse Fiktiv HF",
        "Oppdiktet regionalt helseforetak",
        "Demosjukehuset HF",
        "Eksempel universitetssykehus HF",
        "Helse Tenkt HF",
        "Prøve sjukehusområde HF",
    ],
    "profesjon": [
        "Fiktiv forening for psykologer",
        "Oppdiktet sykepleierlag",
        "Demoforbundet for sosionomer",
        "Eksempellegenes fagforum",
        "Tenkt vernepleierforbund",
        "Prøveforeningen for ergoterapeuter",
    ],
    "kompetanse": [
        "Fiktivt kompetansesenter for rus",
        "Oppdiktet forskningsmiljø for psykisk helse",
        "Demosenteret for tidlig innsats",
        "Eksempel kunnskapssenter",
        "Tenkt fagnettverk",
        "Prøvesenter for samhandling",
    ],
    "statlig": [
        "Fiktivdirektoratet",
        "Oppdiktet tilsyn",
        "Demoetaten for velferd",
        "Eksempelverket",
        "Tenkt statlig senter",
        "Prøveetaten",
    ],
    "statsforvalter": [
        "Statsforvalteren i Fiktivfylket",
        "Statsforvalteren i Oppdiktet",
        "Statsforvalteren i Demo",
        "Statsforvalteren i Eksempel",
        "Statsforvalteren i Tenkt",
        "Statsforvalteren i Prøve",
    ],
    "frivillig": [
        "Fiktiv bymisjon",
        "Oppdiktet kors",
        "Demo-frivilligsentralen",
        "Eksempel væresteder",
        "Tenkt likepersonsnettverk",
        "Prøve kirkens sosialtjeneste",
    ],
    "privat_tjeneste": [
        "Fiktiv klinikk AS",
        "Oppdiktet behandlingssenter AS",
        "Demo døgninstitusjon AS",
        "Eksempel avtalespesialist",
        "Tenkt rehabilitering AS",
        "Prøve helsetjenester AS",
    ],
    "privatperson": [
        "Ola Fiktiv",
        "Kari Oppdiktet",
        "Per Demo",
        "Anne Eksempel",
        "Nils Tenkt",
        "Lise Prøve",
    ],
    "annet": [
        "Fiktivt nettverk for fastleger",
        "Oppdiktet studentlag",
        "Demo-klyngen",
        "Eksempel interesseforum",
        "Tenkt samarbeidsråd",
        "Prøve nettverk for helsesykepleiere",
    ],
}

# The campaign letter (invented): sent many times with small edits, so the analysis groups it.
CAMPAIGN_LETTER = {
    "Q1": (
        "nei",
        "Jeg skriver under på oppropet «Pårørende må høres» fordi forslaget ikke gir pårørende en "
        "fast plass i forløpet, og brukermedvirkning må også gjelde pårørende. Pårørende kjenner pasienten best og ser tidlig når noe går galt. "
        "Likevel blir vi ofte avvist med henvisning til taushetsplikt, også når pasienten ønsker at "
        "vi skal være med. Forløpene må si tydelig at pårørende skal tilbys en egen samtale i "
        "utredningen og ved hver evaluering.",
    ),
    "Q3": (
        "delvis",
        "Forløpskoordinatoren må også være kontaktperson for pårørende, og navnet og "
        "telefonnummeret til koordinatoren må gis skriftlig til familien. Ventetiden fra henvisning "
        "til første samtale er fortsatt for lang, og i ventetiden står pårørende alene uten hjelp.",
    ),
    "general": (
        "Vi ber Helsedirektoratet om å skrive inn pårørendes rett til informasjon, medvirkning og "
        "veiledning i "
        "alle de nasjonale pasientforløpene før de vedtas."
    ),
}

#: Small edits that some senders made to the letter (the analysis still groups them).
CAMPAIGN_EDITS = [
    "",
    "",
    "",
    "",
    "",
    " Min sønn har schizofreni og ventet i åtte måneder på første samtale.",
    " Hilsen Marit Oppdiktet",
    " Jeg har selv vært innlagt, og familien var min eneste støtte.",
]

# An earlier round (the first-generation pathways were consulted in 2017–2018), invented text.
# Some concerns come back in the 2023–2024 round, some were settled and are not raised again.
EARLIER_SENTENCES = {
    "G1": [
        "Brukermedvirkning må være mer enn en overskrift, og pasientens egne mål må stå i "
        "behandlingsplanen.",
        "Pasienten må få være med på å lage behandlingsplanen fra første samtale.",
        "Pårørende blir ikke hørt, og det må utkastet ta på alvor.",
        "Navnet «pakkeforløp» oppleves som upersonlig, som om pasienten var en pakke.",
    ],
    "G2": [
        "Ordningen med forløpskoordinator er det viktigste nye i pakkeforløpet.",
        "Det er uklart hvem forløpskoordinatoren er når pasienten skrives ut til kommunen.",
        "Samarbeidet mellom fastlegen og spesialisthelsetjenesten må beskrives tydeligere.",
        "Henvisningsskjemaet må bli felles for alle helseforetak.",
    ],
    "G3": [
        "Forløpstidene kan gi kortere ventetid hvis tjenestene får ressurser.",
        "Vi frykter at forløpstidene blir målt uten at ventetiden faktisk går ned.",
        "Avtalespesialistene må telles med når ventetiden måles.",
    ],
    "G4": [
        "Tilbudet må være likeverdig uansett hvor i landet pasienten bor.",
        "Pakkeforløpene må ikke føre til at distriktspsykiatriske sentre legges ned.",
    ],
    "G5": [
        "Somatisk helse og levevaner bør kartlegges ved oppstart av behandlingen.",
        "Røykeslutt og fysisk aktivitet bør inngå i behandlingen.",
    ],
    "other": [
        "Registrering av nye koder i pasientadministrative systemer krever mye opplæring.",
        "Innføringen av pakkeforløpene kommer for raskt etter hverandre.",
        "Høringsfristen er for kort for så mange dokumenter.",
    ],
}

EARLIER_OPENINGS = [
    "Takk for høringen om utkastene til pakkeforløp.",
    "Vi har drøftet utkastet med medlemmene våre.",
    "Vi er positive til at det innføres pakkeforløp på feltet.",
]
