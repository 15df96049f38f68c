"""``evaluate_goals --real``'s last line carries the question figures (contract in DESIGN §6)."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command

from hearings.management.commands import evaluate_goals

GOAL = {"p": 0.5, "r": 0.5, "f1": 0.5}
QUESTION = {"p": 0.5, "r": 0.5, "f1": 0.5, "n": 3}


def test_last_line_has_question_scores(monkeypatch, tmp_path):
    metrics = {"macro_f1": 0.5, **{g: GOAL for g in ("G1", "G2", "G3", "G4", "G5")}}
    report = {
        "cv": metrics,
        "baselines": {"keyword": metrics},
        "cv_by_standard": {},
        "calibration": {},
        "confidence_bands": {},
        "learning_curve": {},
        "real_passages": 3,
    }
    questions = {"macro_f1": 0.5, **{q: QUESTION for q in ("Q1", "Q2", "Q3", "Q4")}}
    parts = ("labelled", "all", "keyword_labelled", "keyword_all")
    question_report = {**{p: questions for p in parts}, "passages": {"labelled": 3, "all": 9}}
    monkeypatch.setattr(evaluate_goals, "evaluate_real", lambda folder, progress, **kwargs: report)
    monkeypatch.setattr(evaluate_goals, "evaluate_real_questions", lambda folder: question_report)
    out = StringIO()
    call_command("evaluate_goals", real=str(tmp_path), stdout=out, stderr=StringIO())
    last = json.loads(out.getvalue().strip().splitlines()[-1])
    assert set(last) == {"cv", "baselines", "questions", "details"}
    assert last["questions"]["Q2"] == QUESTION
    assert last["details"]["questions"]["all"]["macro_f1"] == 0.5
    assert "Q4 P/R/F1" in out.getvalue()
