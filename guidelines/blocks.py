"""Structured content blocks of a pathway text.

Every top-level block is a *section* with a heading. StreamField gives each block a stable id that
survives edits and copies, which is what lets versions and proposals be compared section by section.
Prose is rich text; values that readers compare (pathway times, measurement codes) are structured.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]

PHASE_KINDS = [
    ("henvisning", _("Henvisning")),
    ("utredning", _("Utredning")),
    ("behandling", _("Behandling")),
    ("avslutning", _("Avslutning")),
]

TIME_UNITS = [
    ("virkedager", _("virkedager")),
    ("kalenderdager", _("kalenderdager")),
    ("uker", _("uker")),
]


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Overskrift"), max_length=200)


class TextSectionBlock(SectionBlock):
    body = blocks.RichTextBlock(label=_("Tekst"), features=RICH_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Tekstavsnitt")
        template = "guidelines/blocks/text_section.html"


class EvaluationPointBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Evalueringspunkt"), max_length=200)
    description = blocks.TextBlock(label=_("Beskrivelse"), required=False)


class PhaseBlock(SectionBlock):
    kind = blocks.ChoiceBlock(label=_("Fase"), choices=PHASE_KINDS)
    body = blocks.RichTextBlock(label=_("Tekst"), features=RICH_FEATURES)
    evaluation_points = blocks.ListBlock(
        EvaluationPointBlock(), label=_("Evalueringspunkter"), default=[]
    )

    class Meta:
        icon = "list-ol"
        label = _("Fase")
        template = "guidelines/blocks/phase.html"


class PathwayTimeBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Navn"), max_length=200)
    from_event = blocks.CharBlock(label=_("Fra"), max_length=200)
    to_event = blocks.CharBlock(label=_("Til"), max_length=200)
    limit = blocks.IntegerBlock(label=_("Frist"), min_value=0, max_value=3650)
    unit = blocks.ChoiceBlock(label=_("Enhet"), choices=TIME_UNITS, default="virkedager")
    comment = blocks.TextBlock(label=_("Merknad"), required=False)


class PathwayTimesBlock(SectionBlock):
    intro = blocks.RichTextBlock(label=_("Innledning"), features=RICH_FEATURES, required=False)
    times = blocks.ListBlock(PathwayTimeBlock(), label=_("Forløpstider"))

    class Meta:
        icon = "time"
        label = _("Forløpstider")
        template = "guidelines/blocks/pathway_times.html"


class MeasurementPointBlock(blocks.StructBlock):
    code = blocks.CharBlock(label=_("Kode"), max_length=20)
    name = blocks.CharBlock(label=_("Målepunkt"), max_length=200)
    description = blocks.TextBlock(label=_("Beskrivelse"), required=False)


class MeasurementPointsBlock(SectionBlock):
    intro = blocks.RichTextBlock(label=_("Innledning"), features=RICH_FEATURES, required=False)
    points = blocks.ListBlock(MeasurementPointBlock(), label=_("Målepunkter"))

    class Meta:
        icon = "tick-inverse"
        label = _("Målepunkter")
        template = "guidelines/blocks/measurement_points.html"


class CoordinatorBlock(SectionBlock):
    body = blocks.RichTextBlock(label=_("Forløpskoordinatorens rolle"), features=RICH_FEATURES)

    class Meta:
        icon = "user"
        label = _("Forløpskoordinator")
        template = "guidelines/blocks/text_section.html"


class SomaticHealthBlock(SectionBlock):
    body = blocks.RichTextBlock(label=_("Somatisk helse og levevaner"), features=RICH_FEATURES)

    class Meta:
        icon = "pick"
        label = _("Somatisk helse og levevaner")
        template = "guidelines/blocks/text_section.html"


SECTION_BLOCKS = [
    ("text_section", TextSectionBlock()),
    ("phase", PhaseBlock()),
    ("pathway_times", PathwayTimesBlock()),
    ("measurement_points", MeasurementPointsBlock()),
    ("coordinator", CoordinatorBlock()),
    ("somatic_health", SomaticHealthBlock()),
]


class PathwayBodyBlock(blocks.StreamBlock):
    text_section = TextSectionBlock()
    phase = PhaseBlock()
    pathway_times = PathwayTimesBlock()
    measurement_points = MeasurementPointsBlock()
    coordinator = CoordinatorBlock()
    somatic_health = SomaticHealthBlock()


def _with_rationale(block_class):
    """A proposal section: the same block with a "why is this changed" field appended."""

    class ProposalSection(block_class):
        rationale = blocks.TextBlock(
            label=_("Hvorfor endres dette"),
            required=False,
            help_text=_("Begrunnelse for endringen, vises for høringsinstansene."),
        )

        class Meta:
            icon = block_class._meta_class.icon
            label = block_class._meta_class.label
            template = block_class._meta_class.template

    ProposalSection.__name__ = f"Proposal{block_class.__name__}"
    return ProposalSection


class ProposalBodyBlock(blocks.StreamBlock):
    text_section = _with_rationale(TextSectionBlock)()
    phase = _with_rationale(PhaseBlock)()
    pathway_times = _with_rationale(PathwayTimesBlock)()
    measurement_points = _with_rationale(MeasurementPointsBlock)()
    coordinator = _with_rationale(CoordinatorBlock)()
    somatic_health = _with_rationale(SomaticHealthBlock)()
