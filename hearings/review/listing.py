"""What the reviewers' staff lists add to Wagtail's ``BaseListingView``.

Filters: an invalid value drops that one filter and the others still apply (Wagtail would drop
them all), as these lists have always done. Export: ``SpreadsheetExportMixin`` with every cell
neutralised like the workspace's other files (respondents write these texts), and CSV with a
byte-order mark and semicolons so Norwegian Excel opens it in columns with æøå intact.
"""

from __future__ import annotations

import csv

from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

from .exports import neutralise


class ReviewListingMixin(SpreadsheetExportMixin):
    """Put before ``BaseListingView``; set ``list_export`` and ``export_headings``."""

    #: Rows fetched (and prefetched) per query while exporting, so no query gets too many ids.
    export_chunk_size = 2000
    #: The lists link their exports beside the result count, not in the header menu.
    show_export_buttons = False

    def filter_queryset(self, queryset):
        if self.filters:
            self.filters.form.is_valid()
            queryset = self.filters.filter_queryset(queryset)
        return queryset

    def get(self, request, *args, **kwargs):
        if self.is_export:
            rows = self.get_export_queryset().iterator(chunk_size=self.export_chunk_size)
            return self.as_spreadsheet(rows, request.GET["export"])
        return super().get(request, *args, **kwargs)

    def get_export_queryset(self):
        """Every filtered row, never a page of them."""
        return self.get_queryset()

    def get_export_url(self, format):
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)  # the file holds every page
        params["export"] = format
        return f"{self.request.path}?{params.urlencode()}"

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        headings = {field: self.get_heading(queryset, field) for field in self.list_export}
        yield "\ufeff".encode() + writer.writerow(headings)
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))
