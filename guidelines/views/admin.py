"""Admin actions for pathways that Wagtail does not have out of the box."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..models import PathwayPage, ProposalIndexPage


@require_POST
def proposal_start(request, pathway_id: int):
    """The one action that turns the text in force into a new draft proposal."""
    pathway = get_object_or_404(PathwayPage, pk=pathway_id)
    parent = ProposalIndexPage.objects.first()
    if parent is None:
        messages.error(request, _("Opprett en side for endringsforslag før du lager et forslag."))
        return redirect("wagtailadmin_pages:edit", pathway.pk)
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    proposal = services.proposal_create_from_pathway(
        pathway=pathway, parent=parent, user=request.user
    )
    messages.success(
        request, _("Forslaget er opprettet som utkast. Endre teksten og begrunn endringene.")
    )
    return redirect("wagtailadmin_pages:edit", proposal.pk)
