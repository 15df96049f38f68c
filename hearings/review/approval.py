"""Staff screens: publication approval of responses and personal-data requests.

Class-based views on Wagtail's admin template mixin (the list on its listing view, with a
FilterSet, pages and export) so they look like the rest of the admin. They parse input, call
services and render; the rules live in services. Access is the one
reviewer rule of :mod:`hearings.permissions`.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin

from hearings import selectors, services
from hearings.models import Redaction, RedactionReason, RespondentKind, Response, ReviewStatus
from hearings.permissions import user_can_review

from . import selectors as review_selectors
from .filters import ResponseReviewFilterSet
from .listing import ReviewListingMixin


class ReviewerRequiredMixin:
    """The one reviewer rule; Wagtail turns the refusal into its usual redirect with a message."""

    def dispatch(self, request, *args, **kwargs):
        if not user_can_review(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffView(ReviewerRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    pass


class ReviewListView(ReviewerRequiredMixin, ReviewListingMixin, BaseListingView):
    """Submitted responses to approve, every one reachable page by page and exportable."""

    template_name = "hearings/admin/review_list.html"
    page_title = gettext_lazy("Høringssvar til godkjenning")
    header_icon = "form"
    context_object_name = "responses"
    paginate_by = 50
    filterset_class = ResponseReviewFilterSet
    export_filename = "horingssvar"
    list_export = ["reference", "sender", "category", "publication", "status", "submitted"]
    export_headings = {
        "reference": gettext_lazy("Referanse"),
        "sender": gettext_lazy("Avsender"),
        "category": gettext_lazy("Kategori"),
        "publication": gettext_lazy("Publisering"),
        "status": gettext_lazy("Godkjenning"),
        "submitted": gettext_lazy("Sendt inn"),
    }

    def get_base_queryset(self):
        # pk breaks ties in submission time, so pages neither repeat nor skip a response
        return selectors.responses_for_review().order_by("review_status", "submitted_at", "pk")

    def get_filterset_kwargs(self):
        data = self.request.GET.copy()
        data.setdefault("status", ReviewStatus.PENDING)  # an empty status means every status
        return {**super().get_filterset_kwargs(), "data": data}

    def to_row_dict(self, item):
        private = item.respondent_kind == RespondentKind.PRIVATE
        return {
            # Names of private persons stay out of files, as in the other response exports.
            "reference": item.reference,
            "sender": _("Privatperson") if private else item.display_name,
            "category": item.get_category_display(),
            "publication": item.get_publication_choice_display(),
            "status": item.get_review_status_display(),
            "submitted": (
                localtime(item.submitted_at).strftime("%Y-%m-%d %H:%M") if item.submitted_at else ""
            ),
        }


class PassageForm(forms.Form):
    source = forms.CharField()
    passage = forms.CharField(
        label=gettext_lazy("Tekst som skal holdes tilbake"), widget=forms.Textarea
    )
    reason = forms.ChoiceField(label=gettext_lazy("Grunn"), choices=RedactionReason.choices)
    note = forms.CharField(label=gettext_lazy("Merknad"), required=False, max_length=500)


class ReviewDetailView(StaffView):
    template_name = "hearings/admin/review_detail.html"
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        self.response = get_object_or_404(
            Response.objects.select_related("hearing"), pk=kwargs["response_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Høringssvar %(ref)s") % {"ref": self.response.reference}

    def get_breadcrumbs_items(self):
        listing = reverse("hearings_review_list") + f"?hearing={self.response.hearing_id}"
        return self.breadcrumbs_items + [
            {"url": listing, "label": ReviewListView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["response"] = self.response
        context["answers"] = self.response.answers.select_related("question").order_by(
            "question__sort_order"
        )
        context["comments"] = self.response.pathway_comments.select_related("pathway")
        context["redactions"] = review_selectors.response_redaction_rows(response=self.response)
        context["public"] = selectors.response_public_view(response=self.response)
        context["reasons"] = RedactionReason.choices
        context["open_flags"] = review_selectors.response_open_flag_count(response=self.response)
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "approve":
            return self._approve(request)
        try:
            if action == "withhold":
                services.response_withhold(
                    response=self.response, user=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("Svaret holdes tilbake."))
            elif action == "redact":
                self._redact(request)
                messages.success(request, _("Tekstutdraget holdes tilbake."))
            elif action == "unredact":
                redaction = get_object_or_404(
                    Redaction, pk=request.POST.get("redaction"), response=self.response
                )
                services.redaction_remove(redaction=redaction)
                messages.success(request, _("Tekstutdraget publiseres igjen."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("hearings_review_detail", response_id=self.response.pk)

    def _approve(self, request):
        try:
            services.response_approve(response=self.response, user=request.user)
        except ValidationError as error:
            # Shown next to the approve button, not as a banner far from it.
            context = self.get_context_data(approve_errors=error.messages)
            return self.render_to_response(context, status=400)
        messages.success(request, _("Svaret er godkjent for publisering."))
        return redirect("hearings_review_detail", response_id=self.response.pk)

    def _redact(self, request):
        form = PassageForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Fyll ut tekst og grunn."))
        source, _sep, source_id = form.cleaned_data["source"].partition(":")
        near = request.POST.get("near", "")
        services.response_withhold_passage(
            response=self.response,
            source=source,
            source_id=int(source_id) if source_id.isdigit() else None,
            passage=form.cleaned_data["passage"],
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            user=request.user,
            near=int(near) if near.isdigit() else None,
        )


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-postadressen til den registrerte"))
    note = forms.CharField(
        label=gettext_lazy("Saksnummer eller merknad"), required=False, max_length=500
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Jeg bekrefter at personopplysningene skal slettes"), required=False
    )


class PersonalDataView(StaffView):
    """Access requests and erasure on request, each one logged."""

    template_name = "hearings/admin/personal_data.html"
    page_title = gettext_lazy("Innsyn og sletting")
    header_icon = "user"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", PersonalDataForm())
        return context

    def post(self, request, *args, **kwargs):
        form = PersonalDataForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        email = form.cleaned_data["email"]
        action = request.POST.get("action")
        if action == "erase":
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Kryss av for å bekrefte slettingen."))
                return self.render_to_response(self.get_context_data(form=form))
            count = services.respondent_erase(
                email=email, user=request.user, note=form.cleaned_data["note"]
            )
            messages.success(
                request, _("Personopplysningene er slettet fra %(n)s svar.") % {"n": count}
            )
            return redirect("hearings_personal_data")
        data = services.respondent_export(email=email, user=request.user)
        if action == "download":
            body = json.dumps(data, ensure_ascii=False, indent=2)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="innsyn.json"'
            return response
        return self.render_to_response(
            self.get_context_data(
                form=form, export=data, export_json=json.dumps(data, ensure_ascii=False, indent=2)
            )
        )
