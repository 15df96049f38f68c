#!/usr/bin/env bash
# Our strings are written in bokmål; locale/en/ holds their English translation. This script
# re-extracts them into locale/en/LC_MESSAGES/django.po and compiles django.mo: existing English
# translations stay (makemessages merges); new strings arrive with an empty msgstr for a
# translator to fill.
# Wagtail's admin strings are English with a bokmål catalogue that has gaps; cms/wagtail_locale/nb/
# fills them, and the last step lists any string still missing (after a Wagtail upgrade) and fails.
# The compiled .mo files are committed so that `make run` and `make test` need no GNU gettext;
# this script does (apt-get install gettext).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
IGNORE=(--ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --ignore=hearings/nlp/training
        --ignore=staticfiles --ignore=media --ignore=var)
"$PY" manage.py makemessages -l en "${IGNORE[@]}" -v 0
"$PY" manage.py compilemessages -l en "${IGNORE[@]}" -v 0
msgfmt --statistics -o /dev/null locale/en/LC_MESSAGES/django.po
msgfmt --check --statistics -o cms/wagtail_locale/nb/LC_MESSAGES/django.mo cms/wagtail_locale/nb/LC_MESSAGES/django.po
"$PY" scripts/wagtail_translation_gaps.py
