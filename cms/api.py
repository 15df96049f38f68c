from django.http import Http404
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from guidelines.api import PathwayVersionsAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, refusing search text the database cannot take (NUL and other
    control characters) with a 400 instead of a database error. Found by schemathesis."""

    def listing_view(self, request):
        search = request.GET.get("search", "")
        if any(ord(char) < 32 and char not in "\t\n\r" for char in search):
            return Response({"message": "search must not contain control characters"}, status=400)
        return super().listing_view(request)

    def detail_view(self, request, pk):
        if int(pk) >= 2**31:  # larger than any page id the database can hold
            raise Http404
        return super().detail_view(request, pk)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("versions", PathwayVersionsAPIViewSet)
