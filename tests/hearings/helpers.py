"""Small builders for hearing tests: a published pathway, a proposal and a hearing on it."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import date, datetime, timedelta

from django.utils import timezone
from wagtail.models import Page

from cms.models import HomePage
from guidelines.models import PathwayIndexPage, PathwayPage, ProposalIndexPage
from guidelines.services import proposal_create_from_pathway
from hearings.models import HearingIndexPage, HearingPage, HearingProposal, HearingQuestion
from hearings.questions import default_question_rows


def home() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Forside", slug="forside"))
    return home


def _child(parent, model, **fields):
    existing = model.objects.child_of(parent).first()
    if existing:
        return existing
    page = parent.add_child(instance=model(**fields))
    page.save_revision().publish()
    return page


def make_pathway(
    *, slug: str = "tsb", title: str = "Tverrfaglig spesialisert rusbehandling"
) -> PathwayPage:
    index = _child(home(), PathwayIndexPage, title="Pasientforløp", slug="forlop")
    existing = PathwayPage.objects.child_of(index).filter(slug=slug).first()
    if existing:
        return existing
    body = [
        {
            "type": "text_section",
            "id": str(uuid.uuid4()),
            "value": {
                "heading": "Om forløpet",
                "body": "<p>Forløpet beskriver utredning og behandling.</p>",
            },
        },
        {
            "type": "pathway_times",
            "id": str(uuid.uuid4()),
            "value": {
                "heading": "Forløpstider",
                "intro": "",
                "times": [
                    {
                        "name": "Fra henvisning til første samtale",
                        "from_event": "Henvisning mottatt",
                        "to_event": "Første samtale",
                        "limit": 10,
                        "unit": "virkedager",
                        "comment": "",
                    }
                ],
            },
        },
    ]
    pathway = PathwayPage(
        title=title,
        slug=slug,
        target_group="Voksne med rusmiddelproblemer",
        area="rus",
        introduction="<p>Innledning.</p>",
        body=body,
    )
    index.add_child(instance=pathway)
    pathway.save_revision().publish()
    return PathwayPage.objects.get(pk=pathway.pk)


def make_proposal(*, pathway: PathwayPage | None = None):
    pathway = pathway or make_pathway()
    parent = _child(home(), ProposalIndexPage, title="Endringsforslag", slug="forslag")
    proposal = proposal_create_from_pathway(pathway=pathway, parent=parent)
    proposal.save_revision().publish()
    proposal.refresh_from_db()
    return proposal


def make_hearing(
    *,
    proposals=None,
    opens_at: datetime | None = None,
    deadline: date | None = None,
    slug: str = "horing-2024",
    questions: list[dict] | None = None,
) -> HearingPage:
    index = _child(home(), HearingIndexPage, title="Høringer", slug="horinger")
    now = timezone.now()
    hearing = HearingPage(
        title="Høring om nasjonale pasientforløp",
        slug=slug,
        reference_number="23/12345",
        hearing_letter="<p>Helsedirektoratet sender forslagene på høring.</p>",
        opens_at=opens_at or now - timedelta(days=10),
        deadline=deadline or timezone.localdate() + timedelta(days=10),
        contact_name="Kari Saksbehandler",
        contact_email="horing@helsedir.example",
    )
    for index_, row in enumerate(questions or default_question_rows()):
        hearing.questions.add(HearingQuestion(sort_order=index_, **row))
    for index_, proposal in enumerate(proposals if proposals is not None else [make_proposal()]):
        hearing.proposal_links.add(HearingProposal(sort_order=index_, proposal=proposal))
    index.add_child(instance=hearing)
    hearing.save_revision().publish()
    return HearingPage.objects.get(pk=hearing.pk)


def docx_bytes(text: str = "Vi støtter forslaget om brukermedvirkning.") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(text: str = "Vi støttar forslaget.") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
            f"<text:p>{text}</text:p></office:text></office:body></office:document-content>",
        )
    return buffer.getvalue()


def pdf_bytes(text: str = "Hello") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    return buffer.getvalue()


def form_data(hearing: HearingPage, **overrides) -> dict:
    """A valid POST body for the response form of ``hearing``."""
    data = {
        "respondent_kind": "organisasjon",
        "organisation_name": "Fiktiv forening for test",
        "organisation_number": "974760673",
        "category": "bruker",
        "contact_name": "Ola Testesen",
        "contact_email": "ola@example.org",
        "publication_choice": "full",
        "general_comment": "",
        "interests": "",
        "website": "",
        "form_token": str(uuid.uuid4()),
        "version": "",
        "action": "submit",
    }
    for question in hearing.questions.order_by("sort_order"):
        data[f"q{question.pk}_stance"] = "delvis"
        data[f"q{question.pk}_text"] = f"Svar på {question.code}: brukermedvirkning er viktig."
    data.update(overrides)
    return data


def ensure_four_eyes_workflow(pathway):
    """The demo's four-eyes workflow on the pathway's parent (``guidelines.demo.ensure_workflow``)."""
    from django.contrib.auth.models import Group

    from guidelines.demo import EDITORS_GROUP, ensure_workflow

    Group.objects.get_or_create(name=EDITORS_GROUP)
    return ensure_workflow(pathway.get_parent())


def adopt_with_approval(*, hearing, proposal, requester, approver, note="Ny faglig versjon."):
    """Adoption as the rules have it: one editor sends it, a second one approves it."""
    from hearings.services import hearing_request_adoption

    ensure_four_eyes_workflow(proposal.specific.pathway)
    request = hearing_request_adoption(
        hearing=hearing, proposal=proposal, user=requester, change_note=note
    )
    request.workflow_state.current_task_state.approve(user=approver)
    return proposal.__class__.objects.get(pk=proposal.pk).adoption
