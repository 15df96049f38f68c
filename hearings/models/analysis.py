"""Stored results of the analysis and the reviewers' decisions on them.

Why this shape:

* A :class:`Passage` is the unit everything else hangs on (goals, themes, duplicates, review). It
  keeps offsets into its source text so a reviewer always sees it in context, and it carries
  copies of the fields reviewers filter on (question, pathway, category, stance) so the review
  screens are single-table queries even with hundreds of thousands of passages.
* Machine and human decisions are separate rows (``source``). ``is_effective`` marks the row that
  counts: a human row always wins, and the machine row stays visible for agreement figures. The
  services in ``hearings.services.analysis`` and ``hearings.services.publication`` keep this invariant;
  nothing else writes these tables.
* :class:`ResponseAnalysis` records, per response, the hash of the text that was analysed and the
  versions that produced it, which makes runs idempotent and resumable: a response whose text
  and model versions are unchanged is skipped.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GOAL_CODES = ("G1", "G2", "G3", "G4", "G5")


class Source(models.TextChoices):
    MACHINE = "machine", _("Maskin")
    HUMAN = "human", _("Saksbehandler")


class PassageSource(models.TextChoices):
    ANSWER = "answer", _("Svar på spørsmål")
    PATHWAY_COMMENT = "pathway_comment", _("Kommentar til forløp")
    GENERAL_COMMENT = "general_comment", _("Generell kommentar")
    ATTACHMENT = "attachment", _("Vedlegg")
    LETTER = "letter", _("Brev")


class AnalysisRun(models.Model):
    """One run of the analysis (a whole hearing or one response); shows progress in the admin."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Kjører")
        DONE = "done", _("Ferdig")
        FAILED = "failed", _("Feilet")

    class Scope(models.TextChoices):
        HEARING = "hearing", _("Hele høringen")
        RESPONSE = "response", _("Ett svar")

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="analysis_runs"
    )
    scope = models.CharField(_("omfang"), max_length=10, choices=Scope.choices)
    response = models.ForeignKey(
        "hearings.Response", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    stage = models.CharField(_("trinn"), max_length=40, blank=True)
    total = models.PositiveIntegerField(_("totalt"), default=0)
    done = models.PositiveIntegerField(_("ferdig"), default=0)
    fresh_themes = models.BooleanField(_("ny temainndeling"), default=False)
    pipeline_version = models.CharField(_("språkmodell"), max_length=80, blank=True)
    model_version = models.CharField(_("målklassifiserer"), max_length=80, blank=True)
    error = models.TextField(_("feil"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("analysekjøring")
        verbose_name_plural = _("analysekjøringer")

    def __str__(self) -> str:
        return f"{self.hearing_id} {self.scope} {self.status}"

    @property
    def percent(self) -> int:
        return (
            int(100 * self.done / self.total)
            if self.total
            else (100 if self.status == "done" else 0)
        )


class DuplicateGroup(models.Model):
    """Responses judged the same letter (campaign copies, copy-paste)."""

    class Kind(models.TextChoices):
        EXACT = "exact", _("Identiske")
        NEAR = "near", _("Nesten identiske")

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="duplicate_groups"
    )
    key = models.CharField(max_length=64)
    kind = models.CharField(_("type"), max_length=5, choices=Kind.choices)
    size = models.PositiveIntegerField(_("antall svar"), default=0)
    canonical = models.ForeignKey(
        "hearings.Response", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    excerpt = models.CharField(_("utdrag"), max_length=300, blank=True)

    class Meta:
        ordering = ["-size", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "key"], name="unique_duplicate_group_key")
        ]
        verbose_name = _("duplikatgruppe")
        verbose_name_plural = _("duplikatgrupper")

    def __str__(self) -> str:
        return f"{self.key} ({self.size})"


class ResponseAnalysis(models.Model):
    """What was analysed for a response, so runs skip unchanged work and resume after a crash."""

    response = models.OneToOneField(
        "hearings.Response", on_delete=models.CASCADE, related_name="analysis"
    )
    text_hash = models.CharField(max_length=64)
    pipeline_version = models.CharField(max_length=80, blank=True)
    model_version = models.CharField(max_length=80, blank=True)
    duplicate_group = models.ForeignKey(
        DuplicateGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    analysed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("analyse av svar")
        verbose_name_plural = _("analyser av svar")

    def __str__(self) -> str:
        return f"{self.response_id} {self.model_version}"


class ThemeSet(models.Model):
    """One grouping of a goal's passages into themes; kept so new passages join without reshuffling."""

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="theme_sets"
    )
    goal = models.CharField(_("mål"), max_length=2)
    generation = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    model = models.JSONField(default=dict, blank=True)
    model_version = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["hearing", "goal", "-generation"]
        indexes = [models.Index(fields=["hearing", "goal", "is_current"])]

    def __str__(self) -> str:
        return f"{self.hearing_id} {self.goal} #{self.generation}"


class Theme(models.Model):
    """A named group of passages within one goal of one hearing."""

    theme_set = models.ForeignKey(ThemeSet, on_delete=models.CASCADE, related_name="themes")
    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="themes"
    )
    goal = models.CharField(_("mål"), max_length=2)
    key = models.CharField(max_length=64)
    label = models.CharField(_("navn"), max_length=200)
    machine_label = models.CharField(_("maskinens navn"), max_length=200, blank=True)
    terms = models.JSONField(default=list, blank=True)
    quote = models.TextField(
        _("sitat"), blank=True, help_text=_("En typisk setning fra temaets innspill.")
    )
    is_other = models.BooleanField(_("annet"), default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["goal", "label"]
        indexes = [models.Index(fields=["hearing", "goal"])]
        constraints = [
            models.UniqueConstraint(fields=["theme_set", "key"], name="unique_theme_key_per_set")
        ]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")

    def __str__(self) -> str:
        return f"{self.goal}: {self.label}"


class Passage(models.Model):
    """A few sentences of one answer, comment or attachment, with offsets into its source text."""

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="passages"
    )
    response = models.ForeignKey(
        "hearings.Response", on_delete=models.CASCADE, related_name="passages"
    )
    source = models.CharField(_("kilde"), max_length=20, choices=PassageSource.choices)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    index = models.PositiveIntegerField(_("nummer i kilden"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField(_("tekst"))
    language = models.CharField(_("målform"), max_length=2, blank=True)
    # Copies of what reviewers filter on, kept in step by the analysis service.
    question = models.ForeignKey(
        "hearings.HearingQuestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pathway = models.ForeignKey(
        "guidelines.PathwayPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposal = models.ForeignKey(
        "guidelines.RevisionProposalPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    section_id = models.CharField(_("avsnitt-id"), max_length=64, blank=True)
    category = models.CharField(_("kategori"), max_length=20, blank=True)
    stance = models.CharField(_("standpunkt"), max_length=10, blank=True)
    # Machine output.
    scores = models.JSONField(_("poeng"), default=dict, blank=True)
    confidence = models.FloatField(
        _("sikkerhet"),
        default=1.0,
        help_text=_("0 = usikker, 1 = sikker; lave verdier først i køen."),
    )
    model_version = models.CharField(max_length=80, blank=True)
    # Review state.
    is_read = models.BooleanField(_("lest"), default=False)
    is_flagged = models.BooleanField(_("flagget"), default=False)
    is_evidence_rich = models.BooleanField(_("godt begrunnet"), default=False)
    not_relevant = models.BooleanField(_("ikke relevant"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["response_id", "source", "source_id", "index"]
        indexes = [
            models.Index(fields=["hearing", "question"]),
            models.Index(fields=["hearing", "category"]),
            models.Index(fields=["hearing", "confidence"]),
            models.Index(fields=["hearing", "pathway"]),
            models.Index(fields=["response", "source", "source_id"]),
        ]
        verbose_name = _("tekstutdrag")
        verbose_name_plural = _("tekstutdrag")

    def __str__(self) -> str:
        return f"{self.response_id}/{self.source}/{self.source_id}#{self.index}"

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None


class GoalLabel(models.Model):
    """Whether a passage is about a goal, as the machine or a reviewer decided.

    ``assigned`` False on a human row means "the reviewer removed this goal". Exactly one row per
    (passage, goal) has ``is_effective`` True when any row exists; counts use only those.
    """

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="goal_labels")
    goal = models.CharField(_("mål"), max_length=2)
    source = models.CharField(_("kilde"), max_length=7, choices=Source.choices)
    assigned = models.BooleanField(_("tildelt"), default=True)
    is_effective = models.BooleanField(default=True)
    score = models.FloatField(_("poeng"), null=True, blank=True)
    evidence = models.JSONField(_("belegg"), default=list, blank=True)
    model_version = models.CharField(max_length=80, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["passage", "goal", "source"], name="unique_goal_label_per_source"
            )
        ]
        indexes = [models.Index(fields=["goal", "is_effective", "assigned"])]

    def __str__(self) -> str:
        return f"{self.passage_id} {self.goal} {self.source} {self.assigned}"


class QuestionLabel(models.Model):
    """Which hearing question a passage of free text or a letter answers, machine or reviewer.

    ``question`` None means "none of the questions". Like :class:`GoalLabel`, machine and human
    rows are kept apart and exactly one row per passage is effective (a human row wins); the
    analysis copies the effective question onto ``Passage.question`` so every count and filter
    by question includes letters. ``stance`` is the stance the passage states in so many words
    (:mod:`hearings.nlp.stance`), a machine proposal only.
    """

    class Method(models.TextChoices):
        STRUCTURE = "structure", _("Overskrift eller nummerering")
        MODEL = "model", _("Språkmodell")
        HUMAN = "human", _("Saksbehandler")

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="question_labels")
    question = models.ForeignKey(
        "hearings.HearingQuestion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("spørsmål"),
    )
    source = models.CharField(_("kilde"), max_length=7, choices=Source.choices)
    is_effective = models.BooleanField(default=True)
    method = models.CharField(_("metode"), max_length=10, choices=Method.choices)
    score = models.FloatField(_("poeng"), null=True, blank=True)
    scores = models.JSONField(_("poeng per spørsmål"), default=dict, blank=True)
    evidence = models.CharField(_("belegg"), max_length=300, blank=True)
    stance = models.CharField(_("foreslått standpunkt"), max_length=10, blank=True)
    stance_evidence = models.CharField(_("belegg for standpunkt"), max_length=200, blank=True)
    model_version = models.CharField(max_length=80, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["passage", "source"], name="unique_question_label_per_source"
            )
        ]
        indexes = [models.Index(fields=["passage", "is_effective"])]

    def __str__(self) -> str:
        return f"{self.passage_id} {self.question_id} {self.source}"


class PassageTheme(models.Model):
    """A passage's theme within one goal, from the machine or moved there by a reviewer."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="passage_links")
    goal = models.CharField(_("mål"), max_length=2)
    source = models.CharField(_("kilde"), max_length=7, choices=Source.choices)
    is_effective = models.BooleanField(default=True)
    similarity = models.FloatField(null=True, blank=True)
    is_representative = models.BooleanField(default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["passage", "goal", "source"], name="unique_theme_per_goal_source"
            )
        ]
        indexes = [models.Index(fields=["theme", "is_effective"])]

    def __str__(self) -> str:
        return f"{self.passage_id} → {self.theme_id} ({self.source})"


class PersonalDataFlag(models.Model):
    """A span that may hold personal data; staff accept (redact) or dismiss it before publication."""

    class Kind(models.TextChoices):
        PERSON_NAME = "person_name", _("Personnavn")
        FNR = "fnr", _("Fødselsnummer")
        PHONE = "phone", _("Telefonnummer")
        EMAIL = "email", _("E-postadresse")
        OWN_HEALTH = "own_health", _("Egen helse")

    class Decision(models.TextChoices):
        PROPOSED = "proposed", _("Foreslått")
        ACCEPTED = "accepted", _("Sladdet")
        DISMISSED = "dismissed", _("Avvist")

    response = models.ForeignKey(
        "hearings.Response", on_delete=models.CASCADE, related_name="personal_data_flags"
    )
    source = models.CharField(_("kilde"), max_length=20, choices=PassageSource.choices)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    reason = models.CharField(_("grunn"), max_length=300)
    decision = models.CharField(
        _("avgjørelse"), max_length=10, choices=Decision.choices, default=Decision.PROPOSED
    )
    redaction = models.ForeignKey(
        "hearings.Redaction", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["response", "source", "source_id", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "source", "source_id", "start", "end", "kind"],
                name="unique_personal_data_flag",
            )
        ]
        verbose_name = _("mulig personopplysning")
        verbose_name_plural = _("mulige personopplysninger")

    def __str__(self) -> str:
        return f"{self.response_id} {self.kind} [{self.start}:{self.end}]"


class ReviewNote(models.Model):
    """A reviewer's note on a passage, a theme or a response."""

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="review_notes"
    )
    passage = models.ForeignKey(
        Passage, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    response = models.ForeignKey(
        "hearings.Response",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_notes",
    )
    text = models.TextField(_("notat"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notat")
        verbose_name_plural = _("notater")

    def __str__(self) -> str:
        return self.text[:60]


class ThemeChangeLink(models.Model):
    """ "Changed in response to": a theme from a hearing linked to a section of an adopted version."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="change_links")
    version = models.ForeignKey(
        "guidelines.PathwayVersion", on_delete=models.CASCADE, related_name="theme_links"
    )
    section_id = models.CharField(_("avsnitt-id"), max_length=64, blank=True)
    section_heading = models.CharField(_("avsnitt"), max_length=255, blank=True)
    note = models.CharField(_("merknad"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "section_heading"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "version", "section_id"], name="unique_theme_change_link"
            )
        ]
        verbose_name = _("endret som følge av")
        verbose_name_plural = _("endret som følge av")

    def __str__(self) -> str:
        return f"{self.theme_id} → {self.version_id}/{self.section_id}"
