"""Group the passages of one goal into themes, name them, and place new passages incrementally.

Why: a hearing can produce thousands of passages per goal; reviewers need a handful of themes
with a name and a few representative passages each, and the themes must not reshuffle every
time a late answer arrives (their notes and links to pathway changes depend on them).

How:

* Passages -> lemmas (cached lookup, stop words removed) -> TF-IDF over lemma unigrams and
  adjacent-lemma bigrams -> truncated SVD (fixed seed) -> unit vectors.
* Clustering finds the number of themes from the data: average-linkage agglomerative
  clustering with a cosine *distance threshold*. Up to ``direct_limit`` passages are clustered
  directly; above that, MiniBatchKMeans (fixed seed) first makes micro-clusters whose centroids
  are then clustered the same way, so 20k passages take seconds, not an O(n²) matrix.
* Clusters smaller than ``min_size`` go to the "other" bucket.
* Names: a short phrase as the theme's own passages write it (:mod:`theme_names`), chosen by
  c-TF-IDF (term frequency in the theme x log(1 + average theme size / overall term frequency))
  of its lemmas; the c-TF-IDF key terms are kept as ``terms``. Representatives: the members
  closest to the theme centroid; the quote is a sentence of the most central one.
* Incremental: each theme keeps a sparse TF-IDF centroid (top terms), the IDF of those terms and
  a similarity floor from its own members; :func:`assign_to_existing` puts new passages into the
  most similar theme above its floor, else into "other", and never changes existing themes.
* Determinism: inputs are processed in an order derived from their text (hash), seeds are
  fixed, and theme ids are ordered by size then first member, so the same passages give the
  same themes whatever order they arrive in.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from hearings.nlp.lemmas import STOP_WORDS, LemmaLookup, tokenize
from hearings.nlp.theme_names import name_theme, tag

OTHER = "other"
#: Distance cut for micro-cluster centroids relative to the cut for single passages.
CENTROID_DISTANCE_FACTOR = 0.8
#: Passages (most central first) read to name a theme; enough for a stable name, bounded cost.
NAMING_SAMPLE = 30


@dataclass
class Theme:
    """A named group of passages within one goal."""

    theme_id: str
    label: str
    terms: list[str]
    size: int
    members: list[int]
    representatives: list[int]
    centroid: dict[str, float] = field(repr=False)
    min_similarity: float = 0.0
    quote: str = ""


@dataclass
class ThemeModel:
    """The result of a fresh grouping; serialisable with :meth:`to_dict` for storage."""

    themes: list[Theme]
    assignments: list[str]  # per input passage: a theme id or OTHER
    idf: dict[str, float] = field(repr=False)
    default_idf: float = 1.0
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ThemeModel:
        themes = [Theme(**t) for t in data["themes"]]
        return cls(
            themes=themes,
            assignments=list(data["assignments"]),
            idf=dict(data["idf"]),
            default_idf=float(data["default_idf"]),
            params=dict(data.get("params", {})),
        )

    @property
    def other(self) -> list[int]:
        return [i for i, a in enumerate(self.assignments) if a == OTHER]


_lemmatizer: LemmaLookup | None = None


def _default_lemmatizer() -> LemmaLookup:
    global _lemmatizer
    if _lemmatizer is None:
        _lemmatizer = LemmaLookup("treebank")
    return _lemmatizer


def passage_terms(text: str, lemmatizer: LemmaLookup | None = None) -> list[str]:
    """Content lemmas and adjacent content-lemma bigrams ("forløp_koordinator")."""
    lem = lemmatizer or _default_lemmatizer()
    words = [w for w, _, _ in tokenize(text)]
    lemmas = lem.lemmas(words) if words else []
    content = [x if (len(x) >= 3 and x.isalpha() and x not in STOP_WORDS) else None for x in lemmas]
    terms = [x for x in content if x]
    terms += [f"{a}_{b}" for a, b in zip(content, content[1:], strict=False) if a and b]
    return terms


def _order(texts: Sequence[str]) -> list[int]:
    """Processing order that depends on content, not on arrival order."""
    keys = [
        (hashlib.blake2b(t.encode("utf-8"), digest_size=16).hexdigest(), i)
        for i, t in enumerate(texts)
    ]
    return [i for _, i in sorted(keys)]


def _cluster(vectors: np.ndarray, distance: float, direct_limit: int, seed: int) -> np.ndarray:
    # lazy: scikit-learn takes about a second to import; only analysis runs need it.
    from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans

    n = len(vectors)
    if n < 2:
        return np.zeros(n, dtype=int)

    def agglomerate(x: np.ndarray, cut: float) -> np.ndarray:
        return AgglomerativeClustering(
            n_clusters=None, distance_threshold=cut, metric="cosine", linkage="average"
        ).fit_predict(x)

    if n <= direct_limit:
        return agglomerate(vectors, distance)
    k = min(max(50, n // 40), 400)
    km = MiniBatchKMeans(
        n_clusters=k, random_state=seed, n_init=3, batch_size=2048, max_iter=100
    ).fit(vectors)
    centres = km.cluster_centers_
    norms = np.linalg.norm(centres, axis=1, keepdims=True)
    centres = centres / np.where(norms == 0, 1, norms)
    centres[norms.ravel() == 0, 0] = 1.0  # an (unlikely) empty centre must not be a zero vector
    # Centroids are averages and lie closer together than single passages, so the same cut
    # would merge far too much; a tighter cut on centroids gives comparable theme widths.
    return agglomerate(centres, distance * CENTROID_DISTANCE_FACTOR)[km.labels_]


def _weights(counts: list[Counter]) -> list[dict[str, float]]:
    """c-TF-IDF weight of every term in every cluster (share in the cluster x rarity overall)."""
    total = Counter()
    for c in counts:
        total.update(c)
    avg = sum(sum(c.values()) for c in counts) / max(1, len(counts))
    return [
        {t: cnt / (sum(c.values()) or 1) * math.log(1 + avg / total[t]) for t, cnt in c.items()}
        for c in counts
    ]


def _name(counts: list[Counter], top: int = 3) -> list[list[str]]:
    """c-TF-IDF key terms per cluster, preferring bigrams over their own parts."""
    total = Counter()
    for c in counts:
        total.update(c)
    avg = sum(sum(c.values()) for c in counts) / max(1, len(counts))
    names = []
    for c in counts:
        size = sum(c.values()) or 1
        scored = sorted(
            ((cnt / size * math.log(1 + avg / total[t]), t) for t, cnt in c.items() if cnt >= 2),
            key=lambda x: (-x[0], x[1]),
        )
        chosen: list[str] = []
        for _, term in scored:
            parts = term.split("_")
            if any(term in ch.split("_") for ch in chosen):
                continue
            if len(parts) == 2 and any(p in chosen for p in parts):
                chosen = [ch for ch in chosen if ch not in parts]
            chosen.append(term)
            if len(chosen) >= top:
                break
        if not chosen:
            chosen = [t for t, _ in c.most_common(top)]
        names.append([t.replace("_", " ") for t in chosen])
    return names


def find_themes(
    texts: Sequence[str],
    distance_threshold: float = 0.85,
    min_size: int | None = None,
    direct_limit: int = 2500,
    n_components: int = 100,
    seed: int = 0,
    centroid_terms: int = 300,
    lemmatizer: LemmaLookup | None = None,
) -> ThemeModel:
    """Fresh grouping of one goal's passages (call again only when a regrouping is wanted)."""
    # lazy: scikit-learn takes about a second to import; only analysis runs need it.
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    n = len(texts)
    min_size = min_size if min_size is not None else max(3, math.ceil(0.005 * n))
    params = {
        "distance_threshold": distance_threshold,
        "min_size": min_size,
        "seed": seed,
        "n_components": n_components,
        "direct_limit": direct_limit,
    }
    if n == 0:
        return ThemeModel([], [], {}, 1.0, params)
    order = _order(texts)
    term_lists = [passage_terms(texts[i], lemmatizer) for i in order]
    vectorizer = TfidfVectorizer(
        analyzer=lambda terms: terms,
        min_df=2 if n >= 50 else 1,
        sublinear_tf=True,
        dtype=np.float32,
    )
    try:
        tfidf = vectorizer.fit_transform(term_lists)
    except ValueError:  # no terms at all
        return ThemeModel([], [OTHER] * n, {}, 1.0, params)
    n_feat = tfidf.shape[1]
    if n_feat > 2 and n > 2:
        comps = max(1, min(n_components, n_feat - 1, n - 1))
        reduced = TruncatedSVD(n_components=comps, random_state=seed).fit_transform(tfidf)
        reduced = normalize(reduced)
    else:
        reduced = normalize(tfidf.toarray())
    # passages without content terms (or projected to zero) cannot be compared: "other"
    valid = (np.asarray(tfidf.sum(axis=1)).ravel() > 0) & (np.linalg.norm(reduced, axis=1) > 1e-9)
    labels = np.full(n, -1, dtype=int)
    if valid.sum() >= 2:
        labels[valid] = _cluster(reduced[valid], distance_threshold, direct_limit, seed)

    vocab = np.array(vectorizer.get_feature_names_out())
    idf_all = vectorizer.idf_
    clusters: dict[int, list[int]] = {}
    for pos, lab in enumerate(labels):
        if lab >= 0:
            clusters.setdefault(int(lab), []).append(pos)
    kept = [m for m in clusters.values() if len(m) >= min_size]
    kept.sort(key=lambda m: (-len(m), m[0]))

    counts = [Counter(t for pos in m for t in term_lists[pos]) for m in kept]
    names = _name(counts)
    weights = _weights(counts)
    lem = lemmatizer or _default_lemmatizer()
    taken: set[str] = set()
    themes: list[Theme] = []
    assignments = [OTHER] * n
    used_terms: set[int] = set()
    for k, (members, terms) in enumerate(zip(kept, names, strict=True), 1):
        theme_id = f"T{k}"
        centre = reduced[members].mean(axis=0)
        sims = reduced[members] @ centre
        rank = sorted(range(len(members)), key=lambda j: (-round(float(sims[j]), 6), members[j]))
        reps = [order[members[j]] for j in rank[:3]]
        sparse_centre = np.asarray(tfidf[members].mean(axis=0)).ravel()
        top = np.argsort(-sparse_centre, kind="stable")[:centroid_terms]
        top = top[sparse_centre[top] > 0]
        used_terms.update(int(t) for t in top)
        centroid = {str(vocab[t]): float(sparse_centre[t]) for t in top}
        central = [texts[order[members[j]]] for j in rank[:NAMING_SAMPLE]]
        named = name_theme(central, weights[k - 1], lem, taken, docs=tag(central))
        taken.add(named.name)
        themes.append(
            Theme(
                theme_id,
                named.name or " · ".join(terms),
                terms,
                len(members),
                sorted(order[p] for p in members),
                reps,
                centroid,
                0.0,
                named.quote,
            )
        )
        for p in members:
            assignments[order[p]] = theme_id
    idf = {str(vocab[t]): float(idf_all[t]) for t in sorted(used_terms)}
    default_idf = float(idf_all.max()) if len(idf_all) else 1.0
    model = ThemeModel(themes, assignments, idf, default_idf, params)
    # Similarity floors use exactly the vectorisation assign_to_existing uses, so a member
    # re-assigned later lands in a theme rather than in "other".
    if themes:
        sims = _theme_similarities(model, term_lists)
        for j, (theme, members) in enumerate(zip(themes, kept, strict=True)):
            member_sims = sims[members, j]
            theme.min_similarity = round(max(float(np.percentile(member_sims, 10)) * 0.9, 0.05), 4)
    return model


