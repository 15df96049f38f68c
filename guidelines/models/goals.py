from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Goal(index.Indexed, models.Model):
    """One of the five goals of the pathways (G1–G5).

    The vocabulary is maintained by editors and used by the analysis to find the goal in
    consultation responses; terms are matched on lemmas, one term or phrase per line.
    """

    code = models.CharField(_("kode"), max_length=4, unique=True)
    title = models.CharField(_("tittel"), max_length=200)
    short_title = models.CharField(_("kort tittel"), max_length=80)
    description = models.TextField(_("beskrivelse"), blank=True)
    vocabulary = models.TextField(
        _("ordliste"),
        blank=True,
        help_text=_(
            "Ord og uttrykk som peker på målet, ett per linje. Bøyde former og sammensetninger finnes automatisk."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("short_title"),
        FieldPanel("description"),
        FieldPanel("vocabulary"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def terms(self) -> list[str]:
        return [line.strip() for line in self.vocabulary.splitlines() if line.strip()]
