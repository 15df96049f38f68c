"""Norwegian analysis shared by both backends: terms for indexing, forms for queries, highlights.

Why in Python and not only in the engines: the same analysis must hold on SQLite, PostgreSQL and
Elasticsearch so the contract tests can demand the same hits everywhere. Each word is indexed as

* its lowercased form and its lemma in the text's written standard (the treebank's lemma where it
  has one, else the dictionary's; ``LemmaLookup("treebank")``), so "ventetider" and "ventetida"
  both reach "ventetid" and "pårørende" stays *pårørende*;
* in a nynorsk text, also the bokmål form of the lemma (``hearings.nlp.nynorsk.to_bokmal``:
  "tenestene" → *tjeneste*, "pårørande" → *pårørende*), so a bokmål query finds nynorsk text;
* the tails of long words (compound heads): "forløpskoordinator" also yields "koordinator",
  "ordinator", ... down to ``MIN_TAIL`` letters, the index-side equivalent of an n-gram subfield,
  so a query for the head finds the compound;
* an ASCII-folded form only when it differs ("forlopskoordinator"), for users without æ/ø/å keys.

A query word matches a term that starts with one of its forms (prefix match), which also covers
inflected forms the lemmatiser does not know ("koordinatoren" via the lemma "koordinator").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hearings.nlp.lemma_lookup import written_standard
from hearings.nlp.lemmas import LemmaLookup, tokenize
from hearings.nlp.nynorsk import to_bokmal

MIN_TAIL = 6
MIN_COMPOUND = 9
MAX_QUERY_WORDS = 12
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "è": "e", "ü": "u"})

_lemmas = LemmaLookup("treebank")


def fold(word: str) -> str:
    """ASCII folding for Norwegian letters (only used as an extra form)."""
    word = word.translate(_FOLD)
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


@lru_cache(maxsize=200_000)
def word_terms(word: str, standard: str = "nb") -> tuple[str, ...]:
    """All index terms for one word of a text in ``standard`` (see module docstring)."""
    lower = word.lower().strip("-'’")
    if not lower:
        return ()
    lemma = _lemmas.lemma(lower, standard)
    bases = dict.fromkeys([lemma, to_bokmal(lemma)] if standard == "nn" else [lemma])
    terms = dict.fromkeys([lower, *bases])
    for base in bases:
        if len(base) >= MIN_COMPOUND and base.isalpha():
            for start in range(3, len(base) - MIN_TAIL + 1):
                terms[base[start:]] = None
    for term in list(terms):
        folded = fold(term)
        if folded != term:
            terms[folded] = None
    return tuple(terms)


def text_standard(text: str) -> str:
    """``"nb"`` or ``"nn"``: the written standard whose lemmas a text's words are indexed with."""
    return written_standard(w for w, _s, _e in tokenize(text or ""))


def index_terms(text: str) -> str:
    """Space-delimited terms with a leading and trailing space, for prefix matching."""
    seen: dict[str, None] = {}
    words = [word for word, _start, _end in tokenize(text or "")]
    standard = written_standard(words)
    for word in words:
        for term in word_terms(word, standard):
            seen[term] = None
    return " " + " ".join(seen) + " " if seen else ""


def query_words(query: str) -> list[str]:
    """The words of a query (punctuation, quotes and markup characters dropped)."""
    words = [w.strip("-'’").lower() for w, _s, _e in tokenize(query or "")]
    return [w for w in words if w][:MAX_QUERY_WORDS]


@lru_cache(maxsize=50_000)
def query_forms(word: str, standard: str | None = None) -> tuple[str, ...]:
    """Forms of one query word; a document matches the word if a term starts with any form.

    A query is too short to tell its written standard, so unless ``standard`` is given the
    word's lemma in both standards is a form ("vart" is nynorsk *verte* and bokmål *var*), and
    so is the bokmål form of its nynorsk lemma ("teneste" → *tjeneste*), which nynorsk texts
    are also indexed under: either standard's word finds both. With ``standard`` the last form
    is the word's own lemma in it.
    """
    forms = [word]
    for written in (standard,) if standard else ("nb", "nn"):
        lemma = _lemmas.lemma(word, written)
        if lemma != word and len(lemma) >= 3:
            forms.append(lemma)
    if not standard:
        bokmal = to_bokmal(_lemmas.lemma(word, "nn"))
        if len(bokmal) >= 4:
            forms.append(bokmal)
    return tuple(dict.fromkeys(forms))


def _word_matches(word: str, forms_per_word: list[tuple[str, ...]], standard: str) -> bool:
    terms = word_terms(word, standard)
    return any(t.startswith(f) for forms in forms_per_word for f in forms for t in terms)


def highlight(text: str, query: str, *, width: int = 240) -> tuple[SafeString, bool]:
    """An escaped snippet of ``text`` around the first match with matches in ``<mark>``.

    Returns (html, matched). Every piece of ``text`` goes through ``escape``; the only markup is
    our own ``<mark>``, so the result is marked safe here and templates need no ``|safe``.
    """
    text = re.sub(r"\s+", " ", text or "").strip()
    forms = [query_forms(w) for w in query_words(query)]
    tokens = tokenize(text)
    standard = written_standard(w for w, _s, _e in tokens)
    spans = [(s, e) for w, s, e in tokens if forms and _word_matches(w, forms, standard)]
    if spans:
        first = spans[0][0]
        start = max(0, first - width // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
    else:
        start = 0
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    pieces, cursor = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        pieces.append(escape(text[cursor:s]))
        pieces.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    pieces.append(escape(text[cursor:end]))
    html = ("… " if start else "") + "".join(pieces) + (" …" if end < len(text) else "")
    return mark_safe(html), bool(spans)  # noqa: S308 - built from escaped pieces and <mark>
