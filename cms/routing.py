"""Sub-page routes of a Wagtail page, read from a URLconf module named by a string.

Why: Wagtail's ``RoutablePageMixin`` collects routes from decorated methods of the page model, so
the model has to import its views, while the views import the models they serve: an import cycle
between the model layer and the view layer. Django's own answer to the same problem is
``ROOT_URLCONF``: URL patterns live in a URLconf module that imports the views, and the framework
loads it by name. :class:`UrlconfRoutablePageMixin` does the same for a page's sub-pages. Route
names, ``reverse_subpage`` and ``{% routablepageurl %}`` work as before.

A route's view is called as ``view(page, request, *args, **kwargs)``, like a routable method.
"""

from __future__ import annotations

from importlib import import_module

from wagtail.contrib.routable_page.models import RoutablePageMixin


class UrlconfRoutablePageMixin(RoutablePageMixin):
    #: Dotted path of the module whose ``urlpatterns`` are this page type's sub-page routes.
    subpage_urlconf: str = ""

    @classmethod
    def get_subpage_urls(cls):
        # The mixin's own routes (its index route, which previews resolve) come last.
        inherited = super().get_subpage_urls()
        if not cls.subpage_urlconf:
            return inherited
        return tuple(import_module(cls.subpage_urlconf).urlpatterns) + inherited
