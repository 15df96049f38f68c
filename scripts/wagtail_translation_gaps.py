"""Lists Wagtail admin strings that no bokmål catalogue translates (exit status 1 if any).

Wagtail's own nb catalogue lags behind its source; what it lacks, cms/wagtail_locale/nb/ supplies.
After a Wagtail upgrade run this (``make messages`` does) and translate what it prints there.
Only the apps in INSTALLED_APPS count. Needs no GNU gettext: it reads Wagtail's English .po files
for the strings and the compiled .mo files for the translations.
"""

from __future__ import annotations

import ast
import gettext
import glob
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402


def translated_keys(mo_files) -> set[str]:
    keys = set()
    for path in mo_files:
        with open(path, "rb") as handle:
            for key in gettext.GNUTranslations(handle)._catalog:
                keys.add(key[0] if isinstance(key, tuple) else key)
    return keys


def po_entries(path: str):
    """(context, msgid) of every active entry of a .po file."""
    entry, field = {}, None
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.get("msgid"):
                yield entry.get("msgctxt"), entry["msgid"]
            entry, field = {}, None
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and field:
            entry[field] += ast.literal_eval(line)
        else:
            keyword, _space, value = line.partition(" ")
            field = keyword
            entry[field] = ast.literal_eval(value)


def main() -> int:
    wagtail_apps = [a for a in apps.get_app_configs() if a.name.startswith("wagtail")]
    nb_catalogues = [
        *glob.glob(
            f"{Path(django.__file__).parent}/**/locale/nb/LC_MESSAGES/django.mo", recursive=True
        ),
        *(f"{a.path}/locale/nb/LC_MESSAGES/django.mo" for a in wagtail_apps),
        *(f"{p}/nb/LC_MESSAGES/django.mo" for p in settings.LOCALE_PATHS),
    ]
    have = translated_keys(p for p in nb_catalogues if os.path.exists(p))
    missing = []
    for app in wagtail_apps:
        source = f"{app.path}/locale/en/LC_MESSAGES/django.po"
        if not os.path.exists(source):
            continue
        for context, msgid in po_entries(source):
            key = f"{context}\x04{msgid}" if context else msgid
            if key not in have:
                missing.append((app.name, context, msgid))
    for name, context, msgid in missing:
        print(f"{name}: {'[' + context + '] ' if context else ''}{msgid!r}")
    print(f"{len(missing)} Wagtail strings without a bokmål translation", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
