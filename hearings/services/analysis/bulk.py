"""Insert many new rows at once: PostgreSQL ``COPY``, ``bulk_create`` elsewhere.

Why: a 100,000-passage hearing writes about 100,000 passages, as many goal labels and theme
links. With ``bulk_create`` most of that time was Django building and PostgreSQL parsing huge
``INSERT`` statements (measured: about two thirds of the store step was Python-side statement
assembly). ``COPY`` streams plain rows in one command per table and batch. Passages need their
ids before their labels can point at them, so ids are drawn from the table's sequence first
(one query for the whole batch). No model ``save()`` and no ``post_save`` signal runs, exactly as
with ``bulk_create``: search indexing follows the finished run instead (``search/signals.py``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.db import connection, models

#: Rows per ``bulk_create`` statement where COPY is not available (SQLite caps it lower itself).
WRITE_BATCH = 2000


def _converter(field: models.Field):
    """How one field's attribute becomes a COPY value (what ``get_db_prep_save`` would give)."""
    if isinstance(field, models.JSONField):
        encoder = field.encoder

        def dump(obj):
            value = getattr(obj, field.attname)
            return None if value is None else json.dumps(value, cls=encoder, ensure_ascii=False)

        return dump
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.pre_save(obj, True)
    attname = field.attname
    return lambda obj: getattr(obj, attname)


def insert(model: type[models.Model], objs: Sequence[models.Model], *, need_ids: bool = False):
    """Insert ``objs`` (new, unsaved); with ``need_ids`` each object gets its ``pk`` set."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=WRITE_BATCH)
        return
    meta = model._meta
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if need_ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objs)],
            )
            for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
                obj.pk = pk
        fields = [f for f in meta.concrete_fields if need_ids or not f.primary_key]
        converters = [_converter(f) for f in fields]
        columns = ", ".join(quote(f.column) for f in fields)
        sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for obj in objs:
                copy.write_row([convert(obj) for convert in converters])
    if need_ids:
        for obj in objs:
            obj._state.adding = False
            obj._state.db = connection.alias
