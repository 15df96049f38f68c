"""Group identical and near-identical texts (campaign letters, copy-paste answers).

Why: a campaign can submit the same letter hundreds of times, lightly edited. Reviewers must see
it as one position with a count, not as hundreds of independent answers, and the figures per
goal must be traceable to both views.

How (deterministic, scales to 100k+ texts):

1. normalise (Unicode NFKC, lower case, punctuation removed, whitespace collapsed) and group
   texts with the same normalised form by hash ("exact" duplicates);
2. for one representative per exact group: word 3-shingles (character 5-grams for very short
   texts) -> MinHash signature with ``num_perm`` fixed-seed hash permutations -> LSH with
   ``bands`` x ``rows`` so that pairs with Jaccard around the threshold collide with high
   probability;
3. candidates within a bucket are verified against the bucket's first member by the estimated
   Jaccard (share of equal signature slots) >= ``threshold`` (default 0.8) and joined with a
   union-find; comparing to one anchor per bucket keeps a 5,000-copy campaign linear.

Group ids, canonical members and member order depend only on the input order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_PUNCT_RE = re.compile(r"[^\w\s]+", re.UNICODE)
_WS_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class DuplicateGroup:
    """Texts judged the same letter; ``canonical`` is an index into the input."""

    group_id: str
    canonical: int
    members: list[int]
    kind: str  # "exact" (all normalised-identical) or "near"
    size: int


@dataclass(frozen=True)
class DuplicateResult:
    groups: list[DuplicateGroup]
    group_of: list[str | None]  # per input text: its group id, None when unique

    def canonical_of(self, index: int) -> int:
        gid = self.group_of[index]
        if gid is None:
            return index
        return self._by_id()[gid].canonical

    def _by_id(self) -> dict[str, DuplicateGroup]:
        return {g.group_id: g for g in self.groups}


def normalise(text: str) -> str:
    """The form two texts must share to count as exact duplicates."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = _PUNCT_RE.sub(" ", text)
    return _WS_RE.sub(" ", text).strip()


def shingles(norm: str, k: int = 3, char_k: int = 5) -> set[str]:
    words = norm.split()
    if len(words) >= k + 2:
        return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}
    return {norm[i : i + char_k] for i in range(max(1, len(norm) - char_k + 1))}


class MinHasher:
    """MinHash signatures with fixed-seed multiply-shift hashing of CRC32 shingle hashes."""

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
        self.b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)

    def signatures(self, shingle_sets: Sequence[set[str]]) -> np.ndarray:
        """(n, num_perm) uint32 signatures, computed in chunks with ``minimum.reduceat``."""
        n = len(shingle_sets)
        sigs = np.empty((n, self.num_perm), dtype=np.uint32)
        chunk = 2000
        for lo in range(0, n, chunk):
            sets = shingle_sets[lo : lo + chunk]
            hashes = [
                np.fromiter(
                    (zlib.crc32(s.encode("utf-8")) for s in sh), dtype=np.uint64, count=len(sh)
                )
                if sh
                else np.zeros(1, dtype=np.uint64)
                for sh in sets
            ]
            lengths = np.array([len(h) for h in hashes])
            flat = np.concatenate(hashes)
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            for p in range(self.num_perm):
                # multiply-shift hashing: (a*x + b) mod 2^64, keep the high 32 bits
                v = (self.a[p] * flat + self.b[p]) >> np.uint64(32)
                sigs[lo : lo + len(sets), p] = np.minimum.reduceat(v, offsets).astype(np.uint32)
        return sigs


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            if ry < rx:
                rx, ry = ry, rx
            self.parent[ry] = rx  # the smaller index stays root: order-stable


def find_duplicates(
    texts: Sequence[str],
    threshold: float = 0.8,
    num_perm: int = 128,
    bands: int = 16,
    min_words: int = 5,
) -> DuplicateResult:
    """Group exact and near duplicates; unique texts get ``None`` in ``group_of``.

    Texts with fewer than ``min_words`` words are only grouped when exactly identical (short
    answers like "Ingen merknader." are common and not a campaign).
    """
    if num_perm % bands:
        raise ValueError("num_perm must be divisible by bands")
    rows = num_perm // bands
    norms = [normalise(t) for t in texts]
    exact: dict[str, list[int]] = {}
    for i, norm in enumerate(norms):
        key = hashlib.blake2b(norm.encode("utf-8"), digest_size=16).hexdigest()
        exact.setdefault(key, []).append(i)
    reps = [members[0] for members in exact.values()]  # insertion order = input order
    uf = _UnionFind(len(texts))
    for members in exact.values():
        for m in members[1:]:
            uf.union(members[0], m)

    near_reps = [r for r in reps if len(norms[r].split()) >= min_words]
    if len(near_reps) > 1:
        sigs = MinHasher(num_perm).signatures([shingles(norms[r]) for r in near_reps])
        for band in range(bands):
            block = np.ascontiguousarray(sigs[:, band * rows : (band + 1) * rows])
            keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
            buckets: dict[bytes, list[int]] = {}
            for j, key in enumerate(keys):
                buckets.setdefault(key.tobytes(), []).append(j)
            for bucket in buckets.values():
                if len(bucket) < 2:
                    continue
                anchor = bucket[0]
                sim = (sigs[bucket[1:]] == sigs[anchor]).mean(axis=1)
                for j, s in zip(bucket[1:], sim, strict=True):
                    if s >= threshold:
                        uf.union(near_reps[anchor], near_reps[j])

    clusters: dict[int, list[int]] = {}
    for i in range(len(texts)):
        clusters.setdefault(uf.find(i), []).append(i)
    exact_count = {members[0]: len(members) for members in exact.values()}
    rep_of = {m: members[0] for members in exact.values() for m in members}
    groups: list[DuplicateGroup] = []
    group_of: list[str | None] = [None] * len(texts)
    for members in sorted((m for m in clusters.values() if len(m) > 1), key=lambda m: m[0]):
        canonical = max(members, key=lambda i: (exact_count.get(rep_of[i], 0), -i))
        kind = "exact" if len({rep_of[i] for i in members}) == 1 else "near"
        gid = f"D{len(groups) + 1}"
        groups.append(DuplicateGroup(gid, canonical, members, kind, len(members)))
        for i in members:
            group_of[i] = gid
    return DuplicateResult(groups, group_of)
