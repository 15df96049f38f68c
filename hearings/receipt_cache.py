"""The receipt of a new submission, kept from the submission itself for the redirect that follows.

Why: the browser that submits a response is sent straight to its receipt page, which read the
response, its answers and its comments back from the database (three queries, a fifth of a
deadline rush's queries per submission) to show what the submission had just written. The
submission keeps those rows in the cache once they are committed; the receipt uses them when
the link's key still matches, and reads the database otherwise.

Only a response created by the submission is kept (its rows are exactly what was sent), and
only one without an attachment (whose text is read afterwards, and the receipt must say if that
failed). Any later save or deletion of the response, one of its answers or comments forgets the
entry (signals below), and an entry lives ``LIFETIME`` seconds at most, so a change made without
a signal, or in another process when the cache is not shared, shows on the receipt after that
long. Comments are kept as the few values the receipt
shows (pathway title, section heading, text), not as page objects.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

#: The redirect to the receipt follows the submission at once; a later visit reads the database.
LIFETIME = 60


def _key(response_id: int) -> str:
    return f"hearings:receipt:{response_id}"


def remember_receipt(*, response, answers: list, comments: list[dict]) -> None:
    entry = {"link_key": response.link_key, "response": response}
    entry.update(answers=answers, comments=comments)
    cache.set(_key(response.pk), entry, LIFETIME)


def cached_receipt(*, response_id, link_key: str) -> dict | None:
    """``{"response", "answers", "comments"}`` of a kept receipt whose link still holds."""
    entry = cache.get(_key(response_id)) if isinstance(response_id, int) else None
    if entry is None or entry["link_key"] != link_key:
        return None
    return entry


def forget_receipt(*, response_id) -> None:
    cache.delete(_key(response_id))


def _response_changed(sender, instance, **kwargs) -> None:
    forget_receipt(response_id=instance.pk)


def _row_changed(sender, instance, **kwargs) -> None:
    forget_receipt(response_id=instance.response_id)


def connect_signals() -> None:
    response = "hearings.Response"
    post_save.connect(_response_changed, sender=response, dispatch_uid="receipt-response-save")
    post_delete.connect(_response_changed, sender=response, dispatch_uid="receipt-response-del")
    for label in ("hearings.Answer", "hearings.PathwayComment"):
        post_save.connect(_row_changed, sender=label, dispatch_uid=f"receipt-save-{label}")
        post_delete.connect(_row_changed, sender=label, dispatch_uid=f"receipt-del-{label}")
