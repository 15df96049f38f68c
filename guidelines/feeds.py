"""Atom feeds of substantive changes: all pathways, and one pathway."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import PathwayPage
from .selectors import recent_changes


class AllChangesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Faglige endringer i pasientforløpene")

    def link(self):
        return "/forlop/"

    def subtitle(self):
        return _("Nye versjoner av de nasjonale pasientforløpene for psykisk helse og rus")

    def items(self):
        return recent_changes(limit=50)

    def item_title(self, item):
        return _("%(title)s – versjon %(number)s") % {
            "title": item.content.get("title", ""),
            "number": item.number,
        }

    def item_description(self, item):
        return item.change_note

    def item_link(self, item):
        return f"{item.pathway.url}versjoner/{item.number}/"

    def item_guid(self, item):
        return f"{settings.SITE_URL}/forlop/versjon/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


class PathwayChangesFeed(AllChangesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(PathwayPage.objects.live(), slug=slug)

    def title(self, obj):
        return _("Faglige endringer: %(title)s") % {"title": obj.title}

    def link(self, obj):
        return obj.url

    def items(self, obj):
        return recent_changes(pathway_id=obj.pk, limit=50)
