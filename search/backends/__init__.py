"""Search engines behind one interface (:class:`search.backends.base.SearchQuery` in, results out)."""
