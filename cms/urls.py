from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from guidelines.feeds import AllChangesFeed, PathwayChangesFeed
from guidelines.views import public as guideline_views

from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("i18n/", include("django.conf.urls.i18n")),
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

urlpatterns += [path("", include(wagtail_urls))]
