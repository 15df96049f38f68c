"""Wagtail's own Elasticsearch 8 backend, with index settings the cluster can actually build.

Wagtail's page search (admin search, page choosers, ``Page.objects.search()``) runs on the same
cluster as ``/sok/`` when ``ELASTICSEARCH_URL`` is set. Wagtail's default index settings use the
``asciifolding``, ``ngram`` and ``edge_ngram`` filters from Elasticsearch's ``analysis-common``
module, which the Elasticsearch 8 build we run does not have (see docs/decisions/0003): creating
an index with them fails, and every page save would then log an indexing error while admin search
returns nothing.

This backend keeps everything of Wagtail's backend except two things:

* the analysers Wagtail's mappings name (``ngram_analyzer``, ``edgengram_analyzer``) are built
  from the server's core components only (standard tokenizer, lowercase);
* autocomplete fields get ``index_prefixes`` instead of edge n-grams, and autocomplete queries use
  ``bool_prefix`` matching, so "vente" still finds "Ventetid" while the user is typing.

Settings: ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.wagtail_elasticsearch"``.
"""

from __future__ import annotations

from wagtail.search.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)

# Core-only analysers under the names Wagtail's mappings refer to.
CORE_ANALYSIS = {
    "analyzer": {
        "ngram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        "edgengram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
    }
}
PREFIXES = {"min_chars": 1, "max_chars": 15}


class Mapping(Elasticsearch8Mapping):
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "standard",
        "index_prefixes": PREFIXES,
    }


class SearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = Mapping


class AutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    """Prefix matching on the last word, served by the fields' ``index_prefixes``."""

    mapping_class = Mapping

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        match_query = {
            "query": query.query_string,
            "type": "bool_prefix",
            "fields": [field.field_name_with_boost for field in fields],
        }
        if query.operator != "or":
            match_query["operator"] = query.operator
        if boost != 1.0:
            match_query["boost"] = boost
        return {"multi_match": match_query}


class NorwegianElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    mapping_class = Mapping
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
    settings = {"settings": {"analysis": CORE_ANALYSIS}}


SearchBackend = NorwegianElasticsearch8SearchBackend
