"""Reviewer corrections: human rows win, machine rows stay, who/when recorded, audit log written."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from hearings.models import GoalLabel, PassageTheme
from hearings.review import selectors, services

from .factories import build_world, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def reviewer():
    return make_user("siri", reviewer=True)


def test_removing_a_goal_keeps_the_machine_row_and_changes_the_counts(world, reviewer):
    p2 = world.passages["P2"]
    services.passage_goal_set(passage=p2, goal="G3", assigned=False, user=reviewer)
    machine = GoalLabel.objects.get(passage=p2, goal="G3", source="machine")
    human = GoalLabel.objects.get(passage=p2, goal="G3", source="human")
    assert (machine.assigned, machine.is_effective) == (True, False)
    assert (human.assigned, human.is_effective, human.decided_by) == (False, True, reviewer)
    assert human.decided_at is not None
    assert selectors.goal_passage_counts(hearing=world.hearing)["G3"] == 2
    # its theme link no longer counts either
    sizes = {
        r["theme"].label: r["size"] for r in selectors.goal_themes(hearing=world.hearing, goal="G3")
    }
    assert sizes["Ventetid"] == 2
    p2.refresh_from_db()
    assert p2.reviewed_by == reviewer and p2.reviewed_at is not None
    entry = ModelLogEntry.objects.for_instance(p2).get()
    assert entry.action == "hearings.review.goal"
    assert entry.data == {"goal": "G3", "assigned": False}
    assert entry.user == reviewer


def test_adding_a_goal_then_removing_it_again(world, reviewer):
    p8 = world.passages["P8"]
    services.passage_goal_set(passage=p8, goal="G4", assigned=True, user=reviewer)
    assert selectors.goal_question_matrix(hearing=world.hearing)["rows"][3]["cells"][1]["n"] == 1
    services.passage_goal_set(passage=p8, goal="G4", assigned=False, user=reviewer)
    assert GoalLabel.objects.filter(passage=p8, goal="G4").count() == 1
    assert selectors.goal_passage_counts(hearing=world.hearing).get("G4", 0) == 0
    assert ModelLogEntry.objects.for_instance(p8).count() == 2


def test_unknown_goal_is_refused(world, reviewer):
    with pytest.raises(ValidationError):
        services.passage_goal_set(
            passage=world.passages["P1"], goal="G9", assigned=True, user=reviewer
        )


def test_move_to_theme_of_another_goal_adds_the_goal(world, reviewer):
    p8 = world.passages["P8"]
    services.passage_theme_move(passage=p8, theme=world.themes["T3b"], user=reviewer)
    assert GoalLabel.objects.get(passage=p8, goal="G3", source="human").assigned
    sizes = {
        r["theme"].label: r["size"] for r in selectors.goal_themes(hearing=world.hearing, goal="G3")
    }
    assert sizes == {"Ventetid": 3, "Finansiering": 1}


def test_move_within_goal_keeps_machine_theme_row(world, reviewer):
    p2 = world.passages["P2"]
    services.passage_theme_move(passage=p2, theme=world.themes["T3b"], user=reviewer)
    rows = {pt.source: pt for pt in PassageTheme.objects.filter(passage=p2)}
    assert rows["machine"].theme == world.themes["T3"] and not rows["machine"].is_effective
    assert rows["human"].theme == world.themes["T3b"] and rows["human"].is_effective
    sizes = {
        r["theme"].label: r["size"] for r in selectors.goal_themes(hearing=world.hearing, goal="G3")
    }
    assert sizes == {"Ventetid": 2, "Finansiering": 1}


def test_rename_keeps_machine_label(world, reviewer):
    theme = services.theme_rename(theme=world.themes["T3"], label="Lang ventetid", user=reviewer)
    assert (theme.label, theme.machine_label) == ("Lang ventetid", "Ventetid")
    with pytest.raises(ValidationError) as error:
        services.theme_rename(theme=theme, label="  ", user=reviewer)
    assert "label" in error.value.message_dict
    assert ModelLogEntry.objects.for_instance(theme).get().data == {
        "from": "Ventetid",
        "to": "Lang ventetid",
    }


def test_merge_moves_passages_and_hides_source(world, reviewer):
    services.passage_theme_move(
        passage=world.passages["P8"], theme=world.themes["T3b"], user=reviewer
    )
    services.theme_merge(source=world.themes["T3b"], target=world.themes["T3"], user=reviewer)
    rows = selectors.goal_themes(hearing=world.hearing, goal="G3")
    assert [(r["theme"].label, r["size"]) for r in rows] == [("Ventetid", 4)]
    # machine rows still point at their original theme
    assert (
        PassageTheme.objects.get(passage=world.passages["P3"], source="machine").theme
        == world.themes["T3"]
    )
    with pytest.raises(ValidationError):
        services.theme_merge(source=world.themes["T1"], target=world.themes["T3"], user=reviewer)


def test_triage_marks_and_not_relevant(world, reviewer):
    p1 = world.passages["P1"]
    services.passage_triage(passage=p1, user=reviewer, read=True, flagged=True, evidence=True)
    p1.refresh_from_db()
    assert (p1.is_read, p1.is_flagged, p1.is_evidence_rich, p1.reviewed_at) == (
        True,
        True,
        True,
        None,
    )
    services.passage_triage(passage=p1, user=reviewer, not_relevant=True)
    p1.refresh_from_db()
    assert p1.not_relevant and p1.reviewed_by == reviewer
    assert selectors.goal_passage_counts(hearing=world.hearing)["G1"] == 1
    assert ModelLogEntry.objects.for_instance(p1).count() == 2


def test_agreement_per_goal_and_kappa(world, reviewer):
    p = world.passages
    services.passage_goal_confirm(passage=p["P1"], user=reviewer)  # G1 agreed
    services.passage_goal_set(
        passage=p["P2"], goal="G3", assigned=False, user=reviewer
    )  # machine only
    services.passage_goal_set(
        passage=p["P8"], goal="G3", assigned=True, user=reviewer
    )  # human only
    services.passage_goal_confirm(passage=p["P3"], user=reviewer)  # G3 agreed
    rows = {a.goal: a for a in selectors.machine_agreement(hearing=world.hearing)}
    g3 = rows["G3"]
    assert (g3.n, g3.both, g3.machine_only, g3.human_only, g3.neither) == (4, 1, 1, 1, 1)
    assert g3.percent == 50.0
    assert g3.kappa == 0.0
    g1 = rows["G1"]
    assert (g1.both, g1.neither, g1.percent, g1.kappa) == (1, 3, 100.0, 1.0)
    assert rows["G4"].kappa == 1.0  # all four reviewed agree on "no"


def test_note(world, reviewer):
    note = services.review_note_add(
        hearing=world.hearing, passage=world.passages["P1"], user=reviewer, text=" Sjekk "
    )
    assert note.text == "Sjekk"
    with pytest.raises(ValidationError):
        services.review_note_add(hearing=world.hearing, user=reviewer, text="")
