from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.routing import UrlconfRoutablePageMixin
from cms.view_restrictions import ViewRestrictionsFromCache

from .. import selectors
from ..blocks import PathwayBodyBlock, ProposalBodyBlock
from ..forms import PathwayPageForm
from .versions import ChangeKind


class Language(models.TextChoices):
    BOKMAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")


class Area(models.TextChoices):
    MENTAL_HEALTH_ADULTS = "psykisk-helse-voksne", _("Psykisk helse, voksne")
    MENTAL_HEALTH_YOUTH = "psykisk-helse-barn-unge", _("Psykisk helse, barn og unge")
    SUBSTANCE_USE = "rus", _("Rus og avhengighet")
    CONDITION_SPECIFIC = "tilstandsspesifikk", _("Tilstandsspesifikke forløp")


class PathwayIndexPage(ViewRestrictionsFromCache, Page):
    introduction = RichTextField(_("innledning"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["guidelines.PathwayPage"]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("oversikt over pasientforløp")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pathways = PathwayPage.objects.child_of(self).live().specific().order_by("area", "title")
        context["entries"] = selectors.pathway_index_entries(pathways=pathways)
        return context


class PathwayPage(ViewRestrictionsFromCache, UrlconfRoutablePageMixin, Page):
    """A pathway text in force. Every substantive publish makes a numbered public version.

    Version history, comparison and subscription are sub-pages routed by ``guidelines.page_urls``.
    """

    subpage_urlconf = "guidelines.page_urls"

    short_name = models.CharField(_("kortnavn"), max_length=60, blank=True)
    target_group = models.TextField(_("målgruppe"))
    area = models.CharField(_("område"), max_length=40, choices=Area.choices)
    language = models.CharField(_("målform"), max_length=2, choices=Language.choices, default="nb")
    introduction = RichTextField(_("innledning"), features=["bold", "italic", "link", "ul"])
    body = StreamField(PathwayBodyBlock(), verbose_name=_("innhold"), use_json_field=True)
    goals = ParentalManyToManyField(
        "guidelines.Goal", blank=True, verbose_name=_("mål forløpet støtter")
    )
    change_kind = models.CharField(
        _("type endring"),
        max_length=20,
        choices=ChangeKind.choices,
        blank=True,
        help_text=_(
            "Faglig endring gir et nytt versjonsnummer og må godkjennes av en annen redaktør. "
            "Redaksjonell endring (språk, lenker, skrivefeil) beholder versjonsnummeret."
        ),
    )
    change_note = models.TextField(
        _("endringsnotat"),
        blank=True,
        help_text=_("Kort beskrivelse av hva som er endret, vises for leserne."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("short_name"),
        MultiFieldPanel(
            [FieldPanel("area"), FieldPanel("language"), FieldPanel("target_group")],
            heading=_("Om forløpet"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("goals", widget=forms.CheckboxSelectMultiple),
    ]
    change_panels = [FieldPanel("change_kind"), FieldPanel("change_note")]
    edit_handler = TabbedInterface(
        [
            ObjectList(change_panels + content_panels, heading=_("Innhold")),
            ObjectList(Page.promote_panels, heading=_("Promotering")),
            ObjectList(Page.settings_panels, heading=_("Innstillinger")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("short_name", boost=3),
        index.SearchField("target_group"),
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("area"),
        index.FilterField("language"),
    ]
    api_fields = [
        APIField("short_name"),
        APIField("area"),
        APIField("language"),
        APIField("target_group"),
        APIField("introduction"),
        APIField("body"),
        APIField("goal_codes"),
        APIField("version_summary"),
    ]
    parent_page_types = ["guidelines.PathwayIndexPage"]
    subpage_types: list[str] = []
    base_form_class = PathwayPageForm

    class Meta:
        verbose_name = _("pasientforløp")
        verbose_name_plural = _("pasientforløp")

    @property
    def goal_codes(self) -> list[str]:
        return [goal.code for goal in self.goals.all()]

    @property
    def version_summary(self) -> dict:
        return selectors.pathway_version_summary(pathway=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["versions"] = selectors.pathway_version_summary(pathway=self)
        context["proposals"] = selectors.pathway_open_proposals(pathway=self)
        return context

    @property
    def feed_url(self) -> str:
        return f"{self.url}endringer.atom"

    @classmethod
    def from_snapshot(cls, content: dict) -> PathwayPage:
        """An unsaved page built from a version's snapshot, rendered read-only with the same blocks."""
        return cls(
            title=content.get("title", ""),
            short_name=content.get("short_name", ""),
            target_group=content.get("target_group", ""),
            area=content.get("area", ""),
            language=content.get("language", "nb"),
            introduction=content.get("introduction", ""),
            body=content.get("body", []),
        )


class ProposalIndexPage(ViewRestrictionsFromCache, Page):
    introduction = RichTextField(_("innledning"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["guidelines.RevisionProposalPage"]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("oversikt over endringsforslag")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["proposals"] = (
            RevisionProposalPage.objects.child_of(self)
            .live()
            .select_related("pathway")
            .order_by("title")
        )
        return context


class RevisionProposalPage(ViewRestrictionsFromCache, Page):
    """A consultation draft of a revised pathway text, compared against the text in force.

    It starts as a copy of the pathway's current version (same block ids, so sections align) and
    each section can carry a rationale. ``base_version`` is the version the proposal was made from.
    """

    pathway = models.ForeignKey(
        "guidelines.PathwayPage",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("gjeldende forløp"),
    )
    base_version = models.ForeignKey(
        "guidelines.PathwayVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("utgangspunkt (versjon)"),
    )
    revision_name = models.CharField(_("revisjon"), max_length=120, default="Revisjon 2023–2024")
    summary = RichTextField(
        _("oppsummering av forslaget"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    target_group = models.TextField(_("målgruppe"))
    introduction = RichTextField(_("innledning"), features=["bold", "italic", "link", "ul"])
    body = StreamField(
        ProposalBodyBlock(), verbose_name=_("foreslått innhold"), use_json_field=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("pathway", read_only=True),
        FieldPanel("revision_name"),
        FieldPanel("summary"),
        FieldPanel("target_group"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("pathway_id"),
    ]
    api_fields = [
        APIField("pathway_id"),
        APIField("revision_name"),
        APIField("summary"),
        APIField("target_group"),
        APIField("introduction"),
        APIField("body"),
    ]
    parent_page_types = ["guidelines.ProposalIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("endringsforslag")
        verbose_name_plural = _("endringsforslag")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            selectors.proposal_page_context(
                proposal=self, view=request.GET.get("visning", "endringer")
            )
        )
        return context
