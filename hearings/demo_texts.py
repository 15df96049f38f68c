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
    "bruker": ["Fiktiv brukerforening Lysglimt", "Oppdiktet pårørendeforum Fjordlys", "Demo-foreningen Medvind",
               "Fiktivt ungdomsråd Kompasset", "Oppdiktet selvhjelpsnettverk Broen", "Demo-brukerrådet Havblikk"],
    "kommune": ["Fiktivstad kommune", "Oppdiktet herad", "Demovik kommune", "Eksempelnes kommune",
                "Tenktfjord kommune", "Prøvedal kommune"],
    "helseforetak": ["Helse Fiktiv HF", "Oppdiktet regionalt helseforetak", "Demosjukehuset HF",
                     "Eksempel universitetssykehus HF", "Helse Tenkt HF", "Prøve sjukehusområde HF"],
    "profesjon": ["Fiktiv forening for psykologer", "Oppdiktet sykepleierlag", "Demoforbundet for sosionomer",
                  "Eksempellegenes fagforum", "Tenkt vernepleierforbund", "Prøveforeningen for ergoterapeuter"],
    "kompetanse": ["Fiktivt kompetansesenter for rus", "Oppdiktet forskningsmiljø for psykisk helse",
                   "Demosenteret for tidlig innsats", "Eksempel kunnskapssenter", "Tenkt fagnettverk",
                   "Prøvesenter for samhandling"],
    "statlig": ["Fiktivdirektoratet", "Oppdiktet tilsyn", "Demoetaten for velferd", "Eksempelverket",
                "Tenkt statlig senter", "Prøveetaten"],
    "statsforvalter": ["Statsforvalteren i Fiktivfylket", "Statsforvalteren i Oppdiktet", "Statsforvalteren i Demo",
                       "Statsforvalteren i Eksempel", "Statsforvalteren i Tenkt", "Statsforvalteren i Prøve"],
    "frivillig": ["Fiktiv bymisjon", "Oppdiktet kors", "Demo-frivilligsentralen", "Eksempel væresteder",
                  "Tenkt likepersonsnettverk", "Prøve kirkens sosialtjeneste"],
    "privat_tjeneste": ["Fiktiv klinikk AS", "Oppdiktet behandlingssenter AS", "Demo døgninstitusjon AS",
                        "Eksempel avtalespesialist", "Tenkt rehabilitering AS", "Prøve helsetjenester AS"],
    "privatperson": ["Ola Fiktiv", "Kari Oppdiktet", "Per Demo", "Anne Eksempel", "Nils Tenkt", "Lise Prøve"],
    "annet": ["Fiktivt nettverk for fastleger", "Oppdiktet studentlag", "Demo-klyngen", "Eksempel interesseforum",
              "Tenkt samarbeidsråd", "Prøve nettverk for helsesykepleiere"],
}
