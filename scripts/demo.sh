#!/usr/bin/env bash
# Installs everything, prepares the demo database and starts the kiosk in supervised demo mode.
# With no display (a headless machine) it runs the same under Xvfb on a 1920x1080 virtual screen.
# Extra arguments go to `kiosk run` (e.g. --windowed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
venv/bin/kiosk db init --demo
venv/bin/kiosk db seed-demo
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: no display found, running under Xvfb (virtual 1920x1080 screen)"
  exec xvfb-run -a -s "-screen 0 1920x1080x24" venv/bin/kiosk run --demo "$@"
fi
exec venv/bin/kiosk run --demo "$@"
