"""Append the goal-vocabulary terms added for issue 15 to the editors' vocabularies.

The analysis reads the vocabulary from the Goal snippets (guidelines.Goal), so terms added to the
shipped vocabulary (hearings/nlp/data/goal_vocabulary.json) reach the app only through the
database. Terms an editor already has are not repeated; nothing an editor wrote is removed.
Reversing leaves the vocabularies as they are (an editor may have kept or used the terms).
"""

from django.db import migrations

#: The terms added to the shipped vocabulary, per goal (separated by "; ").
ADDED = {
    "G1": (
        "samråd; i samråd med; behandlingsplan i samråd; brukerkunnskap; brukarkunnskap; "
        "brukerutvalg; brukarutval; ta på alvor; bli tatt på alvor; bli teke på alvor; medvirke; "
        "medverke; involvere pasienten; involvere pårørende; involvere pårørande; pårørendes "
        "rolle; pårørande si rolle; pårørendearbeid; pårørandearbeid; pårørendesamarbeid; "
        "pårørandesamarbeid; fornøyd; nøgd; misfornøyd; brukertilfreds; pasienttilfredshet; "
        "pasienttilfredsheit; likeperson; likemann; brukerstyrt seng; brukarstyrt seng; "
        "innflytelse i behandlingen; eigne ønskje; egne ønsker; pasientens ressurser; valgfrihet; "
        "fritt behandlingsvalg; fritt behandlingsval; informasjon om behandlingstilbud; "
        "brukerperspektivet; brukarperspektivet; pasientperspektiv; brukerorientert; "
        "brukarorientert; respekt; verdighet; verdigheit"
    ),
    "G2": (
        "oppfølging etter utskrivning; oppfølging etter utskriving; kommunal oppfølging; "
        "oppfølging i kommunen; langsiktig oppfølging; ettervern; etterverntilbud; "
        "etterverntilbod; ansvarsforhold; klare ansvarsforhold; uklart ansvar; uklar "
        "ansvarsfordeling; gråsone; samhandlingsforløp; delavtale; tjenesteavtale; tenesteavtale; "
        "samarbeidsrutine; samlokalisering; oppsøkende team; oppsøkjande team; fact-team; "
        "act-team; tverretatlig; tverretatleg; tverrsektoriell; på tvers av; mellom sektorene; "
        "mellom sektorane; behandlingskjede; helhetlige tjenester; heilskaplege tenester; "
        "sammenhengende tjenester; samanhengande tenester; overgang til voksen; overgangen frå "
        "barn; falle mellom; informasjonsutveksling; utskrivningsklar; oppgavefordeling; "
        "oppgåvefordeling; forvaltningsnivå; mellom forvaltningsnivå; samarbeid mellom; "
        "samarbeide; samarbeida; interkommunal; koordinere; koordinerte tjenester; koordinerte "
        "tenester; fastlegens rolle; fastlegen si rolle; ansvarlig for oppfølging; ansvaret for "
        "oppfølgingen; ansvar for oppfølging"
    ),
    "G3": (
        "tidlig innsats; tidleg innsats; tidlig nok; tidleg nok; oppdage tidlig; oppdage tidleg; "
        "oppdages sent; oppdagast seint; for sent; for seint; sen oppdagelse; lavterskel; "
        "lågterskel; lavterskeltilbud; lågterskeltilbod; rask psykisk helsehjelp; fristbrot; "
        "frist; kapasitet; kapasitetsproblem; kapasitetsmangel; sengemangel; få hjelp raskt; "
        "hjelp når de trenger det; hjelp når dei treng det; vente på behandling; vente på hjelp; "
        "venta på hjelp; ventetida; forløpstider; ikke-faglig begrunnet ventetid; unngå venting; "
        "tidsfrister; vurderingsfrist; henvisningsvurdering; tilvisingsvurdering; i påvente av; "
        "akutt hjelp"
    ),
    "G4": (
        "nær der de bor; nær der dei bur; nær hjemmet; nær heimen; nærhet; nærleik; nærmiljø; "
        "nærmiljøet; lokalt tilbud; lokalt tilbod; lokale tilbud; desentralisert; "
        "desentralisering; små kommuner; små kommunar; utkantkommune; spredtbygd; spreiddbygd; "
        "grisgrendt; variasjon mellom; forskjell mellom; skilnad mellom; ulikt tilbud; ulikt "
        "tilbod; varierer; variere; ulikheter; ulikskapar; avhengig av kommune; mangler tilbud; "
        "manglar tilbod; ingen tilbud; ikkje noko tilbod; likestilt; diskriminering; ujevn; "
        "ujamn; ujevnt fordelt; ujamt fordelt; sosioøkonomisk; lav inntekt; låg inntekt; "
        "funksjonsnedsettelse; funksjonsnedsetting; tolk; språkbarriere; kulturell kompetanse; "
        "kultursensitiv; storby; likeverdige tjenester; likeverdige tenester; likeverdig "
        "behandling; uansett bosted; tilgjengelighet; lik rett; sårbare grupper"
    ),
    "G5": (
        "somatiske plager; somatiske lidelser; somatiske lidingar; fysiske helseplager; "
        "underbehandling; underbehandla; lavere levealder; lågare levealder; kortere levetid; "
        "kortare levetid; levetid; dødelighet; dødelegheit; tidlig død; tidleg død; døy for "
        "tidleg; dø for tidlig; livsstilsendring; fysisk helse og levevaner; somatisk helse og "
        "levevaner; levevaneintervensjon; metabolske bivirkninger; vekt"
    ),
}


def _terms(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def append_terms(apps, schema_editor):
    Goal = apps.get_model("guidelines", "Goal")
    for goal in Goal.objects.filter(code__in=list(ADDED)):
        current = _terms(goal.vocabulary)
        added = [t.strip() for t in ADDED[goal.code].split(";") if t.strip()]
        missing = [t for t in dict.fromkeys(added) if t not in current]
        if missing:
            goal.vocabulary = "\n".join(current + missing)
            goal.save(update_fields=["vocabulary"])


class Migration(migrations.Migration):
    dependencies = [
        ("guidelines", "0002_goals"),
        ("hearings", "0011_response_source_form_letter"),
    ]
    operations = [migrations.RunPython(append_terms, migrations.RunPython.noop)]
