"""URL converter for database ids: a number the database can hold, or no match (404).

Django's ``<int:...>`` accepts any number of digits; an id past the database's integer range then
reached the query and answered 500 ("Python int too large"). ``<id:...>`` stops it at routing.
"""

from django.urls import register_converter

MAX_ID = 2**31 - 1


class DatabaseIdConverter:
    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(DatabaseIdConverter, "id")
