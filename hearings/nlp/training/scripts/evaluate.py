"""Score a trained pipeline on the gold corpora, separately per written standard.

Why separately: one joint model serves bokmål and nynorsk, and the target is that nynorsk
stays within two points of bokmål, which a pooled score would hide.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import app  # noqa: F401  (repository path, lemma_lookup factory)
import spacy
from spacy.tokens import DocBin
from spacy.training import Example


def score(nlp, path: Path) -> dict:
    gold = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    started = time.perf_counter()
    scores = nlp.evaluate(examples, batch_size=64)
    elapsed = time.perf_counter() - started
    words = sum(len(doc) for doc in gold)
    per_type = scores.get("ents_per_type") or {}

    def pct(value):
        return None if value is None else round(100 * value, 2)

    return {
        "upos": pct(scores["pos_acc"]),
        "morph": pct(scores["morph_acc"]),
        "lemma": pct(scores["lemma_acc"]),
        "uas": pct(scores["dep_uas"]),
        "las": pct(scores["dep_las"]),
        "sents_f": pct(scores["sents_f"]),
        "ents_f": pct(scores["ents_f"]),
        "per_f": pct(per_type.get("PER", {}).get("f")),
        "ents_per_type": {k: pct(v["f"]) for k, v in sorted(per_type.items())},
        "words": words,
        "words_per_second": round(words / elapsed),
    }


def main(model: str, corpus: str, out: str) -> None:
    nlp = spacy.load(model)
    corpus_dir = Path(corpus)
    results = {}
    for split in ("dev", "test"):
        for standard in ("nb", "nn"):
            key = f"{split}_{standard}"
            results[key] = score(nlp, corpus_dir / f"{key}.spacy")
            print(key, json.dumps({k: v for k, v in results[key].items() if k != "ents_per_type"}))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:4])
