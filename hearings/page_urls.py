"""Sub-pages of a hearing page (its ``subpage_urlconf``): the response form, link and receipt.

Each view is called as ``view(hearing, request, ...)`` (see :mod:`cms.routing`).
"""

from django.urls import path

from .views import blank_form, responses


def respond(hearing, request):
    if request.method == "GET":  # a new, empty form: usually a copy (see views/blank_form.py)
        return blank_form.blank_form(request, hearing, render=responses.response_form)
    return responses.response_form(request, hearing)


def link_request(hearing, request):
    return responses.link_request(request, hearing)


def receipt(hearing, request, token):
    return responses.response_receipt(request, hearing, token)


def edit(hearing, request, token):
    return responses.response_form(request, hearing, token=token)


urlpatterns = [
    path("svar/", respond, name="respond"),
    path("svar/lenke/", link_request, name="link_request"),
    path("svar/kvittering/<str:token>/", receipt, name="receipt"),
    path("svar/<str:token>/", edit, name="edit"),
]
