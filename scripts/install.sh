#!/usr/bin/env bash
# Installs everything the kiosk and its tests need on a fresh Debian 12 machine:
# system packages (Qt's X11/EGL libraries, Xvfb, Chinese fonts), then a venv with the pinned stack.
# Idempotent: run it again after a pull. Needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-dev build-essential
  # Qt's xcb and offscreen platforms (libxcb-icccm4/keysyms1 are the ones Qt's error message misnames)
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libxcb-shm0 libxrender1 libx11-xcb1
  # Qt Virtual Keyboard loads libpulse for its key-click sound
  libpulse0
  # a virtual screen when the terminal has no display, and tools to look at what it shows
  xvfb xauth poppler-utils
  # real taps on the X server (tests/ui/keyboard_room_probe.py: a text field focused as a finger does)
  xdotool
  # the concurrency tests start a private PostgreSQL cluster (initdb/pg_ctl) in a temporary folder
  postgresql
  # Chinese fonts: WenQuanYi is TrueType (reportlab can embed it); Noto CJK for the screen
  fonts-wqy-microhei fonts-wqy-zenhei fonts-noto-cjk
  # QR decoding in tests, independent of the encoder
  zbar-tools
  # citizen-card reader: PC/SC daemon, headers to build pyscard, vpcd virtual reader for the tests
  pcscd libpcsclite-dev vsmartcard-vpcd
  # pseudo-terminal pairs for the serial-device simulators
  socat
  # A4 printing through CUPS; cups-pdf is the test printer
  cups cups-client cups-bsd printer-driver-cups-pdf
  # voice guidance: espeak-ng speaks Mandarin offline (the speech tests render it to WAV files);
  # amixer (alsa-utils) reads the headphone jack
  espeak-ng alsa-utils
)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=$(dpkg-query -W -f='${Package} ${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null | grep -vc "install ok installed" || true)
if [ "$missing" != "0" ] || ! dpkg-query -W "${APT_PACKAGES[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${APT_PACKAGES[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x venv/bin/python ]; then
  "$PYTHON" -m venv venv
fi
venv/bin/pip install --quiet --upgrade "pip<27"
venv/bin/pip install --quiet -e ".[test]"
# face_recognition's metadata asks for `dlib` (a 15-minute compile); pyproject brings dlib-bin instead.
venv/bin/pip install --quiet --no-deps "face_recognition==1.3.0"
echo "install: done ($(venv/bin/python --version))"
