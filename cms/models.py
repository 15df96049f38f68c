from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from guidelines.selectors import home_highlights

from .view_restrictions import ViewRestrictionsFromCache


class HomePage(ViewRestrictionsFromCache, Page):
    introduction = RichTextField(_("innledning"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = [
        "guidelines.PathwayIndexPage",
        "guidelines.ProposalIndexPage",
        "hearings.HearingIndexPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("forside")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_highlights())
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("virksomhet"), max_length=200, default="Helsedirektoratet"
    )
    contact_email = models.EmailField(
        _("kontakt-e-post"), default="postmottak@pasientforlop.example"
    )
    footer_text = models.TextField(
        _("bunntekst"),
        blank=True,
        default="Nasjonale pasientforløp for psykisk helse og rus. Innholdet i denne demoen er skrevet for systemet.",
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("innstillinger for nettstedet")
