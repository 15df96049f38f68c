"""retrain_goals: reviewers' decisions become training examples; the fixed test split stays unseen."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from hearings.management.commands.retrain_goals import reviewer_examples
from hearings.models import GoalLabel, Passage
from hearings.nlp.goal_eval import load_split
from hearings.services.analysis import analyse_hearing

from .test_service_analysis import make_response

pytestmark = pytest.mark.django_db


def _decide(passage, goal, assigned):
    GoalLabel.objects.filter(passage=passage, goal=goal).update(is_effective=False)
    GoalLabel.objects.create(passage=passage, goal=goal, source="human", assigned=assigned)


def test_reviewer_decisions_become_examples(hearing, tmp_path):
    test_text = load_split("test")[0]["text"]
    make_response(
        hearing,
        1,
        {
            "Q1": "Ventetiden er for lang.",
            "Q2": "Fastlegen må få beskjed når forløpet avsluttes.",
            "Q3": test_text,
            "Q4": "Språket i forslaget kan gjøres enklere.",
        },
    )
    analyse_hearing(hearing)
    waiting = Passage.objects.get(question__code="Q1")
    _decide(waiting, "G4", False)  # the reviewer removes a wrong goal
    _decide(waiting, "G3", True)
    coordination = Passage.objects.get(question__code="Q2")
    _decide(coordination, "G2", True)
    _decide(Passage.objects.get(question__code="Q3"), "G1", True)  # in the test split: left out

    examples = reviewer_examples()
    by_text = {e["text"]: e["labels"] for e in examples}
    assert by_text == {
        "Ventetiden er for lang.": ["G3"],
        "Fastlegen må få beskjed når forløpet avsluttes.": sorted(
            {"G2"}
            | set(
                coordination.goal_labels.filter(source="machine", is_effective=True).values_list(
                    "goal", flat=True
                )
            )
        ),
    }
    target = tmp_path / "examples.jsonl"
    out = StringIO()
    call_command("retrain_goals", "--export", str(target), stdout=out)
    assert "2 tekstutdrag" in out.getvalue()
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert {r["text"] for r in rows} == set(by_text)
