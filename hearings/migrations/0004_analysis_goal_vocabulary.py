"""Seed the editors' goal vocabularies (guidelines.Goal) with the vocabulary the classifier was tuned with.

The analysis reads the vocabulary from the Goal snippets so editors' changes apply. Migration
guidelines/0002 only seeded a short starter list; a vocabulary still equal to that list is replaced
by the shipped one (hearings/nlp/data/goal_vocabulary.json), an edited one only gets the
missing shipped terms appended, so nothing an editor wrote is lost.
"""

import json
from pathlib import Path

from django.db import migrations

SHIPPED = Path(__file__).resolve().parent.parent / "nlp" / "data" / "goal_vocabulary.json"


def _terms(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def seed_vocabulary(apps, schema_editor):
    from importlib import import_module

    starter = {
        row[0]: set(_terms(row[3]))
        for row in import_module("guidelines.migrations.0002_goals").GOALS
    }
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    Goal = apps.get_model("guidelines", "Goal")
    for goal in Goal.objects.filter(code__in=list(shipped)):
        current = _terms(goal.vocabulary)
        if not current or set(current) == starter.get(goal.code):
            terms = list(shipped[goal.code])
        else:
            terms = current + [t for t in shipped[goal.code] if t not in current]
        goal.vocabulary = "\n".join(terms)
        goal.save(update_fields=["vocabulary"])


class Migration(migrations.Migration):
    dependencies = [("guidelines", "0002_goals"), ("hearings", "0003_analysis")]
    operations = [migrations.RunPython(seed_vocabulary, migrations.RunPython.noop)]
