from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from guidelines.feeds import AllChangesFeed, PathwayChangesFeed
from guidelines.views import public as guideline_views

from . import page_routes
from .api import api_router
from .openapi import openapi_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/openapi.json", openapi_view, name="api_openapi"),
    path("api/v2/", api_router.urls),
    # The language switch only sets a language cookie; exempting it from CSRF keeps the token
    # (and its cookie) out of every page, so anonymous pages can be served from the page cache.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sok/", include("search.urls")),
    path("forlop/endringer.atom", AllChangesFeed(), name="all_changes_feed"),
    path("forlop/<slug:slug>/endringer.atom", PathwayChangesFeed(), name="pathway_changes_feed"),
    path("forlop/abonner/", guideline_views.pathway_subscribe_all, name="subscribe_all"),
    path(
        "forlop/abonnement/bekreft/<str:token>/",
        guideline_views.subscription_confirm,
        name="subscription_confirm",
    ),
    path(
        "forlop/abonnement/avslutt/<str:token>/",
        guideline_views.subscription_unsubscribe,
        name="subscription_unsubscribe",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages are served by Wagtail, with the route through the page tree remembered (page_routes.py);
# Wagtail's own URLs (``_util/`` views, the ``wagtail_serve`` name) stay as they are.
urlpatterns += [
    re_path(r"^(?!_util/)" + serve_pattern[1:], page_routes.serve),
    path("", include(wagtail_urls)),
]
