from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "sitesearch"
    verbose_name = _("Søk")

    def ready(self):
        # framework: Django connects receivers in AppConfig.ready(), after the app registry is loaded.
        from . import signals  # noqa: F401
