"""The analysis service on a real hearing in the database: storage, idempotence, resume, humans."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from guidelines.models import Goal
from hearings.demo_texts import GOAL_SENTENCES
from hearings.models import (
    AnalysisRun,
    Answer,
    DuplicateGroup,
    GoalLabel,
    Passage,
    PassageTheme,
    PersonalDataFlag,
    Response,
    ResponseAnalysis,
    ThemeSet,
)
from hearings.services import analysis as service
from hearings.services.analysis import analyse_hearing, analyse_response, response_sources

pytestmark = pytest.mark.django_db

CAMPAIGN = (
    "Vi i aksjonen for bedre psykisk helse krever at ventetiden i BUP halveres, at alle får en fast "
    "forløpskoordinator, og at tilbudet skal være like godt uansett hvor i landet man bor."
)


def make_response(hearing, n: int, texts: dict[str, str], general: str = "", category="bruker"):
    """A submitted response whose answers are ``texts`` keyed by question code."""
    now = timezone.now()
    response = Response.objects.create(
        hearing=hearing,
        reference=f"TEST-{hearing.pk}-{n}",
        status="submitted",
        respondent_kind="organisasjon",
        organisation_name=f"Testforening {n} (oppdiktet)",
        category=category,
        publication_choice="full",
        general_comment=general,
        updated_at=now,
        submitted_at=now,
    )
    for question in hearing.questions.order_by("sort_order"):
        if question.code in texts:
            Answer.objects.create(
                response=response, question=question, stance="delvis", text=texts[question.code]
            )
    return response


def invented_texts(seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    bank = GOAL_SENTENCES["nb"]
    out = {}
    for code, goals in (("Q1", ["G1", "G5"]), ("Q2", ["G4"]), ("Q3", ["G2"]), ("Q4", ["G3"])):
        sentences = [rng.choice(bank[g]) for g in goals] + [rng.choice(bank["other"])]
        out[code] = " ".join(sentences) + "\n" + rng.choice(bank[rng.choice(goals)])
    return out


def populate(hearing, count: int = 14) -> list[Response]:
    responses = [make_response(hearing, i, invented_texts(i)) for i in range(count)]
    responses.append(make_response(hearing, 100, {"Q1": CAMPAIGN}))
    responses.append(make_response(hearing, 101, {"Q1": CAMPAIGN + " "}))
    return responses


def snapshot(hearing) -> dict:
    """Everything a reviewer would see, keyed by content rather than database ids."""
    passages = {}
    for p in Passage.objects.filter(hearing=hearing).select_related("response"):
        key = (p.response.reference, p.source, p.index)
        labels = sorted(
            (g.goal, g.source, g.assigned, g.is_effective, g.score, tuple(g.evidence))
            for g in p.goal_labels.all()
        )
        themes = sorted(
            (t.goal, t.theme.key, t.theme.label, t.source, t.is_effective)
            for t in p.theme_links.select_related("theme")
        )
        passages[key] = (p.text, p.start, p.end, p.scores, p.confidence, labels, themes)
    duplicates = sorted(
        (a.response.reference, a.duplicate_group.key if a.duplicate_group else None)
        for a in ResponseAnalysis.objects.filter(response__hearing=hearing).select_related(
            "response", "duplicate_group"
        )
    )
    flags = sorted(
        (f.response.reference, f.source, f.start, f.end, f.kind, f.decision)
        for f in PersonalDataFlag.objects.filter(response__hearing=hearing).select_related(
            "response"
        )
    )
    return {"passages": passages, "duplicates": duplicates, "flags": flags}


def wipe(hearing) -> None:
    Passage.objects.filter(hearing=hearing).delete()
    ThemeSet.objects.filter(hearing=hearing).delete()
    DuplicateGroup.objects.filter(hearing=hearing).delete()
    ResponseAnalysis.objects.filter(response__hearing=hearing).delete()
    PersonalDataFlag.objects.filter(response__hearing=hearing).delete()


def test_passages_keep_offsets_into_their_source_and_copied_fields(hearing):
    response = make_response(
        hearing,
        1,
        {
            "Q1": "Brukermedvirkning er viktig. Pasientens egne mål må stå først.\n\nVentetiden er lang."
        },
        general="Vi har ingen flere merknader til forslaget.",
    )
    response.attachment_text = "Vedlegg: Somatisk helse må følges opp bedre etter utskrivning."
    response.save()
    analyse_hearing(hearing)
    sources = {(s.source, s.source_id): s for s in response_sources(response)}
    passages = list(Passage.objects.filter(response=response))
    assert {p.source for p in passages} == {"answer", "general_comment", "attachment"}
    for p in passages:
        source = sources[(p.source, p.source_id)]
        assert source.text[p.start : p.end] == p.text
        assert p.category == "bruker"
        assert p.hearing_id == hearing.pk
    answer_passages = [p for p in passages if p.source == "answer"]
    assert len(answer_passages) == 2  # a blank line separates paragraphs: never one passage
    assert all(p.question.code == "Q1" and p.stance == "delvis" for p in answer_passages)


def test_run_stores_labels_with_scores_evidence_and_versions(hearing):
    populate(hearing, 4)
    run = analyse_hearing(hearing)
    assert run.status == AnalysisRun.Status.DONE
    assert run.model_version.startswith("goal_classifier") and "+voc." in run.model_version
    assert run.pipeline_version
    labels = GoalLabel.objects.filter(passage__hearing=hearing)
    assert labels.exists()
    assert set(labels.values_list("source", flat=True)) == {"machine"}
    clf = service.get_classifier()
    for label in labels.select_related("passage"):
        assert label.score >= clf.thresholds[label.goal]
        assert label.passage.scores[label.goal] == label.score
        assert label.model_version == run.model_version
        assert isinstance(label.evidence, list)
    assert labels.filter(goal="G3").exclude(evidence=[]).exists()
    confidences = list(Passage.objects.filter(hearing=hearing).values_list("confidence", flat=True))
    assert all(0.0 <= c <= 1.0 for c in confidences) and len(set(confidences)) > 1
    assert ResponseAnalysis.objects.filter(response__hearing=hearing).count() == 6


def test_two_runs_give_identical_results_and_unchanged_responses_are_skipped(hearing):
    populate(hearing)
    analyse_hearing(hearing)
    first = snapshot(hearing)
    ids = set(Passage.objects.filter(hearing=hearing).values_list("pk", flat=True))
    analyse_hearing(hearing)  # nothing changed: nothing is rewritten
    assert set(Passage.objects.filter(hearing=hearing).values_list("pk", flat=True)) == ids
    assert snapshot(hearing) == first
    wipe(hearing)
    analyse_hearing(hearing)  # from scratch: the same labels, themes and groups
    assert snapshot(hearing) == first
    assert ThemeSet.objects.filter(hearing=hearing, is_current=True).count() == 5


def test_themes_and_duplicates_are_stored(hearing):
    responses = populate(hearing)
    analyse_hearing(hearing)
    themed = PassageTheme.objects.filter(theme__hearing=hearing, source="machine")
    assert themed.exclude(theme__is_other=True).exists()
    assert themed.filter(is_representative=True).exists()
    group = DuplicateGroup.objects.get(hearing=hearing)
    assert group.size == 2 and group.kind == "exact"
    members = {a.response_id for a in group.members.all()}
    assert members == {responses[-1].pk, responses[-2].pk}
    # every passage assigned to a goal has exactly one effective theme link for it
    for label in GoalLabel.objects.filter(passage__hearing=hearing, is_effective=True):
        assert (
            PassageTheme.objects.filter(
                passage=label.passage, goal=label.goal, is_effective=True
            ).count()
            == 1
        )


def test_new_response_joins_existing_themes_without_reshuffling(hearing):
    populate(hearing)
    analyse_hearing(hearing)
    before = set(PassageTheme.objects.values_list("passage_id", "theme_id", "source"))
    sets_before = set(ThemeSet.objects.values_list("pk", flat=True))
    new = make_response(hearing, 200, invented_texts(3))
    written = analyse_response(new)
    assert written > 0
    after = set(PassageTheme.objects.values_list("passage_id", "theme_id", "source"))
    assert before <= after  # old assignments unchanged
    new_links = PassageTheme.objects.filter(passage__response=new)
    assert new_links.exists()
    assert set(ThemeSet.objects.values_list("pk", flat=True)) == sets_before
    assert all(link.theme.theme_set.is_current for link in new_links)
    # the joined passages landed in real themes, not only in "other"
    assert new_links.filter(theme__is_other=False).exists()
    # a later hearing run keeps them; a fresh grouping makes new theme sets
    analyse_hearing(hearing)
    assert set(PassageTheme.objects.values_list("passage_id", "theme_id", "source")) == after
    analyse_hearing(hearing, fresh_themes=True)
    assert (
        ThemeSet.objects.filter(hearing=hearing, is_current=True)
        .exclude(pk__in=sets_before)
        .count()
        == 5
    )


def test_crash_mid_run_then_resume_equals_clean_run(hearing, monkeypatch):
    populate(hearing)
    analyse_hearing(hearing)
    clean = snapshot(hearing)
    wipe(hearing)
    monkeypatch.setattr(service.runs, "BATCH_SIZE", 3)

    def crash(stage, done, total):
        if stage == service.STAGE_PASSAGES and done == 6:
            raise RuntimeError("simulert krasj")

    with pytest.raises(RuntimeError):
        analyse_hearing(hearing, progress=crash)
    failed = AnalysisRun.objects.filter(hearing=hearing).first()
    assert failed.status == AnalysisRun.Status.FAILED and "simulert krasj" in failed.error
    # only complete responses were stored
    assert ResponseAnalysis.objects.filter(response__hearing=hearing).count() == 6
    analysed = set(ResponseAnalysis.objects.values_list("response_id", flat=True))
    assert (
        set(Passage.objects.filter(hearing=hearing).values_list("response_id", flat=True))
        == analysed
    )
    assert not ThemeSet.objects.filter(hearing=hearing).exists()

    analyse_hearing(hearing)
    assert snapshot(hearing) == clean


def test_crash_during_themes_then_resume_equals_clean_run(hearing):
    populate(hearing)
    analyse_hearing(hearing)
    clean = snapshot(hearing)
    wipe(hearing)

    def crash(stage, done, total):
        if stage == service.STAGE_THEMES and done == 2:
            raise RuntimeError("simulert krasj")

    with pytest.raises(RuntimeError):
        analyse_hearing(hearing, progress=crash)
    assert ThemeSet.objects.filter(hearing=hearing).count() == 2
    analyse_hearing(hearing)
    assert snapshot(hearing) == clean


def _edit_vocabulary(code: str, *terms: str) -> None:
    goal = Goal.objects.get(code=code)
    goal.vocabulary += "\n" + "\n".join(terms)
    goal.save()


def test_human_labels_survive_reruns_and_text_changes(hearing, django_user_model):
    response = make_response(
        hearing,
        1,
        {
            "Q4": "Ventetiden til første samtale er fortsatt for lang for mange i vårt område.",
            "Q3": "Forløpskoordinatoren er den viktigste enkeltdelen av forløpene for oss.",
        },
    )
    analyse_hearing(hearing)
    passage = Passage.objects.get(response=response, question__code="Q4")
    machine = passage.goal_labels.get(goal="G3", source="machine")
    user = django_user_model.objects.create_user("siri")
    # what the review service does: a human row that wins over the machine row
    GoalLabel.objects.create(
        passage=passage,
        goal="G3",
        source="human",
        assigned=False,
        is_effective=True,
        decided_by=user,
        decided_at=timezone.now(),
    )
    GoalLabel.objects.filter(pk=machine.pk).update(is_effective=False)
    GoalLabel.objects.create(
        passage=passage,
        goal="G1",
        source="human",
        assigned=True,
        is_effective=True,
        decided_by=user,
        decided_at=timezone.now(),
    )
    passage.is_read = True
    passage.save()

    _edit_vocabulary("G5", "kvartalsrapport")  # new model version: everything is re-analysed
    analyse_hearing(hearing)
    # the other answer changes: its passages are rebuilt, this one is kept as it is
    Answer.objects.filter(response=response, question__code="Q3").update(
        text="Samarbeidet med kommunen må bli bedre ved utskrivning."
    )
    analyse_hearing(hearing)

    kept = Passage.objects.get(pk=passage.pk)
    assert kept.is_read
    human = {(g.goal, g.assigned) for g in kept.goal_labels.filter(source="human")}
    assert human == {("G3", False), ("G1", True)}
    effective = {(g.goal, g.source) for g in kept.goal_labels.filter(is_effective=True)}
    assert effective == {("G3", "human"), ("G1", "human")}
    assert kept.goal_labels.filter(goal="G3", source="machine", is_effective=False).exists()
    q3 = Passage.objects.get(response=response, question__code="Q3")
    assert q3.text.startswith("Samarbeidet med kommunen")
    # removing G3 takes the passage out of G3's themes
    assert not PassageTheme.objects.filter(passage=kept, goal="G3", is_effective=True).exists()


def test_vocabulary_edits_in_goal_snippet_change_matching(hearing):
    text = "Kvartalsrapportene fra kommunene må bli enklere å fylle ut."
    response = make_response(hearing, 1, {"Q1": text})
    first = analyse_hearing(hearing)
    passage = Passage.objects.get(response=response)
    assert not passage.goal_labels.filter(goal="G5").exists()
    _edit_vocabulary("G5", "kvartalsrapport")
    second = analyse_hearing(hearing)
    assert second.model_version != first.model_version
    label = Passage.objects.get(response=response).goal_labels.get(goal="G5")
    assert label.evidence == ["kvartalsrapportene"]
    assert label.model_version == second.model_version


def test_personal_data_flags_keep_staff_decisions(hearing):
    response = make_response(
        hearing,
        1,
        {
            "Q1": "Jeg har selv vært innlagt på psykiatrisk avdeling. Ring meg på 912 34 567.",
        },
        general="Spørsmål kan sendes til kari.nordmann@example.org.",
    )
    analyse_hearing(hearing)
    flags = {f.kind: f for f in PersonalDataFlag.objects.filter(response=response)}
    assert {"own_health", "phone", "email"} <= set(flags)
    answer = response.answers.get()
    phone = flags["phone"]
    assert answer.text[phone.start : phone.end] == "912 34 567"
    PersonalDataFlag.objects.filter(pk=phone.pk).update(decision="dismissed")
    _edit_vocabulary("G5", "kvartalsrapport")
    analyse_hearing(hearing)
    assert PersonalDataFlag.objects.get(pk=phone.pk).decision == "dismissed"
    assert PersonalDataFlag.objects.filter(response=response, kind="email").count() == 1


def test_drafts_are_not_analysed(hearing):
    draft = make_response(hearing, 1, {"Q1": "Ventetiden er for lang."})
    Response.objects.filter(pk=draft.pk).update(status="draft")
    analyse_hearing(hearing)
    assert not Passage.objects.filter(response=draft).exists()
    draft.refresh_from_db()
    assert analyse_response(draft) == 0


def test_command_prints_summary_and_records_run(hearing):
    populate(hearing, 3)
    out, err = StringIO(), StringIO()
    call_command("analyse_hearing", hearing.slug, stdout=out, stderr=err)
    assert "Analyse ferdig" in out.getvalue()
    assert "tekstutdrag" in out.getvalue()
    assert "100%" in err.getvalue()  # the progress bar reached the end
    run = AnalysisRun.objects.get(hearing=hearing)
    assert run.status == "done" and run.percent == 100
    with pytest.raises(CommandError):
        call_command("analyse_hearing", "finnes-ikke", stdout=out, stderr=err)


def test_submission_task_analyses_the_response(hearing):
    from hearings import tasks

    response = make_response(hearing, 1, {"Q4": "Ventetiden til første samtale er for lang."})
    result = tasks.analyse_response.enqueue(response.pk)
    assert result.return_value >= 1
    assert Passage.objects.filter(response=response).exists()
    run = service.analysis_run_request(hearing=hearing, fresh_themes=True)
    tasks.analyse_hearing.enqueue(run.pk)
    run.refresh_from_db()
    assert run.status == "done" and run.fresh_themes


def test_changed_response_is_rebuilt_on_its_own_run(hearing):
    responses = populate(hearing, 8)
    analyse_hearing(hearing)
    target = responses[0]
    old_q4 = set(
        Passage.objects.filter(response=target, question__code="Q4").values_list("pk", flat=True)
    )
    kept_q1 = set(
        Passage.objects.filter(response=target, question__code="Q1").values_list("pk", flat=True)
    )
    Answer.objects.filter(response=target, question__code="Q4").update(
        text="Språket i forslaget kan gjøres enklere."
    )
    assert analyse_response(target) > 0
    assert not Passage.objects.filter(pk__in=old_q4).exists()
    new_q4 = Passage.objects.get(response=target, question__code="Q4")
    assert new_q4.text == "Språket i forslaget kan gjøres enklere."
    assert not new_q4.goal_labels.filter(goal="G3").exists()
    assert not PassageTheme.objects.filter(passage=new_q4, goal="G3").exists()
    assert (
        set(
            Passage.objects.filter(response=target, question__code="Q1").values_list(
                "pk", flat=True
            )
        )
        == kept_q1
    )
    assert analyse_response(target) == 0  # unchanged now: skipped


def test_next_run_closes_a_run_whose_worker_died(hearing):
    from datetime import timedelta

    from django.utils import timezone

    populate(hearing)
    dead = AnalysisRun.objects.create(
        hearing=hearing,
        scope=AnalysisRun.Scope.HEARING,
        status=AnalysisRun.Status.RUNNING,
        heartbeat_at=timezone.now() - service.runs.STALE_AFTER - timedelta(minutes=1),
    )
    alive = AnalysisRun.objects.create(
        hearing=hearing,
        scope=AnalysisRun.Scope.HEARING,
        status=AnalysisRun.Status.RUNNING,
        heartbeat_at=timezone.now(),
    )
    analyse_hearing(hearing)
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == AnalysisRun.Status.FAILED and "livstegn" in dead.error
    assert dead.finished_at is not None
    assert alive.status == AnalysisRun.Status.RUNNING
