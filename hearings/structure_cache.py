"""One stamp for "what the response form is built from", so the form needs no query to know it.

Why: every request of a deadline rush (form page, submission) built the form from the hearing's
questions, the goals Q1 lists and the hearing's proposals with their pathways, and checked that
these were still current with three light queries per request (about a fifth of a submission's
queries). They change a few times per hearing, always through an editor's save or publication.

The stamp is a random value in the cache. Saving or deleting a question, a goal or a hearing's
proposal link, and publishing, unpublishing, moving or deleting any page, replaces it; whatever
was cached under the old stamp (questions, proposals, the blank form's copy) is then never read
again. The stamp itself lives ``PAGE_CACHE_SECONDS`` (60 s by default), so a change made
without a signal (a bulk ``update()`` in a shell, another process with a per-process cache)
shows after at most that long, the same promise the public page cache makes.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from cms import stamps

STAMP_KEY = "hearings:structure-stamp"


def structure_stamp() -> str:
    return stamps.current(STAMP_KEY)


#: What this process built or read under the current stamp, unpickled: a new stamp gives new keys,
#: so an entry here is never stale while its key is current. Values are shared by the process's
#: threads and must be treated as read-only.
_LOCAL: dict[str, object] = {}
_LOCAL_MAX = 256


def remembered(name: str, hearing_id: int, build):
    """``build()``'s value for this hearing under the current stamp: from this process, from the
    shared cache, or built (and then kept in both).

    Why the process copy: reading nine proposal pages back from the cache meant unpickling their
    bodies on every submission, about a third of the submission's CPU."""
    key = f"hearings:{name}:{hearing_id}:{structure_stamp()}"
    if key in _LOCAL:
        return _LOCAL[key]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, stamps.lifetime())
    if len(_LOCAL) >= _LOCAL_MAX:
        _LOCAL.clear()
    _LOCAL[key] = value
    return value


def forget_structure(**kwargs) -> None:
    """Signal receiver: the next request reads questions, goals and proposals afresh."""
    stamps.forget(STAMP_KEY)


def connect_signals() -> None:
    # Senders by label: the hearing page model imports the selectors, which import this module.
    for label in ("hearings.HearingQuestion", "hearings.HearingProposal", "guidelines.Goal"):
        post_save.connect(forget_structure, sender=label, dispatch_uid=f"structure-save-{label}")
        post_delete.connect(forget_structure, sender=label, dispatch_uid=f"structure-del-{label}")
    stamps.on_page_change(forget_structure, "structure")
