"""Every figure of the overview and goal views against the hand-counted world in factories."""

from datetime import date

import pytest

from hearings.review import selectors

from .factories import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_response_counts_by_category_per_response_and_distinct_text(world):
    rows = {
        r["category"]: (r["n"], r["distinct"])
        for r in selectors.response_counts_by_category(hearing=world.hearing)
    }
    assert rows == {
        "bruker": (1, 1),
        "kommune": (2, 1),
        "helseforetak": (1, 1),
        "privatperson": (1, 1),
    }
    assert selectors.response_totals(hearing=world.hearing) == {"n": 5, "distinct": 4}


def test_response_counts_by_day(world):
    rows = [(r["day"], r["n"]) for r in selectors.response_counts_by_day(hearing=world.hearing)]
    assert rows == [(date(2024, 3, 1), 2), (date(2024, 3, 2), 2), (date(2024, 3, 3), 1)]


def test_stance_per_question_overall(world):
    rows = {row["question"].code: row for row in selectors.stance_counts(hearing=world.hearing)}
    q1 = {c["stance"]: (c["n"], c["distinct"]) for c in rows["Q1"]["counts"]}
    assert q1 == {"ja": (1, 1), "delvis": (1, 1), "nei": (2, 1), "vet_ikke": (1, 1)}
    assert rows["Q1"]["total"] == 5
    q2 = {c["stance"]: c["n"] for c in rows["Q2"]["counts"]}
    assert q2 == {"ja": 1, "delvis": 1, "nei": 0, "vet_ikke": 0}
    assert rows["Q3"]["total"] == 0
    assert [c["percent"] for c in rows["Q1"]["counts"]] == [20, 20, 40, 20]


def test_stance_per_pathway_counts_only_respondents_commenting_on_it(world):
    blocks = selectors.stance_counts_per_pathway(hearing=world.hearing)
    assert [b["pathway"].pk for b in blocks] == [world.proposal.pathway_id]
    q1 = {c["stance"]: c["n"] for c in blocks[0]["rows"][0]["counts"]}
    assert q1 == {"ja": 1, "delvis": 1, "nei": 0, "vet_ikke": 0}


def test_goal_question_matrix(world):
    matrix = selectors.goal_question_matrix(hearing=world.hearing)
    codes = [label for _qid, label in matrix["columns"]]
    assert codes[:4] == ["Q1", "Q2", "Q3", "Q4"] and len(codes) == 5
    cells = {row["goal"]: [c["n"] for c in row["cells"]] for row in matrix["rows"]}
    assert cells == {
        "G1": [2, 0, 0, 0, 0],
        "G2": [2, 0, 0, 0, 1],
        "G3": [3, 0, 0, 0, 0],
        "G4": [0, 0, 0, 0, 0],
        "G5": [0, 0, 0, 0, 0],
    }
    assert {row["goal"]: row["total"] for row in matrix["rows"]} == {
        "G1": 2,
        "G2": 3,
        "G3": 3,
        "G4": 0,
        "G5": 0,
    }


def test_not_relevant_passages_leave_the_counts(world):
    p = world.passages["P6"]
    p.not_relevant = True
    p.save()
    assert selectors.goal_passage_counts(hearing=world.hearing) == {"G2": 2, "G3": 3, "G1": 1}


def test_goal_themes_sizes_categories_and_stances(world):
    themes = {
        row["theme"].label: row for row in selectors.goal_themes(hearing=world.hearing, goal="G3")
    }
    assert list(themes) == ["Ventetid", "Finansiering"]
    ventetid = themes["Ventetid"]
    assert (ventetid["size"], ventetid["responses"]) == (3, 3)
    assert {c["category"]: c["n"] for c in ventetid["categories"]} == {"kommune": 2, "bruker": 1}
    assert {s["stance"]: s["n"] for s in ventetid["stances"]} == {
        "ja": 1,
        "delvis": 0,
        "nei": 2,
        "vet_ikke": 0,
    }
    # P3 and P4 are the same campaign text: shown once
    assert [p.text for p in ventetid["examples"]] == [
        "Ventetiden i kommunen er for lang.",
        "Ventetiden er for lang.",
    ]
    assert themes["Finansiering"]["size"] == 0
    g2 = selectors.goal_themes(hearing=world.hearing, goal="G2")
    assert [(r["theme"].label, r["size"]) for r in g2] == [("Koordinering", 3)]


def test_goal_stance_by_category(world):
    rows = {
        r["category"]: {c["stance"]: c["n"] for c in r["counts"]}
        for r in selectors.goal_stance_by_category(hearing=world.hearing, goal="G3")
    }
    assert rows == {
        "bruker": {"ja": 1, "delvis": 0, "nei": 0, "vet_ikke": 0},
        "kommune": {"ja": 0, "delvis": 0, "nei": 2, "vet_ikke": 0},
    }


def test_review_queue_is_unreviewed_least_confident_first(world):
    queue = list(selectors.review_queue(hearing=world.hearing))
    assert [p.pk for p in queue[:3]] == [world.passages[k].pk for k in ("P8", "P5", "P2")]
    assert len(queue) == 8


def test_passage_in_context_highlights_by_offsets(world):
    ctx = selectors.passage_in_context(passage=world.passages["P2"])
    assert ctx == {
        "before": "Brukermedvirkning er viktig. ",
        "passage": "Ventetiden er for lang.",
        "after": "",
        "found": True,
    }


def test_review_progress(world):
    progress = selectors.review_progress(hearing=world.hearing)
    assert progress["total"] == 8 and progress["reviewed"] == 0


def test_publishable_responses(world):
    refs = sorted(r.reference for r in selectors.publishable_responses(hearing=world.hearing))
    assert refs == ["R1", "R2", "R5"]


def test_user_can_review(django_user_model):
    from .factories import make_user

    assert selectors.user_can_review(user=make_user("sb", reviewer=True))
    assert selectors.user_can_review(user=make_user("su", superuser=True))
    assert not selectors.user_can_review(user=make_user("ed", editor=True))
