"""Public views for answering a hearing. They parse, call services and render."""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms.ratelimit import rate_limit_exceeded, retry_after

from .. import services
from ..forms.response import LinkRequestForm, ResponseForm
from ..receipt_cache import cached_receipt
from ..selectors import hearing_status
from ..services.responses import response_attachment_hold, response_attachment_release
from ..tokens import (
    EDIT_SALT,
    RECEIPT_SALT,
    InvalidLink,
    make_token,
    read_token,
    read_token_payload,
)

logger = logging.getLogger(__name__)


def _render(request, hearing, template, context=None, status=200):
    context = context or {}
    base = {"page": hearing, "hearing": hearing}
    if "status" not in context:  # the form view has it already; it costs a query
        base["status"] = hearing_status(hearing=hearing)
    return TemplateResponse(request, template, {**base, **context}, status=status)


@never_cache
def response_form(request, hearing, token: str | None = None):
    response = None
    if token is not None:
        try:
            response = read_token(token=token, salt=EDIT_SALT, hearing_id=hearing.pk)
        except InvalidLink:
            return _render(request, hearing, "hearings/link_invalid.html", status=400)
    status = hearing_status(hearing=hearing)
    if not status.accepts_responses:
        return _render(
            request,
            hearing,
            "hearings/response_closed.html",
            {"response": response},
            status=200 if request.method == "GET" else 403,
        )
    if request.method != "POST":
        form = ResponseForm(hearing=hearing, response=response)
        return _form_page(request, hearing, form, response, extra={"status": status})
    if request.POST.get("website"):
        return _honeypot_page(request, hearing)
    submitting = request.POST.get("action") != "draft"
    if rate_limit_exceeded(request=request, purpose="response_post"):
        # The upload is neither checked nor kept: a refused post must cost no disk and no work.
        form = ResponseForm(request.POST, hearing=hearing, response=response, submitting=submitting)
        form.is_valid()
        message = _(
            "Det er sendt inn mange skjema fra din maskin den siste timen. "
            "Vent litt og prøv igjen. Teksten din er ikke lagret, men står fortsatt i skjemaet."
        )
        if request.FILES:
            message += " " + _("Vedlegget er ikke tatt imot; velg det på nytt når du sender.")
        form.add_error(None, message)
        reply = _form_page(request, hearing, form, response, status=429, hold=False)
        reply["Retry-After"] = str(retry_after("response_post"))
        return reply
    form = ResponseForm(
        request.POST, request.FILES, hearing=hearing, response=response, submitting=submitting
    )
    if not form.is_valid():
        return _form_page(request, hearing, form, response, status=400)
    return _save(request, hearing, form, response, submitting)


def _honeypot_page(request, hearing):
    """Bots that fill the hidden field get a neutral page and nothing is stored; telling them
    which field gave them away would only teach them to leave it empty."""
    logger.info("Dropped a response to hearing %s: the honeypot field was filled", hearing.pk)
    return _render(request, hearing, "hearings/response_received.html")


def _save(request, hearing, form, response, submitting):
    # If the database goes away after the save committed, the error page must still tell this
    # browser that it sent this form, so that its retry gets the receipt and not a refusal.
    request.error_response_hooks = [lambda reply: _remember(request, reply)]
    try:
        result = services.response_save(
            hearing=hearing,
            data=form.to_input(),
            form_token=form.cleaned_data["form_token"],
            submit=submitting,
            response=response,
            expected_version=form.cleaned_data.get("version"),
            client=_client_hash(request),
        )
    except services.HearingClosed:
        return _render(
            request, hearing, "hearings/response_closed.html", {"response": response}, status=403
        )
    except services.SaveConflict as conflict:
        return _conflict_page(request, hearing, form, conflict.current)
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, hearing, form, response, status=400)
    if (
        result.duplicate
        and response is None
        and result.response.creation_client
        and result.response.creation_client != _client_hash(request)
    ):
        # A replayed form token from another browser must not hand over the response it made.
        return _replay_refused(request, hearing, form)
    if form.held is not None:
        response_attachment_release(path=form.held[2])
    saved = result.response
    if saved.status == "submitted" and submitting:
        return _remember(
            request,
            redirect(
                f"{hearing.url}svar/kvittering/{make_token(response=saved, salt=RECEIPT_SALT)}/"
            ),
        )
    messages.success(
        request,
        _(
            "Utkastet er lagret. Vi har sendt en lenke til %(email)s, så du eller kollegaer kan fortsette senere."
        )
        % {"email": saved.contact_email}
        if result.created
        else _("Utkastet er lagret."),
    )
    return _remember(
        request, redirect(f"{hearing.url}svar/{make_token(response=saved, salt=EDIT_SALT)}/")
    )


#: A random id per browser, in a signed cookie: the response form records its hash with each new
#: response, so a repeated send of the same form (double click, retry after an error page) from
#: this browser gets its receipt again, and the same form token from anywhere else gets nothing.
CLIENT_COOKIE = "svar_klient"
CLIENT_SALT = "hearings.response-client"
CLIENT_MAX_AGE = 30 * 24 * 3600


