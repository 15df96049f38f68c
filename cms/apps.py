from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .sites import sync_default_site_after_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Nettsted")

    def ready(self):
        post_migrate.connect(sync_default_site_after_migrate, sender=self)
        # framework: the module imports models, which are loaded only now.
        from .page_routes import connect_signals as connect_page_route_signals
        from .site_settings import connect_signals
        from .view_restrictions import connect_signals as connect_view_restriction_signals

        connect_signals()
        connect_view_restriction_signals()
        connect_page_route_signals()
