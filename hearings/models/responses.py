import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage():
    return storages["private"]


def attachment_path(instance, filename: str) -> str:
    return f"hearings/{instance.hearing_id}/{secrets.token_hex(16)}"


def new_link_key() -> str:
    return secrets.token_urlsafe(16)


class RespondentKind(models.TextChoices):
    ORGANISATION = "organisasjon", _("En virksomhet eller organisasjon")
    PRIVATE = "privatperson", _("Meg selv som privatperson")


class Category(models.TextChoices):
    USER_ORGANISATION = "bruker", _("Bruker- og pårørendeorganisasjon")
    MUNICIPALITY = "kommune", _("Kommune")
    HEALTH_TRUST = "helseforetak", _("Helseforetak eller regionalt helseforetak")
    PROFESSIONAL = "profesjon", _("Profesjons- eller fagforening")
    KNOWLEDGE_CENTRE = "kompetanse", _("Kunnskaps- eller kompetansemiljø")
    STATE_AGENCY = "statlig", _("Statlig etat")
    COUNTY_GOVERNOR = "statsforvalter", _("Statsforvalter")
    VOLUNTARY = "frivillig", _("Frivillig organisasjon")
    PRIVATE_PROVIDER = "privat_tjeneste", _("Privat tjenesteyter")
    PRIVATE_PERSON = "privatperson", _("Privatperson")
    OTHER = "annet", _("Annet")


class Stance(models.TextChoices):
    YES = "ja", _("Ja")
    PARTLY = "delvis", _("Delvis")
    NO = "nei", _("Nei")
    UNSURE = "vet_ikke", _("Vet ikke")


class PublicationChoice(models.TextChoices):
    FULL = "full", _("Publiser svaret i sin helhet")
    WITHOUT_NAMES = "uten_navn", _("Publiser svaret uten personnavn")
    NONE = "ikke", _("Ikke publiser svaret")


class ResponseSource(models.TextChoices):
    """How a response reached us: the public form, a letter uploaded in the public form instead of
    the four text boxes ("Svar med brev"), or a letter staff registered."""

    FORM = "skjema", _("Skjema")
    FORM_LETTER = "skjemabrev", _("Brev via skjema")
    LETTER = "brev", _("Brev/e-post")


class StanceSource(models.TextChoices):
    """Who set an answer's stance: the respondent, the machine (proposed from a letter), staff."""

    RESPONDENT = "respondent", _("Avsender")
    MACHINE = "machine", _("Maskinforslag")
    HUMAN = "human", _("Saksbehandler")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Sendt inn")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Venter på godkjenning")
    APPROVED = "approved", _("Godkjent for publisering")
    WITHHELD = "withheld", _("Holdt tilbake")


class RedactionReason(models.TextChoices):
    PERSONAL_DATA = "personopplysninger", _("Personopplysninger")
    HATE_SPEECH = "hatefulle_ytringer", _("Hatefulle ytringer")
    DEFAMATION = "ærekrenkelse", _("Ærekrenkelse")
    OTHER = "annet", _("Annet")


class Extraction(models.TextChoices):
    """How reading the text of an attachment went; anything but OK is shown to staff."""

    PENDING = "", _("ikke lest ennå")
    OK = "ok", _("lest")
    TRUNCATED = "truncated", _("lest, men bare begynnelsen (teksten er svært lang)")
    TIMEOUT = "timeout", _("ikke lest: det tok for lang tid")
    TOO_LARGE = "too_large", _("ikke lest: filen krevde for mye minne")
    BROKEN = "broken", _("ikke lest: filen kunne ikke åpnes innenfor grensene for minne")


