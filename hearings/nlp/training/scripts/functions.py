"""Training helpers loaded with ``--code``: a wall-clock budget for ``spacy train``.

Why: this machine is shared and retraining must finish in a bounded time. spaCy has no
time-based stop, but its training loop saves ``model-last`` (and has already saved
``model-best`` at each improving evaluation) when an exception escapes an update. The
``before_update`` callback below raises :class:`TimeBudgetReached` once the budget is spent;
``scripts/train.py`` treats that as a normal end of training.
"""

from __future__ import annotations

import time

from spacy.util import registry


class TimeBudgetReached(Exception):
    """Raised from ``before_update`` when the training time budget is used up."""


@registry.callbacks("pasientforlop.time_budget.v1")
def time_budget(minutes: float = 60.0):
    start = time.monotonic()

    def before_update(nlp, args):
        if minutes and time.monotonic() - start > minutes * 60:
            raise TimeBudgetReached(
                f"time budget of {minutes} min reached at step {args.get('step')}"
            )

    return before_update


@registry.callbacks("pasientforlop.restore_lemmatizer_labels.v1")
def restore_lemmatizer_labels():
    """Rebuild the edit-tree lemmatizer's tree->label index after it was sourced from disk.

    Why: spaCy 3.8's ``EditTreeLemmatizer.from_disk`` restores ``cfg["labels"]`` and the trees
    but not the ``tree2label`` index (only ``initialize`` builds it). A sourced lemmatizer then
    maps every gold lemma to label 0 while training and its accuracy collapses (96% -> 55% after
    1,000 steps). Used by the ``continue`` command as ``[nlp] after_pipeline_creation``.
    """

    def after_init(nlp):
        for name, pipe in nlp.pipeline:
            if hasattr(pipe, "tree2label") and "labels" in getattr(pipe, "cfg", {}):
                pipe.tree2label = {tree: i for i, tree in enumerate(pipe.cfg["labels"])}
                print(f"restored {len(pipe.tree2label)} edit-tree labels for {name}", flush=True)
        return nlp

    return after_init
