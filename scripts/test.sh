#!/usr/bin/env bash
# Installs everything and runs the whole test suite. Qt tests run offscreen; the few that need a
# real X window start their own Xvfb. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export QT_QPA_PLATFORM=offscreen
exec venv/bin/python -m pytest "$@"
