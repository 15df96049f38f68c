"""Creates the five goals of the pathways with a starting vocabulary that editors can extend."""

from django.db import migrations

GOALS = [
    ("G1", "Økt brukermedvirkning og brukertilfredshet", "Brukermedvirkning",
     "brukermedvirkning\nbrukertilfredshet\nmedvirkning\nsamvalg\nbrukerstemme\nerfaringskonsulent\n"
     "pårørendeinvolvering\nbehandlingsplan i samråd\nbrukererfaring\nbrukarmedverknad"),
    ("G2", "Sammenhengende og koordinerte pasientforløp", "Sammenhengende forløp",
     "forløpskoordinator\nkoordinering\nsamhandling\nsamarbeid\novergang\nansvarsfordeling\n"
     "samarbeidsmøte\nhelhetlig\nsammenhengende\nkoordinator\nsamanhengande"),
    ("G3", "Unngå unødig ventetid for utredning, behandling og oppfølging", "Unngå unødig ventetid",
     "ventetid\nforløpstid\nvente\nfrist\nventeliste\nrask oppstart\nopphold\nforsinkelse"),
    ("G4", "Likeverdig tilbud til pasienter og pårørende uavhengig av hvor i landet de bor",
     "Likeverdig tilbud",
     "likeverdig\nuavhengig av bosted\ngeografisk forskjell\nulikhet\nsentralisering\ndistrikt\n"
     "lik tilgang\npostnummer\nlikeverd"),
    ("G5", "Bedre ivaretakelse av somatisk helse og gode levevaner", "Somatisk helse og levevaner",
     "somatisk helse\nlevevane\nfysisk helse\nkosthold\nfysisk aktivitet\nrøyking\ntannhelse\n"
     "overdødelighet\nlevealder\nsomatisk"),
]


def create_goals(apps, schema_editor):
    Goal = apps.get_model("guidelines", "Goal")
    for order, (code, title, short_title, vocabulary) in enumerate(GOALS, start=1):
        Goal.objects.update_or_create(
            code=code,
            defaults={"title": title, "short_title": short_title, "vocabulary": vocabulary, "sort_order": order},
        )


def remove_goals(apps, schema_editor):
    apps.get_model("guidelines", "Goal").objects.filter(code__in=[g[0] for g in GOALS]).delete()


class Migration(migrations.Migration):
    dependencies = [("guidelines", "0001_initial")]
    operations = [migrations.RunPython(create_goals, remove_goals)]
