"""Signed, expiring, single-purpose links for respondents. Each purpose has its own salt."""

from __future__ import annotations

import base64
import binascii

from django.conf import settings
from django.core import signing

from .models.responses import Response

EDIT_SALT = "hearings.response.edit"
RECEIPT_SALT = "hearings.response.receipt"


class InvalidLink(Exception):
    pass


def _max_age() -> int:
    return settings.RESPONSE_LINK_MAX_AGE_DAYS * 24 * 3600


def make_token(*, response, salt: str) -> str:
    """A URL-safe token; re-encoded because Wagtail's page URLs only allow [A-Za-z0-9_-] segments."""
    signed = signing.TimestampSigner(salt=salt).sign_object(
        {"r": response.pk, "h": response.hearing_id, "k": response.link_key}
    )
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def _decode(token: str) -> str:
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise InvalidLink("malformed") from error


def read_token_payload(*, token: str, salt: str, hearing_id: int) -> dict:
    """What a link says (``r`` response id, ``k`` link key), checked without the database;
    raises InvalidLink when forged, expired or for another hearing."""
    try:
        data = signing.TimestampSigner(salt=salt).unsign_object(_decode(token), max_age=_max_age())
    except signing.BadSignature as error:  # includes SignatureExpired
        raise InvalidLink(str(error)) from error
    if not isinstance(data, dict) or data.get("h") != hearing_id:
        raise InvalidLink("wrong hearing")
    return data


def read_token(*, token: str, salt: str, hearing_id: int):
    """The response a link points to; raises InvalidLink when forged, expired or revoked."""
    data = read_token_payload(token=token, salt=salt, hearing_id=hearing_id)
    response = Response.objects.filter(pk=data.get("r"), hearing_id=hearing_id).first()
    if response is None or response.link_key != data.get("k"):
        raise InvalidLink("revoked")
    return response
