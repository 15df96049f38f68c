"""Read API: pathways and proposals through Wagtail's pages endpoint, versions through their own."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework import serializers
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Page

from .models import PathwayVersion

# Ids and offsets above this overflow the database integer types (found by schemathesis).
MAX_ID = 2**31


class PathwayVersionSerializer(serializers.ModelSerializer):
    pathway_id = serializers.IntegerField()
    title = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()

    class Meta:
        model = PathwayVersion
        fields = ["id", "pathway_id", "number", "title", "published_at", "change_note", "body"]

    def get_title(self, obj):
        return obj.content.get("title", "")

    def get_body(self, obj):
        return obj.content.get("body", [])


class PathwayVersionsAPIViewSet(BaseAPIViewSet):
    """``/api/v2/versions/``: every public version; filter with ``?pathway=<id>``."""

    model = PathwayVersion
    base_serializer_class = PathwayVersionSerializer
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"pathway", "limit", "offset"}
    name = "versions"

    def get_queryset(self):
        # Live pathways that anyone may read: none behind a login (a view restriction on the
        # page or an ancestor).
        public = Page.objects.live().public()
        versions = PathwayVersion.objects.filter(pathway__in=public).order_by(
            "pathway_id", "number"
        )
        pathway = self.request.GET.get("pathway")
        if pathway and pathway.isdigit() and int(pathway) < MAX_ID:
            versions = versions.filter(pathway_id=int(pathway))
        return versions

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        offset = min(_non_negative(request.GET.get("offset"), 0), MAX_ID)
        limit = min(_non_negative(request.GET.get("limit"), 20), 100)
        data = PathwayVersionSerializer(queryset[offset : offset + limit], many=True).data
        return Response({"meta": {"total_count": queryset.count()}, "items": data})

    def detail_view(self, request, pk):
        if int(pk) >= MAX_ID:  # larger than any database integer: cannot exist
            raise Http404
        version = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(PathwayVersionSerializer(version).data)


def _non_negative(value, default: int) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return default
