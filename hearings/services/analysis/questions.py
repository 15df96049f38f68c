"""Which hearing question each passage of free text or a letter answers, and stated stances.

Why it is shaped like this: an answer to a question already carries its question; every other
text (general comment, pathway comments, attachment, letters) is read by
:class:`hearings.nlp.questions.QuestionReader` (the letter's headings first, then the model).
Machine rows are replaced on each analysis; a reviewer's row stays and wins, and the effective
question is copied onto ``Passage.question`` so the goal × question matrix, filters and
exports count letters like form answers. For letters (registered by staff, or uploaded by the
respondent with "Svar med brev"), a stance the letter states ("Vi støtter…") becomes a
machine-proposed stance on the question (an ``Answer`` row with ``stance_source="machine"``); a
stance set by the respondent or by staff is never touched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ...models import (
    Answer,
    Passage,
    PassageSource,
    QuestionLabel,
    ResponseSource,
    Source,
    StanceSource,
)
from ...nlp.questions import QuestionResult
from ...nlp.stance import StanceProposal, combine_stances, propose_stance
from .bulk import insert
from .engine import Engine


def read_questions(hearing_id: int, news: Sequence, engine: Engine) -> list[QuestionResult | None]:
    """One reading per new passage (None for passages of an answer to a question)."""
    texts = {code: text for code, (_pk, text) in engine.hearing_questions(hearing_id).items()}
    out: list[QuestionResult | None] = []
    group: list = []

    def flush() -> None:
        if not group:
            return
        source = group[0].source
        if source.source == PassageSource.ANSWER:
            out.extend([None] * len(group))
        else:
            spans = [(n.start, n.end) for n in group]
            out.extend(engine.question_reader.read(source.text, spans, texts or None))
        group.clear()

    for new in news:
        if group and (group[0].source is not new.source or group[0].response is not new.response):
            flush()
        group.append(new)
    flush()
    return out


def machine_question_id(
    hearing_id: int, reading: QuestionResult | None, engine: Engine
) -> int | None:
    if reading is None or reading.question is None:
        return None
    found = engine.hearing_questions(hearing_id).get(reading.question)
    return found[0] if found else None


def store_question_labels(
    hearing_id: int,
    response_ids: Sequence[int],
    passages: Sequence[Passage],
    readings: Sequence[QuestionResult | None],
    engine: Engine,
) -> dict[int, StanceProposal]:
    """Replace the machine's question rows; human rows win. Returns stance proposals by passage."""
    human = dict(
        QuestionLabel.objects.filter(
            passage__response_id__in=response_ids, source=Source.HUMAN
        ).values_list("passage_id", "question_id")
    )
    QuestionLabel.objects.filter(
        passage__response_id__in=response_ids, source=Source.MACHINE
    ).delete()
    rows, stances, moved = [], {}, []
    for passage, reading in zip(passages, readings, strict=True):
        if reading is None:
            continue
        stance = propose_stance(passage.text)
        if stance is not None:
            stances[passage.pk] = stance
        rows.append(
            QuestionLabel(
                passage_id=passage.pk,
                question_id=machine_question_id(hearing_id, reading, engine),
                source=Source.MACHINE,
                is_effective=passage.pk not in human,
                method=reading.method,
                score=round(max(reading.scores.values(), default=0.0), 4),
                scores=reading.scores,
                evidence=reading.evidence[:300],
                stance=stance.stance if stance else "",
                stance_evidence=stance.evidence[:200] if stance else "",
                model_version=engine.question_reader.version[:80],
            )
        )
        if passage.pk in human and passage.question_id != human[passage.pk]:
            passage.question_id = human[passage.pk]
            moved.append(passage)
    insert(QuestionLabel, rows)
    if moved:
        Passage.objects.bulk_update(moved, ["question"], batch_size=500)
    return stances


def propose_letter_stances(
    todo: Sequence, passages: Sequence[Passage], stances: dict[int, StanceProposal]
) -> None:
    """Machine-proposed stance per question for letters (see module doc).

    A letter the respondent uploaded in the form ("Svar med brev") gets a proposal only on the
    questions where they chose no stance themselves; the form saved those answers empty.
    """
    letters = {
        r.pk
        for r, _s, _d in todo
        if r.source in (ResponseSource.LETTER, ResponseSource.FORM_LETTER)
    }
    if not letters:
        return
    found: dict[tuple[int, int], list[str]] = defaultdict(list)
    for passage in passages:
        proposal = stances.get(passage.pk)
        if passage.response_id in letters and proposal and passage.question_id:
            found[(passage.response_id, passage.question_id)].append(proposal.stance)
    existing = {
        (a.response_id, a.question_id): a for a in Answer.objects.filter(response_id__in=letters)
    }
    create, update, drop = [], [], []
    for key in set(found) | {k for k, a in existing.items() if a.stance_source == "machine"}:
        combined = combine_stances(found.get(key, ())) or ""
        answer = existing.get(key)
        if answer is not None and answer.stance_source == StanceSource.RESPONDENT:
            if answer.stance or not combined:
                continue  # the respondent's own choice, or nothing to propose
            answer.stance_source = StanceSource.MACHINE
            answer.stance = combined
            update.append(answer)
        elif answer is None:
            create.append(
                Answer(
                    response_id=key[0],
                    question_id=key[1],
                    stance=combined,
                    stance_source=StanceSource.MACHINE,
                )
            )
        elif answer.stance_source != StanceSource.MACHINE:
            continue
        elif combined or answer.text:
            answer.stance = combined
            update.append(answer)
        else:
            drop.append(answer.pk)
    Answer.objects.bulk_create(create)
    Answer.objects.bulk_update(update, ["stance", "stance_source"])
    Answer.objects.filter(pk__in=drop).delete()
