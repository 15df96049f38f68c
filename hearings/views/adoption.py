"""Staff screen: the editor's decision after a hearing (send a proposal for adoption, conclude).

A class-based view on Wagtail's admin template mixin so it looks like the rest of the admin; it
parses input, calls services and renders. Publishing a pathway page is the editor's permission,
but adoption never publishes by itself: it goes to a second editor in the four-eyes workflow.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from guidelines.models import RevisionProposalPage

from .. import selectors, services
from ..forms.adoption import AdoptionForm
from ..models import AdoptionRequest, HearingPage


class HearingAdoptionView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "hearings/admin/adoption.html"
    header_icon = "tick"

    def dispatch(self, request, *args, **kwargs):
        self.hearing = get_object_or_404(HearingPage, pk=kwargs["hearing_id"]).specific
        if not self.hearing.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Vedtak etter høring: %(title)s") % {"title": self.hearing.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, bound_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = selectors.hearing_proposals(hearing=self.hearing)
        requests = {}
        for request in AdoptionRequest.objects.filter(hearing=self.hearing).select_related(
            "workflow_state", "requested_by"
        ):
            if request.is_open:
                requests.setdefault(request.proposal_id, request)
        for proposal in proposals:
            proposal.pending_adoption = requests.get(proposal.pk)
            if bound_form is not None and bound_form.proposal.pk == proposal.pk:
                proposal.adoption_form = bound_form
            else:
                proposal.adoption_form = AdoptionForm(proposal=proposal)
        context["hearing"] = self.hearing
        context["status"] = selectors.hearing_status(hearing=self.hearing)
        context["proposals"] = proposals
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "conclude":
            try:
                services.hearing_conclude(hearing=self.hearing)
                messages.success(request, _("Høringen er markert som avsluttet."))
            except services.AdoptionRefused as refusal:
                messages.error(request, str(refusal))
            return redirect("hearings_adoption", hearing_id=self.hearing.pk)
        proposal = get_object_or_404(
            RevisionProposalPage, pk=_int_or_none(request.POST.get("proposal"))
        )
        form = AdoptionForm(request.POST, proposal=proposal)
        if form.is_valid():
            try:
                services.hearing_request_adoption(
                    hearing=self.hearing,
                    proposal=proposal,
                    user=request.user,
                    change_note=form.cleaned_data["change_note"],
                )
            except services.AdoptionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _(
                        "Vedtaket er sendt til godkjenning. Den nye versjonen publiseres når en "
                        "annen redaktør har godkjent den."
                    ),
                )
                return redirect("hearings_adoption", hearing_id=self.hearing.pk)
        return self.render_to_response(self.get_context_data(bound_form=form), status=400)


def _int_or_none(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None
