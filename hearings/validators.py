"""Validators for respondent data."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def org_number_is_valid(value: str) -> bool:
    """Norwegian organisation number: 9 digits, the last a modulus-11 check digit."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:8], ORG_NUMBER_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(value[8])


def normalise_org_number(value: str) -> str:
    return "".join(value.split())


def validate_org_number(value: str) -> None:
    if not org_number_is_valid(normalise_org_number(value)):
        raise ValidationError(
            _(
                "Organisasjonsnummeret må ha 9 siffer og være et gyldig nummer fra Enhetsregisteret. "
                "Sjekk at du har skrevet det riktig."
            ),
            code="org_number",
        )
