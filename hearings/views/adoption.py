"""Staff screen: the editor's decision after a hearing (adopt a proposal, conclude).

A class-based view on Wagtail's admin template mixin so it looks like the rest of the admin; it
parses input, calls services and renders. Publishing a pathway page is the editor's permission.
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
from ..models import HearingPage


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["hearing"] = self.hearing
        context["status"] = selectors.hearing_status(hearing=self.hearing)
        context["proposals"] = selectors.hearing_proposals(hearing=self.hearing)
        return context

    def post(self, request, *args, **kwargs):
        try:
            if request.POST.get("action") == "conclude":
                services.hearing_conclude(hearing=self.hearing)
                messages.success(request, _("Høringen er markert som avsluttet."))
            else:
                proposal = get_object_or_404(RevisionProposalPage, pk=request.POST.get("proposal"))
                adoption = services.hearing_adopt_proposal(
                    hearing=self.hearing, proposal=proposal, user=request.user
                )
                messages.success(
                    request,
                    _("Forslaget er vedtatt som versjon %(n)s av forløpet.")
                    % {"n": adoption.version.number},
                )
        except services.AdoptionRefused as refusal:
            messages.error(request, str(refusal))
        return redirect("hearings_adoption", hearing_id=self.hearing.pk)
