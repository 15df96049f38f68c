"""Turn ``training/model-best`` into the shipped pipeline directory.

Why not ``spacy package``: the application loads a plain directory with ``spacy.load(path)``
(no pip install, no network), so we only need the model directory with a complete meta.json
(name, version, training date, per-standard scores, sources, licences) and the data licence
note. The same directory is copied to the repository's ``hearings/nlp/packages/``.
"""

from __future__ import annotations

import argparse
import json
import shutil
from datetime import date
from pathlib import Path

import app  # noqa: F401  (repository path, lemma_lookup factory)
import spacy

SOURCES = [
    {
        "name": "Norwegian Dependency Treebank (NDT), NorNE release",
        "url": "https://github.com/ltgoslo/norne",
        "license": "CC0 1.0 (annotations); source texts are third-party, see NorNE documentation",
        "author": "Språkbanken / LTG Oslo; Jørgensen et al. 2020 (NorNE)",
    },
    {
        "name": "UD_Norwegian-Bokmaal (NorNE UD dev/test conversion)",
        "url": "https://github.com/UniversalDependencies/UD_Norwegian-Bokmaal",
        "license": "CC BY-SA 4.0",
        "author": "Øvrelid & Hohle 2016",
    },
    {
        "name": "UD_Norwegian-Nynorsk (NorNE UD dev/test conversion)",
        "url": "https://github.com/UniversalDependencies/UD_Norwegian-Nynorsk",
        "license": "CC BY-SA 4.0",
        "author": "Velldal, Øvrelid & Hohle 2017",
    },
]

LICENSE_DATA = """# Data licences and attribution for nb_pasientforlop

This pipeline was trained (by `hearings/nlp/training`, see `docs/pipeline.md`) on:

* **Norwegian Dependency Treebank (NDT)** with **NorNE** named-entity annotations
  (<https://github.com/ltgoslo/norne>). The NDT/NorNE annotations are released under
  **CC0 1.0** (public domain). The underlying texts are third-party and may not be
  republished as stand-alone texts; no text is shipped here, only model weights.
  NorNE: Jørgensen, Aasmoe, Ruud Jørgensen, Velldal & Øvrelid (2020), *NorNE: Annotating
  Named Entities for Norwegian*, LREC 2020.
* **Universal Dependencies** conversions of NDT, in the version distributed with NorNE:
  **UD_Norwegian-Bokmaal** (Øvrelid & Hohle 2016, *Universal Dependencies for Norwegian*,
  LREC 2016) and **UD_Norwegian-Nynorsk** (Velldal, Øvrelid & Hohle 2017, *Joint UD parsing
  of Norwegian Bokmål and Nynorsk*, NoDaLiDa 2017). Licence: **CC BY-SA 4.0**
  (<https://creativecommons.org/licenses/by-sa/4.0/>).

The UD dev files were used as gold training data (most of them), to learn the NDT→UD mapping
that labelled the NDT train split, and as held-out data; the UD test files only for evaluation.

## Share-alike consequence

Because the model was trained on CC BY-SA 4.0 material, the trained pipeline (this directory)
is distributed under **CC BY-SA 4.0** as well, to be safe: if you redistribute it or a model
derived from it, give the attribution above and license it under CC BY-SA 4.0 (or a compatible
licence). This covers the model files only; the application code that *uses* the model keeps
its own licence (MIT).
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", type=Path)
    ap.add_argument("metrics", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("ship", type=Path)
    ap.add_argument("--name", default="pasientforlop")
    ap.add_argument("--version", default="0.1.0")
    ap.add_argument("--training-note", default="", help="how long and how it was trained")
    args = ap.parse_args()

    nlp = spacy.load(args.model)
    scores = json.loads((args.metrics / "scores.json").read_text(encoding="utf-8"))
    convert = {}
    if (args.metrics / "convert.json").exists():
        convert = json.loads((args.metrics / "convert.json").read_text(encoding="utf-8"))
    meta = nlp.meta
    meta.update(
        {
            "name": args.name,
            "version": args.version,
            "description": (
                "Joint Norwegian bokmål + nynorsk pipeline (CNN, no vectors): morphologizer, "
                "edit-tree lemmatizer with per-standard lemma tables, parser (sentences, noun "
                "chunks), NorNE NER."
            ),
            "author": "pasientforlop project (hearings/nlp/training)",
            "license": "CC BY-SA 4.0",
            "trained": date.today().isoformat(),
            "training": args.training_note,
            "sources": SOURCES,
            "scores_per_standard": {
                "evaluation": "NorNE UD test files (raw text, spaCy Scorer), per written standard",
                "nb": scores.get("test_nb"),
                "nn": scores.get("test_nn"),
                "heldout_dev_nb": scores.get("dev_nb"),
                "heldout_dev_nn": scores.get("dev_nn"),
            },
            "ndt_to_ud_mapping": convert,
        }
    )
    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.to_disk(args.out)
    (args.out / "LICENSE-DATA.md").write_text(LICENSE_DATA, encoding="utf-8")
    if args.ship.exists():
        shutil.rmtree(args.ship)
    shutil.copytree(args.out, args.ship)
    size = sum(p.stat().st_size for p in args.ship.rglob("*") if p.is_file())
    print(f"shipped {args.ship} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
