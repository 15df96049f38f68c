from django.http import Http404
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from guidelines.api import PathwayVersionsAPIViewSet

MAX_ID = 2**31
MAX_SEARCH_CHARS = 200
MAX_SEARCH_WORDS = 20
SEARCH_OPERATORS = ("and", "or")


def _bad_request(message: str) -> Response:
    return Response({"message": message}, status=400)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, answering malformed public parameters with a 400 that says what
    is wrong instead of a server or database error (each case found by fuzzing the API)."""

    def listing_view(self, request):
        problem = self._parameter_problem(request.GET)
        if problem:
            return _bad_request(problem)
        if '"' in request.GET.get("search", ""):
            # An unbalanced quote breaks the search parser; quotes add nothing to a word search.
            params = request.GET.copy()
            params["search"] = params["search"].replace('"', " ").strip()
            if not params["search"]:  # nothing left to search for: list the pages
                del params["search"]
            request.GET = params
        return super().listing_view(request)

    @staticmethod
    def _parameter_problem(params) -> str:
        search = params.get("search", "")
        if any(ord(char) < 32 and char not in "\t\n\r" for char in search):
            return "search must not contain control characters"
        if len(search) > MAX_SEARCH_CHARS or len(search.split()) > MAX_SEARCH_WORDS:
            return f"search is too long (at most {MAX_SEARCH_WORDS} words, {MAX_SEARCH_CHARS} characters)"
        operator = params.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            return "search_operator must be 'and' or 'or'"
        for name in ("offset", "limit"):
            value = params.get(name)
            if value is not None and (not value.isdigit() or int(value) >= MAX_ID):
                return f"{name} must be a whole number below {MAX_ID}"
        return ""

    def detail_view(self, request, pk):
        if int(pk) >= MAX_ID:  # larger than any page id the database can hold
            raise Http404
        return super().detail_view(request, pk)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("versions", PathwayVersionsAPIViewSet)
