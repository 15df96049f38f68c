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
