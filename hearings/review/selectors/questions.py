"""Which hearing question a passage answers, as the machine and a reviewer said."""

from __future__ import annotations

from ...models import HearingQuestion, Passage, QuestionLabel, Source


def passage_question_rows(*, passage: Passage) -> dict:
    """The machine's and the reviewer's question for a passage, and the choices to correct it."""
    labels = {
        label.source: label
        for label in QuestionLabel.objects.filter(passage=passage).select_related(
            "question", "decided_by"
        )
    }
    machine = labels.get(Source.MACHINE)
    scores = sorted((machine.scores or {}).items()) if machine else []
    return {
        "machine": machine,
        "human": labels.get(Source.HUMAN),
        "scores": scores,
        "fixed": passage.source == "answer",
        "choices": list(
            HearingQuestion.objects.filter(hearing_id=passage.hearing_id).order_by("sort_order")
        ),
    }
