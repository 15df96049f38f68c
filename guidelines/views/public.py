"""Public views behind the pathway page's routes and the subscription links."""

from django import forms
from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from cms.forms import AccessibleFormMixin
from cms.ratelimit import rate_limit_exceeded, retry_after

from .. import selectors, services


class SubscriptionForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-postadresse"),
        max_length=254,
        error_messages={
            "required": _("Skriv inn e-postadressen din."),
            "invalid": _("Skriv inn en gyldig e-postadresse, for eksempel navn@eksempel.no."),
        },
    )
    website = forms.CharField(required=False, label=_("La dette feltet stå tomt"))


def _page_context(request, pathway, **extra):
    context = {"page": pathway, "self": pathway, "request": request}
    context.update(extra)
    return context


def pathway_history(request, pathway):
    versions = selectors.pathway_versions(pathway=pathway)
    return TemplateResponse(
        request,
        "guidelines/pathway_history.html",
        _page_context(
            request,
            pathway,
            versions=versions,
            changes=selectors.pathway_changes(pathway=pathway),
            summary=selectors.pathway_version_summary(pathway=pathway),
            subscription_form=SubscriptionForm(),
        ),
    )


def pathway_version(request, pathway, number):
    version = selectors.pathway_version_get(pathway=pathway, number=number)
    if version is None:
        raise Http404
    summary = selectors.pathway_version_summary(pathway=pathway)
    return TemplateResponse(
        request,
        "guidelines/pathway_version.html",
        _page_context(
            request,
            pathway,
            version=version,
            version_page=type(pathway).from_snapshot(version.content),
            is_current=version.number == summary["number"],
            summary=summary,
        ),
    )


def _version_number(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def pathway_compare(request, pathway):
    summary = selectors.pathway_version_summary(pathway=pathway)
    if not summary["number"]:
        raise Http404
    new_number = _version_number(request.GET.get("til"), summary["number"])
    old_number = _version_number(request.GET.get("fra"), max(new_number - 1, 1))
    if old_number > new_number:
        old_number, new_number = new_number, old_number
    old = selectors.pathway_version_get(pathway=pathway, number=old_number)
    new = selectors.pathway_version_get(pathway=pathway, number=new_number)
    if old is None or new is None:
        raise Http404
    return TemplateResponse(
        request,
        "guidelines/pathway_compare.html",
        _page_context(
            request,
            pathway,
            old=old,
            new=new,
            comparison=selectors.version_comparison(old=old, new=new),
            versions=selectors.pathway_versions(pathway=pathway),
            summary=summary,
        ),
    )


@require_http_methods(["GET", "POST"])
def subscription_request(request, pathway=None):
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and rate_limit_exceeded(request=request, purpose="subscription"):
        # Each request mails a confirmation link: without a limit, anyone could flood an inbox.
        form.is_valid()
        form.add_error(
            None,
            _("Det er bedt om mange abonnement herfra den siste timen. Vent litt og prøv igjen."),
        )
        reply = render(
            request,
            "guidelines/subscription_form.html",
            {"form": form, "pathway": pathway},
            status=429,
        )
        reply["Retry-After"] = str(retry_after("subscription"))
        return reply
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["website"]:
            services.subscription_request(
                email=form.cleaned_data["email"], pathway=pathway, base_url=settings.SITE_URL
            )
        return render(request, "guidelines/subscription_sent.html", {"pathway": pathway})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "guidelines/subscription_form.html",
        {"form": form, "pathway": pathway},
        status=status,
    )


def subscription_confirm(request, token):
    try:
        subscription = services.subscription_confirm(token=token)
    except signing.SignatureExpired:
        return render(
            request, "guidelines/subscription_invalid.html", {"expired": True}, status=410
        )
    except (signing.BadSignature, LookupError, KeyError, TypeError):
        return render(
            request, "guidelines/subscription_invalid.html", {"expired": False}, status=400
        )
    except Exception as error:  # the subscription was deleted between sending and confirming
        if error.__class__.__name__ == "DoesNotExist":
            return render(
                request, "guidelines/subscription_invalid.html", {"expired": False}, status=400
            )
        raise
    return render(request, "guidelines/subscription_confirmed.html", {"subscription": subscription})


@require_http_methods(["GET", "POST"])
def subscription_unsubscribe(request, token):
    """GET shows a one-button page; POST (also RFC 8058 one-click from mail clients) unsubscribes."""
    try:
        signing.Signer(salt=services.UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, TypeError):
        return render(
            request, "guidelines/subscription_invalid.html", {"expired": False}, status=400
        )
    if request.method == "POST":
        services.subscription_unsubscribe(token=token)
        return render(request, "guidelines/subscription_removed.html")
    return render(request, "guidelines/subscription_unsubscribe.html", {"token": token})


def pathway_subscribe_all(request):
    return subscription_request(request, pathway=None)


def redirect_to_index(request):
    return redirect("/forlop/")
