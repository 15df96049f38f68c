"""The admin page for analysis runs: progress for reviewers, refused for editors without the role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from hearings.models import AnalysisRun, Passage
from tests.hearings.test_service_analysis import invented_texts, make_response

pytestmark = pytest.mark.django_db


def _user(django_user_model, name: str, group: str):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    role, _ = Group.objects.get_or_create(name=group)
    role.permissions.add(Permission.objects.get(codename="access_admin"))
    if group == "Saksbehandler":
        role.permissions.add(Permission.objects.get(codename="change_response"))
    user.groups.add(role)
    return user


@pytest.fixture
def reviewer(django_user_model):
    return _user(django_user_model, "saksbehandler", "Saksbehandler")


@pytest.fixture
def editor_only(django_user_model):
    return _user(django_user_model, "redaktor", "Redaktør")


def test_reviewer_sees_runs_with_progress(client, hearing, reviewer):
    AnalysisRun.objects.create(
        hearing=hearing,
        scope="hearing",
        status="running",
        stage="passages",
        done=30,
        total=120,
        model_version="goal_classifier-test",
        pipeline_version="nb_test-0.1",
    )
    client.force_login(reviewer)
    page = client.get(reverse("hearings_analysis", args=[hearing.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="25"' in html  # 30 of 120 done
    assert "30 / 120" in html
    assert "goal_classifier-test" in html and "nb_test-0.1" in html
    assert "Kjør analyse" in html and "Ny temainndeling" in html
    status = client.get(reverse("hearings_analysis_status", args=[hearing.pk])).json()
    assert status["active"] is True
    assert status["runs"][0]["percent"] == 25
    index = client.get(reverse("hearings_analysis_index"))
    assert index.status_code == 200 and hearing.title in index.content.decode()


def test_button_queues_a_run_that_the_task_completes(
    client, hearing, reviewer, django_capture_on_commit_callbacks
):
    make_response(hearing, 1, invented_texts(1))
    client.force_login(reviewer)
    url = reverse("hearings_analysis", args=[hearing.pk])
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"action": "fresh_themes"})
    assert answer.status_code == 302
    run = AnalysisRun.objects.get(hearing=hearing)
    assert run.status == "done"  # immediate task backend in tests
    assert run.fresh_themes and run.requested_by == reviewer
    assert Passage.objects.filter(hearing=hearing).exists()
    page = client.get(url).content.decode()
    assert "Ferdig" in page and 'value="100"' in page


def test_a_second_request_while_running_is_refused(client, hearing, reviewer):
    AnalysisRun.objects.create(hearing=hearing, scope="hearing", status="queued")
    client.force_login(reviewer)
    client.post(reverse("hearings_analysis", args=[hearing.pk]), {"action": "run"})
    assert AnalysisRun.objects.filter(hearing=hearing).count() == 1


def assert_refused(response):
    """Wagtail turns PermissionDenied in admin views into a redirect to the dashboard."""
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403


def test_editor_without_reviewer_role_is_refused(client, hearing, editor_only):
    client.force_login(editor_only)
    for url in (
        reverse("hearings_analysis", args=[hearing.pk]),
        reverse("hearings_analysis_status", args=[hearing.pk]),
        reverse("hearings_analysis_index"),
    ):
        assert_refused(client.get(url))
    assert_refused(client.post(reverse("hearings_analysis", args=[hearing.pk])))
    assert not AnalysisRun.objects.exists()