class Response(models.Model):
    """One respondent's answer to a hearing, from first draft to the public record."""

    # Responses are not content: in Wagtail's reference index (the admin's "usage" of pages and
    # snippets) each saved response, and each receipt owed for it, added rows and a background
    # task, millions of them in a large hearing, for a listing nobody reads.
    wagtail_reference_index_ignore = True

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.PROTECT, related_name="responses"
    )
    reference = models.CharField(_("referanse"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    respondent_kind = models.CharField(
        _("svarer på vegne av"), max_length=20, choices=RespondentKind.choices
    )
    organisation_name = models.CharField(_("virksomhet"), max_length=200, blank=True)
    organisation_number = models.CharField(_("organisasjonsnummer"), max_length=9, blank=True)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-post"), blank=True, db_index=True)
    general_comment = models.TextField(_("generell kommentar"), blank=True)
    interests = models.TextField(_("interesseerklæring"), blank=True)
    publication_choice = models.CharField(
        _("publisering"), max_length=10, choices=PublicationChoice.choices
    )
    attachment = models.FileField(
        _("vedlegg"), storage=private_storage, upload_to=attachment_path, blank=True, max_length=200
    )
    attachment_name = models.CharField(_("filnavn"), max_length=255, blank=True)
    attachment_type = models.CharField(_("filtype"), max_length=10, blank=True)
    attachment_size = models.PositiveIntegerField(_("filstørrelse"), null=True, blank=True)
    attachment_text = models.TextField(_("tekst fra vedlegg"), blank=True)
    attachment_extracted_at = models.DateTimeField(null=True, blank=True)
    attachment_extraction = models.CharField(
        _("lesing av vedlegg"), max_length=12, choices=Extraction.choices, blank=True, default=""
    )
    version = models.PositiveIntegerField(_("lagringsnummer"), default=1)
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    last_save_token = models.UUIDField(null=True, blank=True, editable=False)
    #: Hash of the browser that created the response (a random cookie, never the address): only
    #: that browser gets the receipt again when it repeats the same form token.
    creation_client = models.CharField(max_length=64, blank=True, editable=False)
    link_key = models.CharField(max_length=32, default=new_link_key, editable=False)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist lagret"))
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True)
    is_demo = models.BooleanField(_("oppdiktet demosvar"), default=False)
    source = models.CharField(
        _("kilde"), max_length=10, choices=ResponseSource.choices, default=ResponseSource.FORM
    )
    received_at = models.DateField(_("mottatt"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The bulk import's key for a letter (its file name or CSV id): a second import skips it.
    import_key = models.CharField(max_length=200, blank=True, editable=False)
    review_status = models.CharField(
        _("godkjenning"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    review_reason = models.TextField(_("begrunnelse"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    contact_erased_at = models.DateTimeField(
        _("kontaktopplysninger slettet"), null=True, blank=True
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("høringssvar")
        verbose_name_plural = _("høringssvar")
        indexes = [models.Index(fields=["hearing", "status", "category"])]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "import_key"],
                condition=~models.Q(import_key=""),
                name="unique_response_import_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.display_name}"

    @property
    def attachment_unread(self) -> bool:
        """True when the attachment's text could not be read in full (shown to staff and
        the respondent: the analysis then lacks some or all of it)."""
        return bool(self.attachment) and self.attachment_extraction not in (
            Extraction.PENDING,
            Extraction.OK,
        )

    @property
    def display_name(self) -> str:
        if self.respondent_kind == RespondentKind.PRIVATE:
            return self.contact_name or str(_("Privatperson"))
        return self.organisation_name


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "hearings.HearingQuestion", on_delete=models.PROTECT, related_name="answers"
    )
    stance = models.CharField(_("standpunkt"), max_length=10, choices=Stance.choices, blank=True)
    stance_source = models.CharField(
        _("standpunkt satt av"),
        max_length=10,
        choices=StanceSource.choices,
        default=StanceSource.RESPONDENT,
    )
    text = models.TextField(_("svar"), blank=True)

    class Meta:
        ordering = ["question__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="unique_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"

    @property
    def stated_stance(self) -> str:
        """The stance the respondent (or staff) gave; empty for a machine proposal, which is
        never shown to the respondent or the public as theirs."""
        return "" if self.stance_source == StanceSource.MACHINE else self.stance


class PathwayComment(models.Model):
    """A comment on one proposal as a whole (empty section_id) or on one of its sections."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="pathway_comments"
    )
    proposal = models.ForeignKey(
        "guidelines.RevisionProposalPage",
        on_delete=models.PROTECT,
        related_name="response_comments",
    )
    pathway = models.ForeignKey(
        "guidelines.PathwayPage", on_delete=models.PROTECT, related_name="response_comments"
    )
    section_id = models.CharField(_("avsnitt-id"), max_length=64, blank=True)
    section_heading = models.CharField(_("avsnitt"), max_length=255, blank=True)
    text = models.TextField(_("kommentar"))

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.pathway_id}/{self.section_id or '-'}"


class Redaction(models.Model):
    """A passage staff withhold from publication; offsets point into one stored text."""

    class Source(models.TextChoices):
        ANSWER = "answer", _("Svar på spørsmål")
        PATHWAY_COMMENT = "pathway_comment", _("Kommentar til forløp")
        GENERAL_COMMENT = "general_comment", _("Generell kommentar")
        INTERESTS = "interests", _("Interesseerklæring")
        LETTER = "letter", _("Brev")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="redactions")
    source = models.CharField(max_length=20, choices=Source.choices)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    reason = models.CharField(_("grunn"), max_length=20, choices=RedactionReason.choices)
    note = models.CharField(_("merknad"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source", "source_id", "start"]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id} [{self.start}:{self.end}]"


class LetterDocument(models.Model):
    """One file (or pasted text) of a letter staff registered; its text is what is analysed."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (.docx)"
        ODT = "odt", "OpenDocument (.odt)"
        TEXT = "text", _("Innlimt tekst")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="letters")
    file = models.FileField(
        _("fil"), storage=private_storage, upload_to=attachment_path, blank=True, max_length=200
    )
    name = models.CharField(_("filnavn"), max_length=255, blank=True)
    kind = models.CharField(_("filtype"), max_length=10, choices=Kind.choices)
    size = models.PositiveIntegerField(_("filstørrelse"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    text = models.TextField(_("tekst"))
    language = models.CharField(_("språk"), max_length=2, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["response", "sort_order", "pk"]
        verbose_name = _("brev")
        verbose_name_plural = _("brev")

    def __str__(self) -> str:
        return self.name or str(self.get_kind_display())

    @property
    def hearing_id(self) -> int:
        """For :func:`attachment_path`, which files uploads under their hearing."""
        return self.response.hearing_id
