"""Page-type rules and the public pages of a pathway: page, history, old version, comparison."""

import pytest
from wagtail.test.utils import WagtailPageTestCase  # noqa: F401  (documents the convention)

from cms.models import HomePage
from guidelines.models import PathwayIndexPage, PathwayPage, ProposalIndexPage, RevisionProposalPage
from tests.conftest import make_pathway, publish_change, section, times_section

pytestmark = pytest.mark.django_db


def test_page_type_rules():
    assert PathwayPage.clean_parent_page_models() == [PathwayIndexPage]
    assert PathwayPage.clean_subpage_models() == []
    assert PathwayIndexPage.clean_subpage_models() == [PathwayPage]
    assert RevisionProposalPage.clean_parent_page_models() == [ProposalIndexPage]
    assert PathwayIndexPage in HomePage.clean_subpage_models()
    assert PathwayIndexPage.max_count == 1


def test_pathway_page_shows_version_facts(client, pathway_index):
    page = make_pathway(pathway_index)
    publish_change(page, note="Faglig endring.")
    html = client.get("/forlop/testforlop/").content.decode()
    assert "Først publisert" in html
    assert "Siste faglige endring" in html
    assert "Se tidligere versjoner" in html
    assert "<dd>2</dd>" in html


def test_history_lists_versions_with_notes(client, pathway_index):
    page = make_pathway(pathway_index)
    publish_change(page, note="Kortere forløpstid for første oppmøte.")
    response = client.get("/forlop/testforlop/versjoner/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Versjon 1" in html and "Versjon 2" in html
    assert "Kortere forløpstid for første oppmøte." in html


def test_old_version_is_read_only_and_marked_not_in_force(client, pathway_index):
    page = make_pathway(pathway_index, body=[section("a", "Henvisning", "Gammel formulering.")])
    publish_change(page, body=[section("a", "Henvisning", "Ny formulering.")])
    html = client.get("/forlop/testforlop/versjoner/1/").content.decode()
    assert "Denne versjonen gjelder ikke lenger" in html
    assert "Gammel formulering." in html and "Ny formulering." not in html
    assert 'href="/forlop/testforlop/"' in html
    assert "<form" not in html.split("<main", 1)[1].split("</main>")[0]


def test_unknown_version_is_404(client, pathway_index):
    make_pathway(pathway_index)
    assert client.get("/forlop/testforlop/versjoner/9/").status_code == 404


def test_comparison_page_marks_changes_in_text_not_only_colour(client, pathway_index):
    page = make_pathway(pathway_index)
    publish_change(
        page, body=[section("a", "Henvisning", "Tekst om rask henvisning."), times_section(7)]
    )
    html = client.get("/forlop/testforlop/versjoner/sammenlign/?fra=1&til=2").content.decode()
    assert "<ins>" in html and "lagt til:" in html
    assert "Endrede verdier" in html
    assert "<del>10</del>" in html and "<ins>7</ins>" in html


def test_comparison_with_odd_parameters_falls_back(client, pathway_index):
    page = make_pathway(pathway_index)
    publish_change(page)
    assert client.get("/forlop/testforlop/versjoner/sammenlign/?fra=abc&til=").status_code == 200
    assert client.get("/forlop/testforlop/versjoner/sammenlign/?fra=1&til=99").status_code == 404


def test_index_lists_pathways_with_versions(client, pathway_index):
    make_pathway(pathway_index)
    html = client.get("/forlop/").content.decode()
    assert "Testforløp" in html and "Versjon 1" in html


def test_cached_body_follows_every_publish(client, pathway_index):
    """The rendered body is cached per page and publish time: a publish shows at once."""
    page = make_pathway(pathway_index)
    assert "Tekst om henvisning." in client.get("/forlop/testforlop/?a=1").content.decode()
    publish_change(page, body=[section("a", "Henvisning", "Ny tekst om henvisning.")])
    html = client.get("/forlop/testforlop/?a=2").content.decode()
    assert "Ny tekst om henvisning." in html
    assert "Tekst om henvisning." not in html.replace("Ny tekst om henvisning.", "")
    publish_change(
        page, body=[section("a", "Henvisning", "Redaksjonelt rettet.")], kind="editorial"
    )
    assert "Redaksjonelt rettet." in client.get("/forlop/testforlop/?a=3").content.decode()


def test_cached_body_varies_by_interface_language(client, pathway_index):
    make_pathway(pathway_index)
    norwegian = client.get("/forlop/testforlop/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    english = client.get("/forlop/testforlop/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Målgruppe:" in norwegian
    assert "Målgruppe:" not in english and "Target group:" in english


def test_preview_neither_reads_nor_fills_the_body_cache(client, pathway_index):
    page = make_pathway(pathway_index)
    client.get("/forlop/testforlop/")  # the live body is now cached
    draft = page.get_latest_revision_as_object()
    draft.body = [section("a", "Henvisning", "Bare i utkastet.")]
    preview = draft.make_preview_request()
    preview.render()
    assert "Bare i utkastet." in preview.content.decode()
    assert "Bare i utkastet." not in client.get("/forlop/testforlop/").content.decode()
