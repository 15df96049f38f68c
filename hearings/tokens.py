"""Signed, expiring, single-purpose links for respondents. Each purpose has its own salt."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

EDIT_SALT = "hearings.response.edit"
RECEIPT_SALT = "hearings.response.receipt"


class InvalidLink(Exception):
    pass


def _max_age() -> int:
    return settings.RESPONSE_LINK_MAX_AGE_DAYS * 24 * 3600


def make_token(*, response, salt: str) -> str:
    return signing.TimestampSigner(salt=salt).sign_object(
        {"r": response.pk, "h": response.hearing_id, "k": response.link_key}, compress=True
    )


def read_token(*, token: str, salt: str, hearing_id: int):
    """The response a link points to; raises InvalidLink when forged, expired or revoked."""
    from .models import Response

    try:
        data = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=_max_age())
    except signing.BadSignature as error:  # includes SignatureExpired
        raise InvalidLink(str(error)) from error
    if not isinstance(data, dict) or data.get("h") != hearing_id:
        raise InvalidLink("wrong hearing")
    response = Response.objects.filter(pk=data.get("r"), hearing_id=hearing_id).first()
    if response is None or response.link_key != data.get("k"):
        raise InvalidLink("revoked")
    return response
