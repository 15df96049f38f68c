"""Evaluate a spaCy pipeline on the NorNE UD test sets (bokmål and nynorsk).

Why a plain module: the ``evaluate_pipeline`` management command is a thin wrapper around
:func:`evaluate`, so the evaluation can run (and be tested) without a configured Django project.
The scoring follows ``spacy evaluate``: raw text in, spaCy's Scorer against the gold
annotation, 10 sentences per document so that sentence splitting is exercised.
"""

from __future__ import annotations

import time
from pathlib import Path

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

SENTS_PER_DOC = 10
STANDARDS = {"nb": "nob", "nn": "nno"}


def _read_conllu(path: Path) -> list[list[list[str]]]:
    sents, rows = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if rows:
                sents.append(rows)
            rows = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                rows.append(cols)
    if rows:
        sents.append(rows)
    return sents


def _name_tag(misc: str) -> str:
    for part in misc.split("|"):
        if part.startswith("name="):
            return part[5:]
    return "O"


def gold_docs(nlp: Language, path: Path) -> list[Doc]:
    """Gold Docs from a NorNE UD .conllu file (NER from ``name=`` in MISC)."""
    docs = []
    sents = _read_conllu(path)
    for start in range(0, len(sents), SENTS_PER_DOC):
        words, spaces, lemmas, pos, morphs, heads, deps, ents = ([] for _ in range(8))
        for rows in sents[start : start + SENTS_PER_DOC]:
            offset = len(words)
            for k, c in enumerate(rows):
                words.append(c[1])
                spaces.append("SpaceAfter=No" not in c[9] or k == len(rows) - 1)
                lemmas.append(c[2])
                pos.append(c[3])
                morphs.append("" if c[5] == "_" else c[5])
                head = int(c[6])
                heads.append(offset + k if head == 0 else offset + head - 1)
                deps.append("ROOT" if head == 0 else c[7])
                ents.append(_name_tag(c[9]))
        spaces[-1] = False
        docs.append(
            Doc(
                nlp.vocab,
                words=words,
                spaces=spaces,
                lemmas=lemmas,
                pos=pos,
                morphs=morphs,
                heads=heads,
                deps=deps,
                ents=ents,
            )
        )
    return docs


def find_test_file(data_dir: Path, standard: str) -> Path:
    folder = Path(data_dir) / "norne" / "ud" / STANDARDS[standard]
    found = sorted(folder.glob("*test.conllu"))
    if not found:
        raise FileNotFoundError(f"no *test.conllu under {folder}")
    return found[0]


def score_docs(nlp: Language, gold: list[Doc]) -> dict:
    """Run ``nlp`` over the raw texts of ``gold`` and return the headline scores (in %)."""
    started = time.perf_counter()
    predicted = list(nlp.pipe((doc.text for doc in gold), batch_size=64))
    elapsed = time.perf_counter() - started
    examples = [Example(pred, doc) for pred, doc in zip(predicted, gold, strict=True)]
    scores = Scorer(nlp).score(examples)
    if scores.get("lemma_acc") is None:
        # Components without a scorer (the simplemma fallback) still get a lemma figure.
        scores.update(Scorer.score_token_attr(examples, "lemma"))
    words = sum(len(doc) for doc in gold)
    per_type = scores.get("ents_per_type") or {}

    def pct(value):
        return None if value is None else round(100 * value, 2)

    return {
        "upos": pct(scores.get("pos_acc")),
        "morph": pct(scores.get("morph_acc")),
        "lemma": pct(scores.get("lemma_acc")),
        "uas": pct(scores.get("dep_uas")),
        "las": pct(scores.get("dep_las")),
        "sents_f": pct(scores.get("sents_f")),
        "ents_f": pct(scores.get("ents_f")),
        "per_f": pct(per_type.get("PER", {}).get("f")),
        "ents_per_type": {k: pct(v["f"]) for k, v in sorted(per_type.items())},
        "words": words,
        "words_per_second": round(words / elapsed) if elapsed else None,
    }


def evaluate(nlp: Language, data_dir: Path) -> dict:
    """Scores per written standard: ``{"nb": {...}, "nn": {...}}``."""
    return {
        standard: score_docs(nlp, gold_docs(nlp, find_test_file(data_dir, standard)))
        for standard in STANDARDS
    }


COLUMNS = [
    ("UPOS", "upos"),
    ("morph", "morph"),
    ("lemma", "lemma"),
    ("UAS", "uas"),
    ("LAS", "las"),
    ("sents F", "sents_f"),
    ("ents F", "ents_f"),
    ("PER F", "per_f"),
    ("words/s", "words_per_second"),
]


def format_table(results: dict) -> str:
    """A plain-text table, one row per standard."""
    header = "standard  " + "  ".join(f"{label:>8}" for label, _ in COLUMNS)
    lines = [header, "-" * len(header)]
    for standard, scores in results.items():
        cells = []
        for _, key in COLUMNS:
            value = scores.get(key)
            cells.append(f"{'-' if value is None else value:>8}")
        lines.append(f"{standard:<8}  " + "  ".join(cells))
    return "\n".join(lines)