def _theme_similarities(model: ThemeModel, term_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Cosine similarity (n, themes) over the model's own term space.

    Vectors use sublinear tf x stored idf over the terms kept in any theme centroid, so the same
    numbers come out at grouping time and when new passages arrive later.
    """
    # lazy: SciPy is loaded only by analysis runs, not by web requests.
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    index = {t: i for i, t in enumerate(model.idf)}
    rows, cols, vals = [], [], []
    for r, terms in enumerate(term_lists):
        for term, count in Counter(t for t in terms if t in index).items():
            rows.append(r)
            cols.append(index[term])
            vals.append((1.0 + math.log(count)) * model.idf[term])
    x = normalize(csr_matrix((vals, (rows, cols)), shape=(len(term_lists), len(index))))
    c_rows, c_cols, c_vals = [], [], []
    for j, theme in enumerate(model.themes):
        for term, weight in theme.centroid.items():
            if term in index:
                c_rows.append(j)
                c_cols.append(index[term])
                c_vals.append(weight)
    c = normalize(csr_matrix((c_vals, (c_rows, c_cols)), shape=(len(model.themes), len(index))))
    return np.asarray((x @ c.T).todense())


def assign_to_existing(
    model: ThemeModel, texts: Sequence[str], lemmatizer: LemmaLookup | None = None
) -> list[str]:
    """Theme id (or ``"other"``) for each new passage; existing themes are left unchanged."""
    if not model.themes or not texts:
        return [OTHER] * len(texts)
    sims = _theme_similarities(model, [passage_terms(t, lemmatizer) for t in texts])
    floors = np.array([t.min_similarity for t in model.themes])
    out = []
    for row in sims:
        ok = np.where(row >= floors, row, -1.0)
        j = int(np.argmax(ok))
        out.append(model.themes[j].theme_id if ok[j] > 0 else OTHER)
    return out
