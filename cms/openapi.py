"""OpenAPI 3 description of the public read API (``/api/v2/``), served at ``/api/v2/openapi.json``.

Hand-written because Wagtail's API has no schema generator; tests/security/test_openapi.py runs
schemathesis against it, so the description and the API cannot drift apart unnoticed.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.cache import cache_control

_MESSAGE = {
    "type": "object",
    "required": ["message"],
    "properties": {"message": {"type": "string"}},
}
_PAGE_META = {
    "type": "object",
    "required": ["type", "detail_url", "html_url"],
    "properties": {
        "type": {"type": "string", "examples": ["guidelines.PathwayPage"]},
        "detail_url": {"type": "string"},
        "html_url": {"type": ["string", "null"]},
        "slug": {"type": "string"},
        "first_published_at": {"type": ["string", "null"], "format": "date-time"},
    },
}
_PAGE = {
    "type": "object",
    "required": ["id", "meta"],
    "properties": {
        "id": {"type": "integer"},
        "meta": _PAGE_META,
        "title": {"type": "string"},
    },
    "additionalProperties": True,
}
_VERSION = {
    "type": "object",
    "required": ["id", "pathway_id", "number", "title", "published_at", "change_note", "body"],
    "properties": {
        "id": {"type": "integer"},
        "pathway_id": {"type": "integer"},
        "number": {"type": "integer"},
        "title": {"type": "string"},
        "published_at": {"type": "string", "format": "date-time"},
        "change_note": {"type": "string"},
        "body": {"type": "array", "items": {"type": "object"}},
    },
}


def _listing(item_schema: dict) -> dict:
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
            },
            "items": {"type": "array", "items": item_schema},
        },
    }


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


_ERRORS = {
    "400": _json(_MESSAGE, "Ukjent eller ugyldig parameter"),
    "404": _json(_MESSAGE, "Finnes ikke"),
}
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}


def openapi_document() -> dict:
    """The description as a dict (also used by the tests)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Nasjonale pasientforløp psykisk helse og rus – lese-API",
            "version": "2",
            "description": "Publiserte pasientforløp, endringsforslag, høringer og alle versjoner. "
            "Bare publisert innhold; høringssvar og kontaktopplysninger finnes ikke i API-et.",
        },
        "paths": {
            "/api/v2/pages/": {
                "get": {
                    "operationId": "listPages",
                    "summary": "Publiserte sider (forløp, forslag, høringer)",
                    "parameters": [
                        _query(
                            "type",
                            "Sidetype, for eksempel guidelines.PathwayPage",
                            {"type": "string", "pattern": "^[a-z_]+\\.[A-Za-z]+$"},
                        ),
                        _query(
                            "fields",
                            "Felter som skal tas med, kommaseparert, eller *",
                            {"type": "string", "pattern": "^(\\*|[a-z_]+(,[a-z_]+)*)$"},
                        ),
                        _query(
                            "limit",
                            "Høyst så mange (1–100)",
                            {"type": "integer", "minimum": 1, "maximum": 100},
                        ),
                        _query("offset", "Hopp over så mange", {"type": "integer", "minimum": 0}),
                        _query("search", "Fritekstsøk", {"type": "string", "maxLength": 200}),
                        _query(
                            "child_of",
                            "Bare barn av denne siden",
                            {"type": "integer", "minimum": 1},
                        ),
                    ],
                    "responses": {"200": _json(_listing(_PAGE), "Sider"), **_ERRORS},
                }
            },
            "/api/v2/pages/{id}/": {
                "get": {
                    "operationId": "getPage",
                    "summary": "Én publisert side med alle felter",
                    "parameters": [_ID],
                    "responses": {"200": _json(_PAGE, "Siden"), **_ERRORS},
                }
            },
            "/api/v2/versions/": {
                "get": {
                    "operationId": "listVersions",
                    "summary": "Alle publiserte versjoner av forløpene",
                    "parameters": [
                        _query(
                            "pathway",
                            "Bare versjoner av dette forløpet",
                            {"type": "integer", "minimum": 1},
                        ),
                        _query(
                            "limit",
                            "Høyst så mange (1–100)",
                            {"type": "integer", "minimum": 1, "maximum": 100},
                        ),
                        _query("offset", "Hopp over så mange", {"type": "integer", "minimum": 0}),
                    ],
                    "responses": {"200": _json(_listing(_VERSION), "Versjoner"), **_ERRORS},
                }
            },
            "/api/v2/versions/{id}/": {
                "get": {
                    "operationId": "getVersion",
                    "summary": "Én versjon med hele teksten",
                    "parameters": [_ID],
                    "responses": {"200": _json(_VERSION, "Versjonen"), **_ERRORS},
                }
            },
        },
    }


@cache_control(max_age=3600, public=True)
def openapi_view(request):
    return JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False})
