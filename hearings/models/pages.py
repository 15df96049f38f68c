from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.routing import UrlconfRoutablePageMixin
from cms.view_restrictions import ViewRestrictionsFromCache

from .. import selectors
from ..deadlines import closing_time
from ..forms.hearing_page import LOCKED_MESSAGE, HearingPageForm


class StakeholderGroup(models.Model):
    """Who a hearing is sent to (høringsinstanser), seeded from the project's stakeholder list."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    sort_order = models.PositiveIntegerField(_("rekkefølge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("høringsinstansgruppe")
        verbose_name_plural = _("høringsinstansgrupper")

    def __str__(self) -> str:
        return self.name


class HearingIndexPage(ViewRestrictionsFromCache, Page):
    introduction = RichTextField(_("innledning"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["hearings.HearingPage"]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("oversikt over høringer")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hearings = HearingPage.objects.child_of(self).live().specific().order_by("-deadline")
        context["entries"] = selectors.hearing_index_entries(hearings=hearings)
        return context


class HearingPage(ViewRestrictionsFromCache, UrlconfRoutablePageMixin, Page):
    """A public consultation (høring) on one or more revision proposals.

    The response form, receipt and link pages are sub-pages routed by ``hearings.page_urls``.
    """

    subpage_urlconf = "hearings.page_urls"

    reference_number = models.CharField(
        _("saksnummer"),
        max_length=20,
        validators=[RegexValidator(r"^\d{2}/\d{1,7}$", _("Skriv saksnummeret som 23/12345."))],
        help_text=_("For eksempel 23/12345."),
    )
    hearing_letter = RichTextField(
        _("høringsbrev"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    recipients = ParentalManyToManyField(
        StakeholderGroup, blank=True, related_name="hearings", verbose_name=_("høringsinstanser")
    )
    other_recipients = models.TextField(_("andre mottakere"), blank=True)
    opens_at = models.DateTimeField(_("åpner"), help_text=_("Norsk tid."))
    deadline = models.DateField(
        _("høringsfrist"),
        help_text=_("Svar kan sendes til og med kl. 23.59 denne dagen (norsk tid)."),
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=200)
    contact_email = models.EmailField(_("e-post til kontaktperson"))
    contact_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    under_consideration_at = models.DateTimeField(_("til behandling fra"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("reference_number"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("deadline")], heading=_("Tidsrom")),
        FieldPanel("hearing_letter"),
        InlinePanel(
            "proposal_links", heading=_("Forslag på høring"), label=_("forslag"), min_num=1
        ),
        MultiFieldPanel(
            [
                FieldPanel("recipients", widget=forms.CheckboxSelectMultiple),
                FieldPanel("other_recipients"),
            ],
            heading=_("Mottakere"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Kontakt"),
        ),
        InlinePanel(
            "questions",
            heading=_("Høringsspørsmål"),
            label=_("spørsmål"),
            help_text=_("Kan endres til høringen har fått sitt første svar."),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hearing_letter"),
        index.SearchField("reference_number"),
    ]
    parent_page_types = ["hearings.HearingIndexPage"]
    subpage_types: list[str] = []
    base_form_class = HearingPageForm

    class Meta:
        verbose_name = _("høring")
        verbose_name_plural = _("høringer")

    def with_content_json(self, content):
        """Keep the workflow timestamps (set by services, not editors) when a revision is published."""
        obj = super().with_content_json(content)
        obj.under_consideration_at = self.under_consideration_at
        obj.concluded_at = self.concluded_at
        return obj

    @property
    def closes_at(self):
        return closing_time(self.deadline) if self.deadline else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.hearing_page_context(hearing=self))
        return context


class HearingProposal(Orderable):
    hearing = ParentalKey(HearingPage, on_delete=models.CASCADE, related_name="proposal_links")
    proposal = models.ForeignKey(
        "guidelines.RevisionProposalPage",
        on_delete=models.PROTECT,
        related_name="hearing_links",
        verbose_name=_("forslag"),
    )

    panels = [PageChooserPanel("proposal", "guidelines.RevisionProposalPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("forslag på høring")
        constraints = [
            models.UniqueConstraint(fields=["hearing", "proposal"], name="unique_hearing_proposal")
        ]


class HearingQuestion(Orderable):
    """One question put to the respondents; frozen once the hearing has a response."""

    hearing = ParentalKey(HearingPage, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("kode"), max_length=10, help_text=_("Kort kode, for eksempel Q1."))
    text = models.CharField(_("spørsmål"), max_length=500)
    help_text = models.TextField(_("veiledning"), blank=True, max_length=2000)

    panels = [FieldPanel("code"), FieldPanel("text"), FieldPanel("help_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("høringsspørsmål")
        verbose_name_plural = _("høringsspørsmål")

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def clean(self):
        super().clean()
        if not self.pk or not self.hearing_id:
            return
        stored = type(self).objects.filter(pk=self.pk).values("code", "text", "help_text").first()
        current = {"code": self.code, "text": self.text, "help_text": self.help_text}
        if (
            stored
            and stored != current
            and selectors.hearing_questions_locked(hearing_id=self.hearing_id)
        ):
            raise ValidationError(LOCKED_MESSAGE)