def _client_id(request) -> str:
    if not hasattr(request, "_response_client"):
        value = request.get_signed_cookie(
            CLIENT_COOKIE, default="", salt=CLIENT_SALT, max_age=CLIENT_MAX_AGE
        )
        request._response_client = value or secrets.token_urlsafe(24)
    return request._response_client


def _client_hash(request) -> str:
    return hashlib.sha256(_client_id(request).encode()).hexdigest()


def _remember(request, reply):
    reply.set_signed_cookie(
        CLIENT_COOKIE,
        _client_id(request),
        salt=CLIENT_SALT,
        max_age=CLIENT_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return reply


def _replay_refused(request, hearing, form):
    logger.warning("Refused a replayed form token for hearing %s", hearing.pk)
    fresh = ResponseForm({**request.POST.dict(), "form_token": str(uuid.uuid4())}, hearing=hearing)
    fresh.is_valid()
    fresh.add_error(
        None,
        _(
            "Dette skjemaet er allerede sendt inn. Teksten din står fortsatt i skjemaet: "
            "send det på nytt hvis du vil sende et nytt svar."
        ),
    )
    return _form_page(request, hearing, fresh, None, status=409)


def _conflict_page(request, hearing, form, current):
    """Keep the second saver's text, tell them, and let a deliberate new save win."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    token = _hold_upload(form)
    if token:
        data["held_attachment"] = token
    conflict_form = ResponseForm(
        data, hearing=hearing, response=current, submitting=form.submitting
    )
    conflict_form.is_valid()
    conflict_form.add_error(
        None,
        _(
            "Noen andre lagret dette svaret etter at du åpnet det. Ingenting av det du skrev er lagret ennå, "
            "og teksten din står fortsatt i skjemaet. Åpne lenken i en ny fane for å se den lagrede "
            "versjonen. Lagrer du igjen, erstatter teksten din den andre versjonen."
        ),
    )
    edit_link = f"{hearing.url}svar/{make_token(response=current, salt=EDIT_SALT)}/"
    return _form_page(
        request, hearing, conflict_form, current, status=409, extra={"conflict_link": edit_link}
    )


def _hold_upload(form) -> str:
    """Keep a new, valid upload server-side so a re-shown form does not lose it."""
    upload = getattr(form, "cleaned_data", {}).get("attachment")
    info = getattr(form, "attachment_info", None)
    if not isinstance(upload, UploadedFile) or info is None:
        return ""
    token = response_attachment_hold(
        hearing_id=form.hearing.pk,
        form_token=form.cleaned_data.get("form_token"),
        upload=upload,
        info=info,
    )
    form.held = (upload, info, "")
    return token


def _form_page(request, hearing, form, response, status=200, extra=None, hold=True):
    if form.is_bound and hold:
        token = _hold_upload(form)
        if token:
            form.data = form.data.copy()
            form.data["held_attachment"] = token
    context = {"form": form, "response": response, **(extra or {})}
    return _render(request, hearing, "hearings/response_form.html", context, status=status)


@never_cache
def response_receipt(request, hearing, token: str):
    try:
        link = read_token_payload(token=token, salt=RECEIPT_SALT, hearing_id=hearing.pk)
        shown = cached_receipt(response_id=link.get("r"), link_key=link.get("k"))
        if shown is None:
            response = read_token(token=token, salt=RECEIPT_SALT, hearing_id=hearing.pk)
            shown = {
                "response": response,
                "answers": response.answers.select_related("question"),
                "comments": response.pathway_comments.select_related("pathway"),
            }
    except InvalidLink:
        return _render(request, hearing, "hearings/link_invalid.html", status=400)
    response = shown["response"]
    context = {
        "response": response,
        "answers": shown["answers"],
        "comments": shown["comments"],
        "edit_link": f"{hearing.url}svar/{make_token(response=response, salt=EDIT_SALT)}/",
    }
    return _render(request, hearing, "hearings/response_receipt.html", context)


@never_cache
def link_request(request, hearing):
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST":
        if rate_limit_exceeded(request=request, purpose="link_request"):
            form.is_valid()
            form.add_error(
                None, _("Du har bedt om mange lenker den siste timen. Vent litt og prøv igjen.")
            )
            reply = _render(
                request, hearing, "hearings/link_request.html", {"form": form}, status=429
            )
            reply["Retry-After"] = str(retry_after("link_request"))
            return reply
        if request.POST.get("website"):
            return _render(
                request,
                hearing,
                "hearings/link_sent.html",
                {"email": request.POST.get("email", "")},
            )
        if form.is_valid():
            services.response_link_request(hearing=hearing, email=form.cleaned_data["email"])
            return _render(
                request, hearing, "hearings/link_sent.html", {"email": form.cleaned_data["email"]}
            )
        return _render(request, hearing, "hearings/link_request.html", {"form": form}, status=400)
    return _render(request, hearing, "hearings/link_request.html", {"form": form})
