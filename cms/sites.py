"""The Wagtail site record follows the configured public address (``settings.SITE_URL``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings


def default_site_sync(*, site_url: str | None = None):
    """Point the default site's hostname and port at ``SITE_URL``.

    Wagtail builds absolute page links (workflow e-mails, the API's ``html_url``, ``full_url``)
    from the site record, not from settings; a record left at ``localhost`` sent editors links
    to http://localhost/. Requests for other hosts still reach the default site, so routing is
    unchanged.
    """
    parts = urlsplit(site_url or settings.SITE_URL)
    if not parts.hostname:
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    # Looked up by name: this module is imported by the app config, before models are loaded.
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (parts.hostname, port):
        return site
    site.hostname, site.port = parts.hostname, port
    site.save(update_fields=["hostname", "port"])
    Site.clear_site_root_paths_cache()
    return site


def sync_default_site_after_migrate(sender, **kwargs) -> None:
    """``post_migrate`` receiver: every deployment migrates, so the record follows the setting."""
    default_site_sync()
