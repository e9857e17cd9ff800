#!/bin/sh
# Updates the English catalogue after Chinese texts changed, then compiles it (kiosk/i18n.py).
#   scripts/i18n.sh          extract → update kiosk/locale/en/LC_MESSAGES/kiosk.po → compile .mo
# New or changed texts arrive in the .po with an empty msgstr: fill them in, run this again, and
# `pytest tests/test_i18n.py` lists any text still missing (with the file it comes from).
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-/work/main/venv/bin/python}
export PYTHONPATH=.
"$PY" -m babel.messages.frontend extract -F babel.cfg --no-location --sort-output --no-wrap \
    --project=sip-kiosk -o kiosk/locale/kiosk.pot .
if [ -f kiosk/locale/en/LC_MESSAGES/kiosk.po ]; then
    "$PY" -m babel.messages.frontend update -i kiosk/locale/kiosk.pot -d kiosk/locale -D kiosk -l en \
        --no-fuzzy-matching --ignore-obsolete --no-wrap
else
    "$PY" -m babel.messages.frontend init -i kiosk/locale/kiosk.pot -d kiosk/locale -D kiosk -l en --no-wrap
fi
# No creation dates: a rerun with nothing new changes no file (and makes no merge conflict).
sed -i '/^"POT-Creation-Date:/d; /^"PO-Revision-Date:/d' kiosk/locale/kiosk.pot kiosk/locale/en/LC_MESSAGES/kiosk.po
"$PY" -m babel.messages.frontend compile -d kiosk/locale -D kiosk -l en
