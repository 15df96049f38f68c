"""A pathway behind a login keeps its versions out of the API and the public search (issue 17,
row 9). Both were public before."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from guidelines.models import PathwayVersion
from search import service

pytestmark = pytest.mark.django_db


def _version_keys(query: str) -> set[str]:
    return {h.key for h in service.search_public(query, per_page=100).hits if "version" in h.key}


def test_login_restricted_pathway_versions_are_not_public(
    world, client, django_capture_on_commit_callbacks
):
    pathway = world.pathway
    versions = PathwayVersion.objects.filter(pathway=pathway)
    assert versions.exists()
    listed = client.get(f"/api/v2/versions/?pathway={pathway.pk}").json()
    assert listed["meta"]["total_count"] == versions.count()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=pathway, restriction_type=PageViewRestriction.LOGIN)
    listed = client.get(f"/api/v2/versions/?pathway={pathway.pk}").json()
    assert listed["meta"]["total_count"] == 0
    for version in versions:
        assert client.get(f"/api/v2/versions/{version.pk}/").status_code == 404
        assert f"version:{version.pk}" not in _version_keys(pathway.title.split()[0])
