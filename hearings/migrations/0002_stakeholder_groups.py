from django.db import migrations

# The stakeholder groups of the pathway project (seed 001), written in bokmål.
GROUPS = [
    "Pasienter og pårørende",
    "Befolkningen generelt",
    "Bruker- og pårørendeorganisasjoner",
    "Alle fastleger",
    "Alle kommuner (helse- og omsorgstjenester, psykisk helse- og rusarbeid)",
    "Statsforvalterne",
    "Regionale helseforetak og helseforetak, inkludert private med avtale",
    "Profesjonsorganisasjoner",
    "Kunnskaps- og kompetansemiljøer innen rus og psykisk helse",
    "Organisasjoner som arbeider politisk med psykisk helse",
    "Helse- og omsorgsdepartementet",
    "NAV",
    "Andre direktorater",
    "Kommunesektorens organisasjon (KS) og Oslo kommune",
    "Barnevernet",
    "Frivillige organisasjoner",
    "Selvhjelp Norge",
    "Arbeidsgruppenes medlemmer og referansegruppen",
]


def create_groups(apps, schema_editor):
    StakeholderGroup = apps.get_model("hearings", "StakeholderGroup")
    for index, name in enumerate(GROUPS):
        StakeholderGroup.objects.get_or_create(name=name, defaults={"sort_order": index})


class Migration(migrations.Migration):
    dependencies = [("hearings", "0001_initial")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
