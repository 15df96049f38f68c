"""Build the spaCy training corpora from NDT (train) and NorNE UD (dev/test).

Why this exists: the UD *train* .conllu files are not available here, only the full NDT
treebank (NDT tagset and relations, NorNE NER) plus the NorNE UD dev/test files. We learn
the NDT -> UD mapping (UPOS+FEATS, head, relation) with linear classifiers on the *aligned
dev* sentences and apply it to the NDT train split ("silver" UD). Test is never read here
except to convert it for the final evaluation.

Outputs (in ``--out``):
  train.spacy      silver NDT train (nob + nno) + gold UD dev minus the held-out slice
  dev.spacy        held-out gold UD dev slice (both standards), used for early stopping
  dev_nb.spacy, dev_nn.spacy, test_nb.spacy, test_nn.spacy   per-standard gold files
  raw_text.txt     training texts, one sentence per line (for optional static vectors)
and ``--metrics``/convert.json with the mapping accuracy measured on the held-out dev slice.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import spacy
from sklearn.feature_extraction import DictVectorizer
from sklearn.svm import LinearSVC
from spacy.tokens import Doc, DocBin

LANGS = {"nb": "nob", "nn": "nno"}
UD_NAMES = {"nob": "no_bokmaal", "nno": "no_nynorsk"}
SENTS_PER_DOC = 10
HELDOUT_EVERY = 4  # every 4th dev file (by sorted name) is held out for early stopping
MAX_PATH = 4
NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "»", "...", "%", "”"}
NO_SPACE_AFTER = {"(", "«", "“"}


@dataclass
class Sent:
    """One sentence; NDT columns and (when known) UD columns, 1-based heads."""

    words: list[str]
    lemmas: list[str]
    ner: list[str]
    ndt_pos: list[str] = field(default_factory=list)
    ndt_feats: list[str] = field(default_factory=list)
    ndt_heads: list[int] = field(default_factory=list)
    ndt_deps: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    feats: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    spaces: list[bool] | None = None
    text: str = ""


def _blocks(path: Path):
    block: list[list[str]] = []
    comments: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if block:
                yield comments, block
            block, comments = [], []
        elif line.startswith("#"):
            comments.append(line)
        else:
            block.append(line.split("\t"))
    if block:
        yield comments, block


def _ner_tag(misc: str) -> str:
    for part in misc.split("|"):
        if part.startswith("name="):
            return part[5:]
    return "O"


def read_ndt(path: Path) -> list[Sent]:
    """Read an NDT file, dropping '|' paragraph tokens and the extra abbreviation '.'."""
    sents = []
    for _, rows in _blocks(path):
        rows = [r for r in rows if len(r) >= 10]
        keep = []
        for i, r in enumerate(rows):
            if r[1] == "|" and r[2] == "$|":
                continue
            if (
                i == len(rows) - 1
                and r[1] == "."
                and keep
                and rows[keep[-1]][1].endswith(".")
                and len(rows[keep[-1]][1]) > 1
            ):
                continue
            keep.append(i)
        if not keep:
            continue
        old2new = {int(rows[i][0]): n + 1 for n, i in enumerate(keep)}
        old_heads = {int(r[0]): int(r[6]) for r in rows}

        def remap(h: int, old2new=old2new, old_heads=old_heads) -> int:
            seen = set()
            while h and h not in old2new and h not in seen:
                seen.add(h)
                h = old_heads.get(h, 0)
            return old2new.get(h, 0)

        s = Sent(words=[], lemmas=[], ner=[])
        for i in keep:
            r = rows[i]
            s.words.append(r[1])
            s.lemmas.append(r[2])
            s.ner.append(_ner_tag(r[9]))
            s.ndt_pos.append(r[3])
            s.ndt_feats.append(r[5])
            s.ndt_heads.append(remap(int(r[6])))
            s.ndt_deps.append(r[7])
        # A removed token may have been the root: make sure there is exactly one root.
        roots = [i for i, h in enumerate(s.ndt_heads) if h == 0]
        if not roots:
            s.ndt_heads[0] = 0
        sents.append(s)
    return sents


def read_ud(path: Path) -> list[Sent]:
    sents = []
    for comments, rows in _blocks(path):
        rows = [r for r in rows if r[0].isdigit()]
        s = Sent(words=[], lemmas=[], ner=[], spaces=[])
        for c in comments:
            if c.startswith("# text ="):
                s.text = c.split("=", 1)[1].strip()
        for r in rows:
            s.words.append(r[1])
            s.lemmas.append(r[2])
            s.upos.append(r[3])
            s.feats.append("" if r[5] == "_" else r[5])
            s.heads.append(int(r[6]))
            s.deps.append(r[7])
            s.ner.append(_ner_tag(r[9]))
            s.spaces.append("SpaceAfter=No" not in r[9])
        sents.append(s)
    return sents


def guess_spaces(words: list[str]) -> list[bool]:
    """NDT has no spacing information; reconstruct the usual typographic spacing."""
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        spaces.append(not (nxt in NO_SPACE_BEFORE or w in NO_SPACE_AFTER))
    return spaces


# ---------------------------------------------------------------- NDT tree helpers


def children(heads: list[int]) -> dict[int, list[int]]:
    ch: dict[int, list[int]] = defaultdict(list)
    for i, h in enumerate(heads, start=1):
        ch[h].append(i)
    return ch


def path_label(s: Sent, ch, t: int, target: int) -> str:
    """Describe the UD head of token t as a path in the NDT tree (1-based, 0 = root)."""
    if target == 0:
        return "ROOT"
    prev: dict[int, tuple[int, str]] = {t: (-1, "")}
    queue = deque([t])
    while queue:
        x = queue.popleft()
        if x == target:
            break
        moves = []
        if x != 0:
            moves.append((s.ndt_heads[x - 1], "U"))
        for c in ch.get(x, []):
            dep = s.ndt_deps[c - 1]
            same = sorted((d for d in ch[x] if s.ndt_deps[d - 1] == dep), key=lambda d: abs(d - t))
            rank = same.index(c)
            moves.append((c, f"D{dep}" + (f"@{rank}" if rank else "")))
        for y, m in moves:
            if y not in prev:
                prev[y] = (x, m)
                queue.append(y)
    if target not in prev:
        return "FAR"
    steps = []
    x = target
    while x != t:
        x, m = prev[x][0], prev[x][1]
        steps.append(m)
        x = x
    steps.reverse()
    return ".".join(steps) if len(steps) <= MAX_PATH else "FAR"


def follow(s: Sent, ch, t: int, label: str) -> int | None:
    if label == "ROOT":
        return 0
    if label == "FAR":
        return None
    x = t
    for m in label.split("."):
        if m == "U":
            if x == 0:
                return None
            x = s.ndt_heads[x - 1]
        else:
            dep, _, rank = m[1:].partition("@")
            same = sorted(
                (d for d in ch.get(x, []) if s.ndt_deps[d - 1] == dep), key=lambda d: abs(d - t)
            )
            r = int(rank) if rank else 0
            if r >= len(same):
                return None
            x = same[r]
    return None if x == t else x


# ---------------------------------------------------------------- features


def tok_feats(s: Sent, ch, i: int, prefix: str) -> dict:
    """NDT-side features of 1-based token i."""
    if i == 0:
        return {prefix + "root": 1}
    w = s.words[i - 1]
    f = {
        prefix + "p=" + s.ndt_pos[i - 1]: 1,
        prefix + "d=" + s.ndt_deps[i - 1]: 1,
        prefix + "l=" + s.lemmas[i - 1].lower(): 1,
        prefix + "pf=" + s.ndt_pos[i - 1] + "|" + s.ndt_feats[i - 1]: 1,
        prefix + "pd=" + s.ndt_pos[i - 1] + "|" + s.ndt_deps[i - 1]: 1,
    }
    for part in s.ndt_feats[i - 1].split("|"):
        f[prefix + "f=" + part] = 1
    if prefix == "":
        f["w=" + w.lower()] = 1
        f["suf=" + w.lower()[-3:]] = 1
        f["cap"] = int(w[:1].isupper())
        f["first"] = int(i == 1)
    return f


def token_features(s: Sent, ch, i: int) -> dict:
    f = tok_feats(s, ch, i, "")
    h = s.ndt_heads[i - 1]
    f.update(tok_feats(s, ch, h, "h."))
    if h:
        f.update(tok_feats(s, ch, s.ndt_heads[h - 1], "g."))
        f["dir=" + ("L" if h < i else "R")] = 1
        f["hd+d=" + s.ndt_deps[h - 1] + "|" + s.ndt_deps[i - 1]] = 1
    for c in ch.get(i, []):
        f["c.d=" + s.ndt_deps[c - 1]] = 1
        f["c.pd=" + s.ndt_pos[c - 1] + "|" + s.ndt_deps[c - 1]] = 1
        if s.ndt_pos[c - 1] in ("verb", "prep", "sbu", "inf-merke", "konj"):
            f["c.l=" + s.lemmas[c - 1].lower() + "|" + s.ndt_deps[c - 1]] = 1
    for off in (-1, 1):
        j = i + off
        if 1 <= j <= len(s.words):
            f[f"n{off}.p=" + s.ndt_pos[j - 1]] = 1
            f[f"n{off}.l=" + s.lemmas[j - 1].lower()] = 1
    return f


def label_features(s: Sent, ch, i: int, head: int, head_upos: str, upos: str, path: str) -> dict:
    f = token_features(s, ch, i)
    f["path=" + path] = 1
    f["upos=" + upos] = 1
    f["hupos=" + head_upos] = 1
    f["upos+h=" + upos + "|" + head_upos] = 1
    f["udir=" + ("root" if head == 0 else "L" if head < i else "R")] = 1
    if head:
        f.update(tok_feats(s, ch, head, "uh."))
    return f


# ---------------------------------------------------------------- mapping model


class Mapper:
    """Three linear classifiers: UPOS|FEATS, head path, UD relation."""

    def fit(self, sents: list[Sent]) -> Mapper:
        Xt, yt, Xp, yp, Xl, yl = [], [], [], [], [], []
        for s in sents:
            ch = children(s.ndt_heads)
            for i in range(1, len(s.words) + 1):
                tf = token_features(s, ch, i)
                Xt.append(tf)
                yt.append(s.upos[i - 1] + "\t" + s.feats[i - 1])
                Xp.append(tf)
                yp.append(path_label(s, ch, i, s.heads[i - 1]))
                h = s.heads[i - 1]
                Xl.append(
                    label_features(
                        s, ch, i, h, s.upos[h - 1] if h else "ROOT", s.upos[i - 1], yp[-1]
                    )
                )
                yl.append(s.deps[i - 1])
        self.far_rate = yp.count("FAR") / len(yp)
        self.tag = self._train(Xt, yt)
        self.path = self._train(Xp, yp)
        self.lab = self._train(Xl, yl)
        return self

    @staticmethod
    def _train(X, y):
        vec = DictVectorizer()
        clf = LinearSVC(C=0.5, max_iter=3000)
        clf.fit(_int32(vec.fit_transform(X)), y)
        return vec, clf

    def predict(self, s: Sent) -> bool:
        """Fill s.upos/feats/heads/deps; return False if no valid tree could be built."""
        ch = children(s.ndt_heads)
        n = len(s.words)
        feats = [token_features(s, ch, i) for i in range(1, n + 1)]
        vec, clf = self.tag
        tags = clf.predict(_int32(vec.transform(feats)))
        s.upos = [str(t).split("\t")[0] for t in tags]
        s.feats = [str(t).split("\t")[1] for t in tags]
        vec, clf = self.path
        scores = clf.decision_function(_int32(vec.transform(feats)))
        if scores.ndim == 1:
            scores = scores[:, None]
        heads, paths = [], []
        for i in range(1, n + 1):
            order = np.argsort(-scores[i - 1])
            chosen = None
            for k in order[:10]:
                lab = clf.classes_[k]
                h = follow(s, ch, i, lab)
                if h is not None:
                    chosen = (h, lab)
                    break
            if chosen is None:
                chosen = (s.ndt_heads[i - 1], "U")
            heads.append(chosen[0])
            paths.append(str(chosen[1]))
        s.heads = heads
        vec, clf = self.lab
        lf = [
            label_features(
                s,
                ch,
                i,
                heads[i - 1],
                s.upos[heads[i - 1] - 1] if heads[i - 1] else "ROOT",
                s.upos[i - 1],
                paths[i - 1],
            )
            for i in range(1, n + 1)
        ]
        s.deps = [str(d) for d in clf.predict(_int32(vec.transform(lf)))]
        for i, h in enumerate(heads):
            if h == 0:
                s.deps[i] = "root"
            elif s.deps[i] == "root":
                s.deps[i] = "dep"
        return is_tree(heads)


def _int32(m):
    """liblinear only accepts 32-bit sparse indices."""
    m.indices = m.indices.astype(np.int32)
    m.indptr = m.indptr.astype(np.int32)
    return m


def is_tree(heads: list[int]) -> bool:
    if sum(1 for h in heads if h == 0) != 1:
        return False
    for i in range(1, len(heads) + 1):
        seen = set()
        x = i
        while x != 0:
            if x in seen:
                return False
            seen.add(x)
            x = heads[x - 1]
    return True


# ---------------------------------------------------------------- Doc building


def to_doc(vocab, sents: list[Sent], with_syntax: bool = True) -> Doc:
    words, spaces, lemmas, pos, morphs, heads, deps, ents = [], [], [], [], [], [], [], []
    for s in sents:
        offset = len(words)
        sp = s.spaces if s.spaces is not None else guess_spaces(s.words)
        words += s.words
        spaces += sp[:-1] + [True]
        lemmas += s.lemmas
        pos += s.upos
        morphs += s.feats
        for i, (h, d) in enumerate(zip(s.heads, s.deps, strict=True)):
            heads.append(offset + i if h == 0 else offset + h - 1)
            deps.append("ROOT" if h == 0 else d)
        ents += s.ner
    spaces[-1] = False
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        lemmas=lemmas,
        pos=pos,
        morphs=morphs,
        heads=heads if with_syntax else None,
        deps=deps if with_syntax else None,
        ents=ents,
    )


def group_docs(vocab, sents: list[Sent]) -> list[Doc]:
    return [
        to_doc(vocab, sents[i : i + SENTS_PER_DOC]) for i in range(0, len(sents), SENTS_PER_DOC)
    ]


def save(docs: list[Doc], path: Path) -> None:
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    print(f"  wrote {path} ({len(docs)} docs, {sum(len(d) for d in docs)} tokens)")


def mapping_accuracy(mapper: Mapper, gold: list[Sent]) -> dict:
    n = tag = upos = uas = las = 0
    bad_trees = 0
    for g in gold:
        s = Sent(
            words=g.words,
            lemmas=g.lemmas,
            ner=g.ner,
            ndt_pos=g.ndt_pos,
            ndt_feats=g.ndt_feats,
            ndt_heads=g.ndt_heads,
            ndt_deps=g.ndt_deps,
        )
        bad_trees += not mapper.predict(s)
        for i in range(len(g.words)):
            n += 1
            upos += s.upos[i] == g.upos[i]
            tag += s.upos[i] == g.upos[i] and s.feats[i] == g.feats[i]
            uas += s.heads[i] == g.heads[i]
            las += s.heads[i] == g.heads[i] and s.deps[i] == g.deps[i]
    return {
        "tokens": n,
        "upos": round(100 * upos / n, 2),
        "upos_feats": round(100 * tag / n, 2),
        "uas": round(100 * uas / n, 2),
        "las": round(100 * las / n, 2),
        "invalid_trees": bad_trees,
        "sentences": len(gold),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--metrics", required=True, type=Path)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    args.metrics.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("nb")
    train_docs: list[Doc] = []
    dev_docs: list[Doc] = []
    raw_lines: list[str] = []
    report: dict = {}
    for short, lang in LANGS.items():
        t0 = time.time()
        norne = args.data / "norne"
        splits = {}
        for line in (norne / "ndt" / f"splits_{lang}.tsv").read_text().splitlines()[1:]:
            name, split = line.split("\t")[:2]
            splits[name] = split
        ud_dev = read_ud(norne / "ud" / lang / f"{UD_NAMES[lang]}-ud-dev.conllu")
        ud_test = read_ud(norne / "ud" / lang / f"{UD_NAMES[lang]}-ud-test.conllu")
        by_words: dict[tuple, deque] = defaultdict(deque)
        for k, s in enumerate(ud_dev):
            by_words[tuple(s.words)].append(k)
        dev_files = sorted(f for f, sp in splits.items() if sp == "dev")
        heldout_files = set(dev_files[HELDOUT_EVERY - 1 :: HELDOUT_EVERY])
        aligned_fit, aligned_held = [], []
        used: set[int] = set()
        held_ids: set[int] = set()
        for fname in dev_files:
            for s in read_ndt(norne / "ndt" / lang / fname):
                q = by_words.get(tuple(s.words))
                if not q:
                    continue
                k = q.popleft()
                used.add(k)
                g = ud_dev[k]
                s.upos, s.feats, s.heads, s.deps = g.upos, g.feats, g.heads, g.deps
                if fname in heldout_files:
                    aligned_held.append(s)
                    held_ids.add(k)
                else:
                    aligned_fit.append(s)
        print(
            f"[{lang}] dev aligned: {len(used)}/{len(ud_dev)} sentences; "
            f"fit {len(aligned_fit)}, held-out {len(aligned_held)}"
        )
        mapper = Mapper().fit(aligned_fit)
        acc = mapping_accuracy(mapper, aligned_held)
        acc["far_path_rate"] = round(100 * mapper.far_rate, 3)
        print(f"[{lang}] NDT->UD mapping on held-out dev: {acc}")
        # Silver train.
        silver: list[Sent] = []
        dropped = 0
        for fname in sorted(f for f, sp in splits.items() if sp == "train"):
            file_sents = []
            for s in read_ndt(norne / "ndt" / lang / fname):
                if mapper.predict(s):
                    file_sents.append(s)
                else:
                    dropped += 1
            silver.extend(file_sents)
            train_docs.extend(group_docs(nlp.vocab, file_sents))
        raw_lines += [" ".join(s.words) for s in silver]
        gold_train = [s for k, s in enumerate(ud_dev) if k not in held_ids]
        gold_held = [s for k, s in enumerate(ud_dev) if k in held_ids]
        train_docs.extend(group_docs(nlp.vocab, gold_train))
        held_docs = group_docs(nlp.vocab, gold_held)
        dev_docs.extend(held_docs)
        save(held_docs, args.out / f"dev_{short}.spacy")
        save(group_docs(nlp.vocab, ud_test), args.out / f"test_{short}.spacy")
        raw_lines += [" ".join(s.words) for s in gold_train]
        report[short] = {
            "mapping_on_heldout_dev": acc,
            "silver_train_sentences": len(silver),
            "silver_dropped_invalid_trees": dropped,
            "gold_dev_sentences_in_train": len(gold_train),
            "gold_dev_sentences_heldout": len(gold_held),
            "seconds": round(time.time() - t0, 1),
        }
        print(f"[{lang}] {report[short]}")
    random.Random(0).shuffle(train_docs)
    save(train_docs, args.out / "train.spacy")
    save(dev_docs, args.out / "dev.spacy")
    (args.out / "raw_text.txt").write_text("\n".join(raw_lines) + "\n", encoding="utf-8")
    (args.metrics / "convert.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    counts = Counter(lab for d in train_docs for lab in (t.dep_ for t in d))
    print(f"dependency labels in train: {len(counts)}")


if __name__ == "__main__":
    main()
