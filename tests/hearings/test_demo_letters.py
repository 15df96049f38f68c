"""The demo's invented letters: PDF and Word, with and without a heading per question."""

from __future__ import annotations

import pytest

from hearings.demo_letters import ensure_letters
from hearings.models import QuestionLabel, Response
from hearings.services.analysis import analyse_hearing

pytestmark = pytest.mark.django_db


def test_invented_letters_are_registered_once_and_read_by_structure_or_model(hearing):
    assert ensure_letters(hearing) == 4
    assert ensure_letters(hearing) == 0
    letters = Response.objects.filter(hearing=hearing, source="brev")
    assert letters.count() == 4 and all(r.is_demo for r in letters)
    assert all("oppdiktet" in r.organisation_name.lower() for r in letters)
    kinds = {d.kind for r in letters for d in r.letters.all()}
    assert kinds == {"pdf", "docx"}
    analyse_hearing(hearing)
    methods = {
        r.organisation_name: set(
            QuestionLabel.objects.filter(passage__response=r).values_list("method", flat=True)
        )
        for r in letters
    }
    assert "structure" in methods["Oppdiktet brukerforening for psykisk helse (demo)"]
    assert methods["Oppdiktet fagforening for psykologer (demo)"] == {"model"}
    questions = set(
        QuestionLabel.objects.filter(passage__response__in=letters, is_effective=True)
        .exclude(question=None)
        .values_list("question__code", flat=True)
    )
    assert {"Q1", "Q2", "Q3", "Q4"} <= questions
