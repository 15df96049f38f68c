"""Sub-pages of a pathway page (its ``subpage_urlconf``): versions, comparison, subscription.

Each view is called as ``view(pathway, request, ...)`` (see :mod:`cms.routing`).
"""

from django.urls import path

import cms.converters  # noqa: F401 - registers the <id:...> URL converter

from .views import public


def history(pathway, request):
    return public.pathway_history(request, pathway)


def version(pathway, request, number):
    return public.pathway_version(request, pathway, number)


def compare(pathway, request):
    return public.pathway_compare(request, pathway)


def subscribe(pathway, request):
    return public.subscription_request(request, pathway=pathway)


urlpatterns = [
    path("versjoner/", history, name="history"),
    path("versjoner/<id:number>/", version, name="version"),
    path("versjoner/sammenlign/", compare, name="compare"),
    path("abonner/", subscribe, name="subscribe"),
]
