"""The site settings every public page shows (organisation name, footer), from the cache.

Why: Wagtail's ``settings`` context processor finds the site and then its settings with two
queries on every rendered page; on the deadline rush's receipt page they were a quarter of the
page's queries. The values change a few times a year, so they are kept in the cache per host,
and a save of the settings or of a site deletes every host's entry at once (the hosts seen are
remembered in one more cache entry), so an editor sees the change on the next page.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .models import SiteSettings

#: Entries live this long at most, even if a signal was missed (a change made in another way).
LIFETIME = 300
HOSTS_KEY = "cms:site-settings:hosts"
FIELDS = ("organisation_name", "contact_email", "footer_text")


def _key(host: str) -> str:
    return f"cms:site-settings:{host}"


def site_settings_for(request) -> dict:
    """The site settings' values for the request's host, from the cache or the database."""
    host = request.get_host()
    values = cache.get(_key(host))
    if values is None:
        found = SiteSettings.for_request(request)
        values = {name: getattr(found, name) for name in FIELDS}
        cache.set(_key(host), values, LIFETIME)
        hosts = set(cache.get(HOSTS_KEY) or ())
        if host not in hosts:
            cache.set(HOSTS_KEY, sorted(hosts | {host}), None)
    return values


def site_settings(request) -> dict:
    """Context processor: ``site_settings.footer_text`` etc., read only when a page uses them."""
    return {"site_settings": SimpleLazyObject(lambda: site_settings_for(request))}


def forget_site_settings(**kwargs) -> None:
    """``post_save``/``post_delete`` receiver for the settings and for sites."""
    hosts = cache.get(HOSTS_KEY) or ()
    cache.delete_many([_key(host) for host in hosts])


def connect_signals() -> None:
    for model in (SiteSettings, Site):
        post_save.connect(forget_site_settings, sender=model, dispatch_uid=f"site-settings-{model}")
        post_delete.connect(
            forget_site_settings, sender=model, dispatch_uid=f"site-settings-del-{model}"
        )
