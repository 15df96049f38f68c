"""FilterSets of the reviewers' staff lists (approval list and passage list)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..models import HearingPage, Passage, Response, ResponseSource, ReviewStatus
from . import selectors
from .forms import PassageFilterForm


def _hearing_choices() -> list[tuple[int, str]]:
    return list(HearingPage.objects.order_by("-deadline").values_list("pk", "title"))


class ResponseReviewFilterSet(WagtailFilterSet):
    """Which submitted responses the approval list shows: one hearing, one approval status."""

    # Plain choices, not a ModelChoiceFilter: a value is checked against the list before any
    # query, so a huge number in the URL is an invalid choice rather than a database overflow.
    hearing = django_filters.ChoiceFilter(
        label=_("Høring"),
        field_name="hearing_id",
        choices=_hearing_choices,
        empty_label=_("Alle"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Godkjenning"),
        field_name="review_status",
        choices=ReviewStatus.choices,
        empty_label=_("Alle"),
    )
    received_as = django_filters.ChoiceFilter(
        label=_("Innsendt som"),
        field_name="source",
        choices=ResponseSource.choices,
        empty_label=_("Alle"),
    )

    class Meta:
        model = Response
        fields = []


class PassageFilterSet(WagtailFilterSet):
    """The passage list's filters as a FilterSet around :class:`PassageFilterForm`.

    The filters are one combined rule rather than independent lookups: the relevance default
    depends on goal and theme, the text filter asks the search service, ``order`` sorts. So the
    set hands the form's cleaned values to :func:`selectors.passages_filtered`, the same rule
    the file exports and the overview's links use.
    """

    class Meta:
        model = Passage
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, hearing):
        self.hearing = hearing
        super().__init__(data, queryset, request=request, prefix=prefix)

    @property
    def form(self) -> PassageFilterForm:
        if not hasattr(self, "_form"):
            self._form = PassageFilterForm(self.data, hearing=self.hearing)
        return self._form

    def filter_queryset(self, queryset: QuerySet[Passage]) -> QuerySet[Passage]:
        # ``&`` keeps the caller's select_related/prefetch and takes the selector's ordering.
        return queryset & selectors.passages_filtered(
            hearing=self.hearing, filters=self.form.filters(), user=self.request.user
        )
