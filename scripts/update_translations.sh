#!/usr/bin/env bash
# Re-extract the translatable strings into locale/en/LC_MESSAGES/django.po and compile django.mo.
# Existing English translations stay in the .po file (makemessages merges); new strings arrive
# with an empty msgstr for a translator to fill. The compiled .mo is committed so that
# `make run` and `make test` need no GNU gettext; this script does (apt-get install gettext).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
IGNORE=(--ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --ignore=hearings/nlp/training
        --ignore=staticfiles --ignore=media --ignore=var)
"$PY" manage.py makemessages -l en "${IGNORE[@]}" -v 0
"$PY" manage.py compilemessages -l en "${IGNORE[@]}" -v 0
msgfmt --statistics -o /dev/null locale/en/LC_MESSAGES/django.po
